package io.xmonitor.apply;

import io.xmonitor.ingest.IngestItem;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** A kind written by one upsert statement of {@link UpsertStatements}. */
final class StatementWriter implements KindWriter {

    private final String sql;

    StatementWriter(String sql) {
        this.sql = sql;
    }

    @Override
    public WriteCount write(Connection connection, List<IngestItem> items, BatchRef batch) throws SQLException {
        return new WriteCount(JsonRows.execute(connection, sql, items), 0);
    }
}
