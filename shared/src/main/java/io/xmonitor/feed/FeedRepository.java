package io.xmonitor.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.xmonitor.feed.ReadModels.BatchStatus;
import io.xmonitor.feed.ReadModels.FeedItem;
import io.xmonitor.feed.ReadModels.MetricsSnapshot;
import io.xmonitor.feed.ReadModels.PostDetail;
import io.xmonitor.feed.ReadModels.Report;
import io.xmonitor.feed.ReadModels.WatchAccount;
import io.xmonitor.feed.ReadModels.WindowSummary;
import io.xmonitor.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** The read side's SQL. Every statement is parameterised; filters only add predicates. */
public final class FeedRepository {

    private static final String FEED_COLUMNS = """
            SELECT p.status_id, p.discovered_at, p.author_handle::text AS author_handle, p.author_display, p.watch_tier, p.body_text,
                   p.url, p.is_significant, p.significance_reason, p.likes, p.reposts, p.replies, p.views,
                   r.reported_at
            FROM posts p
            LEFT JOIN reports r ON r.status_id = p.status_id
            """;

    private static final String SNAPSHOTS = """
            SELECT snapshot_type, snapshot_at, likes, reposts, replies, views, source
            FROM post_metrics_snapshots WHERE status_id = ?
            ORDER BY snapshot_at DESC, snapshot_type
            """;

    private static final String REPORT = "SELECT reported_at, channel, summary, destination FROM reports WHERE status_id = ?";

    private static final String LATEST_SUMMARY = """
            SELECT summary_key, window_type, window_start, window_end, generated_at, post_count, significant_count,
                   tier_counts_json::text, top_themes_json::text, debates_json::text, top_authors_json::text,
                   notable_posts_json::text, summary_text, source_version
            FROM window_summaries WHERE window_type = ?
            ORDER BY window_end DESC, generated_at DESC LIMIT 1
            """;

    private static final String WATCH_ACCOUNTS = """
            SELECT handle::text, tier, note, added_at FROM watch_accounts
            WHERE (?::text IS NULL OR tier = ?::text)
            ORDER BY handle
            """;

    private static final String BATCH = """
            SELECT batch_id::text, kind, item_count, accepted_at, applied_at, rows_written, rows_parked
            FROM ingest_batches WHERE batch_id = ?::uuid
            """;

    private static final String RECONCILE = """
            WITH window_start AS (SELECT ?::timestamptz AS since)
            SELECT
              (SELECT count(*) FROM posts, window_start
                WHERE discovered_at >= since OR last_seen_at >= since OR refresh_24h_at >= since) AS posts,
              (SELECT count(*) FROM reports, window_start WHERE reported_at >= since) AS reports,
              (SELECT count(*) FROM pipeline_runs, window_start WHERE run_at >= since) AS pipeline_runs,
              (SELECT count(*) FROM window_summaries, window_start WHERE generated_at >= since) AS window_summaries,
              (SELECT count(*) FROM narrative_shifts, window_start WHERE generated_at >= since) AS narrative_shifts
            """;

    private final DataSource dataSource;

    public FeedRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A feed query as SQL text and its parameters (a list parameter is a text array). */
    record PageStatement(String sql, List<Object> parameters) {

        PreparedStatement prepare(Connection connection, String prefix) throws SQLException {
            PreparedStatement statement = connection.prepareStatement(prefix + sql);
            for (int i = 0; i < parameters.size(); i++) {
                Object value = parameters.get(i);
                if (value instanceof List<?> list) {
                    statement.setArray(i + 1, connection.createArrayOf("text", list.toArray()));
                } else {
                    statement.setObject(i + 1, value);
                }
            }
            return statement;
        }
    }

