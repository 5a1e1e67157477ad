package io.xmonitor.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import io.xmonitor.ingest.BatchValidation;
import io.xmonitor.ingest.IngestItem;
import io.xmonitor.ingest.IngestKind;
import io.xmonitor.json.Json;
import io.xmonitor.queue.DecodedMessage;
import io.xmonitor.testing.TestEnvironment;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.Collections;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The second promise of the pipeline: applying any set of observations of a key, in any order and
 * any batch grouping, redelivered or sent twice, by two consumers at once, gives the same rows as
 * applying them one by one in a canonical order, column by column, for every kind, against real
 * PostgreSQL. Observations are drawn from small pools of versions, values and acceptance times so
 * that ties, equal versions with different contents, absent fields (versions included), refresh
 * counts without their time and rows arriving before their post are all common.
 */
class OrderIndependenceTest {

    /** A batch is accepted at one of these; an observation's acceptance time is part of it (watch accounts default to it). */
    private static final Instant[] ACCEPTED_AT = {Instant.parse("2026-06-01T00:00:00Z"), Instant.parse("2026-06-01T00:05:00Z"),
            Instant.parse("2026-06-02T00:00:00Z")};
    private static final String[] STATUS_IDS = {"101", "102"};
    private static final String[] TIMES = {"2026-05-01T00:00:00Z", "2026-05-01T01:00:00Z", "2026-05-01T02:00:00Z"};

