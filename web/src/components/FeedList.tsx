import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useImperativeHandle, useLayoutEffect, useRef, useState, type Ref } from 'react';
import type { FeedItem } from '../api/types';
import { PostCard } from './PostCard';

/** Where the sticky header ends (taller on a phone, with its row of links): a card must clear it. */
function headerBottom(): number {
  return document.querySelector('.topbar')?.getBoundingClientRect().bottom ?? 72;
}
/** A card's height before it has been measured: one with two lines of text. */
const ESTIMATED_CARD_PX = 170;
/**
 * Cards kept rendered beyond each edge of the viewport: j/k moves one post, so the next card is
 * drawn (presses quicker than the drawing step on from the post they moved to). Each card drawn
 * beyond it is one more that an appended page lays out (three made an append take 26 ms at the
 * median in the long-session measurement, one 18–21 ms).
 */
const OVERSCAN = 1;

export interface FeedListHandle {
  /** Keeps the post at the top of the viewport where it is when newer posts go in above it. */
  holdTopPost(): void;
}

interface FeedListProps {
  ref?: Ref<FeedListHandle>;
  items: FeedItem[];
  /** More (older) posts can be loaded: the list's length is not the feed's. */
  hasMore: boolean;
  loadMore: () => void;
  busy: boolean;
  /** Whether j/k move through the posts (not while the post drawer is open). */
  keyboard: boolean;
  term: string;
  search: string;
  zone: string;
  onOpen: (id: string) => void;
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

/**
 * The feed's posts, newest first, as an ARIA feed. Only the cards near the viewport are in the
 * page (a long session loads thousands): the rest is space of their measured height (estimated
 * for a post never drawn), so the window's scroll bar and scroll position behave as in a full
 * list, and each card says where it sits (`aria-posinset`).
 */
export function FeedList({ ref, items, hasMore, loadMore, busy, keyboard, term, search, zone, onOpen }: FeedListProps) {
  const listRef = useRef<HTMLDivElement>(null);
  // Where the list starts in the page, the gap between its cards and where the sticky header
  // ends: all set by the layout, read when the page's size changes rather than on each render.
  const [layout, setLayout] = useState({ top: 0, gap: 12, header: 72 });
  const heldPost = useRef<{ id: string; top: number } | null>(null);
  // The post that has the keyboard focus, kept while its card scrolls out of the window.
  const focusedIndex = useRef<number | null>(null);
  // The post j/k moved to whose card is not drawn yet: presses quicker than the drawing step on from it.
  const pendingIndex = useRef<number | null>(null);

  // A new key function would make the list rebuild every post's place on each render.
  const itemKey = useCallback((index: number) => items[index].status_id, [items]);
  const virtualizer = useWindowVirtualizer({
    count: items.length,
    estimateSize: () => ESTIMATED_CARD_PX,
    getItemKey: itemKey,
    overscan: OVERSCAN,
    gap: layout.gap,
    scrollMargin: layout.top,
    scrollPaddingStart: layout.header + 12,
    initialRect: { width: window.innerWidth, height: window.innerHeight },
    initialOffset: () => window.scrollY,
  });

  // The gap is not among what the list's places are cached by.
  useLayoutEffect(() => virtualizer.measure(), [virtualizer, layout.gap]);

  // Whatever sits above the list (filter chips wrapping, the phone's filter panel) moves it, and
  // changes the page's size as it does.
  useLayoutEffect(() => {
    const measure = () => {
      const el = listRef.current;
      if (!el) return;
      const top = Math.round(el.getBoundingClientRect().top + window.scrollY);
      const gap = parseFloat(getComputedStyle(el).rowGap) || 0;
      const header = Math.round(headerBottom());
      setLayout((was) => (was.top === top && was.gap === gap && was.header === header ? was : { top, gap, header }));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, []);

  useImperativeHandle(
    ref,
    () => ({
      holdTopPost() {
        heldPost.current = null;
        if (window.scrollY <= 0 || !listRef.current) return;
        const header = headerBottom();
        for (const card of listRef.current.querySelectorAll<HTMLElement>('[data-post-card]')) {
          const rect = card.getBoundingClientRect();
          if (rect.bottom > header) {
            heldPost.current = { id: card.dataset.statusId!, top: rect.top };
            return;
          }
        }
      },
    }),
    [],
  );

  // Newer posts went in above the held one: scroll by what they add, before the browser paints.
  // The card itself says where it went when it is drawn (the list's own measurements may lag a
  // card measured in this commit). Otherwise its place in the list does, counting posts never
  // drawn at their estimated height; the scroll there draws the card before the next frame's
  // paint, and the card then corrects the estimate. The new posts this commit drew at the old
  // scroll position were measured in it: getTotalSize() lays the places out again with them.
  useLayoutEffect(() => {
    const held = heldPost.current;
    if (!held) return;
    heldPost.current = null;
    const keep = () => {
      const card = listRef.current?.querySelector<HTMLElement>(`[data-post-card][data-status-id="${CSS.escape(held.id)}"]`);
      const delta = card ? card.getBoundingClientRect().top - held.top : 0;
      if (delta !== 0) window.scrollBy({ top: delta, behavior: 'instant' });
      return !!card;
    };
    if (keep()) return;
    virtualizer.getTotalSize();
    const start = virtualizer.measurementsCache[items.findIndex((item) => item.status_id === held.id)]?.start;
    if (start === undefined) return;
    window.scrollTo({ top: start - held.top, behavior: 'instant' });
    const frame = requestAnimationFrame(keep);
    return () => cancelAnimationFrame(frame);
  }, [items, virtualizer]);

  const focusPost = useCallback(
    (index: number) => {
      const reveal = () => {
        const card = listRef.current?.querySelector<HTMLElement>(`[data-post-card][data-index="${index}"]`);
        if (!card) return false;
        pendingIndex.current = null;
        card.focus({ preventScroll: true });
        const rect = card.getBoundingClientRect();
        const header = headerBottom();
        if (rect.top < header || rect.bottom > window.innerHeight) {
          window.scrollBy({ top: rect.top - header - 12, behavior: 'instant' });
        }
        return true;
      };
      if (reveal()) return;
      // Not drawn yet: scroll to where it will be, then focus it once it is. One scroll, not the
      // list's scrollToIndex, which goes on correcting towards its index for frames afterwards
      // (quick presses would leave several pulling against each other).
      pendingIndex.current = index;
      const offset = virtualizer.getOffsetForIndex(index, 'start')?.[0];
      if (offset !== undefined) window.scrollTo({ top: offset, behavior: 'instant' });
      // Unless a later press or the pointer has chosen another post meanwhile.
      requestAnimationFrame(() => requestAnimationFrame(() => pendingIndex.current === index && reveal()));
    },
    [virtualizer],
  );

  // j/k (and, on a post, the arrows and Page Down/Up, as the ARIA feed pattern has them) move
  // through posts; Enter opens one (on the card itself); "/" searches.
  useEffect(() => {
    if (!keyboard) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return;
      const active = document.activeElement as HTMLElement | null;
      const onCard = !!active && active.hasAttribute('data-post-card') && !!listRef.current?.contains(active);
      // Shift with an arrow or Page key keeps its own meaning (extending a selection).
      const onPost = onCard && !e.shiftKey;
      let step = 0;
      if (e.key === 'j' || (onPost && (e.key === 'ArrowDown' || e.key === 'PageDown'))) step = 1;
      else if (e.key === 'k' || (onPost && (e.key === 'ArrowUp' || e.key === 'PageUp'))) step = -1;
      else if (e.key === '/') {
        e.preventDefault();
        document.querySelector<HTMLInputElement>('[data-testid="filter-q"]')?.focus();
        return;
      }
      if (!step || items.length === 0) return;
      const from = pendingIndex.current ?? (onCard ? Number(active.dataset.index) : null);
      const next = from === null ? null : Math.min(items.length - 1, Math.max(0, from + step));
      // Past the first or last post, Page Up/Down scroll the page on to what lies beyond the list.
      if (next === from && (e.key === 'PageDown' || e.key === 'PageUp')) return;
      e.preventDefault();
      if (next === null) {
        // From outside the list: the first post in view.
        const firstShown = virtualizer.getVirtualItems().find((row) => row.end > window.scrollY + headerBottom());
        focusPost(window.scrollY <= 0 ? 0 : (firstShown?.index ?? 0));
        return;
      }
      focusPost(next);
      if (next >= items.length - 3 && hasMore) loadMore();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [keyboard, items.length, hasMore, loadMore, focusPost, virtualizer]);

  // A focused card scrolled out of the window is gone from the page, and the focus with it: give
  // it to the drawn card nearest that post, so Tab and j/k go on from where the reader is.
  useLayoutEffect(() => {
    const lost = focusedIndex.current;
    if (lost === null || (document.activeElement && document.activeElement !== document.body)) return;
    const cards = [...(listRef.current?.querySelectorAll<HTMLElement>('[data-post-card]') ?? [])];
    const nearest = cards.sort((a, b) => Math.abs(Number(a.dataset.index) - lost) - Math.abs(Number(b.dataset.index) - lost))[0];
    nearest?.focus({ preventScroll: true });
  });

  const rows = virtualizer.getVirtualItems();
  const first = rows[0];
  const last = rows[rows.length - 1];
  const padTop = first ? first.start - layout.top : 0;
  const padBottom = last ? Math.max(0, virtualizer.getTotalSize() - (last.end - layout.top)) : 0;
  const setSize = hasMore ? -1 : items.length;

  return (
    <div
      className="feed-list"
      ref={listRef}
      data-testid="feed-list"
      aria-label="Posts, newest first"
      role="feed"
      aria-busy={busy}
      style={{ paddingTop: padTop, paddingBottom: padBottom }}
      onFocus={(e) => {
        const index = (e.target as HTMLElement).dataset.index;
        if (e.target.hasAttribute('data-post-card') && index !== undefined) focusedIndex.current = Number(index);
      }}
      // A reader who points at a post has left the one the keys were heading for.
      onPointerDown={() => (pendingIndex.current = null)}
      onBlur={(e) => {
        // Focus that moved on (not a card leaving the page) is no longer the list's to keep.
        const left = e.target;
        queueMicrotask(() => {
          if (left.isConnected && !listRef.current?.contains(document.activeElement)) {
            focusedIndex.current = null;
            pendingIndex.current = null;
          }
        });
      }}
    >
      {rows.map((row) => (
        <PostCard
          key={row.key}
          ref={virtualizer.measureElement}
          index={row.index}
          setSize={setSize}
          item={items[row.index]}
          term={term}
          search={search}
          zone={zone}
          onOpen={onOpen}
        />
      ))}
    </div>
  );
}
