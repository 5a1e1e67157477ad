package io.xmonitor.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import io.xmonitor.ingest.IngestKind;
import io.xmonitor.ingest.Limits;
import io.xmonitor.json.Json;
import io.xmonitor.testing.ApiEvents;
import io.xmonitor.testing.TestEnvironment;
import java.time.Instant;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The first promise of the pipeline, against the real handler, ElasticMQ, S3Proxy and
 * PostgreSQL: every item is either refused by ingest-accept with {@code {index, message}}
 * naming one of its fields, or applied by the consumer without a single failed delivery
 * (rows that wait for their post included: they are applied once it arrives). There is no third
 * outcome. Items of every kind are generated with each field valid, at an edge of what is
 * accepted, or just beyond it: timestamps, numbers, code points, lengths and nesting.
 */
class AcceptedMeansAppliedTest {

    private static final Object ABSENT = new Object();
    private static final int TRIES = 100;
    /** Per kind, how many generated items were refused and how many applied: printed, so a run shows it tested both. */
    private static final Map<String, long[]> OUTCOMES = new TreeMap<>();

    private static TestEnvironment.TestDatabase database;
    private static HikariDataSource db;
    private static Pipeline pipeline;

    @BeforeAll
    static void start() {
        database = TestEnvironment.get().freshDatabase();
        db = database.open();
        pipeline = new Pipeline(database, Map.of());
    }

    @AfterAll
    static void stop() {
        db.close();
        OUTCOMES.forEach((kind, counts) -> System.out.printf("%-17s %,6d items refused, %,6d applied%n", kind, counts[0], counts[1]));
    }

    /** A JSON literal written as is: numbers no Java type holds, or a deliberately broken value. */
    record Raw(String json) {
    }

    record Batch(IngestKind kind, List<Map<String, Object>> items) {
    }

    @Test
    void postsAreRefusedOrApplied() {
        qt().withExamples(TRIES).forAll(posts()).checkAssert(AcceptedMeansAppliedTest::refusedOrApplied);
    }

    @Test
    void metricsAreRefusedOrApplied() {
        qt().withExamples(TRIES).forAll(metrics()).checkAssert(AcceptedMeansAppliedTest::refusedOrApplied);
    }

    @Test
    void reportsAreRefusedOrApplied() {
        qt().withExamples(TRIES).forAll(reports()).checkAssert(AcceptedMeansAppliedTest::refusedOrApplied);
    }

    @Test
    void embeddingsAreRefusedOrApplied() {
        qt().withExamples(TRIES).forAll(embeddings()).checkAssert(AcceptedMeansAppliedTest::refusedOrApplied);
    }

    @Test
    void watchAccountsAreRefusedOrApplied() {
        qt().withExamples(TRIES).forAll(watchAccounts()).checkAssert(AcceptedMeansAppliedTest::refusedOrApplied);
    }

    @Test
    void windowSummariesAreRefusedOrApplied() {
        qt().withExamples(TRIES).forAll(windowSummaries()).checkAssert(AcceptedMeansAppliedTest::refusedOrApplied);
    }

    @Test
    void narrativeShiftsAreRefusedOrApplied() {
        qt().withExamples(TRIES).forAll(narrativeShifts()).checkAssert(AcceptedMeansAppliedTest::refusedOrApplied);
    }

    @Test
    void runsAreRefusedOrApplied() {
        // One run per request: more requests for as many items.
        qt().withExamples(TRIES * 3).forAll(runs()).checkAssert(AcceptedMeansAppliedTest::refusedOrApplied);
    }