    /** What each table is compared on: everything but the moment a row was written and surrogate ids. */
    private static final Map<String, String> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put("posts", "SELECT to_jsonb(t) - 'created_at' - 'updated_at' FROM posts t ORDER BY status_id");
        TABLES.put("post_metrics_snapshots", "SELECT to_jsonb(t) - 'created_at' - 'id' FROM post_metrics_snapshots t "
                + "ORDER BY status_id, snapshot_type, snapshot_at");
        TABLES.put("reports", "SELECT to_jsonb(t) - 'created_at' FROM reports t ORDER BY status_id");
        // created_at is the earliest one sent, else when the row was first stored: only the first is compared.
        TABLES.put("embeddings", "SELECT to_jsonb(t) - 'created_at' || jsonb_build_object('created_at_sent', "
                + "CASE WHEN created_at < '2026-06-01' THEN created_at END) FROM embeddings t ORDER BY status_id");
        TABLES.put("watch_accounts", "SELECT to_jsonb(t) - 'created_at' FROM watch_accounts t ORDER BY handle");
        TABLES.put("window_summaries", "SELECT to_jsonb(t) - 'created_at' - 'updated_at' FROM window_summaries t ORDER BY summary_key");
        TABLES.put("narrative_shifts", "SELECT to_jsonb(t) - 'created_at' - 'updated_at' FROM narrative_shifts t ORDER BY shift_key");
        TABLES.put("pipeline_runs", "SELECT to_jsonb(t) - 'created_at' - 'id' FROM pipeline_runs t ORDER BY run_at, mode, source");
        TABLES.put("parked_items", "SELECT jsonb_build_array(kind, item_key, item) FROM parked_items ORDER BY kind, item_key, item_digest");
    }

    /** Deliveries PostgreSQL ended as a deadlock or serialization failure, and that were delivered again. */
    private static final AtomicInteger RETRIED = new AtomicInteger();

    private static HikariDataSource canonicalDb;
    private static HikariDataSource shuffledDb;

    @BeforeAll
    static void openDatabases() {
        canonicalDb = TestEnvironment.get().freshDatabase().open();
        shuffledDb = TestEnvironment.get().freshDatabase().open();
    }

    @AfterAll
    static void closeDatabases() {
        System.out.println("deliveries retried after a deadlock or serialization failure: " + RETRIED.get());
        canonicalDb.close();
        shuffledDb.close();
    }

    /** One observation: a kind, for each of its fields which of the field's options it takes, and when it was accepted. */
    record Observation(IngestKind kind, List<Integer> choices, int accepted) {

        JsonNode json() {
            return Json.mapper().valueToTree(Fields.of(kind).item(choices));
        }

        Instant acceptedAt() {
            return ACCEPTED_AT[accepted];
        }
    }

    /** One delivery of a batch to a consumer. */
    private record Delivery(UUID batchId, IngestKind kind, Instant acceptedAt, List<Observation> observations) {
    }

    /** The observations, the order they arrive in, where batches end, and which batches come twice. */
    record Scenario(List<Observation> observations, List<Observation> arrival, List<Boolean> batchEnds,
                    List<Boolean> redelivered, List<Boolean> resent) {
    }

    @Test
    void anyOrderAndGroupingGivesTheRowsOfTheCanonicalOrder() {
        qt().withExamples(150).withShrinkCycles(300).forAll(scenarios()).checkAssert(scenario -> {
            try {
                applyBothWaysAndCompare(scenario);
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
        });
    }

    private static void applyBothWaysAndCompare(Scenario scenario) throws SQLException {
        truncate(canonicalDb);
        truncate(shuffledDb);

        BatchApplier canonical = new BatchApplier(canonicalDb);
        List<Observation> ordered = new ArrayList<>(scenario.observations());
        // Posts first: in the canonical order no row ever waits for its post.
        ordered.sort(Comparator.comparing((Observation o) -> o.kind() != IngestKind.POSTS)
                .thenComparing(o -> o.kind().ordinal()).thenComparing(o -> o.json().toString()));
        for (Observation observation : ordered) {
            apply(canonical, new Delivery(UUID.randomUUID(), observation.kind(), observation.acceptedAt(), List.of(observation)));
        }

        List<List<Observation>> groups = new ArrayList<>();
        List<Observation> group = new ArrayList<>();
        for (int i = 0; i < scenario.arrival().size(); i++) {
            group.add(scenario.arrival().get(i));
            if (scenario.batchEnds().get(i) || i == scenario.arrival().size() - 1) {
                groups.add(group);
                group = new ArrayList<>();
            }
        }
        List<Delivery> deliveries = new ArrayList<>();
        int batchNumber = 0;
        for (List<Observation> arrived : groups) {
            // One batch holds one kind accepted at one moment.
            Map<List<Object>, List<Observation>> batches = new LinkedHashMap<>();
            arrived.forEach(o -> batches.computeIfAbsent(List.of(o.kind(), o.accepted()), k -> new ArrayList<>()).add(o));
            for (List<Observation> batch : batches.values()) {
                Delivery delivery = new Delivery(UUID.randomUUID(), batch.getFirst().kind(), batch.getFirst().acceptedAt(), batch);
                deliveries.add(delivery);
                int number = batchNumber++;
                if (scenario.redelivered().get(number % scenario.redelivered().size())) {
                    // SQS delivered it again, or a redrive brought it back: the same batch id.
                    deliveries.add(delivery);
                }
                if (scenario.resent().get(number % scenario.resent().size())) {
                    // The collector sent the same items again and they were accepted again: a new batch id.
                    deliveries.add(new Delivery(UUID.randomUUID(), delivery.kind(), delivery.acceptedAt(), batch));
                }
            }
        }
        applyConcurrently(deliveries);
        assertThat(rows(shuffledDb, "SELECT count(*)::text FROM ingest_batches")).as("each batch id applied once")
                .containsExactly(Long.toString(deliveries.stream().map(Delivery::batchId).distinct().count()));

        for (var table : TABLES.entrySet()) {
            assertThat(rows(shuffledDb, table.getValue())).as(table.getKey()).isEqualTo(rows(canonicalDb, table.getValue()));
        }
    }

    private static Gen<Scenario> scenarios() {
        Gen<Observation> observation = Generate.enumValues(IngestKind.class).flatMap(kind ->
                lists().of(integers().between(0, 5)).ofSize(Fields.of(kind).size()).zip(integers().between(0, ACCEPTED_AT.length - 1),
                        (choices, accepted) -> new Observation(kind, choices, accepted)));
        return lists().of(observation).ofSizeBetween(1, 24).flatMap(observations -> longs().all().zip(
                lists().of(booleans().all()).ofSize(observations.size()),
                lists().of(booleans().all()).ofSize(4),
                lists().of(booleans().all()).ofSize(3),
                (shuffle, ends, redelivered, resent) -> {
                    List<Observation> arrival = new ArrayList<>(observations);
                    Collections.shuffle(arrival, new Random(shuffle));
                    return new Scenario(observations, arrival, ends, redelivered, resent);
                }));
    }

    private static BatchApplier.ApplyResult apply(BatchApplier applier, Delivery delivery) throws SQLException {
        BatchValidation validation = BatchValidation.of(delivery.kind(),
                delivery.observations().stream().map(Observation::json).toList(), delivery.acceptedAt());
        assertThat(validation.errors()).as("generated items are valid").isEmpty();
        List<IngestItem> items = validation.accepted();
        return applier.apply(new DecodedMessage.Batch(delivery.batchId(), delivery.kind(), delivery.acceptedAt(), items));
    }

    /**
     * Two consumers take the deliveries in turn, as two Lambda instances polling one queue would.
     * A transaction PostgreSQL ends as a deadlock or a serialization failure is delivered again,
     * as SQS would after the visibility timeout; any other failure fails the test.
     */
    private static void applyConcurrently(List<Delivery> deliveries) {
        BatchApplier applier = new BatchApplier(shuffledDb);
        Queue<Delivery> queue = new ConcurrentLinkedQueue<>(deliveries);
        Runnable consumer = () -> {
            for (Delivery delivery; (delivery = queue.poll()) != null; ) {
                for (int attempt = 1; ; attempt++) {
                    try {
                        apply(applier, delivery);
                        break;
                    } catch (SQLException e) {
                        boolean retryable = "40P01".equals(e.getSQLState()) || "40001".equals(e.getSQLState());
                        if (!retryable || attempt == 5) {
                            throw new AssertionError("delivery failed: " + e.getMessage(), e);
                        }
                        RETRIED.incrementAndGet();
                    }
                }
            }
        };
        try (ExecutorService consumers = Executors.newFixedThreadPool(2)) {
            List<Future<?>> running = List.of(consumers.submit(consumer), consumers.submit(consumer));
            for (Future<?> future : running) {
                future.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof AssertionError failure ? failure : new AssertionError(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static List<String> rows(HikariDataSource dataSource, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); ResultSet result = connection.createStatement().executeQuery(sql)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }

    private static void truncate(HikariDataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.createStatement().execute("TRUNCATE posts, post_metrics_snapshots, reports, embeddings, watch_accounts, "
                    + "window_summaries, narrative_shifts, pipeline_runs, parked_items, ingest_batches");
        }
    }

    /** The fields of a kind and the few values each may take; a null option leaves the field out. */
    private record Fields(List<String> names, List<List<Object>> options) {

        private static final Map<IngestKind, Fields> BY_KIND = new EnumMap<>(IngestKind.class);

        static {
            BY_KIND.put(IngestKind.POSTS, new Fields()
                    .add("status_id", (Object[]) STATUS_IDS)
                    .add("url", "https://x.com/a/status/1", "https://x.com/b/status/1", null)
                    .add("author_handle", "alice", "bob")
                    .add("author_display", null, "Alice", "Bob")
                    .add("body_text", null, "first words", "edited words")
                    .add("posted_relative", null, "1h", "2h")
                    .add("source_query", null, "priority", "discovery")
                    .add("watch_tier", null, "teammate", "investor")
                    .add("is_significant", null, true, false)
                    .add("significance_reason", null, "launch", "hack")
                    .add("significance_version", null, "v2")
                    .add("likes", null, 1, 7)
                    .add("reposts", null, 2)
                    .add("replies", null, 3)
                    .add("views", null, 10, 70)
                    .add("initial_likes", null, 0, 1)
                    .add("initial_reposts", null, 4)
                    .add("initial_replies", null, 2)
                    .add("initial_views", null, 5, 9)
                    .add("refresh_24h_at", null, null, TIMES[1], TIMES[2])
                    .add("likes_24h", null, 3, 4)
                    .add("reposts_24h", null, 1)
                    .add("replies_24h", null, 0)
                    .add("views_24h", null, 30)
                    .add("refresh_24h_status", null, "ok", "pending")
                    .add("refresh_24h_delta_likes", null, -1, 2)
                    .add("refresh_24h_delta_reposts", null, 1)
                    .add("refresh_24h_delta_replies", null, 0)
                    .add("refresh_24h_delta_views", null, 5)
                    .add("discovered_at", TIMES[0], TIMES[1])
                    .add("last_seen_at", (Object[]) TIMES));
            BY_KIND.put(IngestKind.METRICS, new Fields()
                    .add("status_id", (Object[]) STATUS_IDS)
                    .add("snapshot_type", "initial_capture", "latest_observed", "refresh_24h")
                    .add("snapshot_at", TIMES[0], TIMES[1])
                    .add("likes", 1, 2)
                    .add("reposts", 0, 3)
                    .add("replies", 0)
                    .add("views", 10, 20)
                    .add("source", null, "ingest", "legacy-import"));
            BY_KIND.put(IngestKind.REPORTS, new Fields()
                    .add("status_id", (Object[]) STATUS_IDS)
                    .add("reported_at", TIMES[0], TIMES[1])
                    .add("channel", null, "slack", "email")
                    .add("summary", null, "big", "small")
                    .add("destination", null, "#alerts"));
            BY_KIND.put(IngestKind.EMBEDDINGS, new Fields()
                    .add("status_id", (Object[]) STATUS_IDS)
                    .add("backend", "local", "remote")
                    .add("model", "mini", "large")
                    .add("vector", List.of(0.25, -0.5), List.of(1, 2, 3), List.of())
                    .add("text_hash", "h1", "h2")
                    .add("updated_at", null, TIMES[0], TIMES[1])
                    .add("created_at", null, TIMES[0], TIMES[1]));
            BY_KIND.put(IngestKind.WATCH_ACCOUNTS, new Fields()
                    .add("handle", "alice", "@Bob")
                    .add("tier", "teammate", "investor")
                    .add("note", null, "core dev", "fund")
                    .add("added_at", null, TIMES[0], TIMES[1])
                    .add("updated_at", null, TIMES[1], TIMES[2]));
            BY_KIND.put(IngestKind.WINDOW_SUMMARIES, new Fields()
                    .add("summary_key", "s1", "s2")
                    .add("window_type", "rolling_2h", "rolling_12h")
                    .add("window_start", TIMES[0])
                    .add("window_end", TIMES[1], TIMES[2])
                    .add("generated_at", TIMES[1], TIMES[2])
                    .add("post_count", null, 3, 5)
                    .add("significant_count", null, 1)
                    .add("tier_counts", null, Map.of("teammate", 2), Map.of("investor", 1.5))
                    .add("top_themes", null, List.of(Map.of("theme", "fees")), List.of("fees"))
                    .add("debates", null, List.of(Map.of("topic", "l2")))
                    .add("top_authors", null, List.of(Map.of("handle", "alice")))
                    .add("notable_posts", null, List.of(Map.of("status_id", "101")))
                    .add("summary_text", "quiet", "busy")
                    .add("source_version", null, "v2")
                    .add("embedding_backend", null, "local")
                    .add("embedding_model", null, "mini")
                    .add("embedding_vector", null, List.of(1, 2)));
            BY_KIND.put(IngestKind.NARRATIVE_SHIFTS, new Fields()
                    .add("shift_key", "n1", "n2")
                    .add("basis_window_type", "rolling_12h")
                    .add("period_start", TIMES[0])
                    .add("period_end", TIMES[1], TIMES[2])
                    .add("generated_at", TIMES[1], TIMES[2])
                    .add("source_summary_keys", null, List.of("s1"), List.of("s1", "s2"))
                    .add("emerging_themes", null, List.of(Map.of("theme", "restaking")))
                    .add("declining_themes", null, List.of("memes"))
                    .add("debate_intensity", null, List.of(Map.of("topic", "fees", "score", 0.5)))
                    .add("position_shifts", null, Map.of("alice", "bullish"))
                    .add("summary_text", "drift", "turn")
                    .add("source_version", null, "v2")
                    .add("embedding_vector", null, List.of(0.5)));
            BY_KIND.put(IngestKind.RUNS, new Fields()
                    .add("run_at", TIMES[0], TIMES[1])
                    .add("mode", "priority", "refresh-24h")
                    .add("source", null, "scheduler")
                    .add("fetched_count", null, 0, 12)
                    .add("significant_count", null, 1)
                    .add("reported_count", null, 1)
                    .add("note", null, "ok", "slow"));
        }

        Fields() {
            this(new ArrayList<>(), new ArrayList<>());
        }

        static Fields of(IngestKind kind) {
            return BY_KIND.get(kind);
        }

        Fields add(String name, Object... values) {
            names.add(name);
            options.add(Arrays.asList(values));
            return this;
        }

        int size() {
            return names.size();
        }

        Map<String, Object> item(List<Integer> choices) {
            Map<String, Object> item = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                List<Object> values = options.get(i);
                Object value = values.get(choices.get(i) % values.size());
                if (value != null) {
                    item.put(names.get(i), value);
                }
            }
            return item;
        }
    }
}
