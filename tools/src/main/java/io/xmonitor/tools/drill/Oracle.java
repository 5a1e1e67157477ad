package io.xmonitor.tools.drill;

import com.fasterxml.jackson.databind.JsonNode;
import io.xmonitor.ingest.IngestKind;
import io.xmonitor.json.Json;
import io.xmonitor.tools.drill.VersionRules.Column;
import io.xmonitor.tools.drill.VersionRules.Group;
import io.xmonitor.tools.drill.VersionRules.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * An independent model of what PostgreSQL must hold after the drill, compared with what it holds.
 * From every item answered 202 it takes the stored form the contract describes
 * ({@link ContractModel}), combines the observations of each row with the version rules written
 * a second time ({@link VersionRules}), and compares every column of every row of every table:
 * <ul>
 *   <li>lost: an accepted row that is not stored;</li>
 *   <li>stale: a stored group of columns whose version is older than the newest accepted one;</li>
 *   <li>duplicated: one fact stored twice;</li>
 *   <li>unexpected: a stored row nothing accepted, or values the rules do not give (a tie
 *       resolved the other way, a value not normalised as the contract says);</li>
 *   <li>invalid but accepted: an item ingest must refuse that was answered 202;</li>
 *   <li>warnings not as the contract says: an accepted item whose 202 names other fields in
 *       {@code warnings} than the contract's rules drop, cut or clean.</li>
 * </ul>
 * Watch accounts without {@code updated_at} or {@code added_at} take their batch's acceptance
 * time from the batch ledger.
 */
final class Oracle {

    /** How many rows of a table were compared, each on how many columns. */
    record Compared(String table, long rows, int columns) {
    }

    record Verdict(long lost, long stale, long duplicated, long unexpected, long invalidAccepted, long itemsWarned,
                   long warningsDiffer, List<Compared> compared, List<String> examples) {
    }

    /** An accepted item as stored, and when its batch was accepted. */
    private record Observed(Map<String, Object> columns, Instant acceptedAt) {
    }

    /** An instant the model knows only to lie between two others (an embedding's created_at when none was sent). */
    private record Between(Instant from, Instant to) {
        boolean holds(Object stored) {
            return stored instanceof Instant at && !at.isBefore(from) && !at.isAfter(to);
        }

        @Override
        public String toString() {
            return "between " + from + " and " + to;
        }
    }

    private final String run;
    private final Map<IngestKind, Map<List<Object>, List<Observed>>> observed = new EnumMap<>(IngestKind.class);
    private long lost;
    private long stale;
    private long duplicated;
    private long unexpected;
    private long invalidAccepted;
    private long itemsWarned;
    private long warningsDiffer;
    private final Map<String, List<String>> examples = new LinkedHashMap<>();

    /** @param acceptedAt each applied batch's acceptance time, from the ledger (a batch not there: when its 202 came) */
    Oracle(String run, List<Collectors.Answer> answers, Map<String, Instant> acceptedAt) {
        this.run = run;
        for (Collectors.Answer answer : answers) {
            if (answer.batchId() == null) {
                continue;
            }
            Instant at = acceptedAt.getOrDefault(answer.batchId(), answer.answeredAt());
            answer.accepted().forEach((index, observation) -> observe(answer, index, observation, at));
        }
    }

    private void observe(Collectors.Answer answer, int index, Traffic.Observation observation, Instant acceptedAt) {
        IngestKind kind = observation.kind();
        if (!observation.valid()) {
            invalidAccepted++;
            example("invalid but accepted", kind.wireName() + " " + shown(Json.write(observation.json())));
            return;
        }
        JsonNode sent = Json.mapper().valueToTree(observation.json());
        ContractModel.Stored stored = ContractModel.stored(kind, sent, acceptedAt);
        if (stored.refusal() != null) {
            unexpected++;
            example("unexpected", kind.wireName() + " accepted although the contract refuses it (" + stored.refusal() + ")");
            return;
        }
        Set<String> warned = answer.warned().getOrDefault(index, Set.of());
        if (!stored.warned().isEmpty()) {
            itemsWarned++;
        }
        if (!warned.equals(stored.warned())) {
            warningsDiffer++;
            example("warnings", kind.wireName() + " item warned about " + new TreeSet<>(warned) + ", the contract drops, cuts or "
                    + "cleans " + new TreeSet<>(stored.warned()) + " (" + shown(Json.write(observation.json())) + ")");
        }
        Table table = VersionRules.table(kind);
        List<Object> key = table.key().stream().map(c -> stored.columns().get(c.name())).toList();
        observed.computeIfAbsent(kind, k -> new HashMap<>()).computeIfAbsent(key, k -> new ArrayList<>())
                .add(new Observed(stored.columns(), acceptedAt));
    }

