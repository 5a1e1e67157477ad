package io.xmonitor.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.xmonitor.apply.BatchApplier;
import io.xmonitor.analytics.AnalyticsApi;
import io.xmonitor.config.AppConfig;
import io.xmonitor.config.Environment;
import io.xmonitor.feed.FeedCursor;
import io.xmonitor.feed.FeedQueryParser;
import io.xmonitor.feed.FeedRepository;
import io.xmonitor.feed.ReadApiService;
import io.xmonitor.http.HttpRequest;
import io.xmonitor.ingest.BatchValidation;
import io.xmonitor.ingest.IngestKind;
import io.xmonitor.json.Json;
import io.xmonitor.queue.DecodedMessage;
import io.xmonitor.secrets.EnvironmentSecretSource;
import io.xmonitor.secrets.IngestKeyVerifier;
import io.xmonitor.testing.ApiEvents;
import io.xmonitor.testing.TestEnvironment;
import io.xmonitor.testing.MutableClock;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The read side answers 4xx for bad input, never 500, cannot be turned against the writers'
 * database connections, and tells a polling dashboard about every change.
 */
class ReadSideInvariantsTest {

    private static final String SECRET = "read-invariants-secret";
    private static TestEnvironment.TestDatabase database;
    private static HikariDataSource db;
    private static ReadApiHandler handler;

