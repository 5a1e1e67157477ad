-- Engagement (/v1/engagement) ranks handles and posts of a range by score.
-- Top handles read every post of the range: posts_engagement_idx holds what they need in
-- discovered_at order, so the read touches the index alone (an index-only scan) instead of a heap
-- page per post; about 90 bytes per post (91 MB at a million).
-- Top posts walk posts_score_idx from the highest score down and stop at the first posts of the
-- range that pass the filters; for a short range with narrow filters the planner reads the range
-- instead. Its key is Tally.score() in SQL, likes + 2 × reposts + 3 × replies; about 56 bytes per
-- post (56 MB at a million).
-- Each inserted post, and each new observation of one, adds an entry to both, as the other
-- indexes of posts do. Built CONCURRENTLY like V7, and like V7 each starts over by dropping what
-- a failed build left.
DROP INDEX CONCURRENTLY IF EXISTS posts_engagement_idx;
CREATE INDEX CONCURRENTLY posts_engagement_idx ON posts (discovered_at)
    INCLUDE (status_id, author_handle, watch_tier, is_significant, likes, reposts, replies, views);
DROP INDEX CONCURRENTLY IF EXISTS posts_score_idx;
CREATE INDEX CONCURRENTLY posts_score_idx ON posts ((likes + 2 * reposts::bigint + 3 * replies::bigint) DESC, discovered_at DESC, status_id DESC);
