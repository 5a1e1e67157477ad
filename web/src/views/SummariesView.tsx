import { ErrorState, OlderPageError } from '../components/ErrorState';
import { usePageTitle } from '../lib/title';
import { useMemo } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { useSummaryHistory } from '../api/queries';
import { TIERS, type JsonObject, type WindowSummary } from '../api/types';
import { TierBadge } from '../components/Badges';
import { InboxIcon } from '../components/Icons';
import { BlockSkeleton } from '../components/Skeletons';
import { asObject, entryLabel, entryNumber, entryText } from '../lib/entries';
import { isTier } from '../lib/filters';
import { absoluteTime, bareHandle, formatHandle, fullNumber, shortDateTime, timeOfDay, windowLabel } from '../lib/format';

function Themes({ themes }: { themes: unknown[] }) {
  return (
    <ul className="theme-list">
      {themes.map((t, i) => {
        const count = entryNumber(asObject(t), 'posts', 'count', 'post_count', 'mentions');
        return (
          <li key={i} className="theme-chip">
            <span>{entryLabel(t)}</span>
            {count !== null && <span className="theme-count" aria-label={`${count} posts`}>{count}</span>}
          </li>
        );
      })}
    </ul>
  );
}

function Debates({ debates }: { debates: unknown[] }) {
  return (
    <ul className="debate-list">
      {debates.map((entry, i) => {
        const d = asObject(entry);
        const detail = entryText(d, 'summary', 'description', 'detail', 'text');
        const sides = (Array.isArray(d.sides) ? d.sides : Array.isArray(d.positions) ? d.positions : []) as unknown[];
        return (
          <li key={i}>
            <strong>{entryLabel(entry)}</strong>
            {detail && <p>{detail}</p>}
            {sides.length > 0 && (
              <ul className="debate-sides">
                {sides.map((s, j) => {
                  const side = s && typeof s === 'object' ? (s as JsonObject) : null;
                  const count = side ? entryNumber(side, 'posts', 'count') : null;
                  return (
                    <li key={j}>
                      {side ? entryLabel(side) + (entryText(side, 'summary', 'stance', 'position') ? ` — ${entryText(side, 'summary', 'stance', 'position')}` : '') : String(s)}
                      {count !== null && <span className="muted"> · {fullNumber(count)} {count === 1 ? 'post' : 'posts'}</span>}
                    </li>
                  );
                })}
              </ul>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function NotablePosts({ posts }: { posts: unknown[] }) {
  return (
    <ul className="notable-list">
      {posts.map((entry, i) => {
        const p = asObject(entry);
        const id = entryText(p, 'status_id', 'id') ?? (typeof p.status_id === 'number' ? String(p.status_id) : null);
        const handle = entryText(p, 'author_handle', 'handle', 'author');
        const text = entryText(p, 'body_text', 'text', 'summary', 'title', 'why', 'reason') ?? (id ? `Post ${id}` : entryLabel(entry));
        const reason = entryText(p, 'reason', 'why');
        const content = (
          <>
            {handle && <strong className="notable-handle">{formatHandle(handle)}</strong>}
            <span className="notable-text">{text}</span>
            {reason && reason !== text && <span className="notable-reason">{reason}</span>}
          </>
        );
        return (
          <li key={i}>
            {id && /^\d+$/.test(id) ? (
              <Link href={`/posts/${id}`} className="notable-link" data-testid="notable-post">
                {content}
              </Link>
            ) : (
              <div className="notable-link is-static">{content}</div>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** The feed's address for the posts of a window. */
export function feedForWindow(start: string, end: string): string {
  return `/?${new URLSearchParams({ since: start, until: end }).toString()}`;
}

function SummaryCard({ summary, zone }: { summary: WindowSummary; zone: string }) {
  const order = (tier: string) => (isTier(tier) ? TIERS.indexOf(tier) : TIERS.length);
  const tiers = Object.entries<number>(summary.tier_counts ?? {}).filter(([, n]) => typeof n === 'number').sort(
    ([a], [b]) => order(a) - order(b) || a.localeCompare(b),
  );
  const titleId = `summary-${summary.summary_key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  return (
    <article className="card summary-card" aria-labelledby={titleId} data-testid="summary-card" data-window={summary.window_type}
      data-summary-key={summary.summary_key}>
      <header className="summary-head">
        <div>
          <h2 id={titleId}>{windowLabel(summary.window_type)}</h2>
          <p className="muted small" title={`${absoluteTime(summary.window_start, zone)} – ${absoluteTime(summary.window_end, zone)}`}>
            {shortDateTime(summary.window_start, zone)} – {timeOfDay(summary.window_end, zone)} · generated {shortDateTime(summary.generated_at, zone)}
          </p>
        </div>
        <div className="summary-head-side">
          <code className="window-type">{summary.window_type}</code>
          <Link href={feedForWindow(summary.window_start, summary.window_end)} className="button button-secondary button-small" data-testid="summary-feed-link">
            Posts in the feed
          </Link>
        </div>
      </header>
      <dl className="stat-row">
        <div className="stat">
          <dt>Posts</dt>
          <dd data-testid="summary-post-count">{fullNumber(summary.post_count)}</dd>
        </div>
        <div className="stat">
          <dt>Significant</dt>
          <dd>{fullNumber(summary.significant_count)}</dd>
        </div>
      </dl>
      {tiers.length > 0 && (
        <ul className="tier-counts" aria-label="Posts by tier">
          {tiers.map(([tier, n]) => (
            <li key={tier}>
              {isTier(tier) ? <TierBadge tier={tier} /> : <span className="badge badge-muted">{tier}</span>}
              <span className="tier-count">{fullNumber(n)}</span>
            </li>
          ))}
        </ul>
      )}
      <p className="summary-text">{summary.summary_text}</p>
      {summary.top_themes?.length > 0 && (
        <section>
          <h3>Top themes</h3>
          <Themes themes={summary.top_themes} />
        </section>
      )}
      <section>
        <h3>Debates</h3>
        {summary.debates?.length ? <Debates debates={summary.debates} /> : <p className="muted small">No debates in this window.</p>}
      </section>
      {summary.top_authors?.length > 0 && (
        <section>
          <h3>Most active</h3>
          <ul className="author-list">
            {summary.top_authors.map((a, i) => {
              const handle = typeof a === 'string' ? a : entryText(asObject(a), 'handle', 'author_handle');
              const n = entryNumber(asObject(a), 'posts', 'count');
              return (
                <li key={i}>
                  {handle ? <Link href={`/?handle=${encodeURIComponent(bareHandle(handle))}`}>{formatHandle(handle)}</Link> : entryLabel(a)}
                  {n !== null && <span className="muted"> · {fullNumber(n)} {n === 1 ? 'post' : 'posts'}</span>}
                </li>
              );
            })}
          </ul>
        </section>
      )}
      <section>
        <h3>Notable posts</h3>
        {summary.notable_posts?.length ? <NotablePosts posts={summary.notable_posts} /> : <p className="muted small">None picked out in this window.</p>}
      </section>
    </article>
  );
}

const KNOWN_WINDOWS = ['rolling_2h', 'rolling_12h'];

/**
 * Every window summary, newest window first, of one window type or all: a page at a time, asked
 * again every minute while the page is visible, so a new window appears at the top by itself.
 */
export function SummariesView({ zone }: { zone: string }) {
  const search = useSearch();
  const [, navigate] = useLocation();
  const windowType = new URLSearchParams(search).get('window_type')?.trim() || null;
  const history = useSummaryHistory(windowType);
  usePageTitle('Summaries', windowType ? [windowLabel(windowType)] : []);
  const summaries = useMemo(() => history.data?.pages.flatMap((p) => p.items) ?? [], [history.data]);
  const types = [...new Set([...KNOWN_WINDOWS, ...(windowType ? [windowType] : []), ...summaries.map((s) => s.window_type)])];
  return (
    <section className="page" aria-labelledby="summaries-title">
      <div className="page-heading trends-heading">
        <div>
          <h1 id="summaries-title">Window summaries</h1>
          <p className="muted">What each rolling window was about, newest first.</p>
        </div>
        <div className="segmented" role="radiogroup" aria-label="Window type" data-testid="summary-type">
          {[null, ...types].map((type) => (
            <label key={type ?? 'all'} className={windowType === type ? 'is-selected' : ''}>
              <input
                type="radio"
                name="summary-type"
                checked={windowType === type}
                onChange={() => navigate(type ? `/summaries?${new URLSearchParams({ window_type: type }).toString()}` : '/summaries')}
              />
              <span>{type ? windowLabel(type).replace(/^Last /, '') : 'All'}</span>
            </label>
          ))}
        </div>
      </div>
      {history.isPending && (
        <div className="summary-grid">
          <div className="card"><BlockSkeleton lines={7} label="Loading summaries" /></div>
          <div className="card"><BlockSkeleton lines={7} label="Loading summaries" /></div>
        </div>
      )}
      {history.isError && summaries.length === 0 && (
        <ErrorState title="Summaries could not be loaded" error={history.error} action={{ label: 'Try again', onClick: () => void history.refetch(), pending: history.isFetching }} />
      )}
      {history.isSuccess && summaries.length === 0 && (
        <div className="empty-state">
          <InboxIcon size={32} />
          <h2>No summaries yet</h2>
          <p>Window summaries appear here once the collector has written them.</p>
        </div>
      )}
      {summaries.length > 0 && (
        <div className="summary-grid" data-testid="summary-list">
          {summaries.map((s) => (
            <SummaryCard key={s.summary_key} summary={s} zone={zone} />
          ))}
        </div>
      )}
      {summaries.length > 0 && (
        <div className="feed-end">
          {history.olderFailure ? null : history.hasNextPage ? (
            <button type="button" className="button button-secondary" onClick={() => void history.fetchOlder()} disabled={history.isFetchingNextPage}
              data-testid="summaries-older">
              {history.isFetchingNextPage ? 'Loading…' : 'Older summaries'}
            </button>
          ) : (
            <p className="feed-done" data-testid="summaries-end">
              That’s every summary: {fullNumber(summaries.length)}.
            </p>
          )}
          {history.olderFailure && (
            <OlderPageError items="summaries" error={history.olderFailure.error} retry={() => void history.fetchOlder()} retrying={history.isFetchingNextPage} restart={history.restart} />
          )}
          <p className="muted small">Updated {timeOfDay(new Date(history.dataUpdatedAt).toISOString(), zone)}; asked again every minute while this page is open.</p>
        </div>
      )}
    </section>
  );
}
