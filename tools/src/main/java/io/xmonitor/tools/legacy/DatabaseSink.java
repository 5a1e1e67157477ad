package io.xmonitor.tools.legacy;

import com.zaxxer.hikari.HikariDataSource;
import io.xmonitor.apply.BatchApplier;
import io.xmonitor.db.DataSourceFactory;
import io.xmonitor.db.Migrations;
import io.xmonitor.ingest.IngestItem;
import io.xmonitor.ingest.IngestKind;
import io.xmonitor.queue.DecodedMessage;
import io.xmonitor.secrets.DatabaseCredentials;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Imports straight into PostgreSQL through the consumer's own apply path: the same versioned,
 * set-based, idempotent upserts, one transaction per chunk, recorded in the batch ledger.
 */
public final class DatabaseSink implements ImportSink {

    private final HikariDataSource dataSource;
    private final BatchApplier applier;

    public DatabaseSink(DatabaseCredentials database) {
        Migrations.apply(database);
        this.dataSource = DataSourceFactory.forTools(database, LegacyImporter.WRITERS + 1, "xmonitor-import");
        this.applier = new BatchApplier(dataSource);
    }

    @Override
    public int write(IngestKind kind, List<IngestItem> items) throws Exception {
        return applier.apply(new DecodedMessage.Batch(UUID.randomUUID(), kind, Instant.now(), items)).rowsWritten();
    }

    @Override
    public Long rowCount(String postgresTable) throws Exception {
        try (Connection connection = dataSource.getConnection();
             ResultSet rows = connection.createStatement().executeQuery("SELECT count(*) FROM " + postgresTable)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
