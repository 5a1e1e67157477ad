-- Applying observations in any order gives the same row (see UpsertStatements). A post's text
-- moves with its own version, the newest last_seen_at among observations that carry text, so
-- that a sighting without text keeps it.
ALTER TABLE posts ADD COLUMN text_seen_at timestamptz;
UPDATE posts SET text_seen_at = last_seen_at WHERE body_text IS NOT NULL OR author_display IS NOT NULL;

-- Parked rows keep every distinct observation (identical copies once); the kind's upsert ranks
-- them when their post arrives. They are read back with the rules of the batch that parked them.
ALTER TABLE parked_items ADD COLUMN accepted_at timestamptz;
UPDATE parked_items SET accepted_at = parked_at;
ALTER TABLE parked_items ALTER COLUMN accepted_at SET NOT NULL;
ALTER TABLE parked_items ADD COLUMN item_digest text GENERATED ALWAYS AS (md5(item::text)) STORED;
ALTER TABLE parked_items DROP CONSTRAINT parked_items_pkey;
ALTER TABLE parked_items ADD PRIMARY KEY (kind, item_key, item_digest);

-- The latest summary of a window type is the one whose window ends last (then the newest generation).
DROP INDEX window_summaries_latest_idx;
CREATE INDEX window_summaries_latest_idx ON window_summaries (window_type, window_end DESC, generated_at DESC);

-- Counts the applied batches that changed what the feed shows (posts, reports), so a polling
-- dashboard sees a change wherever it lands, also below the newest post. A counter bumped in the
-- writing transaction, not a timestamp: transactions commit in another order than they start.
CREATE TABLE feed_version (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    version   bigint NOT NULL
);
INSERT INTO feed_version (version) VALUES (0);
