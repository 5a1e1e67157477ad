-- Every batch that changes the feed moved one counter row, so concurrent consumers queued on its
-- lock until each other's commit. The counter is now sixteen rows: a batch moves the one its id
-- hashes to, and the feed's version is their sum, which still moves only when a batch commits.
-- (Dropping the old key column drops its primary key and check with it.)
ALTER TABLE feed_version DROP COLUMN singleton;
ALTER TABLE feed_version ADD COLUMN shard smallint NOT NULL DEFAULT 0 CHECK (shard BETWEEN 0 AND 15);
ALTER TABLE feed_version ADD PRIMARY KEY (shard);
ALTER TABLE feed_version ALTER COLUMN shard DROP DEFAULT;
INSERT INTO feed_version (shard, version) SELECT s, 0 FROM generate_series(1, 15) AS s;