    /** Up to {@code limit} items after the query's position, newest first by (discovered_at, status_id). */
    public List<FeedItem> page(FeedQuery query, int limit) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = pageStatement(query, limit).prepare(connection, "")) {
            List<FeedItem> items = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    items.add(feedItem(rows));
                }
            }
            return items;
        }
    }

    static PageStatement pageStatement(FeedQuery query, int limit) {
        StringBuilder sql = new StringBuilder(FEED_COLUMNS).append("WHERE true\n");
        List<Object> parameters = new ArrayList<>();
        query.since().ifPresent(v -> {
            sql.append("  AND p.discovered_at >= ?\n");
            parameters.add(Timestamp.from(v));
        });
        query.until().ifPresent(v -> {
            sql.append("  AND p.discovered_at <= ?\n");
            parameters.add(Timestamp.from(v));
        });
        query.tier().ifPresent(v -> {
            sql.append("  AND p.watch_tier = ?\n");
            parameters.add(v);
        });
        if (!query.handles().isEmpty()) {
            sql.append("  AND p.author_handle = ANY(?::citext[])\n");
            parameters.add(query.handles());
        }
        query.significant().ifPresent(v -> {
            sql.append("  AND p.is_significant = ?\n");
            parameters.add(v);
        });
        query.text().ifPresent(v -> {
            // ILIKE with %, _ and \ escaped: the text is matched literally; the trigram indexes serve it.
            sql.append("  AND (p.body_text ILIKE ? ESCAPE '\\' OR p.author_handle::text ILIKE ? ESCAPE '\\')\n");
            String pattern = "%" + escapeLike(v) + "%";
            parameters.add(pattern);
            parameters.add(pattern);
        });
        query.after().ifPresent(v -> {
            sql.append("  AND (p.discovered_at, p.status_id) < (?, ?)\n");
            parameters.add(Timestamp.from(v.discoveredAt()));
            parameters.add(v.statusId());
        });
        sql.append("ORDER BY p.discovered_at DESC, p.status_id DESC\nLIMIT ?");
        parameters.add(limit);
        return new PageStatement(sql.toString(), parameters);
    }

    public Optional<PostDetail> post(String statusId) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            FeedItem item;
            try (PreparedStatement statement = connection.prepareStatement(FEED_COLUMNS + "WHERE p.status_id = ?")) {
                statement.setString(1, statusId);
                try (ResultSet rows = statement.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    item = feedItem(rows);
                }
            }
            List<MetricsSnapshot> snapshots = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(SNAPSHOTS)) {
                statement.setString(1, statusId);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        snapshots.add(new MetricsSnapshot(rows.getString(1), instant(rows, 2), rows.getInt(3),
                                rows.getInt(4), rows.getInt(5), rows.getInt(6), rows.getString(7)));
                    }
                }
            }
            Report report = null;
            try (PreparedStatement statement = connection.prepareStatement(REPORT)) {
                statement.setString(1, statusId);
                try (ResultSet rows = statement.executeQuery()) {
                    if (rows.next()) {
                        report = new Report(instant(rows, 1), rows.getString(2), rows.getString(3), rows.getString(4));
                    }
                }
            }
            return Optional.of(new PostDetail(item, snapshots, report));
        }
    }

    public Optional<WindowSummary> latestSummary(String windowType) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(LATEST_SUMMARY)) {
            statement.setString(1, windowType);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new WindowSummary(rows.getString(1), rows.getString(2), instant(rows, 3),
                        instant(rows, 4), instant(rows, 5), rows.getInt(6), rows.getInt(7), json(rows, 8),
                        json(rows, 9), json(rows, 10), json(rows, 11), json(rows, 12), rows.getString(13),
                        rows.getString(14)));
            }
        }
    }

    public List<WatchAccount> watchAccounts(Optional<String> tier) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(WATCH_ACCOUNTS)) {
            statement.setString(1, tier.orElse(null));
            statement.setString(2, tier.orElse(null));
            List<WatchAccount> accounts = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    accounts.add(new WatchAccount(rows.getString(1), rows.getString(2), rows.getString(3), instant(rows, 4)));
                }
            }
            return accounts;
        }
    }

    public Optional<BatchStatus> batch(UUID batchId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(BATCH)) {
            statement.setString(1, batchId.toString());
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new BatchStatus(rows.getString(1), rows.getString(2), rows.getInt(3),
                        instant(rows, 4), instant(rows, 5), rows.getInt(6), rows.getInt(7)));
            }
        }
    }

    public Map<String, Long> reconcileCounts(Instant since) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(RECONCILE)) {
            statement.setTimestamp(1, Timestamp.from(since));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                Map<String, Long> counts = new LinkedHashMap<>();
                for (String table : List.of("posts", "reports", "pipeline_runs", "window_summaries", "narrative_shifts")) {
                    counts.put(table, rows.getLong(table));
                }
                return counts;
            }
        }
    }

    /** How many applied batches have changed what the feed shows. */
    public long feedVersion() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT version FROM feed_version");
             ResultSet rows = statement.executeQuery()) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    /** True when a trivial query answers within {@code timeoutSeconds}. */
    public boolean ping(int timeoutSeconds) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT 1")) {
            statement.setQueryTimeout(timeoutSeconds);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            return false;
        }
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static FeedItem feedItem(ResultSet rows) throws SQLException {
        return new FeedItem(rows.getString("status_id"), instant(rows, "discovered_at"), rows.getString("author_handle"),
                rows.getString("author_display"), rows.getString("watch_tier"), rows.getString("body_text"), rows.getString("url"),
                rows.getBoolean("is_significant"), rows.getString("significance_reason"), rows.getInt("likes"),
                rows.getInt("reposts"), rows.getInt("replies"), rows.getInt("views"), instant(rows, "reported_at"));
    }

    private static Instant instant(ResultSet rows, String column) throws SQLException {
        Timestamp value = rows.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        Timestamp value = rows.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static com.fasterxml.jackson.databind.JsonNode json(ResultSet rows, int column) throws SQLException {
        String text = rows.getString(column);
        try {
            return text == null ? null : Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new SQLException("stored JSON is unreadable", e);
        }
    }
}
