package io.xmonitor.apply;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.xmonitor.ingest.BatchValidation;
import io.xmonitor.ingest.IngestKind;
import io.xmonitor.json.Json;
import io.xmonitor.json.JsonDocument;
import io.xmonitor.queue.DecodedMessage;
import io.xmonitor.testing.TestEnvironment;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two observations of one version with different contents: the one that shows progress (higher
 * counts, a value over none, for the 24h refresh the newer sighting) is kept, whether it arrives
 * first, last or in the same batch.
 */
class ProgressTiesTest {

    private static final Instant ACCEPTED_AT = Instant.parse("2026-06-01T00:00:00Z");
    private static final String POST = """
            {"status_id":"1","author_handle":"a","discovered_at":"2026-05-01T00:00:00Z","last_seen_at":"2026-05-01T01:00:00Z"}""";

    private static HikariDataSource db;

    @BeforeAll
    static void open() {
        db = TestEnvironment.get().freshDatabase().open();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    /** A kind, the observation that must lose, the one that must win, and the query whose answer shows which is stored. */
    record Tie(String name, IngestKind kind, String behind, String ahead, String query, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Tie> ties() {
        return List.of(
                new Tie("a run posted at its start and again at its end", IngestKind.RUNS,
                        "{\"run_at\":\"2026-05-01T00:00:00Z\",\"mode\":\"priority\",\"fetched_count\":0}",
                        "{\"run_at\":\"2026-05-01T00:00:00Z\",\"mode\":\"priority\",\"fetched_count\":12,\"significant_count\":1}",
                        "SELECT fetched_count || '/' || significant_count FROM pipeline_runs", "12/1"),
                new Tie("a run's note over none", IngestKind.RUNS,
                        "{\"run_at\":\"2026-05-01T00:00:00Z\",\"mode\":\"priority\",\"fetched_count\":12}",
                        "{\"run_at\":\"2026-05-01T00:00:00Z\",\"mode\":\"priority\",\"fetched_count\":12,\"note\":\"done\"}",
                        "SELECT note FROM pipeline_runs", "done"),
                new Tie("a post seen twice at one moment", IngestKind.POSTS,
                        post("\"likes\":5,\"views\":100"), post("\"likes\":7,\"views\":100"),
                        "SELECT likes::text FROM posts", "7"),
                new Tie("a post's tier over none", IngestKind.POSTS,
                        post("\"likes\":7"), post("\"likes\":7,\"watch_tier\":\"investor\""),
                        "SELECT watch_tier FROM posts", "investor"),
                new Tie("24h counts without their time: the newer sighting", IngestKind.POSTS,
                        post("\"likes_24h\":9,\"refresh_24h_status\":\"pending\"").replace("01:00:00Z\"}", "00:30:00Z\"}"),
                        post("\"likes_24h\":4,\"refresh_24h_status\":\"pending\""),
                        "SELECT likes_24h || ' ' || refresh_24h_status FROM posts", "4 pending"),
                new Tie("a dated 24h refresh over undated counts of a newer sighting", IngestKind.POSTS,
                        post("\"likes_24h\":9,\"refresh_24h_status\":\"pending\""),
                        post("\"likes_24h\":4,\"refresh_24h_at\":\"2026-05-02T00:00:00Z\"").replace("01:00:00Z\"}", "00:30:00Z\"}"),
                        "SELECT likes_24h || ' ' || coalesce(refresh_24h_status, '-') FROM posts", "4 -"),
                new Tie("one metrics snapshot sent twice", IngestKind.METRICS,
                        snapshot("\"likes\":1,\"views\":10"), snapshot("\"likes\":1,\"views\":20"),
                        "SELECT views::text FROM post_metrics_snapshots", "20"),
                new Tie("a report's channel over none", IngestKind.REPORTS,
                        "{\"status_id\":\"1\",\"reported_at\":\"2026-05-01T02:00:00Z\"}",
                        "{\"status_id\":\"1\",\"reported_at\":\"2026-05-01T02:00:00Z\",\"channel\":\"slack\"}",
                        "SELECT channel FROM reports", "slack"),
                new Tie("an embedding with a version over one without", IngestKind.EMBEDDINGS,
                        "{\"status_id\":\"1\",\"backend\":\"b\",\"model\":\"z\",\"vector\":[1],\"text_hash\":\"h\"}",
                        "{\"status_id\":\"1\",\"backend\":\"b\",\"model\":\"a\",\"vector\":[1],\"text_hash\":\"h\",\"updated_at\":\"2026-05-01T00:00:00Z\"}",
                        "SELECT model FROM embeddings", "a"),
                new Tie("a watch account's note over none", IngestKind.WATCH_ACCOUNTS,
                        "{\"handle\":\"a\",\"tier\":\"teammate\",\"updated_at\":\"2026-05-01T00:00:00Z\"}",
                        "{\"handle\":\"a\",\"tier\":\"teammate\",\"note\":\"core\",\"updated_at\":\"2026-05-01T00:00:00Z\"}",
                        "SELECT note FROM watch_accounts", "core"),
                new Tie("a summary generated twice at one moment", IngestKind.WINDOW_SUMMARIES,
                        summary("\"post_count\":3,\"summary_text\":\"busy\""), summary("\"post_count\":5,\"summary_text\":\"a\""),
                        "SELECT post_count || ' ' || summary_text FROM window_summaries", "5 a"),
                new Tie("a shift's sources over none", IngestKind.NARRATIVE_SHIFTS,
                        shift("\"summary_text\":\"z\""), shift("\"summary_text\":\"a\",\"source_summary_keys\":[\"s1\"]"),
                        "SELECT source_summary_keys_json::text FROM narrative_shifts", "[\"s1\"]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ties")
    void theObservationThatShowsProgressIsKeptInAnyOrder(Tie tie) throws SQLException {
        for (List<List<String>> arrival : List.of(
                List.of(List.of(tie.behind()), List.of(tie.ahead())),
                List.of(List.of(tie.ahead()), List.of(tie.behind())),
                List.of(List.of(tie.behind(), tie.ahead())),
                List.of(List.of(tie.ahead(), tie.behind())))) {
            truncate();
            BatchApplier applier = new BatchApplier(db);
            if (tie.kind().referencesPost()) {
                apply(applier, IngestKind.POSTS, List.of(POST));
            }
            for (List<String> batch : arrival) {
                apply(applier, tie.kind(), batch);
            }
            assertThat(answer(tie.query())).as(tie.name() + ", arriving as " + arrival).isEqualTo(tie.expected());
        }
    }

    /**
     * Two observations of one summary, one version, differing only in window_start: 00:50 and
     * 01:10 UTC on the night Berlin's clocks go back, which Berlin writes as 02:50+02 and 02:10+01,
     * so the later instant reads as the earlier text there. Applied by sessions in any time zone,
     * the later instant is kept (timestamps rank as instants, never as the text a session renders).
     */
    @ParameterizedTest(name = "session time zone {0}")
    @ValueSource(strings = {"UTC", "Europe/Berlin", "Pacific/Kiritimati", "America/Adak"})
    void tiesRankTheSameInEverySessionTimeZone(String zone) throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.getJdbcUrl());
        config.setUsername(db.getUsername());
        config.setPassword(db.getPassword());
        config.setMaximumPoolSize(2);
        config.setConnectionInitSql("SET TIME ZONE '" + zone + "'");
        String earlier = summaryStarting("2025-10-26T00:50:00Z");
        String later = summaryStarting("2025-10-26T01:10:00Z");
        try (HikariDataSource zoned = new HikariDataSource(config)) {
            BatchApplier applier = new BatchApplier(zoned);
            for (List<List<String>> arrival : List.of(List.of(List.of(earlier), List.of(later)), List.of(List.of(later), List.of(earlier)),
                    List.of(List.of(earlier, later)), List.of(List.of(later, earlier)))) {
                truncate();
                for (List<String> batch : arrival) {
                    apply(applier, IngestKind.WINDOW_SUMMARIES, batch);
                }
                assertThat(answer("SELECT extract(epoch FROM window_start)::bigint::text FROM window_summaries"))
                        .as("applied in %s, arriving as %s", zone, arrival)
                        .isEqualTo(Long.toString(Instant.parse("2025-10-26T01:10:00Z").getEpochSecond()));
            }
        }
    }

    private static String summaryStarting(String windowStart) {
        return "{\"summary_key\":\"k\",\"window_type\":\"rolling_2h\",\"window_start\":\"" + windowStart + "\","
                + "\"window_end\":\"2025-10-26T03:00:00Z\",\"generated_at\":\"2025-10-26T03:01:00Z\",\"summary_text\":\"s\"}";
    }

    private static String post(String fields) {
        return POST.replace("\"status_id\":\"1\",", "\"status_id\":\"1\"," + fields + ",");
    }

    private static String snapshot(String counts) {
        return "{\"status_id\":\"1\",\"snapshot_type\":\"latest_observed\",\"snapshot_at\":\"2026-05-01T01:00:00Z\"," + counts + "}";
    }

    private static String summary(String fields) {
        return "{\"summary_key\":\"k\",\"window_type\":\"rolling_2h\",\"window_start\":\"2026-05-01T00:00:00Z\","
                + "\"window_end\":\"2026-05-01T02:00:00Z\",\"generated_at\":\"2026-05-01T02:01:00Z\"," + fields + "}";
    }

    private static String shift(String fields) {
        return "{\"shift_key\":\"n\",\"basis_window_type\":\"rolling_12h\",\"period_start\":\"2026-05-01T00:00:00Z\","
                + "\"period_end\":\"2026-05-01T12:00:00Z\",\"generated_at\":\"2026-05-01T12:01:00Z\"," + fields + "}";
    }

    private static void apply(BatchApplier applier, IngestKind kind, List<String> items) throws SQLException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String item : items) {
            nodes.add(((JsonDocument.Parsed) Json.parse(item.getBytes(StandardCharsets.UTF_8))).root());
        }
        BatchValidation validation = BatchValidation.of(kind, nodes, ACCEPTED_AT);
        assertThat(validation.errors()).isEmpty();
        applier.apply(new DecodedMessage.Batch(UUID.randomUUID(), kind, ACCEPTED_AT, validation.accepted()));
    }

    private static String answer(String query) throws SQLException {
        try (Connection connection = db.getConnection(); ResultSet rows = connection.createStatement().executeQuery(query)) {
            assertThat(rows.next()).as(query).isTrue();
            String value = rows.getString(1);
            assertThat(rows.next()).as("one row").isFalse();
            return value;
        }
    }

    private static void truncate() throws SQLException {
        try (Connection connection = db.getConnection()) {
            connection.createStatement().execute("TRUNCATE posts, post_metrics_snapshots, reports, embeddings, watch_accounts, "
                    + "window_summaries, narrative_shifts, pipeline_runs, parked_items, ingest_batches");
        }
    }
}
