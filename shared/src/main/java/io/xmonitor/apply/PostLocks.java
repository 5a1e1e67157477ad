package io.xmonitor.apply;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * Transaction-scoped advisory locks that keep "the post is not there yet, park the row" and
 * "the post is stored, release what is parked for it" from interleaving (which would leave a
 * row parked forever). Post ids are hashed into {@link #BUCKETS} buckets, so a transaction holds
 * at most that many locks however large its batch: PostgreSQL's lock table is shared by every
 * session and small (max_locks_per_transaction × max_connections). Post writers take their
 * buckets shared (they never conflict with each other: their upsert locks rows), parkers take
 * theirs exclusive. Buckets are always taken in ascending order, so nobody waits in a cycle.
 */
final class PostLocks {

    static final int BUCKETS = 64;
    private static final int NAMESPACE = 7061;

    private static final String SHARED = "SELECT pg_advisory_xact_lock_shared(" + NAMESPACE + ", b) FROM unnest(?::int[]) AS u(b)";
    private static final String EXCLUSIVE = "SELECT pg_advisory_xact_lock(" + NAMESPACE + ", b) FROM unnest(?::int[]) AS u(b)";
    private static final String EXISTING = "SELECT status_id FROM posts WHERE status_id = ANY(?::text[])";

    private PostLocks() {
    }

    /** Before storing posts: waits for whoever is parking rows for one of them. */
    static void lockForWriting(Connection connection, Collection<String> statusIds) throws SQLException {
        lock(connection, SHARED, statusIds);
    }

    /** Before parking rows for absent posts: waits for whoever is storing one of them. */
    static void lockForParking(Connection connection, Collection<String> statusIds) throws SQLException {
        lock(connection, EXCLUSIVE, statusIds);
    }

    /** Which of {@code statusIds} are stored posts (posts are never deleted by the pipeline). */
    static Set<String> existing(Connection connection, Collection<String> statusIds) throws SQLException {
        Set<String> found = new TreeSet<>();
        if (statusIds.isEmpty()) {
            return found;
        }
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

    static int bucket(String statusId) {
        return Math.floorMod(statusId.hashCode(), BUCKETS);
    }

    private static void lock(Connection connection, String sql, Collection<String> statusIds) throws SQLException {
        TreeSet<Integer> buckets = new TreeSet<>();
        statusIds.forEach(id -> buckets.add(bucket(id)));
        if (buckets.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("integer", buckets.toArray()));
            statement.executeQuery().close();
        }
    }
}
