-- Trends and engagement (/v1/trends, /v1/engagement) count posts and sum their latest counts per
-- time bucket of the viewer's zone. Every zone's offset is a whole number of quarter hours, so
-- every bucket is a whole number of quarter hours: the rollup holds, per quarter hour of
-- discovered_at, tier and significance, the number of posts and the sums of their counts. A
-- range of 90 days reads at most 8,640 quarters × 10 rows instead of every post in it.
--
-- Triggers on posts record every change in the statement that makes it: an insert adds the new
-- rows, a delete subtracts the old, an update subtracts the old and adds the new, grouped per
-- quarter, tier and significance into post_activity_changes. That is an insert only: concurrent
-- consumers never wait on each other for it (as feed_version's shards, V12, keep them from
-- waiting there). post_activity_fold() moves the changes into post_activity, one folder at a
-- time (an advisory lock it only tries), in its own short transaction after a consumer commits.
-- A read sums both tables, so the rollup is exactly the sum over the stored posts after every
-- committed transaction, folded or not, whatever order, grouping or redelivery the observations
-- came in (an observation that changes nothing records nothing).
CREATE TABLE post_activity (
    quarter_start  timestamptz NOT NULL,
    watch_tier     text,
    is_significant boolean NOT NULL,
    posts          bigint NOT NULL,
    likes          bigint NOT NULL,
    reposts        bigint NOT NULL,
    replies        bigint NOT NULL,
    views          bigint NOT NULL,
    CONSTRAINT post_activity_key UNIQUE NULLS NOT DISTINCT (quarter_start, watch_tier, is_significant)
);

-- The same columns, without the key: changes are only ever inserted (and deleted by a fold).
CREATE TABLE post_activity_changes (LIKE post_activity);
CREATE INDEX post_activity_changes_quarter_idx ON post_activity_changes (quarter_start);

CREATE FUNCTION post_activity_quarter(discovered_at timestamptz) RETURNS timestamptz
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT date_bin(interval '15 minutes', discovered_at, timestamptz '2000-01-01 00:00:00+00') $$;

-- The statement's rows come from its transition tables: added with sign 1 (new rows), taken away
-- with sign -1 (old rows).
CREATE FUNCTION post_activity_record() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    added   constant text := 'SELECT 1 AS sign, discovered_at, watch_tier, is_significant, likes, reposts, replies, views FROM new_posts';
    removed constant text := 'SELECT -1 AS sign, discovered_at, watch_tier, is_significant, likes, reposts, replies, views FROM old_posts';
BEGIN
    EXECUTE format($sql$
        INSERT INTO post_activity_changes (quarter_start, watch_tier, is_significant, posts, likes, reposts, replies, views)
        SELECT post_activity_quarter(d.discovered_at), d.watch_tier, d.is_significant, sum(d.sign),
               sum(d.sign * d.likes::bigint), sum(d.sign * d.reposts::bigint), sum(d.sign * d.replies::bigint),
               sum(d.sign * d.views::bigint)
        FROM (%s) d
        GROUP BY 1, 2, 3
        HAVING sum(d.sign) <> 0 OR sum(d.sign * d.likes::bigint) <> 0 OR sum(d.sign * d.reposts::bigint) <> 0
            OR sum(d.sign * d.replies::bigint) <> 0 OR sum(d.sign * d.views::bigint) <> 0
        $sql$, CASE TG_OP WHEN 'INSERT' THEN added WHEN 'DELETE' THEN removed ELSE added || ' UNION ALL ' || removed END);
    RETURN NULL;
END
$$;

CREATE FUNCTION post_activity_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE post_activity, post_activity_changes;
    RETURN NULL;
END
$$;

-- Moves the committed changes into post_activity and answers how many rollup rows that touched;
-- 0 at once when another folder holds the lock (what it does not see, the next fold moves).
-- Rows are upserted in key order, so a folder never waits in a cycle.
CREATE FUNCTION post_activity_fold() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    folded integer;
BEGIN
    IF NOT pg_try_advisory_xact_lock(7062, 0) THEN
        RETURN 0;
    END IF;
    WITH moved AS (DELETE FROM post_activity_changes RETURNING *)
    INSERT INTO post_activity AS a (quarter_start, watch_tier, is_significant, posts, likes, reposts, replies, views)
    SELECT quarter_start, watch_tier, is_significant, sum(posts), sum(likes), sum(reposts), sum(replies), sum(views)
    FROM moved
    GROUP BY 1, 2, 3
    ORDER BY 1, 2 NULLS FIRST, 3
    ON CONFLICT ON CONSTRAINT post_activity_key DO UPDATE
        SET posts = a.posts + excluded.posts, likes = a.likes + excluded.likes, reposts = a.reposts + excluded.reposts,
            replies = a.replies + excluded.replies, views = a.views + excluded.views;
    GET DIAGNOSTICS folded = ROW_COUNT;
    RETURN folded;
END
$$;

-- Creating the triggers locks posts against writes until this migration commits, so the fill
-- below counts exactly the posts the triggers do not see.
CREATE TRIGGER post_activity_insert AFTER INSERT ON posts REFERENCING NEW TABLE AS new_posts
    FOR EACH STATEMENT EXECUTE FUNCTION post_activity_record();
CREATE TRIGGER post_activity_update AFTER UPDATE ON posts REFERENCING OLD TABLE AS old_posts NEW TABLE AS new_posts
    FOR EACH STATEMENT EXECUTE FUNCTION post_activity_record();
CREATE TRIGGER post_activity_delete AFTER DELETE ON posts REFERENCING OLD TABLE AS old_posts
    FOR EACH STATEMENT EXECUTE FUNCTION post_activity_record();
CREATE TRIGGER post_activity_truncate AFTER TRUNCATE ON posts
    FOR EACH STATEMENT EXECUTE FUNCTION post_activity_clear();

INSERT INTO post_activity (quarter_start, watch_tier, is_significant, posts, likes, reposts, replies, views)
SELECT post_activity_quarter(discovered_at), watch_tier, is_significant, count(*), sum(likes), sum(reposts), sum(replies), sum(views)
FROM posts
GROUP BY 1, 2, 3;

-- History pages of summaries and shifts, newest first, of one type or of all.
CREATE INDEX window_summaries_history_idx ON window_summaries (window_end DESC, summary_key DESC);
CREATE INDEX window_summaries_type_history_idx ON window_summaries (window_type, window_end DESC, summary_key DESC);
CREATE INDEX narrative_shifts_history_idx ON narrative_shifts (period_end DESC, shift_key DESC);
CREATE INDEX narrative_shifts_type_history_idx ON narrative_shifts (basis_window_type, period_end DESC, shift_key DESC);
