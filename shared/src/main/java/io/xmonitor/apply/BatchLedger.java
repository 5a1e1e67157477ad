package io.xmonitor.apply;

import io.xmonitor.ingest.IngestKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;

/**
 * {@code ingest_batches}: one row per applied batch, written in the batch's own transaction, so
 * a row exists exactly when the batch's effects are committed.
 */
final class BatchLedger {

    private static final String CLAIM = """
            INSERT INTO ingest_batches (batch_id, kind, item_count, accepted_at)
            VALUES (?::uuid, ?, ?, ?)
            ON CONFLICT (batch_id) DO NOTHING
            """;

    private static final String RECORD = """
            UPDATE ingest_batches SET rows_written = ?, rows_parked = ?, applied_at = now() WHERE batch_id = ?::uuid
            """;

    /** Sixteen counter rows (migration V12): concurrent batches rarely wait for the same one. */
    private static final int FEED_VERSION_SHARDS = 16;
    private static final String BUMP_FEED_VERSION = "UPDATE feed_version SET version = version + 1 WHERE shard = ?";

    private BatchLedger() {
    }

    /**
     * Claims the batch for this transaction. False when it was applied before: a redelivered or
     * redriven copy then has nothing left to do. A concurrent copy waits here until the first
     * commits or rolls back.
     */
    static boolean claim(Connection connection, BatchRef batch, IngestKind kind, int itemCount) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(CLAIM)) {
            statement.setString(1, batch.batchId().toString());
            statement.setString(2, kind.wireName());
            statement.setInt(3, itemCount);
            statement.setTimestamp(4, Timestamp.from(batch.acceptedAt()));
            return statement.executeUpdate() == 1;
        }
    }

    /**
     * Records what the batch did. A batch that changed what the feed shows also moves the feed
     * version (the counter row its id hashes to); that row is locked until commit, so it is taken
     * last.
     */
    static void record(Connection connection, BatchRef batch, IngestKind kind, KindWriter.WriteCount count) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(RECORD)) {
            statement.setInt(1, count.written());
            statement.setInt(2, count.parked());
            statement.setString(3, batch.batchId().toString());
            statement.executeUpdate();
        }
        if (count.written() > 0 && (kind == IngestKind.POSTS || kind == IngestKind.REPORTS)) {
            try (PreparedStatement statement = connection.prepareStatement(BUMP_FEED_VERSION)) {
                statement.setInt(1, Math.floorMod(batch.batchId().hashCode(), FEED_VERSION_SHARDS));
                statement.executeUpdate();
            }
        }
    }
}
