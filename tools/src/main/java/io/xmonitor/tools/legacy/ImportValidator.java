package io.xmonitor.tools.legacy;

import com.fasterxml.jackson.databind.JsonNode;
import io.xmonitor.ingest.BatchValidation;
import io.xmonitor.ingest.IngestItem;
import io.xmonitor.ingest.PipelineRunUpsert;
import io.xmonitor.ingest.PostUpsert;
import io.xmonitor.ingest.Timestamps;
import io.xmonitor.json.Json;
import io.xmonitor.json.JsonDocument;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Checks an import against its source: per table, every source row is either rejected (with a
 * logged reason), a duplicate of another row's key, waiting for its post, or present in
 * PostgreSQL; anything else is an unexplained delta. Then spot-checks random posts field by field.
 */
public final class ImportValidator {

    /** Row-count parity of one table. */
    public record TableParity(String table, long sourceRows, long rejectedRows, long duplicateRows, long waitingForPost,
                              long rowsInPostgres, long unexplainedDelta) {
    }

    /** One field of a sampled post that differs. */
    public record Mismatch(String statusId, String field, String expected, String actual) {
    }

    /** The whole report; {@code ok} is false on any unexplained delta or mismatch. */
    public record ValidationReport(String source, List<TableParity> tables, int sampled, int missing,
                                   List<Mismatch> mismatches, boolean ok) {
    }

    private static final int CHUNK = 5000;

    private final DataSource dataSource;
    private final PrintStream progress;

    public ImportValidator(DataSource dataSource, PrintStream progress) {
        this.dataSource = dataSource;
        this.progress = progress;
    }

    public ValidationReport validate(Path file, Path rejectLog, int sample, long seed) throws Exception {
        Map<LegacyTable, Long> loggedRejects = rejectLog == null ? null : rejectsByTable(rejectLog);
        List<TableParity> tables = new ArrayList<>();
        Map<String, PostUpsert> latestPosts = new HashMap<>();
        try (LegacySnapshot snapshot = LegacySnapshot.open(file)) {
            for (LegacyTable table : LegacyTable.values()) {
                if (!snapshot.has(table)) {
                    continue;
                }
                long[] rows = {0, 0};
                Map<String, IngestItem> latest = new LinkedHashMap<>();
                List<JsonNode> chunk = new ArrayList<>();
                snapshot.forEach(table, row -> {
                    chunk.add(row);
                    if (chunk.size() == CHUNK) {
                        collect(table, chunk, rows, latest);
                    }
                });
                collect(table, chunk, rows, latest);
                long rejected = loggedRejects == null ? rows[1] : loggedRejects.getOrDefault(table, 0L);
                long accepted = rows[0] - rows[1];
                long duplicates = accepted - latest.size();
                long found = countPresent(table, latest.values());
                long waiting = table.kind().referencesPost() ? countParked(table, latest.keySet()) : 0;
                tables.add(new TableParity(table.postgresTable(), rows[0], rejected, duplicates, waiting, found,
                        rows[0] - rejected - duplicates - waiting - found));
                progress.printf("%s: %,d rows checked, %,d found in PostgreSQL%n", table.sqliteName(), rows[0], found);
                if (table == LegacyTable.TWEETS) {
                    latest.forEach((key, item) -> latestPosts.put(key, (PostUpsert) item));
                }
            }
        }
        List<String> keys = new ArrayList<>(latestPosts.keySet());
        Collections.shuffle(keys, new Random(seed));
        List<String> sampled = keys.subList(0, Math.min(sample, keys.size()));
        List<Mismatch> mismatches = new ArrayList<>();
        progress.printf("spot-checking %d random posts%n", sampled.size());
        int missing = spotCheck(sampled, latestPosts, mismatches);
        boolean ok = missing == 0 && mismatches.isEmpty() && tables.stream().allMatch(t -> t.unexplainedDelta() == 0);
        return new ValidationReport(file.toString(), tables, sampled.size(), missing, mismatches, ok);
    }

    private static void collect(LegacyTable table, List<JsonNode> chunk, long[] rows, Map<String, IngestItem> latest) {
        if (chunk.isEmpty()) {
            return;
        }
        BatchValidation validation = BatchValidation.of(table.kind(), chunk, Instant.now());
        rows[0] += chunk.size();
        rows[1] += validation.skipped();
        for (IngestItem item : validation.accepted()) {
            latest.merge(item.key(), item, (a, b) -> a.version() != null && b.version() != null && b.version().isBefore(a.version()) ? a : b);
        }
        chunk.clear();
    }

