package io.xmonitor.tools.load;

import io.xmonitor.ingest.PostUpsert;
import io.xmonitor.ingest.Timestamps;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * The fastest way PostgreSQL takes the same posts: one COPY into an empty table built like
 * {@code posts}, every index and the generated search column included. What the pipeline
 * achieves end to end is reported as a share of it.
 */
final class CopyBaseline {

    private static final String TABLE = "xmonitor_load_copy_baseline";
    private static final String COLUMNS = "status_id, url, author_handle, author_display, body_text, posted_relative, source_query, "
            + "watch_tier, is_significant, significance_reason, significance_version, likes, reposts, replies, views, "
            + "initial_likes, initial_reposts, initial_replies, initial_views, discovered_at, last_seen_at";

    private CopyBaseline() {
    }

    /** Rows per second of one COPY of {@code posts}; the table is dropped afterwards. */
    static double rowsPerSecond(Connection connection, List<PostUpsert> posts) throws Exception {
        connection.setAutoCommit(true);
        connection.createStatement().execute("DROP TABLE IF EXISTS " + TABLE);
        connection.createStatement().execute("CREATE TABLE " + TABLE + " (LIKE posts INCLUDING ALL)");
        try {
            StringBuilder csv = new StringBuilder(posts.size() * 400);
            for (PostUpsert p : posts) {
                row(csv, p.statusId(), p.url(), p.authorHandle(), p.authorDisplay(), p.bodyText(), p.postedRelative(),
                        p.sourceQuery(), p.watchTier(), p.isSignificant(), p.significanceReason(), p.significanceVersion(),
                        p.likes(), p.reposts(), p.replies(), p.views(), p.initialLikes(), p.initialReposts(), p.initialReplies(),
                        p.initialViews(), Timestamps.format(p.discoveredAt()), Timestamps.format(p.lastSeenAt()));
            }
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            long started = System.nanoTime();
            copy.copyIn("COPY " + TABLE + " (" + COLUMNS + ") FROM STDIN (FORMAT csv)", new StringReader(csv.toString()));
            return posts.size() / ((System.nanoTime() - started) / 1e9);
        } finally {
            drop(connection);
        }
    }

    private static void drop(Connection connection) throws SQLException {
        connection.createStatement().execute("DROP TABLE IF EXISTS " + TABLE);
    }

    /** One CSV line: text quoted (quotes doubled), null as the empty unquoted field COPY reads as NULL. */
    private static void row(StringBuilder csv, Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                csv.append(',');
            }
            Object value = values[i];
            if (value instanceof String text) {
                csv.append('"').append(text.replace("\"", "\"\"")).append('"');
            } else if (value != null) {
                csv.append(value);
            }
        }
        csv.append('\n');
    }
}
