import { useSyncExternalStore } from 'react';
import { absoluteTime, relativeTime } from '../lib/format';

/**
 * One clock for every relative time on the page: a tick re-renders the <time> elements whose
 * text changes, not the cards around them.
 */
const TICK_MS = 30_000;
const listeners = new Set<() => void>();
let now = Date.now();
let timer: number | undefined;

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (timer === undefined) {
    now = Date.now();
    timer = window.setInterval(tick, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      window.clearInterval(timer);
      timer = undefined;
    }
  };
}

/** Moves the clock on and re-renders every relative time (what the interval does every 30 s). */
export function tick(at = Date.now()) {
  now = at;
  listeners.forEach((l) => l());
}

const snapshot = () => now;

/** The shared clock's time, for components that show a relative time of their own. */
export function useClock(): number {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}

/**
 * "5m ago", kept up to date by the shared clock. The text is the store's snapshot, so a tick
 * re-renders only the times whose text it changes ("5m ago" → "6m ago"), not the thousands that
 * still read "3d ago".
 */
export function RelativeTime({ iso, zone, className }: { iso: string; zone: string; className?: string }) {
  const text = useSyncExternalStore(subscribe, () => relativeTime(iso, now, zone));
  return (
    <time className={className} dateTime={iso} title={absoluteTime(iso, zone)}>
      {text}
    </time>
  );
}
