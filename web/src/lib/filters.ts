/**
 * The feed's filters and their place in the URL. Parsing is lenient (unknown values of a fixed
 * set are dropped), free text is kept as typed so the API can judge it, and serialising writes
 * a canonical query string, so parse(serialise(f)) == f and serialise(parse(s)) is canonical.
 */
import { TIERS, type Tier } from '../api/types';
import { bareHandle, formatHandle } from './format';
import { RANGE_PRESETS, PRESET_LABELS, isRangePreset, presetSince, type RangePreset } from './timezone';

export type Significance = 'any' | 'yes' | 'no';

export interface Filters {
  tier: Tier | null;
  /** Handles without "@", lower-case, in the order typed. */
  handles: string[];
  significant: Significance;
  q: string;
  /** A preset range ending now; wins over since/until. */
  range: RangePreset | null;
  /** Custom range bounds as ISO-8601 UTC instants (or as found in a shared URL). */
  since: string | null;
  until: string | null;
}

export const EMPTY_FILTERS: Filters = Object.freeze({
  tier: null,
  handles: [],
  significant: 'any',
  q: '',
  range: null,
  since: null,
  until: null,
});

export type FilterField = 'tier' | 'handle' | 'significant' | 'q' | 'range';

export function isTier(value: unknown): value is Tier {
  return typeof value === 'string' && (TIERS as readonly string[]).includes(value);
}

/** "@Alice, bob  carol" → ["alice", "bob", "carol"]; duplicates dropped. */
export function parseHandles(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/[\s,]+/)) {
    const handle = bareHandle(raw).toLowerCase();
    if (handle && !out.includes(handle)) out.push(handle);
  }
  return out;
}

export function formatHandles(handles: string[]): string {
  return handles.map(formatHandle).join(' ');
}

function nonEmpty(value: string | null): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** Filters from a query string ("?tier=teammate&handle=a+b"). */
export function parseFilters(search: string | URLSearchParams): Filters {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const tier = params.get('tier');
  const significant = params.get('significant');
  const range = params.get('range');
  const filters: Filters = {
    tier: isTier(tier) ? tier : null,
    handles: parseHandles(params.get('handle') ?? ''),
    significant: significant === 'true' ? 'yes' : significant === 'false' ? 'no' : 'any',
    q: params.get('q') ?? '',
    range: isRangePreset(range) ? range : null,
    since: null,
    until: null,
  };
  if (!filters.range) {
    filters.since = nonEmpty(params.get('since'));
    filters.until = nonEmpty(params.get('until'));
  }
  return filters;
}

/** The canonical query parameters of `filters` (defaults left out). */
export function serializeFilters(filters: Filters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.tier) params.set('tier', filters.tier);
  if (filters.handles.length) params.set('handle', filters.handles.join(' '));
  if (filters.significant !== 'any') params.set('significant', filters.significant === 'yes' ? 'true' : 'false');
  if (filters.q) params.set('q', filters.q);
  if (filters.range) {
    params.set('range', filters.range);
  } else {
    if (filters.since) params.set('since', filters.since);
    if (filters.until) params.set('until', filters.until);
  }
  return params;
}

/** "?tier=teammate" or "" — for links that keep the filters. */
export function filtersSearch(filters: Filters): string {
  const s = serializeFilters(filters).toString();
  return s ? `?${s}` : '';
}

export function sameFilters(a: Filters, b: Filters): boolean {
  return serializeFilters(a).toString() === serializeFilters(b).toString();
}

export function isEmptyFilters(filters: Filters): boolean {
  return serializeFilters(filters).toString() === '';
}

/**
 * The API's query parameters. A preset becomes a `since` computed from `nowMs` in `zone`; the
 * caller fixes `nowMs` while it pages, so every page names the same filters as the cursor.
 */
export function toApiParams(filters: Filters, nowMs: number, zone: string): Record<string, string> {
  const params: Record<string, string> = {};
  if (filters.range) {
    params.since = presetSince(filters.range, nowMs, zone);
  } else {
    if (filters.since) params.since = filters.since;
    if (filters.until) params.until = filters.until;
  }
  if (filters.tier) params.tier = filters.tier;
  if (filters.handles.length) params.handle = filters.handles.join(' ');
  if (filters.significant !== 'any') params.significant = filters.significant === 'yes' ? 'true' : 'false';
  const q = filters.q.trim();
  if (q) params.q = q;
  return params;
}

export interface ActiveFilter {
  field: FilterField;
  label: string;
  /** The filters without this one. */
  without: Filters;
}

/** What is filtered, for the "active filters" summary; `formatInstant` renders range bounds. */
export function activeFilters(filters: Filters, formatInstant: (iso: string) => string): ActiveFilter[] {
  const out: ActiveFilter[] = [];
  if (filters.tier) out.push({ field: 'tier', label: `Tier: ${filters.tier}`, without: { ...filters, tier: null } });
  if (filters.handles.length) {
    out.push({ field: 'handle', label: `From ${formatHandles(filters.handles)}`, without: { ...filters, handles: [] } });
  }
  if (filters.significant !== 'any') {
    out.push({
      field: 'significant',
      label: filters.significant === 'yes' ? 'Significant only' : 'Not significant',
      without: { ...filters, significant: 'any' },
    });
  }
  if (filters.q.trim()) out.push({ field: 'q', label: `Text: “${filters.q.trim()}”`, without: { ...filters, q: '' } });
  const noRange = { ...filters, range: null, since: null, until: null };
  if (filters.range) {
    out.push({ field: 'range', label: PRESET_LABELS[filters.range], without: noRange });
  } else if (filters.since || filters.until) {
    const show = (iso: string) => (Number.isNaN(Date.parse(iso)) ? iso : formatInstant(iso));
    const label =
      filters.since && filters.until
        ? `${show(filters.since)} – ${show(filters.until)}`
        : filters.since
          ? `From ${show(filters.since)}`
          : `Until ${show(filters.until!)}`;
    out.push({ field: 'range', label, without: noRange });
  }
  return out;
}

export { RANGE_PRESETS, PRESET_LABELS };
