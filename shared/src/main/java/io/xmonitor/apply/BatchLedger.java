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

    static void record(Connection connection, BatchRef batch, KindWriter.WriteCount count) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(RECORD)) {
            statement.setInt(1, count.written());
            statement.setInt(2, count.parked());
            statement.setString(3, batch.batchId().toString());
            statement.executeUpdate();
        }
    }
}
