/** TanStack Query hooks over the API client: every fetch and cache of the dashboard. */
import { hashKey, isCancelledError, keepPreviousData, useInfiniteQuery, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { api, currentConfig, isApiError, type FeedParams } from './client';
import type { FeedItem, FeedPage, LatestKey, NarrativeShiftPage, WindowSummaryPage } from './types';
import { headSince, isNewer, mergeFeed, mergeFeedPages, newestKey, newItems } from '../lib/paging';

export const PAGE_SIZE = 50;
/** New posts are fetched in pages of this size, at most HEAD_MAX_PAGES of them. */
const HEAD_PAGE_SIZE = 200;
const HEAD_MAX_PAGES = 5;

export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isApiError(error) && !error.isOutage) return false; // 4xx: asking again will not help
  return failureCount < 2;
}

export const queryKeys = {
  feed: (params: FeedParams) => ['feed', params] as const,
  arrived: (params: FeedParams) => ['feed-arrived', params] as const,
  latest: (params: FeedParams) => ['feed-latest', params] as const,
  head: (params: FeedParams, shown: string | null, latest: string | null) => ['feed-head', params, shown, latest] as const,
  post: (id: string) => ['post', id] as const,
  trends: (params: FeedParams) => ['trends', params] as const,
  engagement: (params: FeedParams) => ['engagement', params] as const,
  summaryHistory: (windowType: string | null) => ['summary-history', windowType] as const,
  shifts: (basis: string | null) => ['shifts', basis] as const,
  watchAccounts: ['watch-accounts'] as const,
  health: ['health'] as const,
};

interface LatestState {
  etag: string | null;
  key: LatestKey;
}

interface HeadResult {
  items: FeedItem[];
  /** False when more arrived than one fetch takes; the feed then starts again from the top. */
  complete: boolean;
}

export interface FeedState {
  items: FeedItem[];
  status: 'pending' | 'error' | 'success';
  error: unknown;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => void;
  nextPageError: unknown;
  /** Posts that arrived after the shown ones, waiting for the reader to show them. */
  pending: FeedItem[];
  pendingComplete: boolean;
  showPending: () => void;
  restart: () => void;
}

