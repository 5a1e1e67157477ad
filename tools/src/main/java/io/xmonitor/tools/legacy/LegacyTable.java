package io.xmonitor.tools.legacy;

import io.xmonitor.ingest.IngestKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A table of the collector's SQLite snapshot, the ingest kind it becomes, and for every
 * canonical field the column names it has had across snapshot generations (first preferred).
 */
public enum LegacyTable {
    WATCH_ACCOUNTS("watch_accounts", IngestKind.WATCH_ACCOUNTS, "watch_accounts", "handle", aliases(
            "handle", List.of("handle", "author_handle"),
            "tier", List.of("tier", "watch_tier"),
            "note", List.of("note"),
            "added_at", List.of("added_at", "created_at", "updated_at"))),
    TWEETS("tweets", IngestKind.POSTS, "posts", "status_id", aliases(
            "status_id", List.of("status_id", "id"),
            "url", List.of("url", "status_url", "tweet_url"),
            "author_handle", List.of("author_handle", "handle", "author", "username"),
            "author_display", List.of("author_display", "display_name", "author_name"),
            "body_text", List.of("body_text", "text", "tweet_text", "content"),
            "posted_relative", List.of("posted_relative"),
            "source_query", List.of("source_query", "query_type", "source"),
            "watch_tier", List.of("watch_tier", "tier"),
            "is_significant", List.of("is_significant", "significant"),
            "significance_reason", List.of("significance_reason", "reason"),
            "significance_version", List.of("significance_version"),
            "likes", List.of("likes"),
            "reposts", List.of("reposts", "retweets"),
            "replies", List.of("replies"),
            "views", List.of("views"),
            "initial_likes", List.of("initial_likes"),
            "initial_reposts", List.of("initial_reposts", "initial_retweets"),
            "initial_replies", List.of("initial_replies"),
            "initial_views", List.of("initial_views"),
            "likes_24h", List.of("likes_24h"),
            "reposts_24h", List.of("reposts_24h", "retweets_24h"),
            "replies_24h", List.of("replies_24h"),
            "views_24h", List.of("views_24h"),
            "refresh_24h_at", List.of("refresh_24h_at"),
            "refresh_24h_status", List.of("refresh_24h_status"),
            "refresh_24h_delta_likes", List.of("refresh_24h_delta_likes"),
            "refresh_24h_delta_reposts", List.of("refresh_24h_delta_reposts", "refresh_24h_delta_retweets"),
            "refresh_24h_delta_replies", List.of("refresh_24h_delta_replies"),
            "refresh_24h_delta_views", List.of("refresh_24h_delta_views"),
            "discovered_at", List.of("discovered_at", "captured_at", "created_at"),
            "last_seen_at", List.of("last_seen_at", "updated_at", "seen_at"))),
    REPORTS("reports", IngestKind.REPORTS, "reports", "status_id", aliases(
            "status_id", List.of("status_id"),
            "reported_at", List.of("reported_at", "created_at"),
            "channel", List.of("channel"),
            "summary", List.of("summary"),
            "destination", List.of("destination"))),
    RUNS("runs", IngestKind.RUNS, "pipeline_runs", null, aliases(
            "run_at", List.of("run_at", "created_at", "timestamp"),
            "mode", List.of("mode"),
            "fetched_count", List.of("fetched_count"),
            "significant_count", List.of("significant_count"),
            "reported_count", List.of("reported_count"),
            "note", List.of("note"),
            "source", List.of("source"))),
    TWEET_EMBEDDINGS("tweet_embeddings", IngestKind.EMBEDDINGS, "embeddings", "status_id", aliases(
            "status_id", List.of("status_id"),
            "backend", List.of("backend"),
            "model", List.of("model"),
            "dims", List.of("dims"),
            "vector_json", List.of("vector_json"),
            "text_hash", List.of("text_hash"),
            "updated_at", List.of("updated_at", "created_at"),
            "created_at", List.of("created_at")));

    private final String sqliteName;
    private final IngestKind kind;
    private final String postgresTable;
    private final String keyColumn;
    private final Map<String, List<String>> aliases;

    LegacyTable(String sqliteName, IngestKind kind, String postgresTable, String keyColumn, Map<String, List<String>> aliases) {
        this.sqliteName = sqliteName;
        this.kind = kind;
        this.postgresTable = postgresTable;
        this.keyColumn = keyColumn;
        this.aliases = aliases;
    }

    public String sqliteName() {
        return sqliteName;
    }

    public IngestKind kind() {
        return kind;
    }

    public String postgresTable() {
        return postgresTable;
    }

    /** The PostgreSQL key column compared by validate-import; null for runs (a composite key). */
    public String keyColumn() {
        return keyColumn;
    }

    public Map<String, List<String>> aliases() {
        return aliases;
    }

    private static Map<String, List<String>> aliases(Object... pairs) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> names = (List<String>) pairs[i + 1];
            map.put((String) pairs[i], names);
        }
        return map;
    }
}
