/**
 * Entries of the JSON fields summaries and shifts carry (themes, debates, positions): objects
 * from today's collector, plain strings from older ones; read by the names collectors use.
 */
import type { JsonObject } from '../api/types';

export function asObject(value: unknown): JsonObject {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : {};
}

export function entryText(value: unknown, ...keys: string[]): string | null {
  const o = asObject(value);
  for (const k of keys) {
    const v = o[k];
    if (typeof v === 'string' && v.trim()) return v;
  }
  return null;
}

export function entryNumber(value: unknown, ...keys: string[]): number | null {
  const o = asObject(value);
  for (const k of keys) {
    const v = o[k];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
  }
  return null;
}

/** An entry's name: its theme, topic or label, or the string itself. */
export function entryLabel(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return entryText(value, 'theme', 'name', 'label', 'title', 'topic', 'question', 'handle') ?? JSON.stringify(value);
}

/** How an entry's count moved ("3 → 7"), its count alone, or null when it has none. */
export function entryChange(value: unknown): { previous: number | null; now: number } | null {
  const now = entryNumber(value, 'posts', 'count', 'mentions', 'now', 'current');
  if (now === null) return null;
  return { previous: entryNumber(value, 'previous', 'before', 'prior'), now };
}
