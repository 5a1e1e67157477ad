package io.xmonitor.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import io.xmonitor.config.AppConfig;
import io.xmonitor.ingest.IngestKind;
import io.xmonitor.ingest.Limits;
import io.xmonitor.json.Json;
import io.xmonitor.testing.ApiEvents;
import io.xmonitor.testing.TestEnvironment;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The first promise of the pipeline, and the rule behind it, against the real handler, ElasticMQ,
 * S3Proxy (a third of the batches travel through the claim check, a third compressed) and PostgreSQL: an item is refused
 * exactly when a value that identifies or orders it is unusable; any other item is answered 202
 * and applied without a single failed delivery (rows that wait for their post included), whatever
 * garbage its other fields hold; its warnings name exactly the fields stored without their sent
 * value; and the stored row holds, column by column, what this test's own model of the contract
 * says the sent value means. Every generated value is tagged with that expectation: stored as
 * (a normalised value), dropped or cut with a warning, or refusing its item.
 */
class AcceptedMeansAppliedTest {

    private static final Object ABSENT = new Object();
    private static final int TRIES = 60;
    private static final Instant NOW = Instant.now();
    /** Keys are unique per item, so each stored row holds exactly one generated observation. */
    private static final AtomicLong SEQUENCE = new AtomicLong();
    /** Per kind, how many generated items were refused, applied, and applied with warnings: printed, so a run shows it tested each. */
    private static final Map<String, long[]> OUTCOMES = new TreeMap<>();

    private static TestEnvironment.TestDatabase database;
    private static HikariDataSource db;
    private static Pipeline inline;
    private static Pipeline claimChecked;
    private static Pipeline compressed;

    @BeforeAll
    static void start() {
        database = TestEnvironment.get().freshDatabase();
        db = database.open();
        inline = new Pipeline(database, Map.of());
        claimChecked = new Pipeline(database, Map.of(AppConfig.PAYLOAD_THRESHOLD_BYTES, "1024", AppConfig.COMPRESS_ABOVE_BYTES, "0"));
        compressed = new Pipeline(database, Map.of(AppConfig.COMPRESS_ABOVE_BYTES, "1"));
    }

    @AfterAll
    static void stop() {
        db.close();
        OUTCOMES.forEach((kind, counts) -> System.out.printf("%-17s %,5d refused, %,5d applied, %,5d of them with warnings%n",
                kind, counts[0], counts[1], counts[2]));
    }

    // ---- what a generated value means -------------------------------------------------------

    /** What the contract says happens to a sent value. */
    enum Outcome { STORED, WARNED, REFUSES }

    /** A value to send (or {@link #ABSENT}), what happens to it, and what the column then holds. */
    record Sample(Object json, Outcome outcome, Object stored) {
    }

    /** A JSON literal written as is: numbers no Java type holds, or a deliberately broken value. */
    record Raw(String json) {
    }

    /** The column holds the post's address built from its handle and status id. */
    private static final Object DERIVED_URL = new Object();
    /** The column holds whatever the database put there (a creation time): not compared. */
    private static final Object UNCHECKED = new Object();

    private static Sample stored(Object json, Object stored) {
        return new Sample(json, Outcome.STORED, stored);
    }

    private static Sample same(Object json) {
        return new Sample(json, Outcome.STORED, json);
    }

    private static Sample warned(Object json, Object stored) {
        return new Sample(json, Outcome.WARNED, stored);
    }

    private static Sample refuses(Object json) {
        return new Sample(json, Outcome.REFUSES, null);
    }

    /** A field, the column it is stored in, what its absence stores, and its values: usual ones and edges. */
    private record Field(String name, String column, boolean identity, Object whenAbsent, Gen<Sample> usual, Gen<Sample> edges) {

        Gen<Sample> values() {
            Sample absent = identity ? refuses(ABSENT) : stored(ABSENT, whenAbsent);
            return Generate.frequency(
                    Pair.of(identity ? 2 : 30, Generate.constant(absent)),
                    Pair.of(identity ? 88 : 35, usual),
                    Pair.of(identity ? 10 : 35, edges));
        }
    }

    private static Field identity(String name, Gen<Sample> usual, Gen<Sample> edges) {
        return new Field(name, name, true, null, usual, edges);
    }

    private static Field field(String name, Object whenAbsent, Gen<Sample> usual, Gen<Sample> edges) {
        return new Field(name, name, false, whenAbsent, usual, edges);
    }

    private static Field field(String name, String column, Object whenAbsent, Gen<Sample> usual, Gen<Sample> edges) {
        return new Field(name, column, false, whenAbsent, usual, edges);
    }

    /** One generated item: each field's sample. */
    record Item(Map<Field, Sample> samples) {

        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            samples.forEach((field, sample) -> {
                if (sample.json() != ABSENT) {
                    json.put(field.name(), sample.json());
                }
            });
            return json;
        }

        boolean refused() {
            return samples.values().stream().anyMatch(s -> s.outcome() == Outcome.REFUSES);
        }

