-- The newest significant posts through an index of significant posts alone. posts_significant_idx
-- (V1) led with is_significant, which the planner cannot relate to the table's order, so it priced
-- reading the newest significant posts through it as scattered and read them through V11's
-- posts_engagement_idx instead, skipping nine posts in ten and sorting each run of equal
-- timestamps by status_id: a search among significant posts took twice as long at a million
-- posts. A partial index keyed in the feed's order holds only the significant posts (a tenth of
-- the old index's entries, and no entry to maintain for the others); posts that are not
-- significant, most of them, are read in feed order through posts_discovered_idx.
-- Built CONCURRENTLY like V7 and V11, starting over from whatever a failed build left.
DROP INDEX CONCURRENTLY IF EXISTS posts_significant_newest_idx;
CREATE INDEX CONCURRENTLY posts_significant_newest_idx ON posts (discovered_at DESC, status_id DESC) WHERE is_significant;
DROP INDEX CONCURRENTLY IF EXISTS posts_significant_idx;