    Verdict compare(Connection connection) throws SQLException {
        Instant checkedAt = Instant.now();
        List<Compared> compared = new ArrayList<>();
        for (Table table : VersionRules.TABLES) {
            compared.add(compareTable(connection, table, checkedAt));
        }
        duplicates(connection, """
                SELECT count(*) FROM (SELECT 1 FROM post_metrics_snapshots WHERE status_id LIKE ?
                GROUP BY status_id, snapshot_type, snapshot_at HAVING count(*) > 1) twice""", "7" + run + "%");
        duplicates(connection, """
                SELECT count(*) FROM (SELECT 1 FROM pipeline_runs WHERE source LIKE ?
                GROUP BY run_at, mode, source HAVING count(*) > 1) twice""", "drill-" + run + "%");
        return new Verdict(lost, stale, duplicated, unexpected, invalidAccepted, itemsWarned, warningsDiffer, List.copyOf(compared),
                examples.entrySet().stream().flatMap(e -> e.getValue().stream().map(detail -> e.getKey() + ": " + detail)).toList());
    }

    private Compared compareTable(Connection connection, Table table, Instant checkedAt) throws SQLException {
        modelsEveryColumn(connection, table);
        Map<List<Object>, Map<String, Object>> expected = new HashMap<>();
        observed.getOrDefault(table.kind(), Map.of()).forEach((key, observations) -> expected.put(key, combine(table, observations,
                checkedAt)));
        Map<List<Object>, Map<String, Object>> stored = stored(connection, table, expected.keySet());
        long rows = 0;
        for (var entry : expected.entrySet()) {
            Map<String, Object> row = stored.remove(entry.getKey());
            if (row == null) {
                lost++;
                example("lost", table.name() + " " + shown(entry.getKey().toString()) + " is not stored");
                continue;
            }
            rows++;
            compareRow(table, entry.getKey(), entry.getValue(), row);
        }
        for (List<Object> key : stored.keySet()) {
            unexpected++;
            example("unexpected", table.name() + " " + shown(key.toString()) + " is stored but was never accepted");
        }
        return new Compared(table.name(), rows, table.compared().size());
    }

    /** The row the rules give: each group from the observation that ranks first for it. */
    private static Map<String, Object> combine(Table table, List<Observed> observations, Instant checkedAt) {
        Map<String, Object> row = new HashMap<>();
        Map<String, Object> any = observations.getFirst().columns();
        table.key().forEach(c -> row.put(c.name(), any.get(c.name())));
        for (Group group : table.groups()) {
            Map<String, Object> first = observations.stream().map(Observed::columns).max(group::rank).orElseThrow();
            group.columns().forEach(c -> row.put(c.name(), first.get(c.name())));
        }
        if (table.kind() == IngestKind.EMBEDDINGS) {
            // The earliest created_at sent, or else the time the row was first stored (not before its first acceptance).
            Instant firstAccepted = observations.stream().map(Observed::acceptedAt).min(Comparator.naturalOrder()).orElseThrow();
            Instant earliestSent = observations.stream().map(o -> (Instant) o.columns().get("created_at")).filter(Objects::nonNull)
                    .min(Comparator.naturalOrder()).orElse(null);
            row.put("created_at", earliestSent != null && earliestSent.isBefore(firstAccepted) ? earliestSent
                    : new Between(firstAccepted, earliestSent != null ? earliestSent : checkedAt));
        }
        return row;
    }

    private void compareRow(Table table, List<Object> key, Map<String, Object> expected, Map<String, Object> stored) {
        List<String> differ = new ArrayList<>();
        List<String> values = new ArrayList<>();
        boolean older = false;
        for (Column column : table.compared()) {
            Object want = expected.get(column.name());
            Object have = stored.get(column.name());
            if (want instanceof Between between ? between.holds(have) : Objects.equals(want, have)) {
                continue;
            }
            differ.add(column.name());
            values.add(column.name() + " " + shown(String.valueOf(have)) + ", expected " + shown(String.valueOf(want)));
            for (Group group : table.groups()) {
                if (group.columns().contains(column) && group.rankVersions(stored, expected) < 0) {
                    older = true;
                }
            }
        }
        if (differ.isEmpty()) {
            return;
        }
        if (older) {
            stale++;
        } else {
            unexpected++;
        }
        example(older ? "stale" : "unexpected", table.name() + " " + shown(key.toString()) + " differs in " + String.join(", ", differ)
                + ": " + String.join("; ", values.subList(0, Math.min(2, values.size()))) + (values.size() > 2 ? "; …" : ""));
    }

