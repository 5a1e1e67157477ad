package io.xmonitor.apply;

import io.xmonitor.ingest.IngestItem;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Posts, then whatever was parked waiting for them. */
final class PostWriter implements KindWriter {

    /*
     * Versioned upsert. Three groups of columns move independently, each only forward:
     * the "latest" columns with last_seen_at, the 24h refresh with refresh_24h_at, and the
     * first-capture columns (discovered_at, initial_*) towards the earliest discovered_at.
     * A row is touched only when at least one group has something at least as new; equal
     * versions rewrite the same values, so redelivery is harmless.
     */
    static final String UPSERT = """
            INSERT INTO posts AS p (
                status_id, url, author_handle, author_display, body_text, posted_relative, source_query,
                watch_tier, is_significant, significance_reason, significance_version,
                likes, reposts, replies, views,
                initial_likes, initial_reposts, initial_replies, initial_views,
                likes_24h, reposts_24h, replies_24h, views_24h,
                refresh_24h_at, refresh_24h_status,
                refresh_24h_delta_likes, refresh_24h_delta_reposts, refresh_24h_delta_replies, refresh_24h_delta_views,
                discovered_at, last_seen_at)
            SELECT
                r.status_id, r.url, r.author_handle, r.author_display, r.body_text, r.posted_relative, r.source_query,
                r.watch_tier, r.is_significant, r.significance_reason, r.significance_version,
                r.likes, r.reposts, r.replies, r.views,
                r.initial_likes, r.initial_reposts, r.initial_replies, r.initial_views,
                r.likes_24h, r.reposts_24h, r.replies_24h, r.views_24h,
                r.refresh_24h_at, r.refresh_24h_status,
                r.refresh_24h_delta_likes, r.refresh_24h_delta_reposts, r.refresh_24h_delta_replies, r.refresh_24h_delta_views,
                r.discovered_at, r.last_seen_at
            FROM jsonb_to_recordset(?::jsonb) AS r(
                status_id text, url text, author_handle text, author_display text, body_text text,
                posted_relative text, source_query text, watch_tier text, is_significant boolean,
                significance_reason text, significance_version text,
                likes integer, reposts integer, replies integer, views integer,
                initial_likes integer, initial_reposts integer, initial_replies integer, initial_views integer,
                likes_24h integer, reposts_24h integer, replies_24h integer, views_24h integer,
                refresh_24h_at timestamptz, refresh_24h_status text,
                refresh_24h_delta_likes integer, refresh_24h_delta_reposts integer,
                refresh_24h_delta_replies integer, refresh_24h_delta_views integer,
                discovered_at timestamptz, last_seen_at timestamptz)
            ORDER BY r.status_id
            ON CONFLICT (status_id) DO UPDATE SET
                url                  = CASE WHEN excluded.last_seen_at >= p.last_seen_at THEN excluded.url ELSE p.url END,
                author_handle        = CASE WHEN excluded.last_seen_at >= p.last_seen_at THEN excluded.author_handle ELSE p.author_handle END,
                author_display       = CASE WHEN excluded.last_seen_at >= p.last_seen_at THEN coalesce(excluded.author_display, p.author_display) ELSE p.author_display END,
                body_text            = CASE WHEN excluded.last_seen_at >= p.last_seen_at THEN coalesce(excluded.body_text, p.body_text) ELSE p.body_text END,
                posted_relative      = CASE WHEN excluded.last_seen_at >= p.last_seen_at THEN coalesce(excluded.posted_relative, p.posted_relative) ELSE p.posted_relative END,
                source_query         = CASE WHEN excluded.last_seen_at >= p.last_seen_at THEN coalesce(excluded.source_query, p.source_query) ELSE p.source_query END,
                watch_tier           = CASE WHEN excluded.last_seen_at >= p.last_seen_at THEN coalesce(excluded.watch_tier, p.watch_tier) ELSE p.watch_tier END,
                is_significant       = CASE WHEN excluded.last_seen_at >= p.last_seen_at THEN excluded.is_significant ELSE p.is_significant END,
                significance_reason  = CASE WHEN excluded.last_seen_at >= p.last_seen_at THEN coalesce(excluded.significance_reason, p.significance_reason) ELSE p.significance_reason END,
                significance_version = CASE WHEN excluded.last_seen_at >= p.last_seen_at THEN excluded.significance_version ELSE p.significance_version END,
                likes                = CASE WHEN excluded.last_seen_at >= p.last_seen_at THEN excluded.likes ELSE p.likes END,
                reposts              = CASE WHEN excluded.last_seen_at >= p.last_seen_at THEN excluded.reposts ELSE p.reposts END,
                replies              = CASE WHEN excluded.last_seen_at >= p.last_seen_at THEN excluded.replies ELSE p.replies END,
                views                = CASE WHEN excluded.last_seen_at >= p.last_seen_at THEN excluded.views ELSE p.views END,
                last_seen_at         = greatest(p.last_seen_at, excluded.last_seen_at),

                discovered_at   = least(p.discovered_at, excluded.discovered_at),
                initial_likes   = CASE WHEN excluded.discovered_at < p.discovered_at THEN coalesce(excluded.initial_likes, p.initial_likes) ELSE coalesce(p.initial_likes, excluded.initial_likes) END,
                initial_reposts = CASE WHEN excluded.discovered_at < p.discovered_at THEN coalesce(excluded.initial_reposts, p.initial_reposts) ELSE coalesce(p.initial_reposts, excluded.initial_reposts) END,
                initial_replies = CASE WHEN excluded.discovered_at < p.discovered_at THEN coalesce(excluded.initial_replies, p.initial_replies) ELSE coalesce(p.initial_replies, excluded.initial_replies) END,
                initial_views   = CASE WHEN excluded.discovered_at < p.discovered_at THEN coalesce(excluded.initial_views, p.initial_views) ELSE coalesce(p.initial_views, excluded.initial_views) END,

                likes_24h                 = CASE WHEN excluded.refresh_24h_at >= coalesce(p.refresh_24h_at, '-infinity') THEN excluded.likes_24h ELSE p.likes_24h END,
                reposts_24h               = CASE WHEN excluded.refresh_24h_at >= coalesce(p.refresh_24h_at, '-infinity') THEN excluded.reposts_24h ELSE p.reposts_24h END,
                replies_24h               = CASE WHEN excluded.refresh_24h_at >= coalesce(p.refresh_24h_at, '-infinity') THEN excluded.replies_24h ELSE p.replies_24h END,
                views_24h                 = CASE WHEN excluded.refresh_24h_at >= coalesce(p.refresh_24h_at, '-infinity') THEN excluded.views_24h ELSE p.views_24h END,
                refresh_24h_status        = CASE WHEN excluded.refresh_24h_at >= coalesce(p.refresh_24h_at, '-infinity') THEN excluded.refresh_24h_status ELSE p.refresh_24h_status END,
                refresh_24h_delta_likes   = CASE WHEN excluded.refresh_24h_at >= coalesce(p.refresh_24h_at, '-infinity') THEN excluded.refresh_24h_delta_likes ELSE p.refresh_24h_delta_likes END,
                refresh_24h_delta_reposts = CASE WHEN excluded.refresh_24h_at >= coalesce(p.refresh_24h_at, '-infinity') THEN excluded.refresh_24h_delta_reposts ELSE p.refresh_24h_delta_reposts END,
                refresh_24h_delta_replies = CASE WHEN excluded.refresh_24h_at >= coalesce(p.refresh_24h_at, '-infinity') THEN excluded.refresh_24h_delta_replies ELSE p.refresh_24h_delta_replies END,
                refresh_24h_delta_views   = CASE WHEN excluded.refresh_24h_at >= coalesce(p.refresh_24h_at, '-infinity') THEN excluded.refresh_24h_delta_views ELSE p.refresh_24h_delta_views END,
                refresh_24h_at            = greatest(p.refresh_24h_at, excluded.refresh_24h_at),

                updated_at = now()
            WHERE excluded.last_seen_at >= p.last_seen_at
               OR excluded.discovered_at < p.discovered_at
               OR excluded.refresh_24h_at >= coalesce(p.refresh_24h_at, '-infinity')
            """;

    private final ParkedItems parked;

    PostWriter(ParkedItems parked) {
        this.parked = parked;
    }

    @Override
    public WriteCount write(Connection connection, List<IngestItem> items, BatchRef batch) throws SQLException {
        List<String> statusIds = items.stream().map(IngestItem::key).toList();
        PostLocks.lock(connection, statusIds);
        int written = JsonRows.execute(connection, UPSERT, items);
        return new WriteCount(written, 0).plus(parked.release(connection, statusIds, batch));
    }
}
