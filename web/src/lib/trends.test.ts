import { describe, expect, it } from 'vitest';
import type { TrendBucket } from '../api/types';
import { EMPTY_FILTERS, parseFilters } from './filters';
import { feedForSpan, parseTrendRange, significantShare, stackedTiers, trendParams, trendsSearch } from './trends';

const counts = (posts: number, significant = 0) => ({ posts, significant });
const bucket = (teammate: number, none: number): TrendBucket => ({
  start: '2026-03-28T23:00:00.000Z',
  end: '2026-03-29T22:00:00.000Z',
  posts: teammate + none,
  significant: 0,
  tiers: { teammate: counts(teammate), influencer: counts(0), ecosystem: counts(1), investor: counts(0), none: counts(none) },
});

describe('trends', () => {
  it('reads its range and ignores the feed’s presets', () => {
    expect(parseTrendRange('?range=90d')).toBe('90d');
    expect(parseTrendRange('?range=1h')).toBe('7d');
    expect(parseTrendRange('')).toBe('7d');
  });

  it('keeps the feed’s filters and drops its dates', () => {
    const filters = parseFilters('?tier=investor&handle=a+b&since=2026-01-01T00:00:00Z&q=gas');
    expect(trendsSearch(filters, '30d')).toBe('?tier=investor&handle=a+b&q=gas&range=30d');
    expect(trendsSearch(EMPTY_FILTERS, '7d')).toBe('');
    expect(trendParams(filters, '24h', 'Europe/Berlin')).toEqual({ range: '24h', tz: 'Europe/Berlin', tier: 'investor', handle: 'a b', q: 'gas' });
  });

  it('opens the feed for a bucket from its start to the millisecond before its end', () => {
    const url = feedForSpan(parseFilters('?significant=true&range=24h'), '2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z');
    const params = new URLSearchParams(url.slice(2));
    expect(url.startsWith('/?')).toBe(true);
    expect(params.get('significant')).toBe('true');
    expect(params.get('since')).toBe('2026-03-28T23:00:00.000Z');
    expect(params.get('until')).toBe('2026-03-29T21:59:59.999Z');
    expect(params.get('range')).toBeNull();
  });

  it('stacks tiers in order', () => {
    const stacks = stackedTiers([bucket(2, 3), bucket(0, 1)]);
    expect(stacks).toEqual([
      [2, 0],
      [2, 0],
      [3, 1],
      [3, 1],
      [6, 2],
    ]);
  });

  it('gives no share without posts', () => {
    expect(significantShare(counts(0))).toBeNull();
    expect(significantShare(counts(4, 1))).toBe(25);
  });
});
