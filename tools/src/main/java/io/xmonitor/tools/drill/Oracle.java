package io.xmonitor.tools.drill;

import io.xmonitor.ingest.IngestKind;
import io.xmonitor.ingest.Timestamps;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The expected final state of every key the drill sent, computed from the items answered 202 with
 * the contract's version rules (each group of columns from the newest, or for a first capture the
 * earliest, observation that carries it), compared row by row with PostgreSQL:
 * <ul>
 *   <li>lost: an accepted key (or fact) that is not stored;</li>
 *   <li>stale: a stored group older than the newest accepted version;</li>
 *   <li>duplicated: one fact stored twice;</li>
 *   <li>unexpected: a stored key nothing accepted, or values no accepted observation carried.</li>
 * </ul>
 */
final class Oracle {

    record Verdict(long lost, long stale, long duplicated, long unexpected, List<String> examples) {
    }

    private final String run;
    private final Map<IngestKind, Map<String, List<Map<String, Object>>>> accepted = new HashMap<>();
    private long lost;
    private long stale;
    private long duplicated;
    private long unexpected;
    private final List<String> examples = new ArrayList<>();

    Oracle(String run, List<Collectors.Answer> answers) {
        this.run = run;
        for (Collectors.Answer answer : answers) {
            for (Traffic.Observation observation : answer.accepted()) {
                if (!observation.valid()) {
                    unexpected(observation.kind().wireName() + " " + observation.key() + " was accepted although it is invalid");
                    continue;
                }
                accepted.computeIfAbsent(observation.kind(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(observation.key(), k -> new ArrayList<>()).add(observation.json());
            }
        }
    }

    Verdict compare(Connection connection) throws SQLException {
        posts(connection);
        facts(connection, IngestKind.METRICS, """
                SELECT status_id || '|' || snapshot_type || '|' || snapshot_at AS key, likes::text AS value
                FROM post_metrics_snapshots WHERE status_id LIKE ?""", "7" + run + "%",
                json -> json.get("status_id") + "|" + json.get("snapshot_type") + "|" + instant(json.get("snapshot_at")),
                json -> json.get("likes").toString());
        latest(connection, IngestKind.REPORTS, "SELECT status_id AS key, reported_at AS version, summary AS value FROM reports "
                + "WHERE status_id LIKE ?", "7" + run + "%", "reported_at", "summary");
        latest(connection, IngestKind.EMBEDDINGS, "SELECT status_id AS key, updated_at AS version, text_hash AS value FROM embeddings "
                + "WHERE status_id LIKE ?", "7" + run + "%", "updated_at", "text_hash");
        latest(connection, IngestKind.WATCH_ACCOUNTS, "SELECT handle::text AS key, updated_at AS version, tier || ' ' || note || ' ' || added_at "
                + "AS value FROM watch_accounts WHERE handle LIKE ?", "drill\\_" + run + "\\_%", "updated_at",
                null);
        latest(connection, IngestKind.WINDOW_SUMMARIES, "SELECT summary_key AS key, generated_at AS version, summary_text AS value "
                + "FROM window_summaries WHERE summary_key LIKE ?", "drill-" + run + "-%", "generated_at", "summary_text");
        latest(connection, IngestKind.NARRATIVE_SHIFTS, "SELECT shift_key AS key, generated_at AS version, summary_text AS value "
                + "FROM narrative_shifts WHERE shift_key LIKE ?", "drill-" + run + "-%", "generated_at", "summary_text");
        facts(connection, IngestKind.RUNS, """
                SELECT run_at || '|' || mode || '|' || source AS key, fetched_count::text AS value
                FROM pipeline_runs WHERE source = ?""", "drill-" + run,
                json -> instant(json.get("run_at")) + "|" + ("refresh-24h".equals(json.get("mode")) ? "refresh24h" : json.get("mode"))
                        + "|" + json.get("source"),
                json -> json.get("fetched_count").toString());
        duplicates(connection, """
                SELECT count(*) FROM (SELECT 1 FROM post_metrics_snapshots WHERE status_id LIKE ?
                GROUP BY status_id, snapshot_type, snapshot_at HAVING count(*) > 1) twice""", "7" + run + "%");
        duplicates(connection, """
                SELECT count(*) FROM (SELECT 1 FROM pipeline_runs WHERE source = ?
                GROUP BY run_at, mode, source HAVING count(*) > 1) twice""", "drill-" + run);
        return new Verdict(lost, stale, duplicated, unexpected, List.copyOf(examples));
    }

    /** Posts, group by group: the latest observation, the text, the first capture and the 24h refresh. */
    private void posts(Connection connection) throws SQLException {
        Map<String, Map<String, Object>> stored = rows(connection, """
                SELECT status_id, last_seen_at, likes, watch_tier, is_significant, significance_reason, body_text, text_seen_at,
                       discovered_at, initial_likes, refresh_24h_at, likes_24h
                FROM posts WHERE status_id LIKE ?""", "7" + run + "%", "status_id");
        Map<String, List<Map<String, Object>>> expected = accepted.getOrDefault(IngestKind.POSTS, Map.of());
        for (var entry : expected.entrySet()) {
            Map<String, Object> row = stored.remove(entry.getKey());
            List<Map<String, Object>> observations = entry.getValue();
            if (row == null) {
                lost("post " + entry.getKey() + " is not stored");
                continue;
            }
            Map<String, Object> latest = observations.stream().max(Comparator.comparing(o -> instant(o.get("last_seen_at")))).orElseThrow();
            group(entry.getKey(), "latest observation", instant(latest.get("last_seen_at")), (Instant) row.get("last_seen_at"),
                    Arrays.asList(latest.get("likes"), latest.get("watch_tier"), latest.getOrDefault("is_significant", false),
                            latest.get("significance_reason")),
                    Arrays.asList(row.get("likes"), row.get("watch_tier"), row.get("is_significant"), row.get("significance_reason")));
            var text = observations.stream().filter(o -> o.containsKey("body_text") || o.containsKey("author_display"))
                    .max(Comparator.comparing(o -> instant(o.get("last_seen_at"))));
            group(entry.getKey(), "text", text.map(o -> instant(o.get("last_seen_at"))).orElse(null), (Instant) row.get("text_seen_at"),
                    List.of(text.map(o -> String.valueOf(o.get("body_text"))).orElse("null")), List.of(String.valueOf(row.get("body_text"))));
            Map<String, Object> first = observations.stream().min(Comparator.comparing((Map<String, Object> o) -> instant(o.get("discovered_at")))
                    .thenComparing(o -> !o.containsKey("initial_likes"))).orElseThrow();
            Instant earliest = instant(first.get("discovered_at"));
            Instant storedEarliest = (Instant) row.get("discovered_at");
            if (storedEarliest.isAfter(earliest)) {
                stale("post " + entry.getKey() + ": first capture " + storedEarliest + " is later than " + earliest);
            } else if (storedEarliest.isBefore(earliest) || !Objects.equals(number(first.get("initial_likes")), number(row.get("initial_likes")))) {
                unexpected("post " + entry.getKey() + ": first capture " + storedEarliest + "/" + row.get("initial_likes")
                        + " instead of " + earliest + "/" + first.get("initial_likes"));
            }
            var refresh = observations.stream().filter(o -> o.containsKey("refresh_24h_at"))
                    .max(Comparator.comparing(o -> instant(o.get("refresh_24h_at"))));
            group(entry.getKey(), "24h refresh", refresh.map(o -> instant(o.get("refresh_24h_at"))).orElse(null),
                    (Instant) row.get("refresh_24h_at"), List.of(refresh.map(o -> number(o.get("likes_24h"))).orElse(-1L)),
                    List.of(row.get("likes_24h") == null ? -1L : number(row.get("likes_24h"))));
        }
        stored.keySet().forEach(key -> unexpected("post " + key + " is stored but was never accepted"));
    }

    /** One group of a row: stale when older than expected, unexpected when newer or different at the same version. */
    private void group(String key, String name, Instant expectedVersion, Instant storedVersion, List<Object> expectedValues,
                       List<Object> storedValues) {
        if (expectedVersion == null && storedVersion == null) {
            return;
        }
        if (storedVersion == null || (expectedVersion != null && storedVersion.isBefore(expectedVersion))) {
            stale(key + ": " + name + " at " + storedVersion + ", expected " + expectedVersion);
        } else if (expectedVersion == null || storedVersion.isAfter(expectedVersion)
                || !normalised(expectedValues).equals(normalised(storedValues))) {
            unexpected(key + ": " + name + " " + storedValues + " at " + storedVersion + ", expected " + expectedValues + " at " + expectedVersion);
        }
    }

    /** Keys with one version each: the newest accepted one must be stored. */
    private void latest(Connection connection, IngestKind kind, String sql, String pattern, String versionField, String valueField)
            throws SQLException {
        Map<String, Map<String, Object>> stored = rows(connection, sql, pattern, "key");
        for (var entry : accepted.getOrDefault(kind, Map.of()).entrySet()) {
            String key = kind == IngestKind.WATCH_ACCOUNTS ? handle(entry.getKey()) : entry.getKey();
            Map<String, Object> row = stored.remove(key);
            if (row == null) {
                lost(kind.wireName() + " " + key + " is not stored");
                continue;
            }
            Map<String, Object> newest = entry.getValue().stream().max(Comparator.comparing(o -> instant(o.get(versionField)))).orElseThrow();
            Object expectedValue = valueField != null ? newest.get(valueField)
                    : newest.get("tier") + " " + newest.get("note") + " " + entry.getValue().stream()
                            .map(o -> instant(o.get("added_at"))).min(Comparator.naturalOrder()).orElseThrow();
            group(kind.wireName() + " " + key, "row", instant(newest.get(versionField)), (Instant) row.get("version"),
                    List.of(String.valueOf(expectedValue)), List.of(normaliseTimestampText(String.valueOf(row.get("value")))));
        }
        stored.keySet().forEach(key -> unexpected(kind.wireName() + " " + key + " is stored but was never accepted"));
    }

    /** Facts of their key (metrics snapshots, runs): each accepted one stored, nothing else. */
    private void facts(Connection connection, IngestKind kind, String sql, String pattern, Function<Map<String, Object>, String> keyOf,
                       Function<Map<String, Object>, String> valueOf) throws SQLException {
        Map<String, String> stored = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, pattern);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    stored.put(normaliseFactKey(rows.getString("key")), rows.getString("value"));
                }
            }
        }
        Map<String, String> expected = new HashMap<>();
        accepted.getOrDefault(kind, Map.of()).values().forEach(list -> list.forEach(json -> expected.put(keyOf.apply(json), valueOf.apply(json))));
        for (var entry : expected.entrySet()) {
            String value = stored.remove(entry.getKey());
            if (value == null) {
                lost(kind.wireName() + " " + entry.getKey() + " is not stored");
            } else if (!value.equals(entry.getValue())) {
                unexpected(kind.wireName() + " " + entry.getKey() + ": " + value + " instead of " + entry.getValue());
            }
        }
        stored.keySet().forEach(key -> unexpected(kind.wireName() + " " + key + " is stored but was never accepted"));
    }

    private void duplicates(Connection connection, String sql, String pattern) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, pattern);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                long twice = rows.getLong(1);
                duplicated += twice;
                if (twice > 0) {
                    example(twice + " facts stored more than once (" + sql.strip().lines().findFirst().orElse("") + ")");
                }
            }
        }
    }

    private static Map<String, Map<String, Object>> rows(Connection connection, String sql, String pattern, String keyColumn)
            throws SQLException {
        Map<String, Map<String, Object>> rows = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, pattern);
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    Map<String, Object> row = new HashMap<>();
                    for (int c = 1; c <= columns; c++) {
                        Object value = result.getObject(c);
                        row.put(result.getMetaData().getColumnLabel(c),
                                value instanceof java.sql.Timestamp timestamp ? timestamp.toInstant() : value);
                    }
                    rows.put(String.valueOf(row.get(keyColumn)), row);
                }
            }
        }
        return rows;
    }

    private static Instant instant(Object text) {
        return Timestamps.parse(String.valueOf(text)).orElseThrow();
    }

    private static Long number(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }

    private static String handle(String key) {
        return key.toLowerCase(java.util.Locale.ROOT);
    }

    private static List<String> normalised(List<Object> values) {
        return values.stream().map(v -> v instanceof Number n ? Long.toString(n.longValue()) : String.valueOf(v)).toList();
    }

    /** Keys built in SQL carry PostgreSQL's timestamp text; the oracle's carry ISO instants. */
    private static String normaliseFactKey(String key) {
        String[] parts = key.split("\\|");
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].matches("\\d{4}-\\d{2}-\\d{2} .*")) {
                parts[i] = instant(parts[i]).toString();
            }
        }
        return String.join("|", parts);
    }

    private static String normaliseTimestampText(String value) {
        String[] words = value.split(" ");
        if (words.length >= 2 && words[words.length - 2].matches("\\d{4}-\\d{2}-\\d{2}")) {
            String timestamp = words[words.length - 2] + " " + words[words.length - 1];
            return value.substring(0, value.length() - timestamp.length()) + instant(timestamp);
        }
        return value;
    }

    private void lost(String detail) {
        lost++;
        example("lost: " + detail);
    }

    private void stale(String detail) {
        stale++;
        example("stale: " + detail);
    }

    private void unexpected(String detail) {
        unexpected++;
        example("unexpected: " + detail);
    }

    private void example(String detail) {
        if (examples.size() < 10) {
            examples.add(detail);
        }
    }
}
