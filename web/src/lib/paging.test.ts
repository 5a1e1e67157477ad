import { describe, expect, it } from 'vitest';
import { compareFeedKeys, compareInstants, flattenPages, headSince, isNewer, mergeFeed, mergeFeedPages, newItems, newestKey } from './paging';

interface Item {
  status_id: string;
  discovered_at: string;
  v?: number;
}

const item = (status_id: string, minute: number, v = 0): Item => ({
  status_id,
  discovered_at: new Date(Date.UTC(2026, 10, 27, 9, minute)).toISOString(),
  v,
});

/** A feed as the API would page it: sorted, cut into pages of `size`. */
function pages(all: Item[], size: number): { items: Item[] }[] {
  const sorted = [...all].sort(compareFeedKeys);
  const out = [];
  for (let i = 0; i < sorted.length; i += size) out.push({ items: sorted.slice(i, i + size) });
  return out;
}

describe('feed order', () => {
  it('puts newer first, then the larger status_id as text', () => {
    expect(compareFeedKeys(item('1', 5), item('2', 4))).toBeLessThan(0);
    expect(compareFeedKeys(item('1', 5), item('2', 5))).toBeGreaterThan(0);
    expect(compareFeedKeys(item('9', 5), item('10', 5))).toBeLessThan(0); // text order, like the API
    expect(compareFeedKeys(item('7', 5), item('7', 5))).toBe(0);
  });

  it('compares instants, not strings', () => {
    const a = { status_id: '1', discovered_at: '2026-11-27T09:00:00Z' };
    const b = { status_id: '2', discovered_at: '2026-11-27T09:00:00.500Z' };
    const c = { status_id: '3', discovered_at: '2026-11-27T10:00:00+02:00' };
    expect([a, b, c].sort(compareFeedKeys).map((i) => i.status_id)).toEqual(['2', '1', '3']);
  });
});

describe('merging pages and new posts', () => {
  it('flattens pages into the feed without gaps or duplicates', () => {
    const all = Array.from({ length: 23 }, (_, i) => item(String(100 + i), i % 7));
    const merged = mergeFeed(flattenPages(pages(all, 5)));
    expect(merged.map((i) => i.status_id)).toEqual([...all].sort(compareFeedKeys).map((i) => i.status_id));
    expect(new Set(merged.map((i) => i.status_id)).size).toBe(23);
  });

  it('prepends arrivals and drops copies a later page repeats', () => {
    const old = [item('10', 10), item('9', 9), item('8', 8)];
    const later = [item('8', 8), item('7', 7)]; // page boundary repeated
    const arrivals = [item('12', 12), item('11', 10), item('10', 10, 1)]; // overlaps at the same instant
    const merged = mergeFeed(arrivals, old, later);
    expect(merged.map((i) => i.status_id)).toEqual(['12', '11', '10', '9', '8', '7']);
    expect(merged.find((i) => i.status_id === '10')?.v).toBe(1); // the first list's copy wins
  });

  it('stays complete when posts arrive while older pages load', () => {
    // The head was fetched, then 3 posts arrived, then older pages were fetched by cursor.
    const initial = Array.from({ length: 12 }, (_, i) => item(String(200 + i), i));
    const feed = pages(initial, 4);
    const arrived = [item('300', 30), item('301', 30), item('302', 31)];
    const shown = mergeFeed(flattenPages(feed.slice(0, 1)));
    const head = [...arrived, ...shown].sort(compareFeedKeys).filter((i) => Date.parse(i.discovered_at) >= Date.parse(newestKey(shown)!.discovered_at));
    const fresh = newItems(shown, head);
    expect(fresh.map((i) => i.status_id).sort()).toEqual(['300', '301', '302']);
    const merged = mergeFeed(fresh, flattenPages(feed));
    expect(merged.map((i) => i.status_id)).toEqual([...initial, ...arrived].sort(compareFeedKeys).map((i) => i.status_id));
  });

  it('counts only posts not yet shown', () => {
    const shown = [item('3', 3), item('2', 2)];
    expect(newItems(shown, [item('4', 4), item('3', 3), item('4', 4)]).map((i) => i.status_id)).toEqual(['4']);
    expect(newItems([], [])).toEqual([]);
  });

  it('handles empty inputs', () => {
    expect(mergeFeed()).toEqual([]);
    expect(mergeFeed([], [])).toEqual([]);
    expect(flattenPages(undefined)).toEqual([]);
    expect(newestKey([])).toBeNull();
  });
});

