package io.xmonitor.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import io.xmonitor.json.Json;
import io.xmonitor.tools.local.LocalStack;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Drives every route over real HTTP (the local stack's API in front of the real functions) and
 * validates each request and response — status, headers, body — against docs/openapi.v1.yaml.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiContractTest {

    private static final String KEY = "contract-key";

    private final HttpClient http = HttpClient.newHttpClient();
    private final Set<String> exercised = new TreeSet<>();
    private LocalStack stack;
    private OpenApiInteractionValidator validator;

    @BeforeAll
    void start() throws Exception {
        stack = LocalStack.start(new LocalStack.Options(0, null, null, null, null, KEY, 1, null, Optional.empty()));
        validator = OpenApiInteractionValidator
                .createForSpecificationUrl(Repository.file("docs/openapi.v1.yaml").toUri().toString())
                // The JWT on read routes is checked by API Gateway's authorizer, not by the function.
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.request.security.missing", ValidationReport.Level.IGNORE)
                        .build())
                .build();
    }

    @AfterAll
    void stop() throws Exception {
        stack.close();
    }

    /** Sends the request, validates the exchange against the spec and answers the response. */
    private HttpResponse<String> exchange(String method, String path, Map<String, String> query, Map<String, String> headers,
                                          String body, int expectedStatus) throws Exception {
        return exchange(method, path, query, headers, body, expectedStatus, true);
    }

    /** For a deliberately invalid request only the response is checked against the spec. */
    private HttpResponse<String> badRequest(String method, String path, Map<String, String> headers, String body,
                                            int expectedStatus) throws Exception {
        return exchange(method, path, Map.of(), headers, body, expectedStatus, false);
    }

    private HttpResponse<String> exchange(String method, String path, Map<String, String> query, Map<String, String> headers,
                                          String body, int expectedStatus, boolean requestFollowsSpec) throws Exception {
        StringBuilder uri = new StringBuilder(stack.state().apiUrl()).append(path);
        if (!query.isEmpty()) {
            uri.append('?');
            query.forEach((k, v) -> uri.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&'));
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(uri.toString())).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(builder::header);
        if (body != null) {
            builder.header("content-type", "application/json");
        }
        HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + " " + response.body()).isEqualTo(expectedStatus);

        SimpleRequest.Builder request = new SimpleRequest.Builder(Request.Method.valueOf(method), path);
        query.forEach(request::withQueryParam);
        headers.forEach(request::withHeader);
        if (body != null) {
            request.withContentType("application/json").withBody(body);
        }
        SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.statusCode());
        response.headers().map().forEach((name, values) -> answer.withHeader(name, values));
        if (!response.body().isEmpty()) {
            answer.withBody(response.body());
        }
        ValidationReport report = requestFollowsSpec
                ? validator.validate(request.build(), answer.build())
                : validator.validateResponse(path, Request.Method.valueOf(method), answer.build());
        assertThat(report.getMessages()).as(method + " " + path + " -> " + response.statusCode() + " " + response.body()).isEmpty();
        exercised.add(method + " " + path.replaceAll("/v1/posts/[^/]+", "/v1/posts/{statusId}")
                .replaceAll("/v1/ingest/batches/[^/]+", "/v1/ingest/batches/{batchId}") + " " + response.statusCode());
        return response;
    }

    private HttpResponse<String> ingest(String path, String body, int status) throws Exception {
        return exchange("POST", path, Map.of(), Map.of("x-api-key", KEY), body, status);
    }

    @Test
    void everyRouteAnswersAsTheSpecSays() throws Exception {
        String post = """
                {"status_id":"777","url":"https://x.com/a/status/777","author_handle":"@Alice","body_text":"contract",
                 "watch_tier":"teammate","is_significant":true,"discovered_at":"2026-02-25T19:00:00Z","last_seen_at":"2026-02-25T19:05:00Z"}""";
        JsonNode acceptedPosts = Json.mapper().readTree(ingest("/v1/ingest/posts/batch", "{\"items\":[" + post + "]}", 202).body());
        badRequest("POST", "/v1/ingest/posts/batch", Map.of("x-api-key", KEY), "{\"items\":[" + post + ",{\"status_id\":\"x\"}]}", 202);
        ingest("/v1/ingest/metrics/batch", """
                {"items":[{"status_id":"777","snapshot_type":"latest_observed","snapshot_at":"2026-02-25T19:05:00Z","likes":1,"reposts":2,"replies":3,"views":4}]}""", 202);
        ingest("/v1/ingest/reports/batch", "{\"items\":[{\"status_id\":\"777\",\"reported_at\":\"2026-02-25T19:06:00Z\",\"channel\":\"slack\"}]}", 202);
        ingest("/v1/ingest/watch-accounts/batch", "{\"items\":[{\"handle\":\"alice\",\"tier\":\"teammate\"}]}", 202);
        ingest("/v1/ingest/embeddings/batch", "{\"items\":[{\"status_id\":\"777\",\"backend\":\"b\",\"model\":\"m\",\"vector\":[0.5,1],\"text_hash\":\"h\"}]}", 202);
        ingest("/v1/ingest/window-summaries/batch", """
                {"items":[{"summary_key":"k","window_type":"rolling_2h","window_start":"2026-02-25T17:00:00Z","window_end":"2026-02-25T19:00:00Z",
                  "generated_at":"2026-02-25T19:01:00Z","summary_text":"s","tier_counts":{"teammate":1},"top_themes":[{"t":1}]}]}""", 202);
        ingest("/v1/ingest/narrative-shifts/batch", """
                {"items":[{"shift_key":"n","basis_window_type":"rolling_12h","period_start":"2026-02-25T07:00:00Z","period_end":"2026-02-25T19:00:00Z",
                  "generated_at":"2026-02-25T19:02:00Z","summary_text":"s","source_summary_keys":["k"]}]}""", 202);
        ingest("/v1/ingest/runs", "{\"run_at\":\"2026-02-25T19:00:00Z\",\"mode\":\"priority\",\"fetched_count\":3}", 202);
        badRequest("POST", "/v1/ingest/posts/batch", Map.of("x-api-key", KEY), "{\"items\":[{\"status_id\":\"1\"}]}", 422);
        badRequest("POST", "/v1/ingest/posts/batch", Map.of("x-api-key", KEY), "{\"items\": 5}", 400);
        badRequest("POST", "/v1/ingest/reports/batch", Map.of(), "{\"items\":[]}", 401);
        badRequest("POST", "/v1/ingest/runs", Map.of("authorization", "Bearer wrong"), "{}", 401);
        String recent = Instant.now().minus(Duration.ofHours(1)).toString();
        ingest("/v1/ingest/posts/batch", """
                {"items":[{"status_id":"779","url":"https://x.com/bob/status/779","author_handle":"bob","body_text":"recent",
                 "likes":5,"reposts":1,"discovered_at":"%s","last_seen_at":"%s"}]}""".formatted(recent, recent), 202);
        stack.awaitDrained(Duration.ofSeconds(10));

        exchange("GET", "/v1/health", Map.of(), Map.of(), null, 200);
        JsonNode page = Json.mapper().readTree(exchange("GET", "/v1/feed", Map.of("tier", "teammate", "limit", "1"), Map.of(), null, 200).body());
        assertThat(page.path("items").get(0).path("reported_at").asText()).isEqualTo("2026-02-25T19:06:00.000Z");
        exchange("GET", "/v1/feed", Map.of("since", "not-a-date"), Map.of(), null, 400);
        HttpResponse<String> latest = exchange("GET", "/v1/feed/latest", Map.of("handle", "alice"), Map.of(), null, 200);
        String etag = latest.headers().firstValue("etag").orElseThrow();
        exchange("GET", "/v1/feed/latest", Map.of("handle", "alice"), Map.of("if-none-match", etag), null, 304);
        exchange("GET", "/v1/posts/777", Map.of(), Map.of(), null, 200);
        exchange("GET", "/v1/posts/778", Map.of(), Map.of(), null, 404);
        exchange("GET", "/v1/window-summaries/latest", Map.of(), Map.of(), null, 200);
        exchange("GET", "/v1/watch-accounts", Map.of("tier", "teammate"), Map.of(), null, 200);
        JsonNode trends = Json.mapper().readTree(exchange("GET", "/v1/trends",
                Map.of("range", "90d", "tz", "Europe/Berlin", "tier", "teammate"), Map.of(), null, 200).body());
        assertThat(trends.path("buckets")).hasSize(90);
        exchange("GET", "/v1/trends", Map.of("range", "1y"), Map.of(), null, 400, false);
        JsonNode engagement = Json.mapper().readTree(exchange("GET", "/v1/engagement",
                Map.of("range", "24h", "handle", "bob", "q", "rec", "top", "3"), Map.of(), null, 200).body());
        assertThat(engagement.path("score").asText()).isEqualTo("likes + 2 × reposts + 3 × replies");
        assertThat(engagement.path("top_posts").get(0).path("score").asLong()).isEqualTo(7);
        assertThat(engagement.path("top_posts").get(0).path("post").path("status_id").asText()).isEqualTo("779");
        exchange("GET", "/v1/engagement", Map.of("tz", "Berlin"), Map.of(), null, 400);
        JsonNode summaries = Json.mapper().readTree(exchange("GET", "/v1/window-summaries",
                Map.of("window_type", "rolling_2h", "limit", "1"), Map.of(), null, 200).body());
        assertThat(summaries.path("items").get(0).path("summary_key").asText()).isEqualTo("k");
        exchange("GET", "/v1/window-summaries", Map.of("cursor", "forged.cursor"), Map.of(), null, 400);
        JsonNode shifts = Json.mapper().readTree(exchange("GET", "/v1/narrative-shifts", Map.of(), Map.of(), null, 200).body());
        assertThat(shifts.path("items").get(0).path("basis_windows").get(0).path("summary_key").asText()).isEqualTo("k");
        exchange("GET", "/v1/narrative-shifts", Map.of("limit", "0"), Map.of(), null, 400);
        exchange("GET", "/v1/ops/reconcile-counts", Map.of("since", "2026-02-25T00:00:00Z"), Map.of("x-api-key", KEY), null, 200);
        exchange("GET", "/v1/ops/reconcile-counts", Map.of(), Map.of(), null, 401);
        exchange("GET", "/v1/ingest/batches/" + acceptedPosts.path("batch_id").asText(), Map.of(), Map.of("x-api-key", KEY), null, 200);
        exchange("GET", "/v1/ingest/batches/" + UUID.randomUUID(), Map.of(), Map.of("x-api-key", KEY), null, 404);

        List<String> routes = new ArrayList<>();
        exercised.forEach(e -> routes.add(e.substring(0, e.lastIndexOf(' '))));
        assertThat(new TreeSet<>(routes)).hasSize(20);
    }

    @Test
    void theValidatorRejectsAnAnswerTheSpecDoesNotDescribe() {
        SimpleRequest request = new SimpleRequest.Builder(Request.Method.GET, "/v1/health").build();
        Map<String, Object> wrongShape = new LinkedHashMap<>();
        wrongShape.put("ok", "yes");
        ValidationReport report = validator.validate(request,
                SimpleResponse.Builder.status(200).withContentType("application/json").withBody(Json.write(wrongShape)).build());
        assertThat(report.hasErrors()).isTrue();
        assertThat(validator.validate(request, SimpleResponse.Builder.status(418).build()).hasErrors()).isTrue();
    }
}
