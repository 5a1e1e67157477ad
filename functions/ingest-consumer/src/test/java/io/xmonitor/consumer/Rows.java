package io.xmonitor.consumer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Reads rows back as maps of column to value, for assertions on what was really stored. */
final class Rows {

    private Rows() {
    }

    static List<Map<String, Object>> query(DataSource dataSource, String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                ResultSetMetaData meta = result.getMetaData();
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        row.put(meta.getColumnLabel(c), plain(result.getObject(c)));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (java.sql.SQLException e) {
            throw new AssertionError(sql, e);
        }
    }

    /** citext and jsonb come back as their text, timestamps as instants. */
    private static Object plain(Object value) {
        if (value instanceof org.postgresql.util.PGobject object) {
            return object.getValue();
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        return value;
    }

    static Map<String, Object> one(DataSource dataSource, String sql, Object... parameters) {
        List<Map<String, Object>> rows = query(dataSource, sql, parameters);
        if (rows.size() != 1) {
            throw new AssertionError("expected one row, got " + rows.size() + " for " + sql);
        }
        return rows.getFirst();
    }

    static long count(DataSource dataSource, String sql, Object... parameters) {
        return ((Number) one(dataSource, sql, parameters).values().iterator().next()).longValue();
    }
}
