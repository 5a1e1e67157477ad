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
export function relativeTime(iso: string, nowMs: number, zone?: string): string {
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

function dtf(key: string, zone: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `${key}|${zone ?? ''}`;
  let f = dateCache.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat(undefined, { ...options, timeZone: zone });
    dateCache.set(id, f);
  }
  return f;
}

/** "Nov 27, 2026, 09:03:59 GMT+1" in the viewer's (or the given) zone. */
export function absoluteTime(iso: string, zone?: string): string {
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
export function shortDateTime(iso: string, zone?: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return dtf('sdt', zone, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(ms);
}

export function shortDate(iso: string, zone?: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return dtf('sd', zone, { month: 'short', day: 'numeric', year: 'numeric' }).format(ms);
}

/** "09:03". */
export function timeOfDay(iso: string, zone?: string): string {
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

/** "initial_capture" → "Initial capture". */
export function humanize(key: string): string {
  const s = key.replace(/[_-]+/g, ' ').trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
}
