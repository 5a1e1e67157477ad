export function PostSkeleton() {
  return (
    <div className="post-card skeleton-card" aria-hidden="true">
      <span className="skeleton avatar-skeleton" />
      <div className="post-main">
        <span className="skeleton line" style={{ width: '40%' }} />
        <span className="skeleton line" style={{ width: '95%' }} />
        <span className="skeleton line" style={{ width: '70%' }} />
        <span className="skeleton line short" style={{ width: '45%' }} />
      </div>
    </div>
  );
}

export function FeedSkeleton({ count = 6 }: { count?: number }) {
  return (
    <div className="feed-list" role="status" aria-label="Loading posts" data-testid="feed-loading">
      {Array.from({ length: count }, (_, i) => (
        <PostSkeleton key={i} />
      ))}
    </div>
  );
}

export function BlockSkeleton({ lines = 4, label = 'Loading' }: { lines?: number; label?: string }) {
  return (
    <div className="block-skeleton" role="status" aria-label={label}>
      {Array.from({ length: lines }, (_, i) => (
        <span key={i} className="skeleton line" style={{ width: `${90 - ((i * 17) % 40)}%` }} />
      ))}
    </div>
  );
}