/** The feed for `params`: pages fetched by cursor, merged with the new posts already shown. */
export function useFeed(params: FeedParams): FeedState {
  const qc = useQueryClient();
  const pages = useInfiniteQuery({
    queryKey: queryKeys.feed(params),
    queryFn: ({ pageParam, signal }) =>
      api.feed({ ...params, limit: String(PAGE_SIZE), ...(pageParam ? { cursor: pageParam } : {}) }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last: FeedPage) => last.next_cursor ?? undefined,
    // The list only grows: older pages by cursor, newer posts when the reader asks for them.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
  const arrived = useQuery({
    queryKey: queryKeys.arrived(params),
    queryFn: () => qc.getQueryData<FeedItem[]>(queryKeys.arrived(params)) ?? [],
    initialData: [] as FeedItem[],
    staleTime: Infinity,
  });
  const items = useMemo(() => mergeFeedPages(arrived.data, pages.data?.pages ?? []), [arrived.data, pages.data]);
  const shownTop = useMemo(() => newestKey(items), [items]);

  const latest = useQuery({
    queryKey: queryKeys.latest(params),
    queryFn: async ({ signal }): Promise<LatestState> => {
      const previous = qc.getQueryData<LatestState>(queryKeys.latest(params));
      const answer = await api.latest(params, previous?.etag ?? null, signal);
      if (answer.status === 304 && previous) return previous;
      return { etag: answer.etag, key: answer.data ?? { status_id: null, discovered_at: null } };
    },
    // Pages shown are enough: an older page that failed (status 'error', pages kept) does not stop it.
    enabled: pages.data !== undefined,
    refetchInterval: () => currentConfig().poll_interval_ms,
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: 'always',
    staleTime: 0,
    retry: false,
  });

  const newer = pages.data !== undefined && isNewer(latest.data?.key, shownTop);
  const since = headSince(shownTop, params.since);
  const head = useQuery({
    queryKey: queryKeys.head(params, shownTop?.status_id ?? null, latest.data?.key.status_id ?? null),
    queryFn: async ({ signal }): Promise<HeadResult> => {
      const found: FeedItem[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < HEAD_MAX_PAGES; page++) {
        const answer: FeedPage = await api.feed(
          { ...params, ...(since ? { since } : {}), limit: String(HEAD_PAGE_SIZE), ...(cursor ? { cursor } : {}) },
          signal,
        );
        found.push(...answer.items);
        cursor = answer.next_cursor;
        if (!cursor) return { items: found, complete: true };
      }
      return { items: found, complete: false };
    },
    enabled: newer,
    staleTime: Infinity,
    placeholderData: keepPreviousData,
  });
  const pending = useMemo(() => (newer && head.data ? newItems(items, head.data.items) : []), [newer, head.data, items]);
  const pendingComplete = head.data?.complete ?? true;

  const restart = useCallback(() => {
    qc.setQueryData(queryKeys.arrived(params), []);
    void qc.resetQueries({ queryKey: queryKeys.feed(params), exact: true });
  }, [qc, params]);

  const showPending = useCallback(() => {
    if (!pendingComplete) {
      restart();
      return;
    }
    qc.setQueryData<FeedItem[]>(queryKeys.arrived(params), (old) => mergeFeed(pending, old ?? []));
  }, [qc, params, pending, pendingComplete, restart]);

  const { fetchNextPage: fetchPage } = pages;
  const fetchNextPage = useCallback(() => void fetchPage({ cancelRefetch: false }), [fetchPage]);

  return {
    items,
    status: pages.status,
    error: pages.error,
    hasNextPage: pages.hasNextPage,
    isFetchingNextPage: pages.isFetchingNextPage,
    fetchNextPage,
    nextPageError: pages.isFetchNextPageError ? pages.error : null,
    pending,
    pendingComplete,
    showPending,
    restart,
  };
}

export function usePost(id: string | null) {
  return useQuery({
    queryKey: queryKeys.post(id ?? ''),
    queryFn: ({ signal }) => api.post(id!, signal),
    enabled: !!id,
    staleTime: 30_000,
  });
}

export function useWatchAccounts() {
  return useQuery({
    queryKey: queryKeys.watchAccounts,
    queryFn: ({ signal }) => api.watchAccounts(undefined, signal),
    staleTime: 5 * 60_000,
  });
}

export function useHealth(reachable: boolean) {
  return useQuery({
    queryKey: queryKeys.health,
    queryFn: ({ signal }) => api.health(signal),
    refetchInterval: () => (reachable ? currentConfig().health_interval_ms : currentConfig().retry_interval_ms),
    refetchIntervalInBackground: false,
    retry: false,
    staleTime: 0,
  });
}

/** After an outage, fetch again what failed while the API was away. */
export function refetchFailed(qc: QueryClient) {
  void qc.refetchQueries(
    {
      // A list whose older page failed keeps its pages; its view offers to ask for that page again.
      predicate: (q) => q.state.status === 'error' && q.getObserversCount() > 0 && !q.state.fetchMeta?.fetchMore,
    },
    // A fetch already on its way (that Retry, say) is waited for, not dropped for a new one.
    { cancelRefetch: false },
  );
}

/** Figures of a range change as posts arrive: asked again every four polls of the feed (a minute) while visible. */
const figuresRefresh = () => 4 * currentConfig().poll_interval_ms;
/** Summaries and shifts arrive every few hours at most: asked again as often as the figures. */
const historyRefresh = figuresRefresh;
const HISTORY_PAGE_SIZE = 20;

export function useTrends(params: FeedParams) {
  return useQuery({
    queryKey: queryKeys.trends(params),
    queryFn: ({ signal }) => api.trends(params, signal),
    placeholderData: keepPreviousData,
    refetchInterval: figuresRefresh,
    refetchIntervalInBackground: false,
    staleTime: 30_000,
  });
}

export function useEngagement(params: FeedParams) {
  return useQuery({
    queryKey: queryKeys.engagement(params),
    queryFn: ({ signal }) => api.engagement(params, signal),
    placeholderData: keepPreviousData,
    refetchInterval: figuresRefresh,
    refetchIntervalInBackground: false,
    staleTime: 30_000,
  });
}

/**
 * A history route's pages, newest first, of one type or all; every loaded page is asked again
 * while visible. `fetchOlder` asks for the next, older page; `olderFailure` holds why it could not
 * be loaded until it is asked for again, the list starts over or another type is chosen: the
 * query forgets that its error came from that page as soon as a refresh of the loaded pages
 * starts, but the reader still has not got it. `restart` drops the pages and asks for the first
 * again.
 */
function useHistory<T extends { next_cursor: string | null }>(
  key: readonly unknown[],
  fetchPage: (params: FeedParams, signal: AbortSignal) => Promise<T>,
  typeParam: string,
  type: string | null,
) {
  const qc = useQueryClient();
  const pages = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam, signal }) =>
      fetchPage({ limit: String(HISTORY_PAGE_SIZE), ...(type ? { [typeParam]: type } : {}), ...(pageParam ? { cursor: pageParam } : {}) }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last: T) => last.next_cursor ?? undefined,
    refetchInterval: historyRefresh,
    refetchIntervalInBackground: false,
    staleTime: 30_000,
  });
  const list = hashKey(key);
  const [older, setOlder] = useState<{ list: string; error: unknown } | null>(null);
  // Another type is another list: what failed for the last one is not this one's.
  if (older && older.list !== list) setOlder(null);
  const { fetchNextPage } = pages;
  const fetchOlder = useCallback(async () => {
    try {
      // A refresh on its way is cancelled (fetchNextPage's default), so the answer is the page's own.
      await fetchNextPage({ throwOnError: true });
      setOlder((failed) => (failed?.list === list ? null : failed));
    } catch (error) {
      // Cancelled: the list started over meanwhile.
      if (!isCancelledError(error)) setOlder({ list, error });
    }
  }, [fetchNextPage, list]);
  const restart = useCallback(() => {
    setOlder(null);
    void qc.resetQueries({ queryKey: key, exact: true });
  }, [qc, key]);
  return { ...pages, fetchOlder, olderFailure: older?.list === list ? older : null, restart };
}

/** Window summaries, newest window first; a new window shows up at the top by itself (every minute). */
export function useSummaryHistory(windowType: string | null) {
  return useHistory<WindowSummaryPage>(queryKeys.summaryHistory(windowType), api.windowSummaries, 'window_type', windowType);
}

/** Narrative shifts, newest period first, refreshed like the summaries. */
export function useShifts(basis: string | null) {
  return useHistory<NarrativeShiftPage>(queryKeys.shifts(basis), api.narrativeShifts, 'basis_window_type', basis);
}
