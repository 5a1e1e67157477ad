package io.xmonitor.apply;

import io.xmonitor.ingest.IngestItem;
import io.xmonitor.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;

/** Watch accounts, versioned by the acceptance time of their batch. */
final class WatchAccountWriter implements KindWriter {

    @Override
    public WriteCount write(Connection connection, List<IngestItem> items, BatchRef batch) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(UpsertStatements.WATCH_ACCOUNTS)) {
            statement.setTimestamp(1, Timestamp.from(batch.acceptedAt()));
            statement.setString(2, Json.write(items));
            return new WriteCount(statement.executeUpdate(), 0);
        }
    }
}
