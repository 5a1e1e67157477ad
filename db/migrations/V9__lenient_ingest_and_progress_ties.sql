-- Fields of the 24h refresh sent without refresh_24h_at are stored, as the old system stored
-- them. They rank below every dated refresh and, among themselves, by the newest sighting that
-- carries them: that sighting's last_seen_at is the group's second version.
ALTER TABLE posts ADD COLUMN refresh_24h_seen_at timestamptz;

-- An embedding sent without updated_at has no version: it ranks below every one with a version,
-- and two without rank by their values, so sending them in any order gives the same row.
ALTER TABLE embeddings ALTER COLUMN updated_at DROP NOT NULL;

-- The old collector wrote embeddings without a vector, and the old import stored them as [] with
-- dims 0; they are kept the same way.
ALTER TABLE embeddings DROP CONSTRAINT embeddings_dims_check;
ALTER TABLE embeddings ADD CONSTRAINT embeddings_dims_check CHECK (dims >= 0);
ALTER TABLE parked_items ALTER COLUMN item_version DROP NOT NULL;

-- The latest summary of a window type: the one whose window ends last, then the newest
-- generation, then the greatest key, so that two equal on both are never a coin toss.
DROP INDEX window_summaries_latest_idx;
CREATE INDEX window_summaries_latest_idx ON window_summaries (window_type, window_end DESC, generated_at DESC, summary_key DESC);
