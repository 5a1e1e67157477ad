import { memo, type KeyboardEvent, type MouseEvent, type Ref } from 'react';
import { Link } from 'wouter';
import type { FeedItem } from '../api/types';
import { absoluteTime, compactNumber, displayName, formatHandle, fullNumber } from '../lib/format';
import { Avatar, ReportedBadge, SignificantBadge, TierBadge } from './Badges';
import { Highlight } from './Highlight';
import { ExternalIcon, EyeIcon, HeartIcon, ReplyIcon, RepostIcon } from './Icons';
import { RelativeTime } from './RelativeTime';

export function Metrics({ item }: { item: Pick<FeedItem, 'likes' | 'reposts' | 'replies' | 'views'> }) {
  const metrics = [
    { key: 'likes', Icon: HeartIcon, value: item.likes },
    { key: 'reposts', Icon: RepostIcon, value: item.reposts },
    { key: 'replies', Icon: ReplyIcon, value: item.replies },
    { key: 'views', Icon: EyeIcon, value: item.views },
  ];
  return (
    <ul className="metrics" aria-label="Engagement">
      {metrics.map(({ key, Icon, value }) => (
        <li key={key} className={`metric metric-${key}`} title={`${fullNumber(value)} ${key}`}>
          <Icon size={15} />
          <span aria-hidden="true">{compactNumber(value)}</span>
          <span className="sr-only">
            {fullNumber(value)} {key}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** The address of a post's detail over the feed with `search` ("?tier=…" or ""). */
export function postHref(id: string, search: string): string {
  return `/posts/${encodeURIComponent(id)}${search}`;
}

interface PostCardProps {
  ref?: Ref<HTMLElement>;
  /** Where the post sits in the feed, from 0. */
  index: number;
  /** How many posts the feed holds, or -1 while older ones can still be loaded. */
  setSize: number;
  item: FeedItem;
  term: string;
  /** The feed's query string, kept in the post's address so closing it returns to the same feed. */
  search: string;
  zone: string;
  onOpen: (id: string) => void;
}

/**
 * One post. Its time is the link to its detail (open in a new tab, copy, middle-click); a click
 * anywhere else on the card that is not a selection or another control opens it too, and so does
 * Enter on the focused card.
 */
export const PostCard = memo(function PostCard({ ref, index, setSize, item, term, search, zone, onOpen }: PostCardProps) {
  const handle = formatHandle(item.author_handle);
  const display = displayName(item.author_display, item.author_handle);
  const titleId = `post-${item.status_id}-author`;
  const open = (e: MouseEvent) => {
    if ((e.target as HTMLElement).closest('a, button')) return;
    if (window.getSelection()?.toString()) return;
    onOpen(item.status_id);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && e.target === e.currentTarget) {
      e.preventDefault();
      onOpen(item.status_id);
    }
  };
  return (
    <article
      ref={ref}
      className={`post-card${item.is_significant ? ' is-significant' : ''}`}
      tabIndex={0}
      data-post-card=""
      data-status-id={item.status_id}
      data-index={index}
      aria-posinset={index + 1}
      aria-setsize={setSize}
      data-tier={item.watch_tier ?? ''}
      aria-labelledby={titleId}
      onClick={open}
      onKeyDown={onKeyDown}
    >
      <Avatar handle={item.author_handle} />
      <div className="post-main">
        <header className="post-head">
          <span className="post-author" id={titleId} data-author-handle={item.author_handle}>
            {display ? (
              <>
                <strong className="author-name">{display}</strong> <span className="author-handle">{handle}</span>
              </>
            ) : (
              <strong className="author-name">{handle}</strong>
            )}
          </span>
          <TierBadge tier={item.watch_tier} />
          <span className="dot" aria-hidden="true">
            ·
          </span>
          <Link href={postHref(item.status_id, search)} className="post-link" data-testid="post-link">
            <RelativeTime iso={item.discovered_at} zone={zone} className="post-time" />
            <span className="sr-only">, details of {handle}’s post</span>
          </Link>
          <a className="post-open-x" href={item.url} target="_blank" rel="noopener noreferrer" aria-label={`Open ${handle}'s post on X`}>
            <ExternalIcon size={14} />
            <span className="label">Open on X</span>
          </a>
        </header>
        <p className="post-body">{item.body_text ? <Highlight text={item.body_text} term={term} /> : <em className="muted">No text</em>}</p>
        {(item.is_significant || item.reported_at) && (
          <div className="post-badges">
            {item.is_significant && <SignificantBadge reason={item.significance_reason} />}
            {item.reported_at && <ReportedBadge title={`Reported ${absoluteTime(item.reported_at, zone)}`} />}
          </div>
        )}
        <Metrics item={item} />
      </div>
    </article>
  );
});
