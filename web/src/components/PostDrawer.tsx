import { Suspense, lazy, useEffect, useRef } from 'react';
import { isApiError } from '../api/client';
import { usePost } from '../api/queries';
import type { PostDetail } from '../api/types';
import { absoluteTime, displayName, formatHandle, fullNumber, humanize, shortDateTime } from '../lib/format';
import type { Theme } from '../lib/theme';
import { Avatar, ReportedBadge, SignificantBadge, TierBadge } from './Badges';
import { ErrorState } from './ErrorState';
import { AlertIcon, CloseIcon, ExternalIcon } from './Icons';
import { Metrics } from './PostCard';
import { BlockSkeleton } from './Skeletons';

// The charting library loads with the first detail opened, not with the feed.
const MetricsChart = lazy(() => import('./MetricsChart').then((m) => ({ default: m.MetricsChart })));

interface Props {
  id: string;
  onClose: () => void;
  theme: Theme;
  zone: string;
}

/**
 * Post detail as a modal panel: a native <dialog> shown with showModal(), so the page behind is
 * inert (neither focus nor a screen reader's cursor reaches it); opened by its URL, closed with
 * Esc, the close button or a click on the backdrop.
 */
export function PostDrawer({ id, onClose, theme, zone }: Props) {
  const query = usePost(id);
  const dialog = useRef<HTMLDialogElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (!el.open) el.showModal();
    closeButton.current?.focus({ preventScroll: true });
  }, [id]);

  useEffect(() => {
    document.body.classList.add('has-drawer');
    return () => document.body.classList.remove('has-drawer');
  }, []);

  const notFound = isApiError(query.error) && (query.error.status === 404 || query.error.status === 400);

  return (
    <dialog
      className="drawer"
      aria-labelledby="drawer-title"
      ref={dialog}
      data-testid="post-drawer"
      onCancel={(e) => {
        // Esc: the address says what is open, so closing is a navigation, not the dialog's own.
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => {
        // Only the backdrop is the dialog itself; its content fills the panel.
        if (e.target === e.currentTarget) {
          const r = e.currentTarget.getBoundingClientRect();
          if (e.clientX < r.left || e.clientX > r.right || e.clientY < r.top || e.clientY > r.bottom) onClose();
        }
      }}
    >
      <div className="drawer-header">
        <h2 id="drawer-title">Post</h2>
        <button type="button" className="icon-button" onClick={onClose} ref={closeButton} aria-label="Close post (Esc)" title="Close (Esc)">
          <CloseIcon size={18} />
        </button>
      </div>
      <div className="drawer-body">
        {query.isPending && <BlockSkeleton lines={8} label="Loading post" />}
        {notFound && (
          <div className="empty-state" data-testid="post-not-found">
            <AlertIcon size={28} />
            <h3>Post not found</h3>
            <p>
              No post with the id <code>{id}</code> is stored. It may not have been collected yet, or the link is wrong.
            </p>
            <button type="button" className="button" onClick={onClose}>
              Back to the feed
            </button>
          </div>
        )}
        {query.isError && !notFound && (
          <ErrorState level={3} title="Could not load this post" error={query.error} action={{ label: 'Try again', onClick: () => void query.refetch(), pending: query.isFetching }} />
        )}
        {query.data && <Detail detail={query.data} theme={theme} zone={zone} />}
      </div>
    </dialog>
  );
}

function Detail({ detail, theme, zone }: { detail: PostDetail; theme: Theme; zone: string }) {
  const { post, snapshots, report } = detail;
  const handle = formatHandle(post.author_handle);
  const display = displayName(post.author_display, post.author_handle);
  const ordered = [...snapshots].sort((a, b) => Date.parse(b.snapshot_at) - Date.parse(a.snapshot_at));
  return (
    <article className="detail" data-testid="post-detail" data-status-id={post.status_id}>
      <header className="detail-author">
        <Avatar handle={post.author_handle} size={48} />
        <div>
          <div className="detail-name">
            {display ? (
              <>
                <strong>{display}</strong> <span className="author-handle">{handle}</span>
              </>
            ) : (
              <strong>{handle}</strong>
            )}
          </div>
          <div className="detail-meta">
            <TierBadge tier={post.watch_tier} />
            <time dateTime={post.discovered_at}>Discovered {absoluteTime(post.discovered_at, zone)}</time>
          </div>
        </div>
      </header>

      <p className="detail-body" data-testid="detail-body">
        {post.body_text ?? <em className="muted">No text</em>}
      </p>

      <a className="button button-secondary" href={post.url} target="_blank" rel="noopener noreferrer">
        <ExternalIcon size={15} /> Open on X
      </a>

      <section className="detail-section" aria-labelledby="sig-title">
        <h3 id="sig-title">Significance</h3>
        {post.is_significant ? (
          <div>
            <SignificantBadge reason={null} />
            <p className="detail-text">{post.significance_reason ?? 'No reason recorded.'}</p>
          </div>
        ) : (
          <p className="detail-text muted">Not significant.</p>
        )}
      </section>

      <section className="detail-section" aria-labelledby="report-title" data-testid="detail-report">
        <h3 id="report-title">Report</h3>
        {report ? (
          <div className="report">
            <ReportedBadge />
            <dl className="kv">
              <dt>Channel</dt>
              <dd>{report.channel ?? '—'}</dd>
              {report.destination && (
                <>
                  <dt>Destination</dt>
                  <dd>{report.destination}</dd>
                </>
              )}
              <dt>Reported</dt>
              <dd>
                <time dateTime={report.reported_at}>{absoluteTime(report.reported_at, zone)}</time>
              </dd>
            </dl>
            {report.summary && <p className="detail-text">{report.summary}</p>}
          </div>
        ) : (
          <p className="detail-text muted">Not reported.</p>
        )}
      </section>

      <section className="detail-section" aria-labelledby="metrics-title">
        <h3 id="metrics-title">Engagement</h3>
        <Metrics item={post} />
        {ordered.length > 0 ? (
          <>
            <Suspense fallback={<BlockSkeleton lines={5} label="Loading chart" />}>
              <MetricsChart snapshots={ordered} theme={theme} zone={zone} />
            </Suspense>
            <div className="table-wrap" tabIndex={0} role="region" aria-label="Metrics snapshots">
              <table className="table table-compact" data-testid="snapshot-table">
                <caption className="sr-only">Metrics snapshots, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Snapshot</th>
                    <th scope="col">Taken</th>
                    <th scope="col" className="num">Likes</th>
                    <th scope="col" className="num">Reposts</th>
                    <th scope="col" className="num">Replies</th>
                    <th scope="col" className="num">Views</th>
                    <th scope="col">Source</th>
                  </tr>
                </thead>
                <tbody>
                  {ordered.map((s) => (
                    <tr key={`${s.snapshot_type}-${s.snapshot_at}`}>
                      <td>{humanize(s.snapshot_type)}</td>
                      <td>
                        <time dateTime={s.snapshot_at} title={absoluteTime(s.snapshot_at, zone)}>
                          {shortDateTime(s.snapshot_at, zone)}
                        </time>
                      </td>
                      <td className="num">{fullNumber(s.likes)}</td>
                      <td className="num">{fullNumber(s.reposts)}</td>
                      <td className="num">{fullNumber(s.replies)}</td>
                      <td className="num">{fullNumber(s.views)}</td>
                      <td>{s.source ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : (
          <p className="detail-text muted">No metrics snapshots yet.</p>
        )}
      </section>
      <p className="detail-id">
        Status id <code>{post.status_id}</code>
      </p>
    </article>
  );
}