    @BeforeAll
    static void start() throws Exception {
        database = TestEnvironment.get().freshDatabase();
        db = database.open();
        handler = new ReadApiHandler(new Environment(TestEnvironment.get().variables(database, null, SECRET)));
        apply(IngestKind.POSTS, post("100", "2026-02-01T10:00:00Z"), post("200", "2026-02-01T12:00:00Z"));
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    private static String post(String statusId, String discoveredAt) {
        return Json.write(Map.of("status_id", statusId, "url", "https://x.com/a/status/" + statusId, "author_handle", "a",
                "watch_tier", "teammate", "body_text", "post " + statusId, "discovered_at", discoveredAt, "last_seen_at", discoveredAt));
    }

    private static void apply(IngestKind kind, String... items) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String item : items) {
            nodes.add(Json.mapper().readTree(item));
        }
        BatchValidation validation = BatchValidation.of(kind, nodes, Instant.now());
        assertThat(validation.errors()).isEmpty();
        new BatchApplier(db).apply(new DecodedMessage.Batch(UUID.randomUUID(), kind, Instant.now(), validation.accepted()));
    }

    private static APIGatewayV2HTTPResponse get(String path, Map<String, String> query, Map<String, String> headers) {
        return handler.handleRequest(ApiEvents.request("GET", path, headers, query, null, false), null);
    }

    private static JsonNode body(APIGatewayV2HTTPResponse response) throws Exception {
        return Json.mapper().readTree(response.getBody());
    }

    record Call(String path, Map<String, String> query) {
    }

    /** Every parameter of every read route, at extremes: the answer is 200, 304, 404 or a 400 that names the parameter. */
    @Test
    void parametersAtAnyExtremeAre400NamingThemNever500() {
        qt().withExamples(400).forAll(extremeCalls()).checkAssert(call -> {
            try {
                answersWithinTheContract(call);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    private static void answersWithinTheContract(Call call) throws Exception {
        APIGatewayV2HTTPResponse response = get(call.path(), call.query(), Map.of("x-api-key", SECRET));
        assertThat(response.getStatusCode()).as("%s %s", call, response.getBody()).isIn(200, 400, 404);
        JsonNode answer = body(response);
        if (response.getStatusCode() == 400) {
            String message = answer.path("error").asText();
            String named = message.substring(0, Math.max(0, message.indexOf(':')));
            assertThat(call.query().keySet().contains(named) || named.equals("statusId") || named.equals("batchId"))
                    .as("%s names the parameter: %s", call, message).isTrue();
        }
    }

    private static Gen<Call> extremeCalls() {
        List<String> extremeValues = List.of("+300000000-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z",
                "+1000000-12-31T23:59:59Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "1969-12-31T23:59:59Z",
                "2026-02-01T00:00:00Z", "99999999999999999999", "-1", "0", "2147483648", "1e9", " ", "", "\u0000",
                "\uFFFF", "\uD800", "a".repeat(201), "a".repeat(10_000), "@a b c", "true", "TRUE", "maybe", "investor",
                "%", "_", "\\", "' OR 1=1 --", "null", "[]", "{}", "a,b", "@" + "x".repeat(60),
                String.join(" ", java.util.Collections.nCopies(51, "h")));
        Gen<String> extremes = Generate.pick(extremeValues);
        Gen<String> parameter = Generate.pick(List.of("since", "until", "tier", "handle", "significant", "q", "limit", "cursor"));
        Gen<Map<String, String>> query = lists().of(parameter.zip(extremes, Map::entry)).ofSizeBetween(1, 3).map(entries -> {
            Map<String, String> map = new java.util.LinkedHashMap<>();
            entries.forEach(e -> map.put(e.getKey(), e.getValue()));
            return map;
        });
        Gen<Call> feed = Generate.pick(List.of("/v1/feed", "/v1/feed/latest")).zip(query, Call::new);
        Gen<Call> reconcile = extremes.map(since -> new Call("/v1/ops/reconcile-counts", Map.of("since", since)));
        Gen<Call> pathParameters = Generate.pick(extremeValues.stream().filter(v -> !v.isEmpty() && !v.contains("/")).toList())
                .flatMap(v -> Generate.pick(List.of(
                new Call("/v1/posts/" + v, Map.of()), new Call("/v1/ingest/batches/" + v, Map.of()),
                new Call("/v1/watch-accounts", Map.of("tier", v)))));
        return Generate.oneOf(feed, reconcile, pathParameters);
    }

    @Test
    void aPostThatArrivesLateBelowTheNewestChangesTheEtag() throws Exception {
        APIGatewayV2HTTPResponse first = get("/v1/feed/latest", Map.of("tier", "teammate"), Map.of());
        String etag = first.getHeaders().get("etag");
        assertThat(get("/v1/feed/latest", Map.of("tier", "teammate"), Map.of("if-none-match", etag)).getStatusCode()).isEqualTo(304);

        apply(IngestKind.POSTS, post("150", "2026-02-01T11:00:00Z"));
        APIGatewayV2HTTPResponse afterLatePost = get("/v1/feed/latest", Map.of("tier", "teammate"), Map.of("if-none-match", etag));
        assertThat(afterLatePost.getStatusCode()).as("the newest key is still 200, but the feed changed").isEqualTo(200);
        assertThat(body(afterLatePost).path("status_id").asText()).isEqualTo("200");

        String etagAfterPost = afterLatePost.getHeaders().get("etag");
        apply(IngestKind.REPORTS, "{\"status_id\":\"100\",\"reported_at\":\"2026-02-01T13:00:00Z\",\"channel\":\"slack\"}");
        assertThat(get("/v1/feed/latest", Map.of("tier", "teammate"), Map.of("if-none-match", etagAfterPost)).getStatusCode())
                .as("a report changes what a feed item shows").isEqualTo(200);
    }

    @Test
    void aCursorIsBoundToItsFiltersUnambiguously() throws Exception {
        APIGatewayV2HTTPResponse page = get("/v1/feed", Map.of("q", "a, tier=teammate", "limit", "1"), Map.of());
        assertThat(page.getStatusCode()).isEqualTo(200);
        // The read function signs cursors with a key derived from its database secret.
        FeedCursor cursors = new FeedCursor(List.of(database.password()));
        FeedQueryParser parser = new FeedQueryParser(50, 200, cursors);
        var tricky = (FeedQueryParser.Result.Parsed) parser.parse(Map.of("q", "a, tier=teammate"));
        String cursor = parser.cursorFor(tricky.query(), new FeedCursor.Position(Instant.parse("2026-02-01T12:00:00Z"), "200"));
        assertThat(get("/v1/feed", Map.of("q", "a, tier=teammate", "cursor", cursor), Map.of()).getStatusCode()).isEqualTo(200);
        APIGatewayV2HTTPResponse reused = get("/v1/feed", Map.of("q", "a", "tier", "teammate", "cursor", cursor), Map.of());
        assertThat(reused.getStatusCode()).as("q=\"a, tier=teammate\" is not q=a&tier=teammate").isEqualTo(400);
        assertThat(body(reused).path("error").asText()).startsWith("cursor:");
    }

    @Test
    void theLatestSummaryIsTheNewestWindowNotTheNewestRegeneration() throws Exception {
        apply(IngestKind.WINDOW_SUMMARIES,
                summary("today", "2026-02-02T10:00:00Z", "2026-02-02T12:00:00Z", "2026-02-02T12:01:00Z", "current window"),
                summary("yesterday", "2026-02-01T10:00:00Z", "2026-02-01T12:00:00Z", "2026-02-02T12:30:00Z", "regenerated later"));
        JsonNode latest = body(get("/v1/window-summaries/latest", Map.of(), Map.of()));
        assertThat(latest.path("rolling_2h").path("summary_text").asText()).isEqualTo("current window");
        assertThat(latest.path("items")).as("the previous dashboard reads the list").hasSize(1);
        assertThat(latest.path("items").get(0).path("summary_key").asText()).isEqualTo("today");
    }

    @Test
    void twoSummariesOfOneWindowGeneratedAtOnceGiveTheSameLatestInEitherOrder() throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.getJdbcUrl());
        config.setUsername(db.getUsername());
        config.setPassword(db.getPassword());
        config.setMaximumPoolSize(1);
        config.setConnectionInitSql("SET enable_indexscan = off; SET enable_indexonlyscan = off; SET enable_bitmapscan = off");
        try (HikariDataSource sortingInsteadOfIndexes = new HikariDataSource(config)) {
            latestOfTiedSummaries(sortingInsteadOfIndexes);
        }
    }

    private static void latestOfTiedSummaries(DataSource sortingInsteadOfIndexes) throws Exception {
        // A window type of each arrival order's own, so that the two orders do not see each other's rows.
        for (String type : List.of("tied_first_a", "tied_first_b")) {
            String a = summary("tie-a", type, "2026-02-03T10:00:00Z", "2026-02-03T12:00:00Z", "2026-02-03T12:01:00Z", "text a");
            String b = summary("tie-b", type, "2026-02-03T10:00:00Z", "2026-02-03T12:00:00Z", "2026-02-03T12:01:00Z", "text b");
            if (type.endsWith("a")) {
                apply(IngestKind.WINDOW_SUMMARIES, a);
                apply(IngestKind.WINDOW_SUMMARIES, b);
            } else {
                apply(IngestKind.WINDOW_SUMMARIES, b);
                apply(IngestKind.WINDOW_SUMMARIES, a);
            }
            // Also read without indexes: a history index happens to hold summary_key in the same order,
            // so only a sort shows that the statement itself breaks the tie.
            for (DataSource reads : List.of(db, sortingInsteadOfIndexes)) {
                assertThat(new FeedRepository(reads).latestSummary(type)).as(type)
                        .hasValueSatisfying(latest -> assertThat(latest.summaryKey()).isEqualTo("tie-b"));
            }
        }
    }

    private static String summary(String key, String start, String end, String generated, String text) {
        return summary(key, "rolling_2h", start, end, generated, text);
    }

    private static String summary(String key, String type, String start, String end, String generated, String text) {
        return Json.write(Map.of("summary_key", key, "window_type", type, "window_start", start, "window_end", end,
                "generated_at", generated, "summary_text", text));
    }

    @Test
    void aFloodOfHealthChecksReusesOneDatabaseCheck() {
        CountingDataSource counting = new CountingDataSource(db);
        MutableClock clock = new MutableClock();
        AppConfig config = AppConfig.load(new Environment(Map.of()));
        var secrets = new EnvironmentSecretSource(new Environment(TestEnvironment.get().variables(database, null, SECRET)));
        FeedRepository feed = new FeedRepository(counting);
        FeedCursor cursors = new FeedCursor(List.of(SECRET));
        FeedQueryParser parser = new FeedQueryParser(50, 200, cursors);
        ReadApiService service = new ReadApiService(Optional.of(feed),
                Optional.of(AnalyticsApi.over(counting, feed, parser, cursors, clock)), parser, new IngestKeyVerifier(secrets), config, clock);
        HttpRequest health = new HttpRequest("GET", "/v1/health", Map.of(), Map.of(), null);
        for (int i = 0; i < 100; i++) {
            assertThat(service.handle(health).status()).isEqualTo(200);
        }
        assertThat(counting.connections.get()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(6));
        service.handle(health);
        assertThat(counting.connections.get()).as("checked again once the last check is a few seconds old").isEqualTo(2);
    }

    /** Counts the connections taken from a real pool. */
    private static final class CountingDataSource implements DataSource {
        private final DataSource target;
        private final AtomicInteger connections = new AtomicInteger();

        CountingDataSource(DataSource target) {
            this.target = target;
        }

        @Override
        public Connection getConnection() throws SQLException {
            connections.incrementAndGet();
            return target.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            connections.incrementAndGet();
            return target.getConnection(username, password);
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return target.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            target.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            target.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return target.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            return target.unwrap(type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) throws SQLException {
            return target.isWrapperFor(type);
        }
    }
}