    private static void refusedOrApplied(Batch batch) {
        String body = batch.kind().singleObject() ? write(batch.items().getFirst())
                : "{\"items\":[" + String.join(",", batch.items().stream().map(AcceptedMeansAppliedTest::write).toList()) + "]}";
        APIGatewayV2HTTPResponse response = pipeline.accept.handleRequest(ApiEvents.post(batch.kind().route(), Pipeline.SECRET, body), null);
        assertThat(response.getStatusCode()).as("only 202 or 422 (every item refused): %s", response.getBody()).isIn(202, 422);
        JsonNode answer = json(response.getBody());

        Set<Integer> refused = new LinkedHashSet<>();
        for (JsonNode error : answer.path("errors")) {
            int index = error.path("index").asInt();
            refused.add(index);
            String message = error.path("message").asText();
            String prefix = batch.kind().singleObject() ? "" : "items[" + index + "].";
            assertThat(message).as("an error names a field of its item").startsWith(prefix);
            String field = message.substring(prefix.length(), message.indexOf(':'));
            boolean missingRequired = message.substring(prefix.length() + field.length()).startsWith(": is required");
            assertThat(missingRequired || batch.items().get(index).containsKey(field)).as(message).isTrue();
        }
        int accepted = batch.items().size() - refused.size();
        synchronized (OUTCOMES) {
            long[] counts = OUTCOMES.computeIfAbsent(batch.kind().wireName(), k -> new long[2]);
            counts[0] += refused.size();
            counts[1] += batch.items().size() - refused.size();
        }
        assertThat(answer.path("accepted").asInt()).isEqualTo(accepted);
        if (response.getStatusCode() == 422) {
            assertThat(accepted).isZero();
            return;
        }

        assertThat(pipeline.drain()).as("no delivery of an accepted batch fails").isZero();
        assertThat(Rows.one(db, "SELECT item_count FROM ingest_batches WHERE batch_id = ?::uuid", answer.path("batch_id").asText()))
                .as("the batch was applied").containsEntry("item_count", accepted);

        if (batch.kind().referencesPost()) {
            List<String> posts = new ArrayList<>();
            for (int i = 0; i < batch.items().size(); i++) {
                if (!refused.contains(i)) {
                    String statusId = (String) batch.items().get(i).get("status_id");
                    posts.add(Json.write(Map.of("status_id", statusId, "url", "https://x.com/a/status/" + statusId,
                            "author_handle", "a", "discovered_at", "2026-01-01T00:00:00Z", "last_seen_at", "2026-01-01T00:00:00Z")));
                }
            }
            pipeline.sendItems(IngestKind.POSTS.route(), posts.toArray(String[]::new));
            assertThat(pipeline.drain()).as("rows parked for their post are applied with it").isZero();
            assertThat(Rows.count(db, "SELECT count(*) FROM parked_items")).isZero();
        }
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError(text, e);
        }
    }

    // ---- what the items are made of ----------------------------------------------------------

    /** A field: how often it is left out, its usual values and its edge values (either side of a bound). */
    private record Field(String name, int absentPercent, Gen<Object> valid, Gen<Object> edge) {

        /** {@code edgePerMille} of the values are edges: items of many fields get fewer, so about half of all items stay valid. */
        Gen<Object> values(int edgePerMille) {
            return Generate.frequency(
                    Pair.of(absentPercent * 10, Generate.constant(ABSENT)),
                    Pair.of(1000 - absentPercent * 10 - edgePerMille, valid),
                    Pair.of(edgePerMille, edge));
        }
    }

    private static Gen<Batch> batches(IngestKind kind, Field... fields) {
        // Edges break a field about 70% of the time: (1 - 0.7 e)^fields = 1/2.
        int edgePerMille = (int) Math.round(1000 * (1 - Math.pow(0.5, 1.0 / fields.length)) / 0.7);
        Gen<Map<String, Object>> item = randomness -> {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Field field : fields) {
                Object value = field.values(edgePerMille).generate(randomness);
                if (value != ABSENT) {
                    map.put(field.name(), value);
                }
            }
            return map;
        };
        int most = kind.singleObject() ? 1 : 25;
        return lists().of(item).ofSizeBetween(1, most).map(items -> new Batch(kind, items));
    }

    private static Field required(String name, Gen<?> valid, Gen<?> edge) {
        return new Field(name, 3, valid.map(v -> (Object) v), edge.map(v -> (Object) v));
    }

    private static Field optional(String name, Gen<?> valid, Gen<?> edge) {
        return new Field(name, 40, valid.map(v -> (Object) v), edge.map(v -> (Object) v));
    }

    /** One of these values. */
    private static Gen<Object> oneOf(Object... values) {
        return Generate.pick(List.of(values));
    }

    private static Gen<String> statusIds() {
        return longs().between(1, 9_999).map(n -> Long.toString(1_900_000_000_000_000_000L + n));
    }

    private static Gen<Object> statusIdEdges() {
        return oneOf("9223372036854775807", "1", "12345678901234567890", "01", "12a", "", " 1", new Raw("123"),
                new Raw("null"), "1\u0000");
    }

    private static Gen<String> times() {
        return longs().between(0, 200 * 24 * 60).map(minutes ->
                Instant.parse("2026-01-01T00:00:00Z").plus(minutes, ChronoUnit.MINUTES).toString());
    }

    private static Gen<Object> timeEdges() {
        Instant now = Instant.now();
        return oneOf("2006-01-01T00:00:00Z", "2005-12-31T23:59:59.999Z", "+300000-01-01T00:00:00Z",
                "-0001-01-01T00:00:00Z", "1970-01-01T00:00:00Z", now.plus(23, ChronoUnit.HOURS).toString(),
                now.plus(25, ChronoUnit.HOURS).toString(), "2026-02-30T00:00:00Z", "2026-03-01T12:00:00.123456789+14:00",
                "2026-03-01 12:00", "9999-12-31T23:59:59Z", "yesterday", new Raw("1700000000"), "");
    }

    private static Gen<Integer> counts() {
        return integers().between(0, 100_000);
    }

    private static Gen<Object> countEdges() {
        return oneOf(0, Integer.MAX_VALUE, new Raw("2147483648"), -1, new Raw("1.5"), new Raw("1e3"),
                new Raw("1e400"), new Raw("-0"), "7", true);
    }

    private static Gen<Object> signedEdges() {
        return oneOf(Integer.MIN_VALUE, Integer.MAX_VALUE, new Raw("-2147483649"), new Raw("2.5"), -5);
    }

    /** Text around what the queue and PostgreSQL refuse, and strings at and beyond {@code limit}. */
    private static Gen<Object> textEdges(int limit) {
        return Generate.pick(textEdgeValues(limit));
    }

    private static List<Object> textEdgeValues(int limit) {
        return List.of("", "plain", "tab\there", "line\nbreak\r\n", "emoji \uD83D\uDE80 pair", "private \uE000",
                "replacement \uFFFD", "nbsp\u00A0", "nul\u0000", "bell\u0007", "esc\u001B", "del\u007F", "c1\u0085",
                "lone high \uD800", "lone low \uDC00", "reversed \uDC00\uD800", "non-character \uFFFE", "non-character \uFFFF",
                "astral \uDBFF\uDFFF", "x".repeat(limit), "x".repeat(limit + 1), "\uD83D\uDE80".repeat(Math.min(limit, 2_000)),
                new Raw("42"), new Raw("[\"a\"]"));
    }

    private static Gen<String> words() {
        return Generate.pick(List.of("rollups", "bridge exploit", "Fees are falling", "gm", "zk proofs", "Ünïcödé",
                "emoji \uD83D\uDE80", "quotes \" and \\ backslash"));
    }

    private static Gen<Object> numberEdges() {
        return oneOf(new Raw("1e400"), new Raw("-1e400"), new Raw("1e-400"), new Raw("4.9e-324"),
                new Raw("1.7976931348623157e308"), new Raw("1.8e308"), new Raw("-0.0"),
                new Raw("123456789012345678901234567890"), 0, 0.5, -3);
    }

    /** A nested JSON value: objects and arrays with keys, strings and numbers from the edges. */
    private static Gen<Object> nested() {
        return Generate.oneOf(objects(), lists().of(leaf()).ofSizeBetween(0, 4).map(list -> (Object) list));
    }

    private static Gen<Object> leaf() {
        return Generate.oneOf(words().map(w -> (Object) w), numberEdges(), textEdges(Limits.NESTED_TEXT_CHARS),
                oneOf(true, false, new Raw("null")));
    }

    /** JSON objects, one level deep or nested in an array of another. */
    private static Gen<Object> objects() {
        // A key that is not Unicode (a lone surrogate) makes the whole body unreadable JSON: a 400, tested on its own.
        Gen<String> keys = Generate.pick(textEdgeValues(20).stream().filter(String.class::isInstance).map(String.class::cast)
                .filter(key -> key.codePoints().noneMatch(c -> c >= 0xD800 && c <= 0xDFFF)).toList());
        Gen<Object> object = Generate.oneOf(words(), keys).zip(leaf(), (key, value) -> (Object) Map.of(key, value));
        return Generate.oneOf(object, object.map(inner -> (Object) Map.of("deep", List.of(inner, Map.of("deeper", inner)))));
    }

    private static Gen<Object> arraysOfObjects() {
        return lists().of(objects()).ofSizeBetween(0, 3).map(list -> (Object) list);
    }

    private static Gen<Object> vectors() {
        return lists().of(doubles().between(-1, 1)).ofSizeBetween(1, 8).map(list -> (Object) list);
    }

    private static Gen<Object> vectorEdges() {
        return oneOf(List.of(), List.of("a"), List.of(new Raw("1e400")), List.of(new Raw("1e-400")),
                Collections.nCopies(Limits.VECTOR_DIMENSIONS, 0.5), Collections.nCopies(Limits.VECTOR_DIMENSIONS + 1, 0.5),
                List.of(new Raw("1.7976931348623157e308"), new Raw("-0.0")), "[0.5, 0.25]", "not a vector");
    }

    private static Gen<Batch> posts() {
        return batches(IngestKind.POSTS,
                required("status_id", statusIds(), statusIdEdges()),
                required("url", statusIds().map(id -> "https://x.com/a/status/" + id),
                        oneOf("ftp://x.com", "https://x.com/" + "a".repeat(Limits.URL_CHARS), "https://x.com/\uFFFF", "no url")),
                required("author_handle", oneOf("@Alice", "bob_42", "CAROL"),
                        oneOf("a b", "@", "x".repeat(50), "x".repeat(51), "ali\u0000ce", "émile")),
                optional("author_display", words(), textEdges(Limits.NAME_CHARS)),
                optional("body_text", words(), textEdges(Limits.BODY_CHARS)),
                optional("posted_relative", oneOf("3h", "12m"), textEdges(Limits.LABEL_CHARS)),
                optional("source_query", oneOf("priority", "discovery"), textEdges(Limits.LABEL_CHARS)),
                optional("watch_tier", oneOf("teammate", "INVESTOR", "ecosystem"), oneOf("vip", "", "investor\u0000")),
                optional("is_significant", oneOf(true, false), oneOf("yes", new Raw("1"), new Raw("null"))),
                optional("significance_reason", words(), textEdges(Limits.NOTE_CHARS)),
                optional("significance_version", oneOf("v1", "v2"), textEdges(Limits.LABEL_CHARS)),
                optional("likes", counts(), countEdges()),
                optional("views", counts(), countEdges()),
                optional("initial_likes", counts(), countEdges()),
                optional("refresh_24h_at", times(), timeEdges()),
                optional("likes_24h", counts(), countEdges()),
                optional("refresh_24h_delta_likes", integers().between(-50, 50), signedEdges()),
                optional("refresh_24h_status", oneOf("ok"), textEdges(Limits.LABEL_CHARS)),
                required("discovered_at", times(), timeEdges()),
                required("last_seen_at", times(), timeEdges()));
    }

    private static Gen<Batch> metrics() {
        return batches(IngestKind.METRICS,
                required("status_id", statusIds(), statusIdEdges()),
                required("snapshot_type", oneOf("initial_capture", "latest_observed", "refresh_24h"),
                        oneOf("hourly", "", "refresh-24h")),
                required("snapshot_at", times(), timeEdges()),
                required("likes", counts(), countEdges()),
                required("reposts", counts(), countEdges()),
                required("replies", counts(), countEdges()),
                required("views", counts(), countEdges()),
                optional("source", oneOf("ingest", "legacy-import"), textEdges(Limits.LABEL_CHARS)));
    }

    private static Gen<Batch> reports() {
        return batches(IngestKind.REPORTS,
                required("status_id", statusIds(), statusIdEdges()),
                required("reported_at", times(), timeEdges()),
                optional("channel", oneOf("slack", "email"), textEdges(Limits.NAME_CHARS)),
                optional("summary", words(), textEdges(Limits.REPORT_SUMMARY_CHARS)),
                optional("destination", oneOf("#alerts"), textEdges(Limits.NAME_CHARS)));
    }

    private static Gen<Batch> embeddings() {
        return batches(IngestKind.EMBEDDINGS,
                required("status_id", statusIds(), statusIdEdges()),
                required("backend", oneOf("local", "openai"), textEdges(Limits.NAME_CHARS)),
                required("model", oneOf("mini-lm", "large"), textEdges(Limits.NAME_CHARS)),
                required("vector", vectors(), vectorEdges()),
                optional("dims", oneOf(0, 2, 8), countEdges()),
                required("text_hash", oneOf("h1", "h2"), textEdges(Limits.NAME_CHARS)),
                optional("updated_at", times(), timeEdges()));
    }

    private static Gen<Batch> watchAccounts() {
        return batches(IngestKind.WATCH_ACCOUNTS,
                required("handle", oneOf("@Alice", "bob_42"), oneOf("a b", "x".repeat(51), "bad\uFFFF")),
                required("tier", oneOf("teammate", "influencer", "ecosystem", "investor"), oneOf("vip", "", new Raw("1"))),
                optional("note", words(), textEdges(Limits.NOTE_CHARS)),
                optional("added_at", times(), timeEdges()),
                optional("updated_at", times(), timeEdges()));
    }

    private static Gen<Batch> windowSummaries() {
        return batches(IngestKind.WINDOW_SUMMARIES,
                required("summary_key", oneOf("rolling_2h:a", "rolling_12h:b"), textEdges(Limits.NAME_CHARS)),
                required("window_type", oneOf("rolling_2h", "rolling_12h"), textEdges(Limits.LABEL_CHARS)),
                required("window_start", oneOf("2026-01-01T00:00:00Z"), timeEdges()),
                required("window_end", oneOf("2026-01-01T02:00:00Z"), timeEdges()),
                required("generated_at", times(), timeEdges()),
                optional("post_count", counts(), countEdges()),
                optional("tier_counts", objects(), nested()),
                optional("top_themes", arraysOfObjects(), nested()),
                optional("notable_posts", arraysOfObjects(), nested()),
                required("summary_text", words(), textEdges(Limits.SUMMARY_TEXT_CHARS)),
                optional("embedding_vector", vectors(), vectorEdges()),
                optional("embedding_dims", oneOf(1, 2), countEdges()));
    }

    private static Gen<Batch> narrativeShifts() {
        return batches(IngestKind.NARRATIVE_SHIFTS,
                required("shift_key", oneOf("shift-1", "shift-2"), textEdges(Limits.NAME_CHARS)),
                required("basis_window_type", oneOf("rolling_12h"), textEdges(Limits.LABEL_CHARS)),
                required("period_start", oneOf("2026-01-01T00:00:00Z"), timeEdges()),
                required("period_end", oneOf("2026-01-01T12:00:00Z"), timeEdges()),
                required("generated_at", times(), timeEdges()),
                optional("source_summary_keys", lists().of(words()).ofSizeBetween(0, 3), lists().of(textEdges(20)).ofSizeBetween(0, 2)),
                optional("emerging_themes", arraysOfObjects(), nested()),
                optional("position_shifts", objects(), nested()),
                required("summary_text", words(), textEdges(Limits.SUMMARY_TEXT_CHARS)));
    }

    private static Gen<Batch> runs() {
        return batches(IngestKind.RUNS,
                required("run_at", times(), timeEdges()),
                required("mode", oneOf("priority", "discovery", "both", "refresh-24h", "manual"), oneOf("hourly", "")),
                optional("fetched_count", counts(), countEdges()),
                optional("note", words(), textEdges(Limits.NOTE_CHARS)),
                optional("source", oneOf("local-dispatcher", "cron"), textEdges(Limits.LABEL_CHARS)));
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
        return String.valueOf(value);
    }
}
