import { ErrorState, OlderPageError } from '../components/ErrorState';
import { usePageTitle } from '../lib/title';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { isApiError } from '../api/client';
import { useFeed } from '../api/queries';
import { ActiveFilters, FiltersPanel, type FieldErrors } from '../components/FiltersPanel';
import { ArrowUpIcon, FilterIcon, InboxIcon } from '../components/Icons';
import { FeedList, type FeedListHandle } from '../components/FeedList';
import { FeedSkeleton, PostSkeleton } from '../components/Skeletons';
import { fieldError } from '../lib/errors';
import { activeFilters, isEmptyFilters, serializeFilters, toApiParams, EMPTY_FILTERS } from '../lib/filters';
import { shortDateTime } from '../lib/format';
import { useConnectivity } from '../lib/hooks';
import { useFilters } from '../lib/useFilters';

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
  const list = useRef<FeedListHandle>(null);
  const sentinel = useRef<HTMLDivElement>(null);
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
    list.current?.holdTopPost();
    if (!feed.pendingComplete) window.scrollTo({ top: 0 });
    feed.showPending();
  };

  const open = useCallback((id: string) => onOpen(id), [onOpen]);
  const shortFilters = activeFilters(filters, (iso) => shortDateTime(iso, zone)).map((a) => a.label);
  const activeCount = shortFilters.length;
  usePageTitle('Feed', shortFilters, feed.pending.length);
  // A failed older page leaves the feed in error with the pages it has: they are still counted.
  const count =
    feed.status === 'success' || feed.items.length > 0
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
          <FeedList
            ref={list}
            items={feed.items}
            hasMore={!!hasNextPage}
            loadMore={fetchNextPage}
            busy={isFetchingNextPage}
            keyboard={!drawerOpen}
            term={filters.q}
            search={search}
            zone={zone}
            onOpen={open}
          />
        )}

        {feed.items.length > 0 && (
          <div className="feed-end" ref={sentinel}>
            {isFetchingNextPage && <PostSkeleton />}
            {nextPageError != null && (
              // The skeleton above shows the page on its way; the feed also asks again by itself when the
              // API is back, and a Retry pressed meanwhile joins that request.
              <OlderPageError items="posts" error={nextPageError} retry={fetchNextPage} restart={feed.restart} />
            )}
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
