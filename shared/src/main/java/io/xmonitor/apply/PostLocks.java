package io.xmonitor.apply;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * Transaction-scoped advisory locks per post id. Writing posts and parking rows that wait for
 * a post both take them, so "the post is not there yet, park the row" and "the post is
 * stored, release what is parked for it" cannot interleave and leave a row parked forever.
 */
final class PostLocks {

    // Ids are locked in sorted order so two consumers never wait on each other in a cycle.
    private static final String LOCK = """
            SELECT pg_advisory_xact_lock(hashtextextended(id, 7061)) FROM (
                SELECT DISTINCT id FROM unnest(?::text[]) AS ids(id) ORDER BY id
            ) AS sorted
            """;

    private static final String EXISTING = "SELECT status_id FROM posts WHERE status_id = ANY(?::text[])";

    private PostLocks() {
    }

    static void lock(Connection connection, Collection<String> statusIds) throws SQLException {
        if (statusIds.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(LOCK)) {
            statement.setArray(1, textArray(connection, statusIds));
            statement.executeQuery().close();
        }
    }

    /** Which of {@code statusIds} are stored posts; call after {@link #lock}. */
    static Set<String> existing(Connection connection, Collection<String> statusIds) throws SQLException {
        Set<String> found = new TreeSet<>();
        try (PreparedStatement statement = connection.prepareStatement(EXISTING)) {
            statement.setArray(1, textArray(connection, statusIds));
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
            }
        }
        return found;
    }

    static Array textArray(Connection connection, Collection<String> values) throws SQLException {
        return connection.createArrayOf("text", values.toArray());
    }
}
