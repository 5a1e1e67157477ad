/** Display formats for times and counts; the zone and locale are explicit for tests. */

const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });
const full = new Intl.NumberFormat('en');

/** 1234 → "1.2K". */
export function compactNumber(n: number): string {
  return compact.format(n);
}

/** 1234 → "1,234". */
export function fullNumber(n: number): string {
  return full.format(n);
}

/** "just now", "5m ago", "3h ago", "2d ago", then a date. */
export function relativeTime(iso: string, nowMs: number, zone: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const seconds = Math.round((nowMs - ms) / 1000);
  if (seconds < 45 && seconds > -45) return 'just now';
  if (seconds < 0) return absoluteTime(iso, zone);
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes}m ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours}h ago`;
  const days = Math.round(hours / 24);
  if (days < 7) return `${days}d ago`;
  return shortDate(iso, zone);
}

const dateCache = new Map<string, Intl.DateTimeFormat>();

function dtf(key: string, zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `${key}|${zone ?? ''}`;
  let f = dateCache.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat(undefined, { ...options, timeZone: zone });
    dateCache.set(id, f);
  }
  return f;
}

/** "Nov 27, 2026, 09:03:59 GMT+1" in the viewer's (or the given) zone. */
export function absoluteTime(iso: string, zone: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return dtf('abs', zone, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZoneName: 'short',
  }).format(ms);
}

/** "Nov 27, 09:03". */
export function shortDateTime(iso: string, zone: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return dtf('sdt', zone, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(ms);
}

export function shortDate(iso: string, zone: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return dtf('sd', zone, { month: 'short', day: 'numeric', year: 'numeric' }).format(ms);
}

/** "09:03". */
export function timeOfDay(iso: string, zone: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return dtf('tod', zone, { hour: '2-digit', minute: '2-digit' }).format(ms);
}

/** "rolling_2h" → "Last 2 hours". */
export function windowLabel(windowType: string): string {
  const m = /^rolling_(\d+)([hd])$/.exec(windowType);
  if (!m) return windowType.replace(/_/g, ' ');
  const n = Number(m[1]);
  const unit = m[2] === 'h' ? 'hour' : 'day';
  return `Last ${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** "rolling_12h" → "12-hour" (a window type that is not rolling_N[hd] as it is). */
export function windowLength(windowType: string): string {
  const m = /^rolling_(\d+)([hd])$/.exec(windowType);
  return m ? `${m[1]}-${m[2] === 'h' ? 'hour' : 'day'}` : windowType;
}

/** "initial_capture" → "Initial capture". */
export function humanize(key: string): string {
  const s = key.replace(/[_-]+/g, ' ').trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const HOUR_MS = 3_600_000;

/**
 * A bucket as the reader's clock shows it: "Sun, Mar 29" for a day (with its length when a clock
 * change made it other than 24 hours), "Mar 29, 06:00–12:00" for six hours, "Mar 29, 14:00–15:00"
 * for an hour (with the offset when the clock shows the hour twice or skips into it).
 */
export function bucketLabel(startIso: string, endIso: string, unit: 'hour' | '6h' | 'day', zone: string): string {
  const start = Date.parse(startIso);
  const end = Date.parse(endIso);
  if (Number.isNaN(start) || Number.isNaN(end)) return `${startIso} – ${endIso}`;
  const hours = Math.round((end - start) / HOUR_MS);
  if (unit === 'day') {
    const day = dtf('bday', zone, { weekday: 'short', month: 'short', day: 'numeric' }).format(start);
    return hours === 24 ? day : `${day} (${hours} h)`;
  }
  const date = dtf('bdate', zone, { month: 'short', day: 'numeric' }).format(start);
  const time = (ms: number) => dtf('btime', zone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);
  const label = `${date}, ${time(start)}–${time(end)}`;
  const odd = end - start !== (unit === 'hour' ? 1 : 6) * HOUR_MS || time(start) === time(end) || time(start) === time(start - HOUR_MS);
  if (odd) {
    // A clock change within or around the bucket: each end with its offset says which showing it is.
    const zoneName = (ms: number) =>
      dtf('bzone', zone, { timeZoneName: 'short' }).formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? '';
    return `${date}, ${time(start)} ${zoneName(start)} – ${time(end)} ${zoneName(end)}`;
  }
  return label;
}

/** An X handle as shown: one leading "@" whatever the source sent ("alice", "@alice"). */
export function formatHandle(handle: string): string {
  return `@${bareHandle(handle)}`;
}

/** An X handle without its "@", as the API's `handle` filter takes it. */
export function bareHandle(handle: string): string {
  return handle.trim().replace(/^@+/, '');
}

/** The display name to show beside a handle, or null when there is none or it only repeats the handle. */
export function displayName(display: string | null | undefined, handle: string): string | null {
  if (!display || !display.trim()) return null;
  return bareHandle(display) === bareHandle(handle) ? null : display;
}
