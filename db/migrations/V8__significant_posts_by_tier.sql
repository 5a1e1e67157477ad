-- The newest significant posts of one tier, in feed order. A search narrowed by tier and
-- significance reads its window of newest posts here, so every post it reads passes both
-- filters (through the significance or the tier index alone, one in four or one in ten would).
-- Only significant posts are indexed, so ingest barely pays for it. Built CONCURRENTLY like V7,
-- and like V7 it starts over by dropping what a failed build left.
DROP INDEX CONCURRENTLY IF EXISTS posts_significant_tier_idx;
CREATE INDEX CONCURRENTLY posts_significant_tier_idx ON posts (watch_tier, discovered_at DESC, status_id DESC)
    WHERE is_significant;