    private static Map<LegacyTable, Long> rejectsByTable(Path rejectLog) throws Exception {
        Map<LegacyTable, Long> counts = new EnumMap<>(LegacyTable.class);
        for (String line : (Iterable<String>) Files.lines(rejectLog)::iterator) {
            if (line.isBlank() || !(Json.parse(line.getBytes(java.nio.charset.StandardCharsets.UTF_8)) instanceof JsonDocument.Parsed parsed)) {
                continue;
            }
            String name = parsed.root().path("table").asText();
            for (LegacyTable table : LegacyTable.values()) {
                if (table.sqliteName().equals(name)) {
                    counts.merge(table, 1L, Long::sum);
                }
            }
        }
        return counts;
    }

    /** Keys of {@code items} present in the table, counted set-based through a temporary table. */
    private long countPresent(LegacyTable table, Collection<IngestItem> items) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TEMPORARY TABLE source_keys (k1 text, k2 text, k3 text) ON COMMIT DROP");
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO source_keys SELECT * FROM unnest(?::text[], ?::text[], ?::text[])")) {
                List<IngestItem> list = new ArrayList<>(items);
                for (int from = 0; from < list.size(); from += 50_000) {
                    List<IngestItem> part = list.subList(from, Math.min(list.size(), from + 50_000));
                    String[][] columns = new String[3][part.size()];
                    for (int i = 0; i < part.size(); i++) {
                        String[] key = keyColumns(part.get(i));
                        columns[0][i] = key[0];
                        columns[1][i] = key[1];
                        columns[2][i] = key[2];
                    }
                    for (int c = 0; c < 3; c++) {
                        insert.setArray(c + 1, connection.createArrayOf("text", columns[c]));
                    }
                    insert.executeUpdate();
                }
            }
            String join = switch (table) {
                case TWEETS -> "SELECT count(*) FROM source_keys s JOIN posts t ON t.status_id = s.k1";
                case REPORTS -> "SELECT count(*) FROM source_keys s JOIN reports t ON t.status_id = s.k1";
                case TWEET_EMBEDDINGS -> "SELECT count(*) FROM source_keys s JOIN embeddings t ON t.status_id = s.k1";
                case WATCH_ACCOUNTS -> "SELECT count(*) FROM source_keys s JOIN watch_accounts t ON t.handle = s.k1::citext";
                case RUNS -> "SELECT count(*) FROM source_keys s JOIN pipeline_runs t "
                        + "ON t.run_at = s.k1::timestamptz AND t.mode = s.k2 AND t.source = s.k3";
            };
            try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(join)) {
                rows.next();
                long found = rows.getLong(1);
                connection.commit();
                return found;
            }
        }
    }

    private long countParked(LegacyTable table, Set<String> keys) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT count(*) FROM parked_items WHERE kind = ? AND item_key = ANY(?::text[])")) {
            statement.setString(1, table.kind().wireName());
            statement.setArray(2, connection.createArrayOf("text", new LinkedHashSet<>(keys).toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static String[] keyColumns(IngestItem item) {
        if (item instanceof PipelineRunUpsert run) {
            return new String[] {Timestamps.format(run.runAt()), run.mode(), run.source()};
        }
        return new String[] {item.key(), null, null};
    }

    private int spotCheck(List<String> statusIds, Map<String, PostUpsert> expected, List<Mismatch> mismatches) throws Exception {
        Set<String> seen = new HashSet<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     SELECT status_id, url, author_handle::text, body_text, is_significant, discovered_at
                     FROM posts WHERE status_id = ANY(?::text[])""")) {
            statement.setArray(1, connection.createArrayOf("text", statusIds.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String id = rows.getString(1);
                    seen.add(id);
                    PostUpsert post = expected.get(id);
                    compare(mismatches, id, "url", post.url(), rows.getString(2));
                    compare(mismatches, id, "author_handle", post.authorHandle(), rows.getString(3));
                    compare(mismatches, id, "body_text", post.bodyText(), rows.getString(4));
                    compare(mismatches, id, "is_significant", Boolean.toString(post.isSignificant()), Boolean.toString(rows.getBoolean(5)));
                    Timestamp discovered = rows.getTimestamp(6);
                    compare(mismatches, id, "discovered_at", Timestamps.format(post.discoveredAt()),
                            discovered == null ? null : Timestamps.format(discovered.toInstant()));
                }
            }
        }
        return statusIds.size() - seen.size();
    }

    private static void compare(List<Mismatch> mismatches, String id, String field, String expected, String actual) {
        if (!Objects.equals(expected, actual)) {
            mismatches.add(new Mismatch(id, field, expected, actual));
        }
    }
}
