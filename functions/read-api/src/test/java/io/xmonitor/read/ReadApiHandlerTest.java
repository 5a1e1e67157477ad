package io.xmonitor.read;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import io.xmonitor.apply.BatchApplier;
import io.xmonitor.config.AppConfig;
import io.xmonitor.config.Environment;
import io.xmonitor.ingest.BatchValidation;
import io.xmonitor.ingest.IngestKind;
import io.xmonitor.json.Json;
import io.xmonitor.queue.DecodedMessage;
import io.xmonitor.testing.ApiEvents;
import io.xmonitor.testing.TestEnvironment;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadApiHandlerTest {

    private static final String SECRET = "read-test-secret";
    private static final String[] TIERS = {"teammate", "influencer", "ecosystem", "investor"};
    private static final String[] WORDS = {"rollup", "bridge", "100%", "fee_market", "back\\slash", "O'Reilly",
            "zk-proof", "ROLLUP", "gas", "'; DROP TABLE posts; --"};

    private final TestEnvironment env = TestEnvironment.get();
    private TestEnvironment.TestDatabase database;
    private HikariDataSource db;
    private BatchApplier applier;
    private ReadApiHandler handler;
    private final List<Post> posts = new ArrayList<>();
    /** Posts that tests add after seeding: part of the oracle too, so no test depends on which ran before it. */
    private final List<Post> addedLater = new ArrayList<>();

    /** The oracle: what the test wrote, to compare the API against. */
    record Post(String statusId, Instant discoveredAt, String handle, String tier, boolean significant, String body) {
    }

    @BeforeAll
    void seed() throws Exception {
        database = env.freshDatabase();
        db = database.open();
        applier = new BatchApplier(db);
        Map<String, String> variables = new HashMap<>(env.variables(database, null, SECRET));
        handler = new ReadApiHandler(new Environment(variables));

        Random random = new Random(42);
        Instant base = Instant.parse("2026-02-01T00:00:00Z");
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            // Every third post shares its discovered_at with the previous one: ties are ordered by status_id.
            Instant discovered = base.plusSeconds((i - (i % 3 == 2 ? 1 : 0)) * 60L);
            String body = "note " + i + " " + WORDS[random.nextInt(WORDS.length)] + " " + WORDS[random.nextInt(WORDS.length)];
            Post post = new Post(Long.toString(1_000_000 + random.nextInt(1_000_000) * 1000L + i), discovered,
                    "user" + random.nextInt(30), TIERS[random.nextInt(TIERS.length)], random.nextInt(5) == 0, body);
            posts.add(post);
            items.add(json(post));
        }
        for (int from = 0; from < items.size(); from += 500) {
            apply(IngestKind.POSTS, items.subList(from, from + 500));
        }
    }

    @AfterAll
    void close() {
        db.close();
    }

    private static String json(Post post) {
        return Json.write(Map.of("status_id", post.statusId(), "url", "https://x.com/" + post.handle() + "/status/" + post.statusId(),
                "author_handle", post.handle(), "watch_tier", post.tier(), "is_significant", post.significant(),
                "body_text", post.body(), "discovered_at", post.discoveredAt().toString(),
                "last_seen_at", post.discoveredAt().plusSeconds(30).toString()));
    }

    private UUID apply(IngestKind kind, List<String> itemsJson) throws Exception {
        JsonNode items = Json.mapper().readTree("[" + String.join(",", itemsJson) + "]");
        List<JsonNode> nodes = new ArrayList<>();
        items.forEach(nodes::add);
        BatchValidation validation = BatchValidation.of(kind, nodes, Instant.now());
        assertThat(validation.errors()).isEmpty();
        UUID batchId = UUID.randomUUID();
        applier.apply(new DecodedMessage.Batch(batchId, kind, Instant.now(), validation.accepted()));
        return batchId;
    }

    private APIGatewayV2HTTPResponse get(String path, Map<String, String> query) {
        return handler.handleRequest(ApiEvents.get(path, query), null);
    }

    private static JsonNode body(APIGatewayV2HTTPResponse response) throws Exception {
        return Json.mapper().readTree(response.getBody().getBytes(StandardCharsets.UTF_8));
    }

    /** Follows next_cursor to the end and returns the status ids in the order served. */
    private List<String> pageThrough(Map<String, String> filters, int limit, Runnable betweenPages) throws Exception {
        List<String> seen = new ArrayList<>();
        Map<String, String> query = new LinkedHashMap<>(filters);
        query.put("limit", Integer.toString(limit));
        while (true) {
            APIGatewayV2HTTPResponse response = get("/v1/feed", query);
            assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
            JsonNode page = body(response);
            page.path("items").forEach(item -> seen.add(item.path("status_id").asText()));
            if (page.path("next_cursor").isNull()) {
                return seen;
            }
            query.put("cursor", page.path("next_cursor").asText());
            betweenPages.run();
        }
    }

    /** What the feed must serve: every post written so far, by any test, that passes {@code filter}. */
    private List<String> expected(Predicate<Post> filter) {
        return Stream.concat(posts.stream(), addedLater.stream()).filter(filter)
                .sorted(Comparator.comparing(Post::discoveredAt).thenComparing(Post::statusId).reversed())
                .map(Post::statusId).toList();
    }

    @Test
    void pagesThroughEveryFilterExactlyOnceInOrder() throws Exception {
        Instant since = Instant.parse("2026-02-01T10:00:00Z");
        Instant until = Instant.parse("2026-02-02T20:00:00Z");
        assertThat(pageThrough(Map.of(), 200, () -> { })).containsExactlyElementsOf(expected(p -> true));
        assertThat(pageThrough(Map.of("tier", "investor"), 37, () -> { }))
                .containsExactlyElementsOf(expected(p -> p.tier().equals("investor")));
        assertThat(pageThrough(Map.of("handle", "@User3 user7"), 25, () -> { }))
                .containsExactlyElementsOf(expected(p -> p.handle().equals("user3") || p.handle().equals("user7")));
        assertThat(pageThrough(Map.of("significant", "true"), 50, () -> { }))
                .containsExactlyElementsOf(expected(Post::significant));
        assertThat(pageThrough(Map.of("since", since.toString(), "until", until.toString()), 100, () -> { }))
                .containsExactlyElementsOf(expected(p -> !p.discoveredAt().isBefore(since) && !p.discoveredAt().isAfter(until)));
        assertThat(pageThrough(Map.of("tier", "teammate", "significant", "false", "q", "rollup"), 20, () -> { }))
                .containsExactlyElementsOf(expected(p -> p.tier().equals("teammate") && !p.significant()
                        && p.body().toLowerCase(Locale.ROOT).contains("rollup")));
    }

    @Test
    void postsArrivingBetweenPagesNeitherRepeatNorHideOthers() throws Exception {
        int[] arrivals = {0};
        Runnable arrive = () -> {
            try {
                arrivals[0]++;
                Post fresh = new Post(Long.toString(9_000_000_000L + arrivals[0]), Instant.parse("2026-03-01T00:00:00Z")
                        .plusSeconds(arrivals[0]), "user1", "ecosystem", false, "late arrival");
                apply(IngestKind.POSTS, List.of(json(fresh)));
                addedLater.add(fresh);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        };
        List<String> before = expected(p -> p.tier().equals("ecosystem"));
        List<String> served = pageThrough(Map.of("tier", "ecosystem"), 60, arrive);
        assertThat(arrivals[0]).isGreaterThan(3);
        assertThat(served).containsExactlyElementsOf(before);
    }

    @Test
    void searchTreatsWildcardsAndQuotesAsLiteralText() throws Exception {
        for (String term : List.of("100%", "fee_market", "back\\slash", "O'Reilly", "'; DROP TABLE posts; --", "%", "_", "rollup")) {
            List<String> served = pageThrough(Map.of("q", term), 200, () -> { });
            assertThat(served).as(term).containsExactlyElementsOf(expected(p -> p.body().toLowerCase(Locale.ROOT)
                    .contains(term.toLowerCase(Locale.ROOT)) || p.handle().contains(term.toLowerCase(Locale.ROOT))));
        }
        assertThat(pageThrough(Map.of("q", "nothing-matches-this"), 50, () -> { })).isEmpty();
        assertThat(pageThrough(Map.of("q", "USER29"), 200, () -> { }))
                .containsExactlyElementsOf(expected(p -> p.handle().contains("user29")));
    }

    @Test
    void badParametersAndForgedCursorsAre400NamingTheParameter() throws Exception {
        Map<Map<String, String>, String> cases = Map.of(
                Map.of("since", "yesterday"), "since: must be an ISO-8601 timestamp from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z",
                Map.of("tier", "vip"), "tier: must be one of teammate, influencer, ecosystem, investor",
                Map.of("limit", "ten"), "limit: must be a whole number from 1 to 200",
                Map.of("limit", "201"), "limit: must be a whole number from 1 to 200",
                Map.of("significant", "maybe"), "significant: must be true or false",
                Map.of("cursor", "bm90LWEtY3Vyc29y.AAAA"), "cursor: not a cursor this feed issued for these filters; start again without it");
        for (var entry : cases.entrySet()) {
            APIGatewayV2HTTPResponse response = get("/v1/feed", entry.getKey());
            assertThat(response.getStatusCode()).as(entry.getKey().toString()).isEqualTo(400);
            assertThat(body(response).path("error").asText()).isEqualTo(entry.getValue());
        }
        String cursor = body(get("/v1/feed", Map.of("limit", "5"))).path("next_cursor").asText();
        assertThat(get("/v1/feed", Map.of("cursor", cursor)).getStatusCode()).isEqualTo(200);
        String tampered = cursor.substring(0, 3) + (cursor.charAt(3) == 'A' ? 'B' : 'A') + cursor.substring(4);
        assertThat(get("/v1/feed", Map.of("cursor", tampered)).getStatusCode()).isEqualTo(400);
        assertThat(get("/v1/feed", Map.of("cursor", cursor, "tier", "investor")).getStatusCode())
                .as("a cursor is bound to its filters").isEqualTo(400);
    }

    @Test
    void latestKeyHasAnEtagThatAnswers304UntilSomethingNewArrives() throws Exception {
        APIGatewayV2HTTPResponse first = get("/v1/feed/latest", Map.of("tier", "influencer"));
        assertThat(first.getStatusCode()).isEqualTo(200);
        assertThat(body(first).path("status_id").asText()).isEqualTo(expected(p -> p.tier().equals("influencer")).getFirst());
        String etag = first.getHeaders().get("etag");
        assertThat(first.getHeaders()).containsEntry("cache-control", "private, no-cache").containsEntry("x-content-type-options", "nosniff");

        var conditional = ApiEvents.request("GET", "/v1/feed/latest", Map.of("if-none-match", etag), Map.of("tier", "influencer"), null, false);
        assertThat(handler.handleRequest(conditional, null).getStatusCode()).isEqualTo(304);

        Post newest = new Post("8000000000001", Instant.parse("2026-04-01T00:00:00Z"), "user2", "influencer", true, "newest");
        apply(IngestKind.POSTS, List.of(json(newest)));
        addedLater.add(newest);
        APIGatewayV2HTTPResponse changed = handler.handleRequest(conditional, null);
        assertThat(changed.getStatusCode()).isEqualTo(200);
        assertThat(body(changed).path("status_id").asText()).isEqualTo("8000000000001");
        assertThat(changed.getHeaders().get("etag")).isNotEqualTo(etag);
    }

    @Test
    void postDetailHasSnapshotsNewestFirstAndItsReport() throws Exception {
        Post post = posts.get(10);
        apply(IngestKind.METRICS, List.of(
                "{\"status_id\":\"" + post.statusId() + "\",\"snapshot_type\":\"initial_capture\",\"snapshot_at\":\"2026-02-01T00:00:00Z\",\"likes\":1,\"reposts\":0,\"replies\":0,\"views\":5}",
                "{\"status_id\":\"" + post.statusId() + "\",\"snapshot_type\":\"latest_observed\",\"snapshot_at\":\"2026-02-02T00:00:00Z\",\"likes\":9,\"reposts\":1,\"replies\":2,\"views\":50}"));
        apply(IngestKind.REPORTS, List.of("{\"status_id\":\"" + post.statusId() + "\",\"reported_at\":\"2026-02-02T01:00:00Z\",\"channel\":\"slack\"}"));

        JsonNode detail = body(get("/v1/posts/" + post.statusId(), Map.of()));
        assertThat(detail.path("post").path("status_id").asText()).isEqualTo(post.statusId());
        assertThat(detail.path("post").path("reported_at").asText()).isEqualTo("2026-02-02T01:00:00.000Z");
        assertThat(detail.path("snapshots")).extracting(s -> s.path("snapshot_type").asText())
                .containsExactly("latest_observed", "initial_capture");
        assertThat(detail.path("report").path("channel").asText()).isEqualTo("slack");

        JsonNode plain = body(get("/v1/posts/" + posts.get(11).statusId(), Map.of()));
        assertThat(plain.path("report").isNull()).isTrue();
        assertThat(plain.path("post").path("reported_at").isNull()).isTrue();
        assertThat(get("/v1/posts/123", Map.of()).getStatusCode()).isEqualTo(404);
        assertThat(get("/v1/posts/abc", Map.of()).getStatusCode()).isEqualTo(400);
    }

    @Test
    void latestSummariesWatchAccountsAndHealth() throws Exception {
        apply(IngestKind.WINDOW_SUMMARIES, List.of(
                "{\"summary_key\":\"a\",\"window_type\":\"rolling_2h\",\"window_start\":\"2026-02-01T00:00:00Z\",\"window_end\":\"2026-02-01T02:00:00Z\",\"generated_at\":\"2026-02-01T02:00:00Z\",\"summary_text\":\"old\"}",
                "{\"summary_key\":\"b\",\"window_type\":\"rolling_2h\",\"window_start\":\"2026-02-01T02:00:00Z\",\"window_end\":\"2026-02-01T04:00:00Z\",\"generated_at\":\"2026-02-01T04:00:00Z\",\"summary_text\":\"new\",\"tier_counts\":{\"investor\":2}}"));
        JsonNode summaries = body(get("/v1/window-summaries/latest", Map.of()));
        assertThat(summaries.path("rolling_2h").path("summary_text").asText()).isEqualTo("new");
        assertThat(summaries.path("rolling_2h").path("tier_counts").path("investor").asInt()).isEqualTo(2);
        assertThat(summaries.path("rolling_12h").isNull()).isTrue();

        apply(IngestKind.WATCH_ACCOUNTS, List.of("{\"handle\":\"alice\",\"tier\":\"teammate\"}", "{\"handle\":\"bob\",\"tier\":\"investor\"}"));
        assertThat(body(get("/v1/watch-accounts", Map.of("tier", "investor"))).path("items"))
                .extracting(a -> a.path("handle").asText()).containsExactly("bob");
        assertThat(get("/v1/watch-accounts", Map.of("tier", "vip")).getStatusCode()).isEqualTo(400);

        for (String path : List.of("/v1/health", "/v1/feed", "/v1/window-summaries/latest", "/v1/watch-accounts", "/v1/posts/123")) {
            assertThat(get(path, Map.of()).getHeaders()).as(path)
                    .containsEntry("cache-control", "no-store").containsEntry("x-content-type-options", "nosniff");
        }
        JsonNode health = body(get("/v1/health", Map.of()));
        assertThat(health.path("ok").asBoolean()).isTrue();
        assertThat(health.path("database").asText()).isEqualTo("ok");
        assertThat(health.path("environment").asText()).isEqualTo("test");
    }

    @Test
    void healthReportsABrokenOrMissingDatabaseWithoutDetails() throws Exception {
        Map<String, String> broken = new HashMap<>(env.variables(null, null, SECRET));
        broken.put(AppConfig.DATABASE_URL, "jdbc:postgresql://127.0.0.1:9/none");
        broken.put(AppConfig.DB_CONNECT_TIMEOUT_MS, "500");
        var brokenHandler = new ReadApiHandler(new Environment(broken));
        APIGatewayV2HTTPResponse response = brokenHandler.handleRequest(ApiEvents.get("/v1/health", Map.of()), null);
        JsonNode health = body(response);
        assertThat(health.path("ok").asBoolean()).isFalse();
        assertThat(health.path("database").asText()).isEqualTo("error");
        assertThat(response.getBody()).doesNotContain("Exception").doesNotContain("127.0.0.1");
        APIGatewayV2HTTPResponse feed = brokenHandler.handleRequest(ApiEvents.get("/v1/feed", Map.of()), null);
        assertThat(feed.getStatusCode()).isEqualTo(503);
        assertThat(feed.getBody()).doesNotContain("Exception");

        var unconfigured = new ReadApiHandler(new Environment(env.variables(null, null, SECRET)));
        assertThat(body(unconfigured.handleRequest(ApiEvents.get("/v1/health", Map.of()), null)).path("database").asText())
                .isEqualTo("not_configured");
    }

    @Test
    void reconcileAndBatchStatusNeedTheIngestKey() throws Exception {
        UUID batchId = apply(IngestKind.RUNS, List.of("{\"run_at\":\"2026-02-03T00:00:00Z\",\"mode\":\"priority\"}"));
        assertThat(get("/v1/ops/reconcile-counts", Map.of()).getStatusCode()).isEqualTo(401);
        assertThat(get("/v1/ingest/batches/" + batchId, Map.of()).getStatusCode()).isEqualTo(401);

        var reconcile = ApiEvents.request("GET", "/v1/ops/reconcile-counts", Map.of("x-api-key", SECRET),
                Map.of("since", "2026-02-02T00:00:00Z"), null, false);
        JsonNode counts = body(handler.handleRequest(reconcile, null));
        // Every post is written with last_seen_at = discovered_at + 30 s and no 24h refresh.
        Instant since = Instant.parse("2026-02-02T00:00:00Z");
        long expectedPosts = Stream.concat(posts.stream(), addedLater.stream())
                .filter(p -> !p.discoveredAt().plusSeconds(30).isBefore(since)).count();
        assertThat(expectedPosts).isBetween(1L, (long) posts.size() - 1);
        assertThat(counts.path("counts").path("posts").asLong()).isEqualTo(expectedPosts);
        assertThat(counts.path("counts").path("pipeline_runs").asLong()).isEqualTo(1);
        assertThat(counts.path("since").asText()).isEqualTo("2026-02-02T00:00:00.000Z");

        var status = ApiEvents.request("GET", "/v1/ingest/batches/" + batchId, Map.of("authorization", "Bearer " + SECRET), Map.of(), null, false);
        JsonNode applied = body(handler.handleRequest(status, null));
        assertThat(applied.path("kind").asText()).isEqualTo("runs");
        assertThat(applied.path("rows_written").asInt()).isEqualTo(1);
        var unknown = ApiEvents.request("GET", "/v1/ingest/batches/" + UUID.randomUUID(), Map.of("x-api-key", SECRET), Map.of(), null, false);
        APIGatewayV2HTTPResponse missing = handler.handleRequest(unknown, null);
        assertThat(missing.getStatusCode()).isEqualTo(404);
        assertThat(body(missing).path("error").asText()).contains("has not been applied (yet)");
    }

    /** CORS is the HTTP API's (template.yaml's CorsConfiguration), which ignores a function's own CORS headers. */
    @Test
    void corsIsLeftToTheApiInFrontOfTheFunction() {
        var fromAnotherOrigin = ApiEvents.request("GET", "/v1/health", Map.of("origin", "https://dashboard.example.com"), Map.of(), null, false);
        assertThat(handler.handleRequest(fromAnotherOrigin, null).getHeaders().keySet())
                .noneMatch(name -> name.startsWith("access-control-"));
        var preflight = ApiEvents.request("OPTIONS", "/v1/feed", Map.of("origin", "https://dashboard.example.com",
                "access-control-request-method", "GET"), Map.of(), null, false);
        APIGatewayV2HTTPResponse answer = handler.handleRequest(preflight, null);
        assertThat(answer.getStatusCode()).as("the API answers preflights; none reaches the function").isEqualTo(405);
        assertThat(answer.getHeaders().keySet()).noneMatch(name -> name.startsWith("access-control-"));
    }
}
