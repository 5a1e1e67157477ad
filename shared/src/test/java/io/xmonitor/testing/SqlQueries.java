package io.xmonitor.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** Plain SQL for tests that check figures against the stored rows: values bound in order. */
public final class SqlQueries {

    private SqlQueries() {
    }

    /**
     * The rows of {@code sql} with {@code values} bound: a list of instants as timestamptz[], any
     * other list as text[]. The statement closes with its result set.
     */
    public static ResultSet query(Connection connection, String sql, List<?> values) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            if (value instanceof List<?> list && !list.isEmpty() && list.getFirst() instanceof Instant) {
                statement.setArray(i + 1, connection.createArrayOf("timestamptz",
                        list.stream().map(v -> Timestamp.from((Instant) v)).toArray()));
            } else if (value instanceof List<?> list) {
                statement.setArray(i + 1, connection.createArrayOf("text", list.toArray()));
            } else {
                statement.setObject(i + 1, value);
            }
        }
        statement.closeOnCompletion();
        return statement.executeQuery();
    }
}
