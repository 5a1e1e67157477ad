/**
 * The time zone every timestamp, date input and chart uses: the viewer's own (the default), UTC
 * or any IANA zone, remembered in localStorage.
 */
import { useSyncExternalStore } from 'react';
import { isValidZone, viewerZone } from './timezone';

export const ZONE_KEY = 'xmonitor.zone';
/** The stored value for "whatever zone this browser is in", followed when the device moves. */
export const VIEWER = 'viewer';

const listeners = new Set<() => void>();

/** The stored choice: VIEWER, or an IANA zone this runtime knows (anything else reads as VIEWER). */
export function storedZoneChoice(): string {
  try {
    const v = localStorage.getItem(ZONE_KEY);
    return v && v !== VIEWER && isValidZone(v) ? v : VIEWER;
  } catch {
    return VIEWER;
  }
}

let choice = typeof window !== 'undefined' ? storedZoneChoice() : VIEWER;

export function resolveZone(c: string): string {
  return c === VIEWER ? viewerZone() : c;
}

export function setZoneChoice(next: string) {
  if (next !== VIEWER && !isValidZone(next)) return;
  choice = next;
  try {
    if (next === VIEWER) localStorage.removeItem(ZONE_KEY);
    else localStorage.setItem(ZONE_KEY, next);
  } catch {
    // storage unavailable: the choice lasts for this page
  }
  listeners.forEach((l) => l());
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  const onStorage = (e: StorageEvent) => {
    if (e.key === ZONE_KEY) {
      choice = storedZoneChoice();
      listener();
    }
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

const snapshot = () => choice;

/** [the choice (VIEWER or a zone), the zone it means]. */
export function useZone(): [string, string] {
  const c = useSyncExternalStore(subscribe, snapshot, snapshot);
  return [c, resolveZone(c)];
}

/** Every IANA zone the runtime knows, UTC first. */
export function knownZones(): string[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return ['UTC', ...all.filter((z) => z !== 'UTC')];
}
