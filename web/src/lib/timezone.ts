/**
 * Wall-clock time in an IANA time zone ↔ UTC instants, with Intl only. Every function takes the
 * zone explicitly, so the results do not depend on the zone of the machine running them.
 */

export interface WallTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second?: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The viewer's zone, e.g. "Europe/Berlin" (UTC when the runtime cannot tell). */
export function viewerZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** True when `zone` is an IANA zone this runtime knows. */
export function isValidZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock time in `zone` at the instant `epochMs` (whole seconds). */
export function wallTimeAt(zone: string, epochMs: number): Required<WallTime> {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(epochMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour === 24 ? 0 : parts.hour,
    minute: parts.minute,
    second: parts.second,
  };
}

function wallAsUtc(w: WallTime): number {
  const ms = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second ?? 0);
  // Date.UTC maps years 0-99 to 1900-1999; the dashboard never needs those, but stay exact.
  if (w.year >= 0 && w.year < 100) {
    const d = new Date(ms);
    d.setUTCFullYear(w.year);
    return d.getTime();
  }
  return ms;
}

/** Offset of `zone` from UTC at `epochMs`, in milliseconds (east positive). */
export function zoneOffsetMs(zone: string, epochMs: number): number {
  const seconds = Math.floor(epochMs / 1000) * 1000;
  return wallAsUtc(wallTimeAt(zone, seconds)) - seconds;
}

function sameWall(a: WallTime, b: WallTime): boolean {
  return (
    a.year === b.year &&
    a.month === b.month &&
    a.day === b.day &&
    a.hour === b.hour &&
    a.minute === b.minute &&
    (a.second ?? 0) === (b.second ?? 0)
  );
}

/**
 * The instant a wall-clock time in `zone` names. Like Temporal's "compatible" disambiguation:
 * a time that occurs twice (clocks turned back) is its earlier occurrence; a time skipped by
 * clocks turned forward is moved forward by the length of the gap.
 */
export function wallTimeToEpoch(zone: string, wall: WallTime): number {
  const local = wallAsUtc(wall);
  const before = zoneOffsetMs(zone, local - DAY);
  const after = zoneOffsetMs(zone, local + DAY);
  const candidates = [...new Set([before, after])]
    .map((offset) => local - offset)
    .filter((epoch) => sameWall(wallTimeAt(zone, epoch), { ...wall, second: wall.second ?? 0 }));
  if (candidates.length > 0) return Math.min(...candidates);
  // In a gap: read the wall time with the offset in force before the transition.
  return local - before;
}

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** Parses the value of an `<input type="datetime-local">` ("2026-03-08T02:30"). */
export function parseLocalInput(value: string): WallTime | null {
  const m = LOCAL_INPUT.exec(value.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCDate() !== day) return null;
  return { year, month, day, hour, minute, second };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The `datetime-local` value ("YYYY-MM-DDTHH:mm") showing `epochMs` in `zone`. */
export function toLocalInput(zone: string, epochMs: number): string {
  const w = wallTimeAt(zone, epochMs);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/** A `datetime-local` value read in `zone` as an ISO-8601 UTC instant, or null when invalid. */
export function localInputToIso(zone: string, value: string): string | null {
  const wall = parseLocalInput(value);
  return wall ? new Date(wallTimeToEpoch(zone, wall)).toISOString() : null;
}

/** An ISO-8601 instant as a `datetime-local` value in `zone` ("" when it does not parse). */
export function isoToLocalInput(zone: string, iso: string | null | undefined): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? '' : toLocalInput(zone, ms);
}

export const RANGE_PRESETS = ['1h', '24h', '7d', '30d'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

export const PRESET_LABELS: Record<RangePreset, string> = {
  '1h': 'Last hour',
  '24h': 'Last 24 hours',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
};

export function isRangePreset(value: unknown): value is RangePreset {
  return typeof value === 'string' && (RANGE_PRESETS as readonly string[]).includes(value);
}

/**
 * The start of a preset range ending at `nowMs`, as an ISO UTC instant. Hour presets are exact
 * durations; day presets go back whole calendar days in the viewer's zone, so "7 d" starts at
 * the same wall-clock time a week ago even across a daylight-saving change.
 */
export function presetSince(preset: RangePreset, nowMs: number, zone: string): string {
  switch (preset) {
    case '1h':
      return new Date(nowMs - HOUR).toISOString();
    case '24h':
      return new Date(nowMs - DAY).toISOString();
    case '7d':
    case '30d': {
      const days = preset === '7d' ? 7 : 30;
      const now = wallTimeAt(zone, nowMs);
      const start = new Date(Date.UTC(now.year, now.month - 1, now.day - days));
      const wall: WallTime = {
        year: start.getUTCFullYear(),
        month: start.getUTCMonth() + 1,
        day: start.getUTCDate(),
        hour: now.hour,
        minute: now.minute,
        second: now.second,
      };
      const ms = wallTimeToEpoch(zone, wall) + (nowMs % 1000 + 1000) % 1000;
      return new Date(ms).toISOString();
    }
  }
}

/** "UTC+01:00"-style label of the zone's offset at `epochMs`. */
export function offsetLabel(zone: string, epochMs: number): string {
  const minutes = Math.round(zoneOffsetMs(zone, epochMs) / 60_000);
  const sign = minutes < 0 ? '−' : '+';
  const abs = Math.abs(minutes);
  return `UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
