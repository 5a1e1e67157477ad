import { ErrorState } from '../components/ErrorState';
import { usePageTitle } from '../lib/title';
import { useCallback, useMemo, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { isApiError } from '../api/client';
import { useEngagement, useTrends } from '../api/queries';
import { TIER_KEYS, TREND_RANGES, type Engagement, type Trends, type TrendRange } from '../api/types';
import { Avatar, SignificantBadge, TierBadge } from '../components/Badges';
import { ActiveFilters, FiltersPanel, type FieldErrors } from '../components/FiltersPanel';
import { FilterIcon } from '../components/Icons';
import { Metrics } from '../components/PostCard';
import { BlockSkeleton } from '../components/Skeletons';
import { EngagementChart, ShareChart, VolumeChart } from '../components/TrendCharts';
import { fieldError } from '../lib/errors';
import { activeFilters, filtersSearch, isEmptyFilters, parseFilters, type Filters } from '../lib/filters';
import { bucketLabel, formatHandle, fullNumber, shortDateTime } from '../lib/format';
import { RelativeTime } from '../components/RelativeTime';
import type { Theme } from '../lib/theme';
import {
  TIER_LABELS,
  TREND_RANGE_LABELS,
  feedForSpan,
  parseTrendRange,
  significantShare,
  trendFilters,
  trendParams,
  trendsSearch,
} from '../lib/trends';

const percent = (share: number | null) => (share == null ? '–' : `${share.toFixed(1)} %`);

function RangePicker({ range, onChange }: { range: TrendRange; onChange: (r: TrendRange) => void }) {
  return (
    <div className="segmented range-picker" role="radiogroup" aria-label="Range" data-testid="trend-range">
      {TREND_RANGES.map((r) => (
        <label key={r} className={range === r ? 'is-selected' : ''} title={TREND_RANGE_LABELS[r]}>
          <input type="radio" name="trend-range" value={r} checked={range === r} onChange={() => onChange(r)} />
          <span>{r.replace(/(\d+)([hd])/, '$1 $2')}</span>
        </label>
      ))}
    </div>
  );
}

function Totals({ trends, engagement }: { trends: Trends; engagement: Engagement | undefined }) {
  const stats: { label: string; value: string; testId: string; title?: string }[] = [
    { label: 'Posts', value: fullNumber(trends.totals.posts), testId: 'total-posts' },
    { label: 'Significant', value: fullNumber(trends.totals.significant), testId: 'total-significant', title: percent(significantShare(trends.totals)) },
  ];
  if (engagement) {
    stats.push(
      { label: 'Likes', value: fullNumber(engagement.totals.likes), testId: 'total-likes' },
      { label: 'Reposts', value: fullNumber(engagement.totals.reposts), testId: 'total-reposts' },
      { label: 'Replies', value: fullNumber(engagement.totals.replies), testId: 'total-replies' },
      { label: 'Views', value: fullNumber(engagement.totals.views), testId: 'total-views' },
      { label: 'Score', value: fullNumber(engagement.totals.score), testId: 'total-score', title: engagement.score },
    );
  }
  return (
    <dl className="stat-row trend-totals" aria-label="Totals of the range">
      {stats.map((s) => (
        <div key={s.label} className="stat" title={s.title}>
          <dt>{s.label}</dt>
          <dd data-testid={s.testId}>{s.value}</dd>
        </div>
      ))}
    </dl>
  );
}

function TierTable({ trends, engagement }: { trends: Trends; engagement: Engagement | undefined }) {
  return (
    <div className="table-wrap">
      <table className="table" data-testid="tier-table">
        <thead>
          <tr>
            <th scope="col">Tier</th>
            <th scope="col" className="num">Posts</th>
            <th scope="col" className="num">Significant</th>
            {engagement && <th scope="col" className="num">Score</th>}
          </tr>
        </thead>
        <tbody>
          {TIER_KEYS.map((tier) => (
            <tr key={tier} data-tier={tier}>
              <th scope="row">{tier === 'none' ? <span className="badge badge-muted">{TIER_LABELS.none}</span> : <TierBadge tier={tier} />}</th>
              <td className="num" data-testid="tier-posts">{fullNumber(trends.tiers[tier].posts)}</td>
              <td className="num">{fullNumber(trends.tiers[tier].significant)}</td>
              {engagement && <td className="num" data-testid="tier-score">{fullNumber(engagement.tiers[tier].score)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TopHandles({ engagement, onHandle }: { engagement: Engagement; onHandle: (handle: string) => void }) {
  if (engagement.top_handles.length === 0) return <p className="muted small">No posts in this range.</p>;
  const best = Math.max(1, ...engagement.top_handles.map((h) => h.score));
  return (
    <ol className="top-handles" data-testid="top-handles">
      {engagement.top_handles.map((h) => (
        <li key={h.handle} data-handle={h.handle}>
          <button type="button" className="top-handle" onClick={() => onHandle(h.handle)} title={`Show only ${formatHandle(h.handle)}`}>
            <Avatar handle={h.handle} size={28} />
            <span className="top-handle-name">{formatHandle(h.handle)}</span>
            <span className="top-handle-figures">
              <span data-testid="handle-score">{fullNumber(h.score)}</span>
              <span className="muted small"> · {fullNumber(h.posts)} {h.posts === 1 ? 'post' : 'posts'}</span>
            </span>
            <span className="top-handle-bar" aria-hidden="true">
              <span style={{ inlineSize: `${(100 * h.score) / best}%` }} />
            </span>
          </button>
        </li>
      ))}
    </ol>
  );
}

function TopPosts({ engagement, search, zone }: { engagement: Engagement; search: string; zone: string }) {
  if (engagement.top_posts.length === 0) return <p className="muted small">No posts in this range.</p>;
  return (
    <ol className="top-posts" data-testid="top-posts">
      {engagement.top_posts.map(({ score, post }) => (
        <li key={post.status_id} data-status-id={post.status_id}>
          <Link href={`/posts/${encodeURIComponent(post.status_id)}${search}`} className="top-post">
            <span className="top-post-score" title={engagement.score}>
              <strong data-testid="post-score">{fullNumber(score)}</strong>
              <span className="muted small">score</span>
            </span>
            <span className="top-post-main">
              <span className="top-post-head">
                <strong>{formatHandle(post.author_handle)}</strong>
                <TierBadge tier={post.watch_tier} />
                {post.is_significant && <SignificantBadge reason={null} />}
                <RelativeTime iso={post.discovered_at} zone={zone} className="muted small" />
              </span>
              <span className="top-post-text">{post.body_text ?? ''}</span>
              <Metrics item={post} />
            </span>
          </Link>
        </li>
      ))}
    </ol>
  );
}

function BucketTable({ trends, engagement, filters, zone }: { trends: Trends; engagement: Engagement | undefined; filters: Filters; zone: string }) {
  return (
    <details className="card bucket-details">
      <summary>Every bucket ({trends.buckets.length})</summary>
      <div className="table-wrap">
        <table className="table" data-testid="bucket-table">
          <thead>
            <tr>
              <th scope="col">{trends.bucket === 'day' ? 'Day' : 'From'}</th>
              <th scope="col" className="num">Posts</th>
              <th scope="col" className="num">Significant</th>
              {TIER_KEYS.map((tier) => (
                <th key={tier} scope="col" className="num">{TIER_LABELS[tier]}</th>
              ))}
              {engagement && <th scope="col" className="num">Score</th>}
            </tr>
          </thead>
          <tbody>
            {trends.buckets.map((b, i) => (
              <tr key={b.start} data-start={b.start}>
                <th scope="row">
                  <Link href={feedForSpan(filters, b.start, b.end)} title="Open these posts in the feed">
                    {bucketLabel(b.start, b.end, trends.bucket, zone)}
                  </Link>
                </th>
                <td className="num" data-testid="bucket-posts">{fullNumber(b.posts)}</td>
                <td className="num" data-testid="bucket-significant">{fullNumber(b.significant)}</td>
                {TIER_KEYS.map((tier) => (
                  <td key={tier} className="num">{fullNumber(b.tiers[tier].posts)}</td>
                ))}
                {engagement && <td className="num" data-testid="bucket-score">{fullNumber(engagement.buckets[i]?.score ?? 0)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

export function TrendsView({ zone, theme }: { zone: string; theme: Theme }) {
  const search = useSearch();
  const [, navigate] = useLocation();
  const filters = useMemo(() => trendFilters(parseFilters(search)), [search]);
  const range = parseTrendRange(search);
  const params = useMemo(() => trendParams(filters, range, zone), [filters, range, zone]);
  const trends = useTrends(params);
  const engagement = useEngagement(params);
  const [filtersOpen, setFiltersOpen] = useState(false);

  const go = useCallback((next: Filters, nextRange: TrendRange) => navigate(`/trends${trendsSearch(next, nextRange)}`), [navigate]);
  const setFilters = useCallback((next: Filters) => go(next, range), [go, range]);
  const openBucket = useCallback(
    (index: number) => {
      const b = trends.data?.buckets[index];
      if (b) navigate(feedForSpan(filters, b.start, b.end));
    },
    [trends.data, filters, navigate],
  );

  const error = trends.error ?? engagement.error;
  const badRequest = isApiError(error) && error.status === 400 ? fieldError(error.message) : null;
  const errors: FieldErrors = badRequest?.field ? { [badRequest.field]: badRequest.message } : {};
  const data = trends.data;
  const figures = engagement.data;
  const feedSearch = filtersSearch(filters);
  const activeCount = activeFilters(filters, (iso) => iso).length;
  usePageTitle('Trends', [TREND_RANGE_LABELS[range], ...activeFilters(filters, (iso) => iso).map((a) => a.label)]);
  const stale = trends.isPlaceholderData || engagement.isPlaceholderData;

  return (
    <div className="feed-layout trends-layout">
      <aside className={`filters-column${filtersOpen ? ' is-open' : ''}`}>
        <button type="button" className="filters-toggle button button-secondary" aria-expanded={filtersOpen} aria-controls="trend-filters" onClick={() => setFiltersOpen((o) => !o)}>
          <FilterIcon size={15} /> Filters{activeCount ? ` (${activeCount})` : ''}
        </button>
        <div id="trend-filters" className="filters-panel">
          <FiltersPanel filters={filters} onChange={setFilters} errors={errors} zone={zone} dates={false} />
        </div>
      </aside>

      <section className="page trends-page" aria-labelledby="trends-title" aria-busy={trends.isFetching || engagement.isFetching}>
        <div className="trends-heading">
          <div>
            <h1 id="trends-title">Trends</h1>
            <p className="muted small" data-testid="trends-zone">
              {TREND_RANGE_LABELS[range]}, by when posts were discovered · times in {zone.replace(/_/g, ' ')}
            </p>
          </div>
          <RangePicker range={range} onChange={(r) => go(filters, r)} />
        </div>
        {activeCount > 0 && <ActiveFilters filters={filters} onChange={setFilters} zone={zone} />}

        {error != null && !data && (
          <ErrorState
            title={badRequest ? 'Check the filters' : 'Trends could not be loaded'}
            error={error}
            testId="trends-error"
            action={{ label: 'Try again', onClick: () => { void trends.refetch(); void engagement.refetch(); }, pending: trends.isFetching || engagement.isFetching }}
          />
        )}

        {!data && error == null && (
          <div className="card"><BlockSkeleton lines={8} label="Loading trends" /></div>
        )}

        {data && (
          <div className={`trends-body${stale ? ' is-stale' : ''}`} data-testid="trends-body" data-range={data.range} data-start={data.start}>
            <Totals trends={data} engagement={figures} />
            {data.totals.posts === 0 && (
              <p className="muted" data-testid="trends-empty">
                No posts {isEmptyFilters(filters) ? '' : 'match the filters '}in this range.
              </p>
            )}
            <div className="trends-grid">
              <article className="card trend-card wide" aria-labelledby="volume-title">
                <h2 id="volume-title">Posts by tier</h2>
                <VolumeChart buckets={data.buckets} unit={data.bucket} zone={zone} theme={theme} onBucket={openBucket}
                  caption="Click a bar to read its posts in the feed." />
              </article>
              <article className="card trend-card" aria-labelledby="share-title">
                <h2 id="share-title">Significant share</h2>
                <ShareChart buckets={data.buckets} unit={data.bucket} zone={zone} theme={theme} onBucket={openBucket} />
              </article>
              <article className="card trend-card" aria-labelledby="tiers-title">
                <h2 id="tiers-title">By tier</h2>
                <TierTable trends={data} engagement={figures} />
              </article>
              <article className="card trend-card wide" aria-labelledby="engagement-title">
                <h2 id="engagement-title">Engagement</h2>
                {figures ? (
                  <EngagementChart buckets={figures.buckets} unit={figures.bucket} zone={zone} theme={theme} onBucket={openBucket}
                    caption={`Of the posts discovered in each bucket, as last seen. Score = ${figures.score}; views use the right-hand axis.`} />
                ) : (
                  <BlockSkeleton lines={5} label="Loading engagement" />
                )}
              </article>
              <article className="card trend-card" aria-labelledby="handles-title">
                <h2 id="handles-title">Top handles</h2>
                {figures ? (
                  <TopHandles engagement={figures} onHandle={(handle) => setFilters({ ...filters, handles: [handle] })} />
                ) : (
                  <BlockSkeleton lines={5} label="Loading top handles" />
                )}
              </article>
              <article className="card trend-card wide" aria-labelledby="posts-title">
                <h2 id="posts-title">Top posts</h2>
                {figures ? <TopPosts engagement={figures} search={feedSearch} zone={zone} /> : <BlockSkeleton lines={5} label="Loading top posts" />}
              </article>
            </div>
            <BucketTable trends={data} engagement={figures} filters={filters} zone={zone} />
            <p className="muted small">
              Updated {shortDateTime(new Date(trends.dataUpdatedAt).toISOString(), zone)}; asked again every minute while this page is open.
            </p>
          </div>
        )}
      </section>
    </div>
  );
}

