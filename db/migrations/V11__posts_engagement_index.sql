-- Top handles and top posts of a range (/v1/engagement) read every post of the range: this index
-- holds what they need in discovered_at order, so the read touches the index alone (an index-only
-- scan) instead of a heap page per post. About 90 bytes per post (91 MB at a million posts); each
-- inserted post, and each new observation of one, adds an entry, as the other indexes of posts do.
-- Built CONCURRENTLY like V7, and like V7 it starts over by dropping what a failed build left.
DROP INDEX CONCURRENTLY IF EXISTS posts_engagement_idx;
CREATE INDEX CONCURRENTLY posts_engagement_idx ON posts (discovered_at)
    INCLUDE (status_id, author_handle, watch_tier, is_significant, likes, reposts, replies, views);
