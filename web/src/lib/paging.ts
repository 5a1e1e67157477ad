/**
 * The feed is ordered newest first by the key (discovered_at, status_id), both descending, as
 * the API pages it (status_id compares as text, like the database column). Pages fetched with
 * cursors and posts that arrived later are merged here into one list without duplicates.
 */
export interface FeedKey {
  discovered_at: string;
  status_id: string;
}

function instant(iso: string): number {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? -Infinity : ms;
}

/** Whether an instant is written as `YYYY-MM-DDTHH:MM:SS[.fraction]Z`, the API's one form. */
function isUtcText(iso: string): boolean {
  return iso.length >= 20 && iso.charCodeAt(10) === 84 /* T */ && iso.charCodeAt(iso.length - 1) === 90 /* Z */;
}

/**
 * Two instants' order. Texts of the API's form and the same length sort as their times do, so
 * the merge of a long session's thousands of posts reads them without parsing a date each time.
 */
export function compareInstants(a: string, b: string): number {
  if (a.length === b.length && isUtcText(a) && isUtcText(b)) return a < b ? -1 : a > b ? 1 : 0;
  return instant(a) - instant(b);
}

/** Negative when `a` comes first in the feed (is newer), positive when `b` does. */
export function compareFeedKeys(a: FeedKey, b: FeedKey): number {
  const byTime = compareInstants(b.discovered_at, a.discovered_at);
  if (byTime !== 0) return byTime;
  return a.status_id === b.status_id ? 0 : a.status_id < b.status_id ? 1 : -1;
}

/**
 * One list from several, in feed order, each status_id once. When a post appears more than
 * once the copy from the earliest list wins, so pass the freshest list first.
 *
 * The lists are pages and arrivals, each already in feed order: they are merged in one pass
 * (what a long session appends to thousands of posts costs its own length, not a sort of all);
 * a list out of order is sorted first.
 */
export function mergeFeed<T extends FeedKey>(...lists: ReadonlyArray<readonly T[]>): T[] {
  const sorted = lists.map((list) => (isInFeedOrder(list) ? list : [...list].sort(compareFeedKeys)));
  const at = sorted.map(() => 0);
  const seen = new Set<string>();
  const out: T[] = [];
  for (;;) {
    let pick = -1;
    for (let i = 0; i < sorted.length; i++) {
      if (at[i] < sorted[i].length && (pick < 0 || compareFeedKeys(sorted[i][at[i]], sorted[pick][at[pick]]) < 0)) pick = i;
    }
    if (pick < 0) return out;
    const item = sorted[pick][at[pick]++];
    if (seen.has(item.status_id)) continue;
    seen.add(item.status_id);
    out.push(item);
  }
}

function isInFeedOrder(list: readonly FeedKey[]): boolean {
  for (let i = 1; i < list.length; i++) if (compareFeedKeys(list[i - 1], list[i]) > 0) return false;
  return true;
}

/** The items of `incoming` that `existing` does not hold yet. */
export function newItems<T extends FeedKey>(existing: readonly T[], incoming: readonly T[]): T[] {
  const known = new Set(existing.map((i) => i.status_id));
  const seen = new Set<string>();
  return incoming.filter((i) => {
    if (known.has(i.status_id) || seen.has(i.status_id)) return false;
    seen.add(i.status_id);
    return true;
  });
}

/** The newest key of a list in feed order, or null for an empty one. */
export function newestKey(items: readonly FeedKey[]): FeedKey | null {
  let best: FeedKey | null = null;
  for (const item of items) if (!best || compareFeedKeys(item, best) < 0) best = item;
  return best ? { discovered_at: best.discovered_at, status_id: best.status_id } : null;
}

/** True when the API's latest key is newer than everything shown. */
export function isNewer(
  latest: { discovered_at?: string | null; status_id?: string | null } | null | undefined,
  shown: FeedKey | null,
): boolean {
  if (!latest?.discovered_at || !latest.status_id) return false;
  if (!shown) return true;
  return compareFeedKeys(latest as FeedKey, shown) < 0;
}

/**
 * The `since` for fetching what arrived after `shown`: the newest shown instant (inclusive, so
 * posts sharing it are fetched again and dropped by the merge), but never before the filter's.
 */
export function headSince(shown: FeedKey | null, filterSince: string | undefined): string | undefined {
  if (!shown) return filterSince;
  if (filterSince && instant(filterSince) > instant(shown.discovered_at)) return filterSince;
  return new Date(instant(shown.discovered_at)).toISOString();
}

/** Flattens fetched pages, keeping page order. */
export function flattenPages<T>(pages: ReadonlyArray<{ items: readonly T[] }> | undefined): T[] {
  return pages ? pages.flatMap((p) => p.items) : [];
}

interface Merged<T extends FeedKey> {
  arrived: readonly T[];
  pages: ReadonlyArray<{ items: readonly T[] }>;
  items: T[];
  /**
   * The status_ids in `items`. Only a feed's latest merge is ever extended, so the merge that
   * extends it takes the set over and adds its own posts.
   */
  ids: Set<string>;
}

/** Each feed's latest merge, found by the feed's first page: the next page of that feed extends it. */
const latestMerge = new WeakMap<object, Merged<FeedKey>>();

/**
 * `mergeFeed(arrived, flattenPages(pages))`, without merging the whole list again for each older
 * page: a long session appends its fiftieth page to thousands of posts. When the pages are the
 * latest merge's with more after them, and what they add is older than every post listed, holds
 * no post twice and none already listed, the new posts go on the end. Anything else merges anew.
 */
export function mergeFeedPages<T extends FeedKey>(arrived: readonly T[], pages: ReadonlyArray<{ items: readonly T[] }>): T[] {
  if (pages.length === 0) return mergeFeed(arrived);
  const previous = latestMerge.get(pages[0]) as Merged<T> | undefined;
  const merged = (previous && extendMerge(previous, arrived, pages)) ?? mergeAnew(arrived, pages);
  latestMerge.set(pages[0], merged);
  return merged.items;
}

function mergeAnew<T extends FeedKey>(arrived: readonly T[], pages: ReadonlyArray<{ items: readonly T[] }>): Merged<T> {
  const items = mergeFeed(arrived, flattenPages(pages));
  return { arrived, pages, items, ids: new Set(items.map((item) => item.status_id)) };
}

function extendMerge<T extends FeedKey>(previous: Merged<T>, arrived: readonly T[], pages: ReadonlyArray<{ items: readonly T[] }>): Merged<T> | null {
  if (previous.arrived !== arrived || previous.pages.some((page, i) => page !== pages[i])) return null;
  const added = flattenPages(pages.slice(previous.pages.length));
  const addedIds = new Set<string>();
  let last: T | undefined = previous.items[previous.items.length - 1];
  for (const item of added) {
    if ((last && compareFeedKeys(last, item) >= 0) || previous.ids.has(item.status_id) || addedIds.has(item.status_id)) return null;
    addedIds.add(item.status_id);
    last = item;
  }
  addedIds.forEach((id) => previous.ids.add(id));
  return { arrived, pages, items: added.length ? previous.items.concat(added) : previous.items, ids: previous.ids };
}
