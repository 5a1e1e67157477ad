/** Light, dark or the system's choice; remembered in localStorage, applied as <html data-theme>. */
import { useCallback, useEffect, useSyncExternalStore } from 'react';

export type ThemeChoice = 'light' | 'dark' | 'system';
export type Theme = 'light' | 'dark';

const KEY = 'xmonitor.theme';
const listeners = new Set<() => void>();
const media = typeof window !== 'undefined' ? window.matchMedia('(prefers-color-scheme: dark)') : null;

function stored(): ThemeChoice {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

let choice: ThemeChoice = typeof window !== 'undefined' ? stored() : 'system';

export function resolveTheme(c: ThemeChoice, systemDark: boolean): Theme {
  return c === 'system' ? (systemDark ? 'dark' : 'light') : c;
}

function snapshot(): Theme {
  return resolveTheme(choice, media?.matches ?? false);
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  media?.addEventListener('change', listener);
  return () => {
    listeners.delete(listener);
    media?.removeEventListener('change', listener);
  };
}

export function applyTheme(theme: Theme = snapshot()) {
  document.documentElement.dataset.theme = theme;
  document.documentElement.style.colorScheme = theme;
}

export function useTheme(): [Theme, () => void] {
  const theme = useSyncExternalStore(subscribe, snapshot, (): Theme => 'light');
  useEffect(() => applyTheme(theme), [theme]);
  const toggle = useCallback(() => {
    const next: Theme = snapshot() === 'dark' ? 'light' : 'dark';
    // Back to "system" when the choice matches it, so a later system change is followed again.
    choice = next === (media?.matches ? 'dark' : 'light') ? 'system' : next;
    try {
      if (choice === 'system') localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, choice);
    } catch {
      // storage unavailable: the choice lasts for this page
    }
    listeners.forEach((l) => l());
  }, []);
  return [theme, toggle];
}
