-- One search index over the trigrams, tier and significance. A search narrowed by both filters
-- then reads only the posts that pass all three, instead of every post containing the term's
-- trigrams (a handle fragment shared by 1% of posts: 10,000 heap reads at 1M posts, against 250).
-- Searches without those filters use the trigram column alone, as they used the V5 index.
-- Built and dropped CONCURRENTLY, so the consumer keeps writing while it builds; Flyway runs
-- this migration outside a transaction for that. Should it fail, Flyway records the failure and
-- the runbook says how to run it again; it then first drops what the failed build left.
DROP INDEX CONCURRENTLY IF EXISTS posts_search_idx;
CREATE INDEX CONCURRENTLY posts_search_idx ON posts USING gin (search_document gin_trgm_ops, watch_tier, is_significant);
DROP INDEX CONCURRENTLY IF EXISTS posts_search_trgm_idx;