        Sample sample(String field) {
            return samples.entrySet().stream().filter(e -> e.getKey().name().equals(field)).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
        }
    }

    /** How a batch travels on the queue: plain JSON in the message, through the claim check, or compressed. */
    enum Route { INLINE, CLAIM_CHECK, COMPRESSED }

    record Batch(IngestKind kind, List<Item> items, Route route) {
    }

    // ---- the property --------------------------------------------------------------------------

    @Test
    void posts() {
        check(IngestKind.POSTS, postFields());
    }

    @Test
    void metrics() {
        check(IngestKind.METRICS, List.of(
                identity("status_id", statusIds(), statusIdEdges()),
                identity("snapshot_type", Generate.pick(List.of(same("initial_capture"), same("latest_observed"), same("refresh_24h"))),
                        Generate.pick(List.of(refuses("hourly"), refuses(""), stored("Refresh-24h", "refresh_24h")))),
                identity("snapshot_at", times(), identityTimeEdges()),
                field("likes", 0L, counts(), countEdges(0L)),
                field("reposts", 0L, counts(), countEdges(0L)),
                field("replies", 0L, counts(), countEdges(0L)),
                field("views", 0L, counts(), countEdges(0L)),
                field("source", "ingest", Generate.pick(List.of(same("ingest"), same("legacy-import"))), textEdges(Limits.LABEL_CHARS, "ingest"))));
    }

    @Test
    void reports() {
        check(IngestKind.REPORTS, List.of(
                identity("status_id", statusIds(), statusIdEdges()),
                identity("reported_at", times(), identityTimeEdges()),
                field("channel", null, Generate.pick(List.of(same("slack"), same("email"))), textEdges(Limits.LABEL_CHARS, null)),
                field("summary", null, words(), textEdges(Limits.BODY_CHARS, null)),
                field("destination", null, Generate.pick(List.of(same("#alerts"))), textEdges(Limits.LABEL_CHARS, null))));
    }

    @Test
    void embeddings() {
        check(IngestKind.EMBEDDINGS, List.of(
                identity("status_id", statusIds(), statusIdEdges()),
                identity("backend", Generate.pick(List.of(same("local"), same("openai"))), keyEdges(Limits.LABEL_CHARS)),
                identity("model", Generate.pick(List.of(same("mini-lm"), same("large"))), keyEdges(Limits.LABEL_CHARS)),
                field("vector", "vector_json", json("[]"), vectors(), vectorEdges(json("[]"))),
                field("dims", "dims", UNCHECKED, Generate.pick(List.of(stored(0, UNCHECKED))), Generate.pick(List.of(
                        stored(2, UNCHECKED), stored("8", UNCHECKED), warned(-1, UNCHECKED), warned("n/a", UNCHECKED)))),
                identity("text_hash", Generate.pick(List.of(same("h1"), same("h2"))), keyEdges(Limits.LABEL_CHARS)),
                field("updated_at", null, times(), timeEdges(null)),
                field("created_at", UNCHECKED, times(), timeEdges(UNCHECKED))));
    }

    @Test
    void watchAccounts() {
        check(IngestKind.WATCH_ACCOUNTS, List.of(
                identity("handle", handles(), handleEdges()),
                identity("tier", Generate.pick(List.of(same("teammate"), same("influencer"), stored(" Ecosystem ", "ecosystem"), same("investor"))),
                        Generate.pick(List.of(refuses("vip"), refuses(""), refuses(new Raw("1"))))),
                field("note", null, words(), textEdges(Limits.NOTE_CHARS, null)),
                field("added_at", UNCHECKED, times(), timeEdges(UNCHECKED)),
                field("updated_at", UNCHECKED, times(), timeEdges(UNCHECKED))));
    }

    @Test
    void windowSummaries() {
        check(IngestKind.WINDOW_SUMMARIES, List.of(
                identity("summary_key", keys(), keyEdges(Limits.KEY_CHARS)),
                identity("window_type", Generate.pick(List.of(same("rolling_2h"), same("rolling_12h"))), keyEdges(Limits.KEY_CHARS)),
                identity("window_start", Generate.pick(List.of(stored("2026-01-01T00:00:00Z", Instant.parse("2026-01-01T00:00:00Z")),
                        stored("2026-01-01", Instant.parse("2026-01-01T00:00:00Z")))), windowEdges()),
                identity("window_end", Generate.pick(List.of(stored("2026-01-01T02:00:00Z", Instant.parse("2026-01-01T02:00:00Z")),
                        stored("2026-01-01 02:00", Instant.parse("2026-01-01T02:00:00Z")))), windowEdges()),
                identity("generated_at", times(), identityTimeEdges()),
                field("post_count", 0L, counts(), countEdges(0L)),
                field("significant_count", 0L, counts(), countEdges(0L)),
                field("tier_counts", "tier_counts_json", json("{}"), objects(), objectEdges(json("{}"))),
                field("top_themes", "top_themes_json", json("[]"), arrays(), arrayEdges(json("[]"))),
                field("debates", "debates_json", json("[]"), arrays(), arrayEdges(json("[]"))),
                field("notable_posts", "notable_posts_json", json("[]"), arrays(), arrayEdges(json("[]"))),
                field("summary_text", "summary_text", "", words(), textEdges(Limits.SUMMARY_TEXT_CHARS, "")),
                field("source_version", "v1", Generate.pick(List.of(same("v2"))), textEdges(Limits.LABEL_CHARS, "v1")),
                field("embedding_vector", "embedding_vector_json", null, vectors(), vectorEdges(null)),
                field("embedding_dims", "embedding_dims", UNCHECKED, Generate.pick(List.of(stored(1, UNCHECKED))),
                        Generate.pick(List.of(stored(2, UNCHECKED), warned("x", UNCHECKED))))));
    }

    @Test
    void narrativeShifts() {
        check(IngestKind.NARRATIVE_SHIFTS, List.of(
                identity("shift_key", keys(), keyEdges(Limits.KEY_CHARS)),
                identity("basis_window_type", Generate.pick(List.of(same("rolling_12h"))), keyEdges(Limits.KEY_CHARS)),
                identity("period_start", Generate.pick(List.of(stored("2026-01-01T00:00:00Z", Instant.parse("2026-01-01T00:00:00Z")))), windowEdges()),
                identity("period_end", Generate.pick(List.of(stored("2026-01-01T12:00:00Z", Instant.parse("2026-01-01T12:00:00Z")))), windowEdges()),
                identity("generated_at", times(), identityTimeEdges()),
                field("source_summary_keys", "source_summary_keys_json", json("[]"),
                        Generate.pick(List.of(stored(List.of("a", "b"), json("[\"a\",\"b\"]")))),
                        Generate.pick(List.of(stored(List.of(7), json("[\"7\"]")), warned(List.of("a", Map.of("x", 1)), json("[\"a\"]")),
                                warned("nope", json("[]"))))),
                field("emerging_themes", "emerging_themes_json", json("[]"), arrays(), arrayEdges(json("[]"))),
                field("position_shifts", "position_shifts_json", json("{}"), objects(), objectEdges(json("{}"))),
                field("summary_text", "summary_text", "", words(), textEdges(Limits.SUMMARY_TEXT_CHARS, ""))));
    }

    @Test
    void runs() {
        check(IngestKind.RUNS, List.of(
                identity("run_at", runTimes(), runTimeEdges()),
                identity("mode", Generate.pick(List.of(same("priority"), same("discovery"), stored("refresh-24h", "refresh24h"), same("manual"))),
                        Generate.pick(List.of(refuses("hourly"), refuses("")))),
                field("fetched_count", 0L, counts(), countEdges(0L)),
                field("significant_count", 0L, counts(), countEdges(0L)),
                field("note", null, words(), textEdges(Limits.NOTE_CHARS, null)),
                new Field("source", "source", false, "local-dispatcher", Generate.pick(List.of(same("cron"))),
                        Generate.pick(List.of(refuses("x".repeat(Limits.KEY_CHARS + 1)), refuses("nul\u0000"))))));
    }

    private static void check(IngestKind kind, List<Field> fields) {
        int most = kind.singleObject() ? 1 : 20;
        Gen<Item> item = randomness -> {
            Map<Field, Sample> samples = new LinkedHashMap<>();
            for (Field field : fields) {
                samples.put(field, field.values().generate(randomness));
            }
            return new Item(samples);
        };
        Gen<Batch> batches = lists().of(item).ofSizeBetween(1, most)
                .zip(integers().between(0, Route.values().length - 1), (items, route) -> new Batch(kind, items, Route.values()[route]));
        qt().withExamples(kind.singleObject() ? TRIES * 3 : TRIES).withShrinkCycles(50).forAll(batches)
                .checkAssert(AcceptedMeansAppliedTest::refusedOrAppliedAsTheContractSays);
    }

    private static void refusedOrAppliedAsTheContractSays(Batch batch) {
        Pipeline pipeline = switch (batch.route()) {
            case INLINE -> inline;
            case CLAIM_CHECK -> claimChecked;
            case COMPRESSED -> compressed;
        };
        List<Map<String, Object>> items = batch.items().stream().map(Item::json).toList();
        String body = batch.kind().singleObject() ? write(items.getFirst())
                : "{\"items\":[" + String.join(",", items.stream().map(AcceptedMeansAppliedTest::write).toList()) + "]}";
        APIGatewayV2HTTPResponse response = pipeline.accept.handleRequest(ApiEvents.post(batch.kind().route(), Pipeline.SECRET, body), null);
        boolean anyValid = batch.items().stream().anyMatch(i -> !i.refused());
        assertThat(response.getStatusCode()).as("202 when an item is valid, else 422: %s", response.getBody()).isEqualTo(anyValid ? 202 : 422);
        JsonNode answer = json(response.getBody());

        Set<Integer> refused = new TreeSet<>();
        answer.path("errors").forEach(error -> refused.add(error.path("index").asInt()));
        Set<Integer> expectedRefused = new TreeSet<>();
        for (int i = 0; i < batch.items().size(); i++) {
            if (batch.items().get(i).refused()) {
                expectedRefused.add(i);
            }
        }
        assertThat(refused).as("refused exactly the items whose identity is unusable: %s", answer.path("errors")).isEqualTo(expectedRefused);
        for (JsonNode error : answer.path("errors")) {
            Item item = batch.items().get(error.path("index").asInt());
            String message = error.path("message").asText();
            String prefix = batch.kind().singleObject() ? "" : "items[" + error.path("index").asInt() + "].";
            String field = message.substring(prefix.length(), message.indexOf(':'));
            assertThat(item.sample(field)).as("an error names an identifying field of its item: " + message).isNotNull();
            assertThat(item.sample(field).outcome()).as(message).isEqualTo(Outcome.REFUSES);
        }
        tally(batch.kind(), refused.size(), batch.items().size() - refused.size(), answer.path("warnings"));
        if (!anyValid) {
            return;
        }

        Map<Integer, Set<String>> warned = new TreeMap<>();
        answer.path("warnings").forEach(w -> warned.computeIfAbsent(w.path("index").asInt(), k -> new TreeSet<>()).add(w.path("field").asText()));
        for (int i = 0; i < batch.items().size(); i++) {
            if (!refused.contains(i)) {
                assertThat(warned.getOrDefault(i, Set.of())).as("warnings of item %d name exactly its dropped fields: %s", i,
                        answer.path("warnings")).isEqualTo(expectedWarnings(batch.kind(), batch.items().get(i)));
            }
        }

        assertThat(pipeline.drain()).as("no delivery of an accepted batch fails").isZero();
        if (batch.kind().referencesPost()) {
            List<String> posts = new ArrayList<>();
            for (int i = 0; i < batch.items().size(); i++) {
                if (!refused.contains(i)) {
                    String statusId = String.valueOf(batch.items().get(i).sample("status_id").stored());
                    posts.add(Json.write(Map.of("status_id", statusId, "url", "https://x.com/a/status/" + statusId,
                            "author_handle", "a", "discovered_at", "2026-01-01T00:00:00Z", "last_seen_at", "2026-01-01T00:00:00Z")));
                }
            }
            pipeline.sendItems(IngestKind.POSTS.route(), posts.toArray(String[]::new));
            assertThat(pipeline.drain()).as("rows parked for their post are applied with it").isZero();
        }
        for (int i = 0; i < batch.items().size(); i++) {
            if (!refused.contains(i)) {
                compareStoredRow(batch.kind(), batch.items().get(i));
            }
        }
    }

    /** The fields a model of the contract expects a warning for: every dropped value, and the cross-field rules. */
    private static Set<String> expectedWarnings(IngestKind kind, Item item) {
        Set<String> expected = new TreeSet<>();
        item.samples().forEach((field, sample) -> {
            if (sample.outcome() == Outcome.WARNED) {
                expected.add(field.name());
            }
        });
        switch (kind) {
            case POSTS -> {
                if (item.sample("url").json() == ABSENT) {
                    expected.add("url");
                }
            }
            case EMBEDDINGS -> {
                long dims = declared(item.sample("dims"));
                if (dims > 0 && dims != vectorLength(item.sample("vector").stored())) {
                    expected.add("dims");
                }
            }
            case WINDOW_SUMMARIES, NARRATIVE_SHIFTS -> {
                if (item.sample("summary_text").stored().equals("")) {
                    expected.add("summary_text");
                }
                Sample vector = item.sample("embedding_vector");
                long dims = item.sample("embedding_dims") == null ? -1 : declared(item.sample("embedding_dims"));
                if (vector != null && vector.stored() != null && dims >= 0 && dims != vectorLength(vector.stored())) {
                    expected.add("embedding_dims");
                }
            }
            default -> {
            }
        }
        return expected;
    }

    private static long declared(Sample dims) {
        if (dims.json() == ABSENT || dims.outcome() == Outcome.WARNED) {
            return -1;
        }
        return Long.parseLong(String.valueOf(dims.json()));
    }

    private static int vectorLength(Object stored) {
        return stored instanceof JsonNode node ? node.size() : 0;
    }

    private static void compareStoredRow(IngestKind kind, Item item) {
        String table = switch (kind) {
            case POSTS -> "posts";
            case METRICS -> "post_metrics_snapshots";
            case REPORTS -> "reports";
            case WATCH_ACCOUNTS -> "watch_accounts";
            case EMBEDDINGS -> "embeddings";
            case WINDOW_SUMMARIES -> "window_summaries";
            case NARRATIVE_SHIFTS -> "narrative_shifts";
            case RUNS -> "pipeline_runs";
        };
        String keyColumn = switch (kind) {
            case WATCH_ACCOUNTS -> "handle::text";
            case WINDOW_SUMMARIES -> "summary_key";
            case NARRATIVE_SHIFTS -> "shift_key";
            case RUNS -> "run_at::text";
            default -> "status_id";
        };
        Object key = switch (kind) {
            case WATCH_ACCOUNTS -> item.sample("handle").stored();
            case WINDOW_SUMMARIES -> item.sample("summary_key").stored();
            case NARRATIVE_SHIFTS -> item.sample("shift_key").stored();
            case RUNS -> OffsetDateTime.ofInstant((Instant) item.sample("run_at").stored(), java.time.ZoneOffset.UTC).toString();
            default -> item.sample("status_id").stored();
        };
        JsonNode row;
        String where = kind == IngestKind.RUNS ? "run_at = ?::timestamptz" : keyColumn + " = ?";
        try (Connection connection = db.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT to_jsonb(t)::text FROM " + table + " t WHERE " + where)) {
            statement.setString(1, String.valueOf(key));
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows.next()).as("the accepted %s %s is stored", kind.wireName(), key).isTrue();
                row = Json.mapper().readTree(rows.getString(1));
                assertThat(rows.next()).as("one row for %s", key).isFalse();
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        if (kind == IngestKind.EMBEDDINGS) {
            assertThat(row.path("dims").asInt()).as("dims is the stored vector's length").isEqualTo(row.path("vector_json").size());
        }
        item.samples().forEach((field, sample) -> {
            Object expected = sample.stored();
            if (expected == UNCHECKED) {
                return;
            }
            if (expected == DERIVED_URL) {
                expected = "https://x.com/" + row.path("author_handle").asText() + "/status/" + row.path("status_id").asText();
            }
            assertThat(matches(row.get(field.column()), expected))
                    .as("%s.%s sent as %s: stored %s, expected %s", table, field.column(), describe(sample.json()), row.get(field.column()), expected)
                    .isTrue();
        });
    }

    private static boolean matches(JsonNode actual, Object expected) {
        if (expected == null) {
            return actual == null || actual.isNull();
        }
        if (actual == null || actual.isNull()) {
            return false;
        }
        return switch (expected) {
            case String text -> actual.isTextual() && actual.textValue().equals(text);
            case Long number -> actual.isNumber() && actual.longValue() == number;
            case Integer number -> actual.isNumber() && actual.longValue() == number;
            case Boolean flag -> actual.isBoolean() && actual.booleanValue() == flag;
            case Instant instant -> actual.isTextual() && OffsetDateTime.parse(actual.textValue()).toInstant().equals(instant);
            case JsonNode node -> node.equals((a, b) -> a.isNumber() && b.isNumber()
                    ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1, actual);
            default -> throw new IllegalArgumentException("no comparison for " + expected);
        };
    }

    private static void tally(IngestKind kind, int refused, int applied, JsonNode warnings) {
        Set<Integer> warnedItems = new LinkedHashSet<>();
        warnings.forEach(w -> warnedItems.add(w.path("index").asInt()));
        synchronized (OUTCOMES) {
            long[] counts = OUTCOMES.computeIfAbsent(kind.wireName(), k -> new long[3]);
            counts[0] += refused;
            counts[1] += applied;
            counts[2] += warnedItems.size();
        }
    }

    // ---- values and what they mean ---------------------------------------------------------------

    private static List<Field> postFields() {
        return List.of(
                identity("status_id", statusIds(), statusIdEdges()),
                field("url", DERIVED_URL, Generate.pick(List.of(same("https://x.com/a/status/1"), stored(" https://x.com/b ", "https://x.com/b"))),
                        Generate.pick(List.of(warned("ftp://x.com", DERIVED_URL), warned("no url", DERIVED_URL),
                        warned("https://x.com/" + "a".repeat(Limits.URL_CHARS), DERIVED_URL), warned("https://x.com/\uFFFF", DERIVED_URL),
                        warned("", DERIVED_URL), warned(new Raw("5"), DERIVED_URL)))),
                identity("author_handle", Generate.pick(List.of(stored("@Alice", "alice"), same("bob_42"), stored(" CAROL ", "carol"))),
                        Generate.pick(List.of(refuses("a b"), refuses("@"), refuses("x".repeat(51)), refuses("ali\u0000ce"), refuses("émile")))),
                field("author_display", null, words(), textEdges(Limits.LABEL_CHARS, null)),
                field("body_text", null, words(), textEdges(Limits.BODY_CHARS, null)),
                field("posted_relative", null, Generate.pick(List.of(same("3h"), same("12m"))), textEdges(Limits.LABEL_CHARS, null)),
                field("source_query", null, Generate.pick(List.of(same("priority"), same("from:alice " + "rollups OR fees ".repeat(12).strip()))),
                        textEdges(Limits.LABEL_CHARS, null)),
                field("watch_tier", null, Generate.pick(List.of(same("teammate"), stored("INVESTOR", "investor"), stored(" ecosystem ", "ecosystem"))),
                        Generate.pick(List.of(warned("vip", null), warned("none", null), stored("", null), warned("investor\u0000x", null),
                                warned(new Raw("5"), null)))),
                field("is_significant", false, Generate.pick(List.of(same(true), same(false))),
                        Generate.pick(List.of(stored("yes", true), stored("FALSE", false), stored(new Raw("1"), true), stored("0", false),
                                warned("perhaps", false), warned(new Raw("2"), false), stored(new Raw("null"), false)))),
                field("significance_reason", null, words(), textEdges(Limits.NOTE_CHARS, null)),
                field("significance_version", "v1", Generate.pick(List.of(same("v2"))), textEdges(Limits.LABEL_CHARS, "v1")),
                field("likes", 0L, counts(), countEdges(0L)),
                field("reposts", 0L, counts(), countEdges(0L)),
                field("views", 0L, counts(), countEdges(0L)),
                field("initial_likes", null, counts(), countEdges(null)),
                field("refresh_24h_at", null, times(), timeEdges(null)),
                field("likes_24h", null, counts(), countEdges(null)),
                field("refresh_24h_delta_likes", null, integers().between(-50, 50).map(n -> stored(n, (long) n)), signedEdges()),
                field("refresh_24h_status", null, Generate.pick(List.of(same("ok"), same("pending"))), textEdges(Limits.LABEL_CHARS, null)),
                identity("discovered_at", times(), identityTimeEdges()),
                identity("last_seen_at", times(), identityTimeEdges()));
    }

    private static Gen<Sample> statusIds() {
        return randomness -> {
            String id = Long.toString(1_900_000_000_000_000_000L + SEQUENCE.incrementAndGet());
            return same(id);
        };
    }

    private static Gen<Sample> statusIdEdges() {
        return randomness -> {
            long n = 1_800_000_000_000_000_000L + SEQUENCE.incrementAndGet();
            List<Sample> samples = List.of(stored(" " + n + " ", Long.toString(n)), stored(new Raw(Long.toString(n)), Long.toString(n)),
                    refuses("12345678901234567890"), refuses("12a"), refuses(""), refuses(new Raw("null")), refuses("1\u0000"),
                    refuses(new Raw("[1]")), refuses("-5"));
            return samples.get(integers().between(0, samples.size() - 1).generate(randomness));
        };
    }

    private static Gen<Sample> handles() {
        return randomness -> {
            String handle = "h" + SEQUENCE.incrementAndGet();
            return integers().between(0, 1).generate(randomness) == 0 ? same(handle) : stored("@" + handle.toUpperCase(), handle);
        };
    }

    private static Gen<Sample> handleEdges() {
        return Generate.pick(List.of(refuses("a b"), refuses("x".repeat(51)), refuses("bad\uFFFF"), refuses("")));
    }

    private static Gen<Sample> keys() {
        return randomness -> {
            String key = "key-" + SEQUENCE.incrementAndGet();
            return integers().between(0, 1).generate(randomness) == 0 ? same(key) : stored("  " + key + " ", key);
        };
    }

    /** Identifying text: unique keys padded or not, or what refuses its item. */
    private static Gen<Sample> keyEdges(int limit) {
        return randomness -> {
            String unique = "k" + SEQUENCE.incrementAndGet();
            String longest = unique + "\uD83D\uDE80".repeat(limit - unique.length());
            List<Sample> samples = List.of(same(longest), stored(new Raw("42" + SEQUENCE.incrementAndGet()), null),
                    refuses(unique + "x".repeat(limit)), refuses(""), refuses("nul\u0000"), refuses("lone \uD800"),
                    refuses(new Raw("[\"a\"]")), refuses(new Raw("null")));
            Sample sample = samples.get(integers().between(0, samples.size() - 1).generate(randomness));
            // A key sent as a number is stored as its digits.
            return sample.json() instanceof Raw raw && sample.outcome() == Outcome.STORED ? stored(raw, raw.json()) : sample;
        };
    }

    private static Gen<Sample> times() {
        return integers().between(0, 200 * 24 * 60).map(minutes -> {
            Instant instant = Instant.parse("2026-01-01T00:00:00Z").plus(minutes, ChronoUnit.MINUTES);
            return stored(instant.toString(), instant);
        });
    }

    /** Run times are a run's key: unique per item. */
    private static Gen<Sample> runTimes() {
        return randomness -> {
            Instant instant = Instant.parse("2026-01-01T00:00:00Z").plus(SEQUENCE.incrementAndGet(), ChronoUnit.SECONDS);
            return stored(instant.toString(), instant);
        };
    }

    /** A run's key in other forms, still unique per item, or unusable. */
    private static Gen<Sample> runTimeEdges() {
        return randomness -> {
            Instant instant = Instant.parse("2026-02-01T00:00:00Z").plus(SEQUENCE.incrementAndGet(), ChronoUnit.SECONDS);
            List<Sample> samples = List.of(stored(instant.toString().replace('T', ' ').replace("Z", ""), instant),
                    stored(new Raw(Long.toString(instant.toEpochMilli())), instant),
                    refuses("2026-02-30T00:00:00Z"), refuses("yesterday"), refuses("2005-12-31T23:59:59Z"), refuses(""));
            return samples.get(integers().between(0, samples.size() - 1).generate(randomness));
        };
    }

    /** Timestamps around the bounds and in every form: stored, or dropped with a warning ({@code whenDropped} stored). */
    private static Gen<Sample> timeEdges(Object whenDropped) {
        Instant soon = NOW.plus(23, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        return Generate.pick(List.of(
                stored("2006-01-01T00:00:00Z", Instant.parse("2006-01-01T00:00:00Z")),
                stored(soon.toString(), soon),
                stored("2026-03-01T12:00:00.123456789+14:00", Instant.parse("2026-02-28T22:00:00.123Z")),
                stored("2026-03-01 12:00", Instant.parse("2026-03-01T12:00:00Z")),
                stored("2026-03-01", Instant.parse("2026-03-01T00:00:00Z")),
                stored("Wed Feb 25 19:39:12 +0000 2026", Instant.parse("2026-02-25T19:39:12Z")),
                stored("Wed, 25 Feb 2026 19:39:12 GMT", Instant.parse("2026-02-25T19:39:12Z")),
                stored(new Raw("1772000000000"), Instant.ofEpochMilli(1_772_000_000_000L)),
                stored("", whenDropped),
                warned("2005-12-31T23:59:59.999Z", whenDropped),
                warned("+300000-01-01T00:00:00Z", whenDropped),
                warned(NOW.plus(25, ChronoUnit.HOURS).toString(), whenDropped),
                warned("2026-02-30T00:00:00Z", whenDropped),
                warned("9999-12-31T23:59:59Z", whenDropped),
                warned("yesterday", whenDropped),
                warned(new Raw("1700000000"), whenDropped),
                warned(new Raw("true"), whenDropped)));
    }

    /** The same values for a timestamp that orders its item: what would be dropped refuses it. */
    private static Gen<Sample> identityTimeEdges() {
        return timeEdges(null).map(s -> s.outcome() == Outcome.STORED && s.stored() != null ? s : refuses(s.json()));
    }

    /** Edges of window bounds that keep the window's order: only unusable values. */
    private static Gen<Sample> windowEdges() {
        return Generate.pick(List.of(refuses("2026-02-30T00:00:00Z"), refuses("yesterday"), refuses("2005-12-31T23:59:59Z"), refuses("")));
    }

    private static Gen<Sample> counts() {
        return integers().between(0, 100_000).map(n -> stored(n, (long) n));
    }

    private static Gen<Sample> countEdges(Object whenDropped) {
        return Generate.pick(List.of(
                stored(Integer.MAX_VALUE, (long) Integer.MAX_VALUE), stored("42", 42L), stored(" 7 ", 7L), stored(new Raw("42.0"), 42L),
                stored(new Raw("1e3"), 1000L), stored(new Raw("-0"), 0L), stored("12.0", 12L), stored("", whenDropped),
                stored(new Raw("null"), whenDropped),
                warned(-1, whenDropped), warned(new Raw("2147483648"), whenDropped), warned(new Raw("1.5"), whenDropped),
                warned("1.2K", whenDropped), warned("n/a", whenDropped), warned(new Raw("1e400"), whenDropped),
                warned(true, whenDropped), warned(new Raw("[1]"), whenDropped)));
    }

    private static Gen<Sample> signedEdges() {
        return Generate.pick(List.of(stored(Integer.MIN_VALUE, (long) Integer.MIN_VALUE), stored(Integer.MAX_VALUE, (long) Integer.MAX_VALUE),
                stored("-3", -3L), stored(-5, -5L), warned(new Raw("-2147483649"), null), warned(new Raw("2.5"), null), warned("x", null)));
    }

    private static Gen<Sample> words() {
        return Generate.pick(List.of(same("rollups"), same("bridge exploit"), same("Fees are falling"), same("Ünïcödé"),
                same("emoji \uD83D\uDE80"), same("quotes \" and \\ backslash")));
    }

    /**
     * Text around what the queue and PostgreSQL refuse, and strings at and beyond {@code limit}
     * (for limits up to 20,000 characters: longer ones are cut the same way, and tested without
     * a request of megabytes in ItemBoundsTest).
     */
    private static Gen<Sample> textEdges(int limit, Object whenAbsent) {
        List<Sample> edges = new ArrayList<>(List.of(
                stored("", whenAbsent), stored("   ", whenAbsent), same("tab\there"), stored("line\nbreak\r\n", "line\nbreak"),
                same("private \uE000"), same("replacement \uFFFD"), same("nbsp\u00A0"), same("del\u007F"), same("c1\u0085"),
                same("astral \uDBFF\uDFFF"), stored(" padded ", "padded"), stored(new Raw("42"), "42"), stored(new Raw("4.5"), "4.5"),
                stored(true, "true"),
                warned("nul\u0000", "nul"), warned("bell\u0007", "bell"), warned("esc\u001B x", "esc x"),
                warned("lone high \uD800", "lone high"), warned("lone low \uDC00", "lone low"), warned("reversed \uDC00\uD800", "reversed"),
                warned("non-character \uFFFE", "non-character"), warned("\uFFFF", whenAbsent),
                warned(new Raw("[\"a\"]"), whenAbsent), warned(Map.of("a", 1), whenAbsent)));
        if (limit <= 20_000) {
            edges.add(same("x".repeat(limit)));
            edges.add(warned("x".repeat(limit + 1), "x".repeat(limit)));
        }
        if (limit <= 2_000) {
            String rockets = "\uD83D\uDE80".repeat(limit + 1);
            edges.add(warned(rockets, rockets.substring(0, rockets.offsetByCodePoints(0, limit))));
        }
        return Generate.pick(edges);
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Gen<Sample> vectors() {
        return lists().of(doubles().between(-1, 1)).ofSizeBetween(1, 8).map(list -> stored(list, Json.mapper().valueToTree(list)));
    }

    private static Gen<Sample> vectorEdges(Object whenAbsent) {
        String manyDigits = "7".repeat(700) + "e-1020";
        return Generate.pick(List.of(
                stored(new Raw("[" + manyDigits + "]"), Json.mapper().createArrayNode().add(new BigDecimal(manyDigits).doubleValue())),
                stored(List.of(), whenAbsent), stored(new Raw("[1e-400, 2]"), json("[0, 2]")),
                stored(Collections.nCopies(Limits.VECTOR_DIMENSIONS, 0.5), Json.mapper().valueToTree(Collections.nCopies(Limits.VECTOR_DIMENSIONS, 0.5))),
                stored(new Raw("[1.7976931348623157e308, -0.0]"), json("[1.7976931348623157e308, 0]")),
                stored("[0.5, 0.25]", json("[0.5, 0.25]")),
                warned(List.of("a"), whenAbsent), warned(new Raw("[1e400]"), whenAbsent),
                warned(Collections.nCopies(Limits.VECTOR_DIMENSIONS + 1, 0.5), whenAbsent), warned("not a vector", whenAbsent),
                warned(new Raw("{\"a\":1}"), whenAbsent)));
    }

    private static Gen<Sample> objects() {
        return Generate.pick(List.of(stored(Map.of("teammate", 3), json("{\"teammate\":3}")),
                stored(Map.of("deep", List.of(Map.of("b", "c"))), json("{\"deep\":[{\"b\":\"c\"}]}"))));
    }

    private static Gen<Sample> objectEdges(Object whenDropped) {
        // 995 digits at exponent -1000: PostgreSQL would print it with over 1,000 digits, which no JSON reader takes back.
        String manyDigits = "1" + "2".repeat(993) + "3e-1000";
        return Generate.pick(List.of(
                stored("{\"a\":1}", json("{\"a\":1}")), stored(Map.of(), json("{}")),
                stored(new Raw("{\"w\":" + manyDigits + "}"), Json.mapper().createObjectNode().put("w", new BigDecimal(manyDigits).doubleValue())),
                stored(new Raw("{\"big\":123456789012345678901234567890}"), json("{\"big\":1.2345678901234568e29}")),
                warned(new Raw("{\"a\":1e400}"), json("{\"a\":null}")),
                warned(Map.of("nul\u0000key", "v\uFFFE"), json("{\"nulkey\":\"v\"}")),
                warned(Map.of("long", "y".repeat(Limits.NESTED_TEXT_CHARS + 1)), json("{\"long\":\"" + "y".repeat(Limits.NESTED_TEXT_CHARS) + "\"}")),
                warned(List.of(1), whenDropped), warned("not json", whenDropped), warned(5, whenDropped)));
    }

    private static Gen<Sample> arrays() {
        return Generate.pick(List.of(stored(List.of(Map.of("theme", "fees")), json("[{\"theme\":\"fees\"}]")),
                stored(List.of("zsa", "fees"), json("[\"zsa\",\"fees\"]"))));
    }

    private static Gen<Sample> arrayEdges(Object whenDropped) {
        return Generate.pick(List.of(
                stored("[{\"a\":1}]", json("[{\"a\":1}]")), stored(List.of(), json("[]")), stored(List.of(1, "x", true), json("[1,\"x\",true]")),
                stored(new Raw("[1e-400]"), json("[0.0]")),
                warned(new Raw("[1e400, 2]"), json("[null, 2]")), warned(List.of("a\u0000"), json("[\"a\"]")),
                warned(Map.of("a", 1), whenDropped), warned("not json", whenDropped), warned(true, whenDropped)));
    }

    private static String describe(Object json) {
        String text = json == ABSENT ? "(absent)" : write(json);
        return text.length() > 80 ? text.substring(0, 77) + "…" : text;
    }

    // ---- JSON written by hand, so that any code unit (a lone surrogate too) can be sent ---------

    static String write(Object value) {
        if (value instanceof Raw raw) {
            return raw.json();
        }
        if (value instanceof String text) {
            StringBuilder json = new StringBuilder("\"");
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"' || c == '\\') {
                    json.append('\\').append(c);
                } else if (c >= 0x20 && c < 0x7F) {
                    json.append(c);
                } else {
                    json.append(String.format("\\u%04x", (int) c));
                }
            }
            return json.append('"').toString();
        }
        if (value instanceof Map<?, ?> map) {
            StringJoiner object = new StringJoiner(",", "{", "}");
            map.forEach((key, element) -> object.add(write(key) + ":" + write(element)));
            return object.toString();
        }
        if (value instanceof List<?> list) {
            StringJoiner array = new StringJoiner(",", "[", "]");
            list.forEach(element -> array.add(write(element)));
            return array.toString();
        }
        if (value instanceof Double d) {
            return BigDecimal.valueOf(d).toString();
        }
        return String.valueOf(value);
    }
}
