package io.xmonitor.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import io.xmonitor.json.Json;
import io.xmonitor.testing.ApiEvents;
import io.xmonitor.testing.TestEnvironment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shape of ../shared/CONTRACT.md §6 that the old API stored, sent as the old collector sends
 * it, through the real handler, queue and consumer into PostgreSQL: accepted, applied and stored
 * as docs/openapi.v1.yaml documents, with exactly the warnings it should carry. The shapes the old
 * system took as garbage refuse their item, or lose only the garbage field, as documented.
 */
class CompatibilityCorpusTest {

    private static TestEnvironment.TestDatabase database;
    private static HikariDataSource db;
    private static Pipeline pipeline;
    private static long nextId = 1_700_000_000_000_000_000L;

    @BeforeAll
    static void start() {
        database = TestEnvironment.get().freshDatabase();
        db = database.open();
        pipeline = new Pipeline(database, Map.of());
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    /**
     * One shape: the route, the item's fields beyond a valid identity, the columns of the stored
     * row and their expected text (null for SQL NULL), and the fields the warnings name.
     */
    record Shape(String name, String route, String fields, Map<String, String> stored, List<String> warned) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Shape post(String name, String fields, Map<String, String> stored, String... warned) {
        return new Shape(name, "/v1/ingest/posts/batch", fields, stored, List.of(warned));
    }

    static List<Shape> shapes() {
        return List.of(
                post("watch_tier outside the vocabulary", "\"watch_tier\":\"none\"", Map.of("watch_tier", "∅"), "watch_tier"),
                post("watch_tier as a run mode", "\"watch_tier\":\"discovery\"", Map.of("watch_tier", "∅"), "watch_tier"),
                post("watch_tier empty", "\"watch_tier\":\"\"", Map.of("watch_tier", "∅")),
                post("watch_tier in capitals", "\"watch_tier\":\" Investor \"", Map.of("watch_tier", "investor")),
                post("is_significant as \"true\"", "\"is_significant\":\"true\"", Map.of("is_significant", "true")),
                post("is_significant as \"false\"", "\"is_significant\":\"false\"", Map.of("is_significant", "false")),
                post("is_significant as 1", "\"is_significant\":1", Map.of("is_significant", "true")),
                post("is_significant as \"yes\"", "\"is_significant\":\"yes\"", Map.of("is_significant", "true")),
                post("is_significant unreadable", "\"is_significant\":\"maybe\"", Map.of("is_significant", "false"), "is_significant"),
                post("counts as numeric strings", "\"likes\":\"42\",\"views\":\" 7 \"", Map.of("likes", "42", "views", "7")),
                post("counts as whole-valued floats", "\"likes\":42.0,\"reposts\":1e3", Map.of("likes", "42", "reposts", "1000")),
                post("a negative count means unknown", "\"likes\":-1,\"initial_views\":-1", Map.of("likes", "0", "initial_views", "∅"),
                        "likes", "initial_views"),
                post("unreadable counts", "\"likes\":12.5,\"reposts\":\"\",\"replies\":\"n/a\",\"views\":\"1.2K\"",
                        Map.of("likes", "0", "reposts", "0", "replies", "0", "views", "0"), "likes", "replies", "views"),
                post("optional text sent as a number", "\"posted_relative\":5,\"significance_reason\":true",
                        Map.of("posted_relative", "5", "significance_reason", "true")),
                post("24h counts without refresh_24h_at", "\"likes_24h\":7,\"views_24h\":\"70\"",
                        Map.of("likes_24h", "7", "views_24h", "70", "refresh_24h_at", "∅")),
                post("refresh_24h_status pending without refresh_24h_at", "\"refresh_24h_status\":\"pending\",\"refresh_24h_delta_likes\":-2",
                        Map.of("refresh_24h_status", "pending", "refresh_24h_delta_likes", "-2", "refresh_24h_at", "∅")),
                post("empty refresh_24h_at", "\"refresh_24h_at\":\"\",\"likes_24h\":3", Map.of("refresh_24h_at", "∅", "likes_24h", "3")),
                post("unparseable refresh_24h_at", "\"refresh_24h_at\":\"tomorrow\"", Map.of("refresh_24h_at", "∅"), "refresh_24h_at"),
                post("a date without time", "\"refresh_24h_at\":\"2026-02-26\"", Map.of("refresh_24h_at", "2026-02-26 00:00:00+00")),
                post("a space instead of T, no zone", "\"refresh_24h_at\":\"2026-02-26 19:39:12\"",
                        Map.of("refresh_24h_at", "2026-02-26 19:39:12+00")),
                post("X's own timestamp form", "\"refresh_24h_at\":\"Thu Feb 26 19:39:12 +0000 2026\"",
                        Map.of("refresh_24h_at", "2026-02-26 19:39:12+00")),
                post("a padded URL", "\"url\":\" https://x.com/old/status/1 \"", Map.of("url", "https://x.com/old/status/1")),
                post("a URL left out", "", Map.of("url", "https://x.com/old_api/status/{id}"), "url"),
                post("a URL that is not http", "\"url\":\"javascript:alert(1)\"", Map.of("url", "https://x.com/old_api/status/{id}"), "url"),
                post("a long source_query", "\"source_query\":\"" + "from:old_api OR ".repeat(12) + "rollups\"",
                        Map.of("source_query", "from:old_api OR ".repeat(12) + "rollups")),
                post("NUL and a lone surrogate in text", "\"body_text\":\"a\\u0000b\\ud800c\"", Map.of("body_text", "abc"), "body_text"),
                post("a body beyond 100,000 characters", "\"body_text\":\"" + "w".repeat(100_005) + "\"",
                        Map.of("body_text", "w".repeat(100_000)), "body_text"),
                new Shape("metrics without counts", "/v1/ingest/metrics/batch", "", Map.of("likes", "0", "reposts", "0", "replies", "0", "views", "0"),
                        List.of()),
                new Shape("summary themes as strings", "/v1/ingest/window-summaries/batch",
                        "\"top_themes\":[\"zsa\",\"fees\"],\"tier_counts\":[]",
                        Map.of("top_themes_json", "[\"zsa\", \"fees\"]", "tier_counts_json", "{}"), List.of("tier_counts")),
                new Shape("summary embedding vector empty", "/v1/ingest/window-summaries/batch", "\"embedding_vector\":[]",
                        Map.of("embedding_vector_json", "∅"), List.of()),
                new Shape("summary embedding vector as text", "/v1/ingest/window-summaries/batch", "\"embedding_vector\":\"[0.1,0.2]\"",
                        Map.of("embedding_vector_json", "[0.1, 0.2]", "embedding_dims", "2"), List.of()),
                new Shape("shift position_shifts not an object", "/v1/ingest/narrative-shifts/batch",
                        "\"position_shifts\":[\"up\"],\"emerging_themes\":[\"restaking\"]",
                        Map.of("position_shifts_json", "{}", "emerging_themes_json", "[\"restaking\"]"), List.of("position_shifts")),
                new Shape("embedding vector_json null", "/v1/ingest/embeddings/batch", "\"vector_json\":null",
                        Map.of("vector_json", "[]", "dims", "0"), List.of()),
                new Shape("embedding vector_json empty", "/v1/ingest/embeddings/batch", "\"vector_json\":\"\",\"dims\":0",
                        Map.of("vector_json", "[]", "dims", "0"), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void isAcceptedAppliedAndStoredAsDocumented(Shape shape) {
        String id = Long.toString(nextId++);
        String item = switch (shape.route()) {
            case "/v1/ingest/posts/batch" -> "{\"status_id\":\" " + id + " \",\"author_handle\":\"@Old_API\","
                    + "\"discovered_at\":\"2026-02-25 19:00:00\",\"last_seen_at\":\"2026-02-25T19:05:00.000Z\""
                    + (shape.fields().isEmpty() ? "" : "," + shape.fields())
                    + (shape.fields().contains("\"url\"") || shape.name().contains("URL") ? "" : ",\"url\":\"https://x.com/old_api/status/" + id + "\"")
                    + "}";
            case "/v1/ingest/metrics/batch" -> "{\"status_id\":\"" + id + "\",\"snapshot_type\":\"latest_observed\",\"snapshot_at\":\"2026-02-25\"}";
            case "/v1/ingest/embeddings/batch" -> "{\"status_id\":\"" + id + "\",\"backend\":\"local\",\"model\":\"mini\",\"text_hash\":\"h\","
                    + shape.fields() + "}";
            case "/v1/ingest/window-summaries/batch" -> "{\"summary_key\":\"s" + id + "\",\"window_type\":\"rolling_2h\","
                    + "\"window_start\":\"2026-02-25 17:00\",\"window_end\":\"2026-02-25 19:00\",\"generated_at\":\"2026-02-25T19:01:00Z\","
                    + "\"summary_text\":\"quiet\"," + shape.fields() + "}";
            case "/v1/ingest/narrative-shifts/batch" -> "{\"shift_key\":\"n" + id + "\",\"basis_window_type\":\"rolling_12h\","
                    + "\"period_start\":\"2026-02-25 07:00\",\"period_end\":\"2026-02-25 19:00\",\"generated_at\":\"2026-02-25T19:02:00Z\","
                    + "\"summary_text\":\"drift\"," + shape.fields() + "}";
            default -> throw new IllegalArgumentException(shape.route());
        };
        JsonNode answer = pipeline.send(shape.route(), "{\"items\":[" + item + "]}");
        assertThat(answer.path("accepted").asInt()).as(answer.toString()).isEqualTo(1);
        TreeSet<String> warned = new TreeSet<>();
        answer.path("warnings").forEach(w -> warned.add(w.path("field").asText()));
        assertThat(warned).as(answer.path("warnings").toString()).isEqualTo(new TreeSet<>(shape.warned()));
        if (!shape.route().contains("posts")) {
            pipeline.sendItems("/v1/ingest/posts/batch", "{\"status_id\":\"" + id + "\",\"author_handle\":\"old_api\","
                    + "\"discovered_at\":\"2026-02-25T19:00:00Z\",\"last_seen_at\":\"2026-02-25T19:00:00Z\"}");
        }
        assertThat(pipeline.drain()).isZero();

        String table = switch (shape.route()) {
            case "/v1/ingest/metrics/batch" -> "post_metrics_snapshots WHERE status_id = ?";
            case "/v1/ingest/embeddings/batch" -> "embeddings WHERE status_id = ?";
            case "/v1/ingest/window-summaries/batch" -> "window_summaries WHERE summary_key = 's' || ?";
            case "/v1/ingest/narrative-shifts/batch" -> "narrative_shifts WHERE shift_key = 'n' || ?";
            default -> "posts WHERE status_id = ?";
        };
        List<String> columns = new ArrayList<>(shape.stored().keySet());
        String select = String.join(", ", columns.stream().map(c -> c + "::text AS " + c).toList());
        Map<String, Object> row = Rows.one(db, "SELECT " + select + " FROM " + table, id);
        Map<String, String> expected = new LinkedHashMap<>();
        shape.stored().forEach((column, value) -> expected.put(column, value.replace("{id}", id)));
        Map<String, String> actual = new LinkedHashMap<>();
        row.forEach((column, value) -> actual.put(column, value == null ? "∅" : value.toString()));
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void numbersNoReaderCouldTakeBackAreStoredAsFloatsAndReadBackEverywhere() throws Exception {
        // 995 digits at exponent -1000, and 700 digits at exponent -1020: PostgreSQL prints stored numerics in plain
        // notation, over a thousand digits for these, which no JSON reader (the consumer's, parked rows', the read API's)
        // takes back. As 64-bit floats they print short.
        String manyDigits = "1" + "2".repeat(993) + "3e-1000";
        String tiny = "7".repeat(700) + "e-1020";
        String id = Long.toString(nextId++);
        JsonNode summary = pipeline.send("/v1/ingest/window-summaries/batch", "{\"items\":[{\"summary_key\":\"digits" + id + "\","
                + "\"window_type\":\"rolling_digits\",\"window_start\":\"2026-02-25T17:00:00Z\",\"window_end\":\"2026-02-25T19:00:00Z\","
                + "\"generated_at\":\"2026-02-25T19:01:00Z\",\"summary_text\":\"s\",\"top_themes\":[{\"weight\":" + manyDigits + "}]}]}");
        assertThat(summary.path("warnings")).isEmpty();
        pipeline.send("/v1/ingest/embeddings/batch", "{\"items\":[{\"status_id\":\"" + id + "\",\"backend\":\"b\",\"model\":\"m\","
                + "\"text_hash\":\"h\",\"vector\":[" + tiny + ", 0.5]}]}");
        assertThat(pipeline.drain()).isZero();
        assertThat(Rows.count(db, "SELECT count(*) FROM parked_items WHERE item_key = ?", id)).as("the embedding waits for its post").isEqualTo(1);
        pipeline.sendItems("/v1/ingest/posts/batch", "{\"status_id\":\"" + id + "\",\"author_handle\":\"a\","
                + "\"discovered_at\":\"2026-02-25T19:00:00Z\",\"last_seen_at\":\"2026-02-25T19:00:00Z\"}");
        assertThat(pipeline.drain()).as("the parked embedding reads back and applies with its post").isZero();
        JsonNode vector = json(Rows.one(db, "SELECT vector_json::text AS v FROM embeddings WHERE status_id = ?", id).get("v").toString());
        assertThat(vector.get(0).doubleValue()).isEqualTo(new java.math.BigDecimal(tiny).doubleValue());
        assertThat(vector.get(1).doubleValue()).isEqualTo(0.5);

        var latest = new io.xmonitor.feed.FeedRepository(db).latestSummary("rolling_digits").orElseThrow();
        assertThat(latest.topThemes().get(0).path("weight").doubleValue()).isEqualTo(new java.math.BigDecimal(manyDigits).doubleValue());
    }

    @Test
    void refusesOnlyWhatIdentifiesNothingAndKeepsItsBatchMates() {
        String good = "{\"status_id\":\"" + nextId++ + "\",\"author_handle\":\"a\",\"discovered_at\":\"2026-02-25\",\"last_seen_at\":\"2026-02-25\"}";
        List<String> garbage = List.of(
                "{\"status_id\":\"12ab\",\"author_handle\":\"a\",\"discovered_at\":\"2026-02-25\",\"last_seen_at\":\"2026-02-25\"}",
                "{\"status_id\":\"12345678901234567890\",\"author_handle\":\"a\",\"discovered_at\":\"2026-02-25\",\"last_seen_at\":\"2026-02-25\"}",
                "{\"status_id\":\"5\",\"author_handle\":\"not a handle\",\"discovered_at\":\"2026-02-25\",\"last_seen_at\":\"2026-02-25\"}",
                "{\"status_id\":\"6\",\"author_handle\":\"a\",\"discovered_at\":\"2026-02-30\",\"last_seen_at\":\"2026-02-25\"}",
                "{\"status_id\":\"7\",\"author_handle\":\"a\",\"discovered_at\":\"2026-02-25\"}");
        APIGatewayV2HTTPResponse response = pipeline.accept.handleRequest(ApiEvents.post("/v1/ingest/posts/batch", Pipeline.SECRET,
                "{\"items\":[" + good + "," + String.join(",", garbage) + "]}"), null);
        JsonNode answer = json(response.getBody());
        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(answer.path("accepted").asInt()).isEqualTo(1);
        assertThat(answer.path("skipped").asInt()).isEqualTo(garbage.size());
        assertThat(pipeline.drain()).isZero();
    }

    @Test
    void theSameRunPostedAtItsStartAndEndKeepsItsEndInEitherOrder() {
        String start = "{\"run_at\":\"2026-02-25 19:00:00\",\"mode\":\"refresh-24h\",\"fetched_count\":0}";
        String end = "{\"run_at\":\"2026-02-25T19:00:00Z\",\"mode\":\"refresh24h\",\"fetched_count\":\"12\",\"note\":\"done\"}";
        String otherStart = start.replace("19:00:00", "20:00:00");
        String otherEnd = end.replace("19:00:00", "20:00:00");
        for (String body : List.of(start, end, otherEnd, otherStart)) {
            pipeline.send("/v1/ingest/runs", body);
        }
        assertThat(pipeline.drain()).isZero();
        assertThat(Rows.query(db, "SELECT fetched_count, note FROM pipeline_runs WHERE mode = 'refresh24h' ORDER BY run_at"))
                .containsExactly(Map.of("fetched_count", 12, "note", "done"), Map.of("fetched_count", 12, "note", "done"));
    }

    @Test
    void theOldBasePathAndEightThousandPostsInOneRequestAreAccepted() {
        StringBuilder items = new StringBuilder();
        long first = nextId;
        for (int i = 0; i < 8_000; i++) {
            items.append(i == 0 ? "" : ",").append("{\"status_id\":\"").append(nextId++).append("\",\"author_handle\":\"bulk\",")
                    .append("\"discovered_at\":\"2026-02-25T19:00:00Z\",\"last_seen_at\":\"2026-02-25T19:00:00Z\"}");
        }
        APIGatewayV2HTTPResponse response = pipeline.accept.handleRequest(
                ApiEvents.post("/api/v1/ingest/posts/batch", Pipeline.SECRET, "{\"items\":[" + items + "]}"), null);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(202);
        assertThat(json(response.getBody()).path("accepted").asInt()).isEqualTo(8_000);
        assertThat(pipeline.drain()).isZero();
        assertThat(Rows.count(db, "SELECT count(*) FROM posts WHERE status_id::numeric >= ? AND author_handle = 'bulk'",
                new java.math.BigDecimal(first))).isEqualTo(8_000);
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