describe('polling for new posts', () => {
  const shown = { status_id: '5', discovered_at: '2026-11-27T09:05:00.000Z' };

  it('sees a newer latest key', () => {
    expect(isNewer({ status_id: '6', discovered_at: '2026-11-27T09:06:00Z' }, shown)).toBe(true);
    expect(isNewer({ status_id: '6', discovered_at: '2026-11-27T09:05:00Z' }, shown)).toBe(true);
    expect(isNewer(shown, shown)).toBe(false);
    expect(isNewer({ status_id: '4', discovered_at: '2026-11-27T09:04:00Z' }, shown)).toBe(false);
    expect(isNewer({ status_id: null, discovered_at: null }, shown)).toBe(false);
    expect(isNewer({ status_id: '1', discovered_at: '2026-11-27T09:00:00Z' }, null)).toBe(true);
  });

  it('asks from the newest shown instant, never before the filter', () => {
    expect(headSince(shown, undefined)).toBe('2026-11-27T09:05:00.000Z');
    expect(headSince(shown, '2026-11-27T09:00:00.000Z')).toBe('2026-11-27T09:05:00.000Z');
    expect(headSince(shown, '2026-11-27T10:00:00.000Z')).toBe('2026-11-27T10:00:00.000Z');
    expect(headSince(null, '2026-11-27T10:00:00.000Z')).toBe('2026-11-27T10:00:00.000Z');
    expect(headSince(null, undefined)).toBeUndefined();
  });
});

describe('merging in one pass', () => {
  /** What the merge promises, the slow way: first copy of each id wins, then everything sorted. */
  function reference(lists: Item[][]): Item[] {
    const seen = new Set<string>();
    const out: Item[] = [];
    for (const list of lists) {
      for (const i of list) {
        if (seen.has(i.status_id)) continue;
        seen.add(i.status_id);
        out.push(i);
      }
    }
    return out.sort(compareFeedKeys);
  }

  it('equals sorting everything, for 500 generated sets of pages, arrivals and unsorted lists', () => {
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let run = 0; run < 500; run++) {
      const universe = Array.from({ length: 1 + random(60) }, (_, k) => item(String(1000 + random(9000) * 100 + k), random(30), run));
      const lists = Array.from({ length: 1 + random(4) }, () => {
        const picked = universe.filter(() => random(3) === 0).map((i) => ({ ...i, v: random(1000) }));
        return random(4) === 0 ? picked : picked.sort(compareFeedKeys);
      });
      expect(mergeFeed(...lists)).toEqual(reference(lists));
    }
  });
});

