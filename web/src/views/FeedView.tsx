import { ErrorState } from '../components/ErrorState';
import { usePageTitle } from '../lib/title';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { isApiError } from '../api/client';
import { useFeed } from '../api/queries';
import { ActiveFilters, FiltersPanel, type FieldErrors } from '../components/FiltersPanel';
import { ArrowUpIcon, FilterIcon, InboxIcon } from '../components/Icons';
import { PostCard } from '../components/PostCard';
import { FeedSkeleton, PostSkeleton } from '../components/Skeletons';
import { errorMessage, fieldError } from '../lib/errors';
import { activeFilters, isEmptyFilters, serializeFilters, toApiParams, EMPTY_FILTERS } from '../lib/filters';
import { shortDateTime } from '../lib/format';
import { useConnectivity } from '../lib/hooks';
import { useFilters } from '../lib/useFilters';

const HEADER_OFFSET = 72;

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

/**
 * The instant a relative range ("last 24 h") is measured from: taken when the filters change and
 * kept while they stay the same, so re-renders and new-post polls ask for the same posts.
 */
function useAnchor(key: string): number {
  const [anchor, setAnchor] = useState(() => ({ key, at: Date.now() }));
  if (anchor.key !== key) {
    // eslint-disable-next-line react-hooks/purity -- the anchor is the time the filters were set, on purpose
    const next = { key, at: Date.now() };
    setAnchor(next);
    return next.at;
  }
  return anchor.at;
}

let firstRenderMarked = false;

