import { describe, expect, it } from 'vitest';
import {
  EMPTY_FILTERS,
  activeFilters,
  filtersSearch,
  isEmptyFilters,
  parseFilters,
  parseHandles,
  serializeFilters,
  toApiParams,
  type Filters,
} from './filters';

const full: Filters = {
  tier: 'investor',
  handles: ['alice', 'bob_2'],
  significant: 'yes',
  q: 'blob fees & more',
  range: null,
  since: '2026-11-01T00:00:00.000Z',
  until: '2026-11-02T12:30:00.000Z',
};

describe('filters ↔ URL', () => {
  it('round-trips every field', () => {
    const cases: Filters[] = [
      EMPTY_FILTERS,
      full,
      { ...EMPTY_FILTERS, range: '7d' },
      { ...EMPTY_FILTERS, significant: 'no', q: '  spaces kept  ' },
      { ...EMPTY_FILTERS, since: '2026-11-01T00:00:00.000Z' },
      { ...EMPTY_FILTERS, until: '2026-11-01T00:00:00.000Z', tier: 'teammate' },
      { ...EMPTY_FILTERS, q: 'ünïcødé 🚀 +%&=?#' },
    ];
    for (const filters of cases) {
      const search = serializeFilters(filters).toString();
      expect(parseFilters(search)).toEqual(filters);
      expect(parseFilters(`?${search}`)).toEqual(filters);
    }
  });

  it('writes a canonical query string', () => {
    expect(filtersSearch(EMPTY_FILTERS)).toBe('');
    expect(serializeFilters(full).toString()).toBe(
      'tier=investor&handle=alice+bob_2&significant=true&q=blob+fees+%26+more&since=2026-11-01T00%3A00%3A00.000Z&until=2026-11-02T12%3A30%3A00.000Z',
    );
    const messy = '?q=x&handle=@Bob%20%20alice,@BOB&tier=teammate&unknown=1';
    const canonical = serializeFilters(parseFilters(messy)).toString();
    expect(canonical).toBe('tier=teammate&handle=bob+alice&q=x');
    expect(serializeFilters(parseFilters(canonical)).toString()).toBe(canonical);
  });

  it('drops values outside a fixed set', () => {
    expect(parseFilters('tier=whale&significant=maybe&range=2y')).toEqual(EMPTY_FILTERS);
    expect(parseFilters('significant=false').significant).toBe('no');
  });

  it('lets a preset win over custom bounds', () => {
    const f = parseFilters('range=24h&since=2026-01-01T00:00:00Z&until=2026-01-02T00:00:00Z');
    expect(f).toEqual({ ...EMPTY_FILTERS, range: '24h' });
  });

  it('keeps free text as found, so the API can judge it', () => {
    expect(parseFilters('since=yesterday').since).toBe('yesterday');
    expect(parseFilters('handle=a-b').handles).toEqual(['a-b']);
    expect(isEmptyFilters(parseFilters('since=%20'))).toBe(true);
  });
});

describe('handles', () => {
  it('splits on spaces and commas, drops @ and duplicates, lower-cases', () => {
    expect(parseHandles(' @Alice, bob  @@carol\tALICE ')).toEqual(['alice', 'bob', 'carol']);
    expect(parseHandles('')).toEqual([]);
    expect(parseHandles('@')).toEqual([]);
  });
});

describe('API parameters', () => {
  const now = Date.parse('2026-11-27T12:00:00.000Z');

  it('names every filter as the API expects', () => {
    expect(toApiParams(full, now, 'UTC')).toEqual({
      since: '2026-11-01T00:00:00.000Z',
      until: '2026-11-02T12:30:00.000Z',
      tier: 'investor',
      handle: 'alice bob_2',
      significant: 'true',
      q: 'blob fees & more',
    });
    expect(toApiParams(EMPTY_FILTERS, now, 'UTC')).toEqual({});
    expect(toApiParams({ ...EMPTY_FILTERS, significant: 'no', q: '   ' }, now, 'UTC')).toEqual({ significant: 'false' });
  });

  it('turns a preset into a since fixed at the given time', () => {
    expect(toApiParams({ ...EMPTY_FILTERS, range: '1h' }, now, 'Asia/Tokyo')).toEqual({ since: '2026-11-27T11:00:00.000Z' });
  });
});

describe('active filters', () => {
  const fmt = (iso: string) => iso.slice(0, 10);

  it('lists each filter with the filters that remain without it', () => {
    const active = activeFilters(full, fmt);
    expect(active.map((a) => a.label)).toEqual([
      'Tier: investor',
      'From @alice @bob_2',
      'Significant only',
      'Text: “blob fees & more”',
      '2026-11-01 – 2026-11-02',
    ]);
    expect(active[0].without.tier).toBeNull();
    expect(active[4].without).toMatchObject({ since: null, until: null, range: null, tier: 'investor' });
  });

  it('shows presets and half-open ranges', () => {
    expect(activeFilters({ ...EMPTY_FILTERS, range: '30d' }, fmt).map((a) => a.label)).toEqual(['Last 30 days']);
    expect(activeFilters({ ...EMPTY_FILTERS, until: '2026-01-01T00:00:00Z' }, fmt).map((a) => a.label)).toEqual(['Until 2026-01-01']);
    expect(activeFilters({ ...EMPTY_FILTERS, since: 'garbage' }, fmt).map((a) => a.label)).toEqual(['From garbage']);
    expect(activeFilters(EMPTY_FILTERS, fmt)).toEqual([]);
  });
});
