/**
 * The Trends page's URL and figures: its range beside the feed's filters, the feed's address for
 * a bucket's span, and the series its charts draw.
 */
import { TIER_KEYS, TREND_RANGES, type TierKey, type TrendBucket, type TrendRange } from '../api/types';
import { serializeFilters, type Filters } from './filters';

export const DEFAULT_TREND_RANGE: TrendRange = '7d';

export const TREND_RANGE_LABELS: Record<TrendRange, string> = {
  '24h': 'Last 24 hours, by hour',
  '7d': 'Last 7 days, by 6 hours',
  '30d': 'Last 30 days, by day',
  '90d': 'Last 90 days, by day',
};

export function isTrendRange(value: unknown): value is TrendRange {
  return typeof value === 'string' && (TREND_RANGES as readonly string[]).includes(value);
}

/** The range a Trends address names (the feed's own presets, e.g. 1h, are not ranges here). */
export function parseTrendRange(search: string | URLSearchParams): TrendRange {
  const range = (typeof search === 'string' ? new URLSearchParams(search) : search).get('range');
  return isTrendRange(range) ? range : DEFAULT_TREND_RANGE;
}

/** The filters Trends applies: the feed's, without its dates (the range replaces them). */
export function trendFilters(filters: Filters): Filters {
  return { ...filters, range: null, since: null, until: null };
}

/** "?tier=investor&range=30d" for the Trends page (the default range left out). */
export function trendsSearch(filters: Filters, range: TrendRange): string {
  const params = serializeFilters(trendFilters(filters));
  if (range !== DEFAULT_TREND_RANGE) params.set('range', range);
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** The API's parameters for a range in a zone, with the filters. */
export function trendParams(filters: Filters, range: TrendRange, zone: string): Record<string, string> {
  const params: Record<string, string> = { range, tz: zone };
  serializeFilters(trendFilters(filters)).forEach((value, key) => {
    params[key] = value;
  });
  return params;
}

/**
 * The feed's address for the posts of one bucket: its filters, from the bucket's start to just
 * before its end (the feed's `until` is inclusive, and stored times are whole milliseconds).
 */
export function feedForSpan(filters: Filters, start: string, end: string): string {
  const params = serializeFilters({ ...trendFilters(filters), since: start, until: new Date(Date.parse(end) - 1).toISOString() });
  return `/?${params.toString()}`;
}

/** The share of a bucket's posts that are significant, in percent (null without posts). */
export function significantShare(counts: { posts: number; significant: number }): number | null {
  return counts.posts > 0 ? (100 * counts.significant) / counts.posts : null;
}

/**
 * Cumulative posts per tier for a stacked chart: entry i holds, per bucket, the posts of
 * TIER_KEYS[0..i]. Drawn from the last to the first, each tier shows as its own band.
 */
export function stackedTiers(buckets: TrendBucket[]): number[][] {
  const stacks: number[][] = [];
  let below = buckets.map(() => 0);
  for (const tier of TIER_KEYS) {
    below = buckets.map((b, i) => below[i] + (b.tiers[tier]?.posts ?? 0));
    stacks.push(below);
  }
  return stacks;
}

export const TIER_LABELS: Record<TierKey, string> = {
  teammate: 'Teammate',
  influencer: 'Influencer',
  ecosystem: 'Ecosystem',
  investor: 'Investor',
  none: 'No tier',
};