export function FeedView({ zone, onOpen, drawerOpen }: { zone: string; onOpen: (id: string) => void; drawerOpen: boolean }) {
  const { filters, setFilters, search } = useFilters();
  const filterKey = serializeFilters(filters).toString();
  const anchor = useAnchor(filterKey);
  // Keyed by the serialised filters: a new object with the same filters is the same query.
  const params = useMemo(() => toApiParams(filters, anchor, zone), [filters, anchor, zone]);
  const feed = useFeed(params);
  const { reachable } = useConnectivity();
  const wasReachable = useRef(reachable);
  const listRef = useRef<HTMLDivElement>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  const scrollAnchor = useRef<{ id: string; top: number } | null>(null);
  const [filtersOpen, setFiltersOpen] = useState(false);

  const error = feed.status === 'error' && feed.items.length === 0 ? feed.error : null;
  const apiFieldError = isApiError(error) && error.status === 400 ? fieldError(error.message) : null;
  const errors: FieldErrors = apiFieldError?.field ? { [apiFieldError.field]: apiFieldError.message } : {};

  useEffect(() => {
    if (!firstRenderMarked && feed.status === 'success') {
      firstRenderMarked = true;
      performance.mark('xmonitor:first-feed-render');
    }
  }, [feed.status]);

  // Older pages as the end of the list comes near.
  const { hasNextPage, isFetchingNextPage, nextPageError, fetchNextPage } = feed;
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !hasNextPage || isFetchingNextPage || nextPageError) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) fetchNextPage();
    }, { rootMargin: '800px 0px' });
    observer.observe(el);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, nextPageError, fetchNextPage, feed.items.length]);

  // Back from an outage: ask again for the older page that failed.
  useEffect(() => {
    if (reachable && !wasReachable.current && nextPageError) fetchNextPage();
    wasReachable.current = reachable;
  }, [reachable, nextPageError, fetchNextPage]);

  const showPending = () => {
    scrollAnchor.current = null;
    if (window.scrollY > 0 && listRef.current) {
      for (const card of listRef.current.querySelectorAll<HTMLElement>('[data-post-card]')) {
        const rect = card.getBoundingClientRect();
        if (rect.bottom > HEADER_OFFSET) {
          scrollAnchor.current = { id: card.dataset.statusId!, top: rect.top };
          break;
        }
      }
    }
    if (!feed.pendingComplete) window.scrollTo({ top: 0 });
    feed.showPending();
  };

  // Keep the post the reader was looking at where it was when newer posts go in above it.
  useLayoutEffect(() => {
    const anchorPos = scrollAnchor.current;
    if (!anchorPos || !listRef.current) return;
    const card = listRef.current.querySelector<HTMLElement>(`[data-status-id="${CSS.escape(anchorPos.id)}"]`);
    if (!card) return;
    scrollAnchor.current = null;
    const delta = card.getBoundingClientRect().top - anchorPos.top;
    if (delta !== 0) window.scrollBy({ top: delta, behavior: 'instant' });
  }, [feed.items]);

  // j/k (and arrows on a post) move through posts; Enter opens one (on the card itself); "/" searches.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (drawerOpen || e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return;
      const cards = Array.from(listRef.current?.querySelectorAll<HTMLElement>('[data-post-card]') ?? []);
      const active = document.activeElement as HTMLElement | null;
      const index = active ? cards.indexOf(active) : -1;
      const onCard = index >= 0;
      let step = 0;
      if (e.key === 'j' || (e.key === 'ArrowDown' && onCard)) step = 1;
      else if (e.key === 'k' || (e.key === 'ArrowUp' && onCard)) step = -1;
      else if (e.key === '/') {
        e.preventDefault();
        document.querySelector<HTMLInputElement>('[data-testid="filter-q"]')?.focus();
        return;
      }
      if (!step || !cards.length) return;
      e.preventDefault();
      const next = cards[onCard ? Math.min(cards.length - 1, Math.max(0, index + step)) : 0];
      next.focus({ preventScroll: true });
      const rect = next.getBoundingClientRect();
      if (rect.top < HEADER_OFFSET || rect.bottom > window.innerHeight) {
        window.scrollBy({ top: rect.top - HEADER_OFFSET - 12, behavior: 'instant' });
      }
      if (onCard && index + step >= cards.length - 3 && hasNextPage) fetchNextPage();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [drawerOpen, hasNextPage, fetchNextPage]);

  const open = useCallback((id: string) => onOpen(id), [onOpen]);
  const shortFilters = activeFilters(filters, (iso) => shortDateTime(iso, zone)).map((a) => a.label);
  const activeCount = shortFilters.length;
  usePageTitle('Feed', shortFilters, feed.pending.length);
  const count =
    feed.status === 'success'
      ? `${feed.items.length.toLocaleString('en')} post${feed.items.length === 1 ? '' : 's'}${hasNextPage ? ' loaded' : ''}`
      : feed.status === 'pending'
        ? 'Loading…'
        : '';

  return (
    <div className="feed-layout">
      <aside className={`filters-column${filtersOpen ? ' is-open' : ''}`}>
        <button type="button" className="filters-toggle button button-secondary" aria-expanded={filtersOpen} aria-controls="filters-panel" onClick={() => setFiltersOpen((o) => !o)}>
          <FilterIcon size={15} /> Filters{activeCount ? ` (${activeCount})` : ''}
        </button>
        <div id="filters-panel" className="filters-panel">
          <FiltersPanel filters={filters} onChange={setFilters} errors={errors} zone={zone} />
        </div>
      </aside>

      <section className="feed-column" aria-labelledby="feed-title">
        <div className="feed-heading">
          <h1 id="feed-title">Feed</h1>
          <ActiveFilters filters={filters} onChange={setFilters} zone={zone} count={<span data-testid="feed-count">{count}</span>} />
        </div>

        {feed.pending.length > 0 && (
          <div className="new-posts-bar">
            <button type="button" className="new-posts" onClick={showPending} data-testid="new-posts">
              <ArrowUpIcon size={15} />
              {feed.pendingComplete ? feed.pending.length : `${feed.pending.length}+`} new post{feed.pending.length === 1 ? '' : 's'}
            </button>
          </div>
        )}
        <div className="sr-only" aria-live="polite">
          {feed.pending.length > 0 ? `${feed.pending.length} new posts` : ''}
        </div>

        {feed.status === 'pending' && <FeedSkeleton />}

        {error != null && (
          <ErrorState
            testId="feed-error"
            messageTestId="feed-error-message"
            {...(apiFieldError
              ? {
                  title: 'Check the filters',
                  error: apiFieldError.message,
                  action: apiFieldError.field ? undefined : { label: 'Reset filters', onClick: () => setFilters(EMPTY_FILTERS) },
                }
              : { title: 'The feed could not be loaded', error, action: { label: 'Try again', onClick: feed.restart } })}
          />
        )}

        {feed.status === 'success' && feed.items.length === 0 && (
          <div className="empty-state" data-testid="feed-empty">
            <InboxIcon size={32} />
            {isEmptyFilters(filters) ? (
              <>
                <h2>No posts yet</h2>
                <p>Posts appear here as the collector sends them.</p>
              </>
            ) : (
              <>
                <h2>No posts match</h2>
                <p>
                  Nothing matches{' '}
                  {activeFilters(filters, (iso) => shortDateTime(iso, zone))
                    .map((a) => a.label)
                    .join(', ')}
                  .
                </p>
                <button type="button" className="button" onClick={() => setFilters(EMPTY_FILTERS)}>
                  Reset filters
                </button>
              </>
            )}
          </div>
        )}

        {feed.items.length > 0 && (
          <div className="feed-list" ref={listRef} data-testid="feed-list" aria-label="Posts, newest first" role="feed" aria-busy={isFetchingNextPage}>
            {feed.items.map((item) => (
              <PostCard key={item.status_id} item={item} term={filters.q} search={search} zone={zone} onOpen={open} />
            ))}
          </div>
        )}

        {feed.items.length > 0 && (
          <div className="feed-end" ref={sentinel}>
            {isFetchingNextPage && <PostSkeleton />}
            {nextPageError != null ? (
              <div className="inline-error" role="alert">
                <span>Older posts could not be loaded: {errorMessage(nextPageError)}</span>
                {isApiError(nextPageError) && nextPageError.status === 400 ? (
                  <button type="button" className="button button-secondary" onClick={feed.restart}>
                    Start over
                  </button>
                ) : (
                  <button type="button" className="button button-secondary" onClick={fetchNextPage}>
                    Retry
                  </button>
                )}
              </div>
            ) : null}
            {hasNextPage && !isFetchingNextPage && !nextPageError && (
              <button type="button" className="button button-secondary" onClick={fetchNextPage} data-testid="load-older">
                Load older posts
              </button>
            )}
            {!hasNextPage && (
              <p className="feed-done" data-testid="feed-end">
                That’s everything: {feed.items.length.toLocaleString('en')} post{feed.items.length === 1 ? '' : 's'}
                {isEmptyFilters(filters) ? '' : ' match'}.
              </p>
            )}
          </div>
        )}
      </section>
    </div>
  );
}