    /** The table's columns are the compared ones and those only the database sets: a new column must be modelled. */
    private void modelsEveryColumn(Connection connection, Table table) throws SQLException {
        Set<String> modelled = new HashSet<>(table.notCompared());
        table.compared().forEach(c -> modelled.add(c.name()));
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?")) {
            statement.setString(1, table.name());
            try (ResultSet columns = statement.executeQuery()) {
                while (columns.next()) {
                    if (!modelled.contains(columns.getString(1))) {
                        unexpected++;
                        example("unexpected", table.name() + "." + columns.getString(1) + " is a column the oracle does not model");
                    }
                }
            }
        }
    }

    /** This drill's rows of the table, by key, each column as the type it compares as. */
    private Map<List<Object>, Map<String, Object>> stored(Connection connection, Table table, Set<List<Object>> expectedKeys)
            throws SQLException {
        List<Column> columns = table.compared();
        String select = columns.stream().map(c -> c.type() == VersionRules.Type.JSON ? c.name() + "::text AS " + c.name() : c.name())
                .collect(java.util.stream.Collectors.joining(", "));
        String where = switch (table.kind()) {
            case POSTS, METRICS, REPORTS, EMBEDDINGS -> "status_id LIKE ?";
            case WATCH_ACCOUNTS -> "handle LIKE ?";
            case WINDOW_SUMMARIES -> "summary_key LIKE ?";
            case NARRATIVE_SHIFTS -> "shift_key LIKE ?";
            // A run sent without its source has the default one: found by its time.
            case RUNS -> "source LIKE ? OR (source = 'local-dispatcher' AND run_at = ANY(?))";
        };
        String pattern = switch (table.kind()) {
            case POSTS, METRICS, REPORTS, EMBEDDINGS -> "7" + run + "%";
            case WATCH_ACCOUNTS -> "drill\\_" + run + "\\_%";
            case RUNS -> "drill-" + run + "%";
            default -> "drill-" + run + "-%";
        };
        Map<List<Object>, Map<String, Object>> rows = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + select + " FROM " + table.name() + " WHERE " + where)) {
            statement.setString(1, pattern);
            if (table.kind() == IngestKind.RUNS) {
                Timestamp[] defaultSource = expectedKeys.stream().filter(k -> "local-dispatcher".equals(k.get(2)))
                        .map(k -> Timestamp.from((Instant) k.get(0))).toArray(Timestamp[]::new);
                statement.setArray(2, connection.createArrayOf("timestamptz", defaultSource));
            }
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (Column column : columns) {
                        row.put(column.name(), read(result, column));
                    }
                    rows.put(table.key().stream().map(c -> row.get(c.name())).toList(), row);
                }
            }
        }
        return rows;
    }

    private static Object read(ResultSet result, Column column) throws SQLException {
        return switch (column.type()) {
            case TEXT, JSON -> result.getString(column.name());
            case INTEGER -> {
                Object value = result.getObject(column.name());
                yield value == null ? null : ((Number) value).longValue();
            }
            case BOOLEAN -> result.getObject(column.name());
            case TIMESTAMP -> {
                Timestamp value = result.getTimestamp(column.name());
                yield value == null ? null : value.toInstant();
            }
        };
    }

    private void duplicates(Connection connection, String sql, String pattern) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, pattern);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                long twice = rows.getLong(1);
                duplicated += twice;
                if (twice > 0) {
                    example("duplicated", twice + " facts stored more than once (" + sql.strip().lines().findFirst().orElse("") + ")");
                }
            }
        }
    }

    /** A value as a discrepancy shows it: never the whole of a long text. */
    private static String shown(String value) {
        if (value.length() <= 80) {
            return value;
        }
        return value.substring(0, value.offsetByCodePoints(0, Math.min(60, value.codePointCount(0, value.length()))))
                + "… (" + value.codePointCount(0, value.length()) + " characters)";
    }

    /** The first few discrepancies of each kind. */
    private void example(String kind, String detail) {
        List<String> ofKind = examples.computeIfAbsent(kind, k -> new ArrayList<>());
        if (ofKind.size() < 4) {
            ofKind.add(detail);
        }
    }
}
