package io.xmonitor.tools.legacy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.xmonitor.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.sqlite.SQLiteConfig;

/**
 * The collector's SQLite file, opened read-only. Rows come out as JSON objects with canonical
 * field names (whatever generation of column names the file has), with the coercion the old
 * import made that the ingest rules do not (a flag stored as any non-zero number is true); the
 * ingest validation reads the rest as it reads the collector's requests.
 */
public final class LegacySnapshot implements AutoCloseable {

    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final Set<String> BOOLEAN_FIELDS = Set.of("is_significant");
    private static final Set<String> TEXT_FIELDS = Set.of("status_id", "vector_json", "text_hash", "note", "summary",
            "channel", "destination", "body_text", "author_display", "author_handle", "handle", "url", "model", "backend",
            "source", "source_query", "significance_reason", "significance_version", "refresh_24h_status", "posted_relative",
            "tier", "watch_tier", "mode");

    private final Connection connection;
    private final Map<LegacyTable, Map<String, String>> columns = new EnumMap<>(LegacyTable.class);

    private LegacySnapshot(Connection connection) throws SQLException {
        this.connection = connection;
        for (LegacyTable table : LegacyTable.values()) {
            Set<String> present = columnsOf(table.sqliteName());
            if (present.isEmpty()) {
                continue;
            }
            Map<String, String> chosen = new LinkedHashMap<>();
            table.aliases().forEach((field, names) -> names.stream().filter(present::contains).findFirst()
                    .ifPresent(column -> chosen.put(field, column)));
            columns.put(table, chosen);
        }
    }

    /** Opens a snapshot; a missing, unreadable, non-SQLite or table-less file is refused with one clear reason. */
    public static LegacySnapshot open(Path file) throws LegacyImportException {
        if (!Files.exists(file)) {
            throw new LegacyImportException(file + ": no such file");
        }
        if (!Files.isReadable(file) || Files.isDirectory(file)) {
            throw new LegacyImportException(file + ": not a readable file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] header = in.readNBytes(SQLITE_HEADER.length);
            if (!Arrays.equals(header, SQLITE_HEADER)) {
                throw new LegacyImportException(file + ": not an SQLite database");
            }
        } catch (IOException e) {
            throw new LegacyImportException(file + ": not a readable file (" + e.getMessage() + ")");
        }
        try {
            SQLiteConfig config = new SQLiteConfig();
            config.setReadOnly(true);
            LegacySnapshot snapshot = new LegacySnapshot(DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties()));
            if (!snapshot.columns.containsKey(LegacyTable.TWEETS)) {
                snapshot.close();
                throw new LegacyImportException(file + ": has no tweets table; expected a collector snapshot with tables "
                        + "tweets, reports, watch_accounts, runs, tweet_embeddings");
            }
            return snapshot;
        } catch (SQLException e) {
            throw new LegacyImportException(file + ": cannot be read as SQLite (" + e.getMessage() + ")");
        }
    }

    public boolean has(LegacyTable table) {
        return columns.containsKey(table);
    }

    /** Canonical fields the file lacks a column for (reported, and left to their defaults). */
    public List<String> missingFields(LegacyTable table) {
        List<String> missing = new ArrayList<>(table.aliases().keySet());
        missing.removeAll(columns.getOrDefault(table, Map.of()).keySet());
        return missing;
    }

    public long count(LegacyTable table) throws SQLException {
        if (!has(table)) {
            return 0;
        }
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM \"" + table.sqliteName() + "\"")) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    /** Streams the table's rows in file order as canonical JSON objects. */
    public void forEach(LegacyTable table, Consumer<ObjectNode> action) throws SQLException {
        Map<String, String> chosen = columns.get(table);
        if (chosen == null) {
            return;
        }
        StringBuilder sql = new StringBuilder("SELECT ");
        List<String> fields = new ArrayList<>(chosen.keySet());
        for (int i = 0; i < fields.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append('"').append(chosen.get(fields.get(i))).append('"');
        }
        sql.append(" FROM \"").append(table.sqliteName()).append("\" ORDER BY rowid");
        try (Statement statement = connection.createStatement()) {
            statement.setFetchSize(2000);
            try (ResultSet rows = statement.executeQuery(sql.toString())) {
                while (rows.next()) {
                    ObjectNode row = Json.mapper().createObjectNode();
                    for (int i = 0; i < fields.size(); i++) {
                        put(row, fields.get(i), rows.getObject(i + 1));
                    }
                    action.accept(row);
                }
            }
        }
    }

    private static void put(ObjectNode row, String field, Object value) {
        if (value == null) {
            return;
        }
        if (BOOLEAN_FIELDS.contains(field)) {
            Optional<Boolean> flag = flag(value);
            if (flag.isPresent()) {
                row.put(field, flag.get());
            } else {
                row.put(field, value.toString());
            }
            return;
        }
        if (TEXT_FIELDS.contains(field)) {
            row.put(field, value instanceof Number n && !(value instanceof Double) ? Long.toString(n.longValue()) : value.toString());
            return;
        }
        switch (value) {
            case Integer i -> row.put(field, i);
            case Long l -> row.put(field, l);
            case Double d -> row.put(field, d);
            default -> row.put(field, value.toString());
        }
    }

    private static Optional<Boolean> flag(Object value) {
        if (value instanceof Number number) {
            return Optional.of(number.doubleValue() != 0);
        }
        String text = value.toString().trim().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "1", "true", "yes", "y", "t" -> Optional.of(true);
            case "0", "false", "no", "n", "f", "" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    private Set<String> columnsOf(String table) throws SQLException {
        Set<String> names = new TreeSet<>();
        try (ResultSet rows = connection.getMetaData().getColumns(null, null, table, null)) {
            while (rows.next()) {
                names.add(rows.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // read-only file; nothing to lose
        }
    }
}
