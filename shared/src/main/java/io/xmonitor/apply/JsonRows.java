package io.xmonitor.apply;

import io.xmonitor.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Runs a statement whose single parameter is a JSON array of rows, read in SQL with
 * {@code jsonb_to_recordset(?::jsonb)}: one round trip however many rows there are.
 */
final class JsonRows {

    private JsonRows() {
    }

    static int execute(Connection connection, String sql, List<?> rows) throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, Json.write(rows));
            return statement.executeUpdate();
        }
    }
}