describe('merging a feed page by page', () => {
  it('equals merging everything anew after each of 300 generated sessions of pages, arrivals, restarts and pages that overlap', () => {
    // mulberry32: the low bits of a power-of-two LCG repeat too soon for choosing among steps.
    let seed = 7;
    const random = (n: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) % n;
    };
    for (let run = 0; run < 300; run++) {
      const universe = Array.from({ length: 20 + random(200) }, (_, k) => item(String(1000 + random(9000) * 1000 + k), random(600), run)).sort(compareFeedKeys);
      const size = 1 + random(15);
      let arrived: Item[] = [];
      let fetched: { items: Item[] }[] = [];
      let next = 0;
      for (let step = 0; step < 30; step++) {
        const roll = random(22);
        if (roll < 12) {
          // The next page as the API cuts it.
          fetched = [...fetched, { items: universe.slice(next, next + size) }];
          next += size;
        } else if (roll < 14) {
          // A page that repeats posts already listed, or starts before the end of the list.
          const from = Math.max(0, next - 1 - random(size + 1));
          fetched = [...fetched, { items: universe.slice(from, from + size) }];
          next = from + size;
        } else if (roll < 15) {
          // A page out of order, or with a post twice.
          const page = universe.slice(next, next + size);
          fetched = [...fetched, { items: random(2) ? [...page].reverse() : [...page, ...page.slice(0, 1)] }];
          next += size;
        } else if (roll < 16) {
          // A post listed already, or one of the page's own, again with an older time.
          const page = universe.slice(next, next + size);
          const shown = flattenPages(fetched);
          const again = random(2) && shown.length ? shown[random(shown.length)] : page[0];
          if (again) page.push({ ...again, discovered_at: new Date(Date.UTC(2026, 10, 27, 8, 59 - random(5))).toISOString() });
          fetched = [...fetched, { items: page }];
          next += size;
        } else if (roll === 16) {
          // New posts shown above the list.
          arrived = mergeFeed(universe.filter(() => random(10) === 0), arrived);
        } else if (roll === 17) {
          // Start over: the first page fetched again.
          fetched = [{ items: universe.slice(0, size) }];
          next = size;
        } else if (roll === 18 && fetched.length > 1) {
          // A refetch that found one page changed and kept the others as they were.
          const at = 1 + random(fetched.length - 1);
          fetched = fetched.map((page, i) => (i === at ? { items: page.items.slice(0, -1) } : page));
        } else if (roll === 19 && fetched.length > 1) {
          // A page dropped from the end (a refetch that kept fewer pages).
          fetched = fetched.slice(0, -1);
        } else if (roll === 20) {
          // The same pages in a new array, as a refetch that changed nothing gives them.
          fetched = [...fetched];
        }
        expect(mergeFeedPages(arrived, fetched)).toEqual(mergeFeed(arrived, flattenPages(fetched)));
      }
    }
  });

  it('appends an older page reading only its own posts and the last one listed, and gives the same list back when nothing changed', () => {
    const all = Array.from({ length: 100 }, (_, k) => item(String(5000 - k), 59 - Math.floor(k / 2))).sort(compareFeedKeys);
    const [first, second] = pages(all, 50);
    const reads = new Set<string>();
    const loaded = {
      items: first.items.map((post) => {
        const at = post.discovered_at;
        return { ...post, get discovered_at() { reads.add(post.status_id); return at; } };
      }),
    };
    const arrived: Item[] = [];
    mergeFeedPages(arrived, [loaded]);
    reads.clear();
    const appended = mergeFeedPages(arrived, [loaded, second]);
    expect(loaded.items.slice(0, -1).filter((post) => reads.has(post.status_id))).toEqual([]);
    expect(mergeFeedPages(arrived, [loaded, second])).toBe(appended);
    expect(appended).toEqual(all);
  });
});

describe('comparing instants without parsing them', () => {
  /** An instant written as the API writes it, or in another form `Date.parse` reads. */
  function written(ms: number, form: number): string {
    const utc = new Date(ms).toISOString();
    switch (form) {
      case 0:
        return utc; // with milliseconds
      case 1:
        return utc.replace(/\.\d{3}Z$/, 'Z');
      case 2:
        return utc.replace(/Z$/, '000Z'); // microseconds, as PostgreSQL keeps them
      default: {
        const local = new Date(ms + 2 * 3_600_000).toISOString();
        return local.replace(/Z$/, '+02:00');
      }
    }
  }

  it('orders generated instants in every form as their parsed times', () => {
    let seed = 42;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const base = Date.UTC(2026, 0, 1);
    for (let i = 0; i < 5_000; i++) {
      // Near instants too: a second, a millisecond or nothing apart.
      const spread = [1, 1_000, 86_400_000 * 400][Math.floor(next() * 3)];
      const a = base + Math.floor(next() * spread);
      const b = next() < 0.2 ? a : base + Math.floor(next() * spread);
      const [ta, tb] = [written(a, Math.floor(next() * 4)), written(b, Math.floor(next() * 4))];
      expect(Math.sign(compareInstants(ta, tb)), `${ta} vs ${tb}`).toBe(Math.sign(Date.parse(ta) - Date.parse(tb)));
    }
  });
});
