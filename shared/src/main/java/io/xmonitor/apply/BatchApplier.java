package io.xmonitor.apply;

import io.xmonitor.ingest.IngestKind;
import io.xmonitor.queue.DecodedMessage;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Applies one decoded batch in one transaction: ledger claim, then the kind's set-based, versioned writes. */
public final class BatchApplier {

    private final DataSource dataSource;
    private final Map<IngestKind, KindWriter> writers = new EnumMap<>(IngestKind.class);

    public BatchApplier(DataSource dataSource) {
        this.dataSource = dataSource;
        ParkedItems parked = new ParkedItems();
        register(parked, IngestKind.METRICS, UpsertStatements.METRICS_SNAPSHOTS);
        register(parked, IngestKind.REPORTS, UpsertStatements.REPORTS);
        register(parked, IngestKind.EMBEDDINGS, UpsertStatements.EMBEDDINGS);
        writers.put(IngestKind.POSTS, new PostWriter(parked));
        writers.put(IngestKind.WATCH_ACCOUNTS, new StatementWriter(UpsertStatements.WATCH_ACCOUNTS));
        writers.put(IngestKind.WINDOW_SUMMARIES, new StatementWriter(UpsertStatements.WINDOW_SUMMARIES));
        writers.put(IngestKind.NARRATIVE_SHIFTS, new StatementWriter(UpsertStatements.NARRATIVE_SHIFTS));
        writers.put(IngestKind.RUNS, new StatementWriter(UpsertStatements.PIPELINE_RUNS));
    }

    private void register(ParkedItems parked, IngestKind kind, String sql) {
        ChildWriter writer = new ChildWriter(kind, sql, parked);
        parked.register(kind, writer);
        writers.put(kind, writer);
    }

    public ApplyResult apply(DecodedMessage.Batch batch) throws SQLException {
        BatchRef ref = new BatchRef(batch.batchId(), batch.acceptedAt());
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (!BatchLedger.claim(connection, ref, batch.kind(), batch.items().size())) {
                    connection.commit();
                    return new ApplyResult(true, 0, 0);
                }
                KindWriter.WriteCount count = writers.get(batch.kind()).write(connection, batch.items(), ref);
                BatchLedger.record(connection, ref, batch.kind(), count);
                connection.commit();
                if (batch.kind() == IngestKind.POSTS && count.written() > 0) {
                    ActivityFold.fold(connection);
                }
                return new ApplyResult(false, count.written(), count.parked());
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection);
                throw e;
            }
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the pool discards it and the transaction dies with it
        }
    }

    /** What applying a batch did; {@code alreadyApplied} means a copy had been applied before. */
    public record ApplyResult(boolean alreadyApplied, int rowsWritten, int rowsParked) {
    }
}
