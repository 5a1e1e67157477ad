package io.xmonitor.accept;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.xmonitor.config.AppConfig;
import io.xmonitor.config.Environment;
import io.xmonitor.json.Json;
import io.xmonitor.queue.CompressedBody;
import io.xmonitor.queue.MessageAttributes;
import io.xmonitor.testing.ApiEvents;
import io.xmonitor.testing.CapturedOutput;
import io.xmonitor.testing.TestEnvironment;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

class IngestAcceptHandlerTest {

    private static final String SECRET = "canary-7f3a9c1e-secret";
    private static final String POSTS = "/v1/ingest/posts/batch";

    private final TestEnvironment env = TestEnvironment.get();
    private TestEnvironment.TestQueues queues;

    @BeforeEach
    void queues() {
        queues = env.freshQueues();
    }

    private IngestAcceptHandler handler(Map<String, String> overrides) {
        Map<String, String> variables = new HashMap<>(env.variables(null, queues, SECRET));
        variables.putAll(overrides);
        variables.values().removeIf(String::isEmpty);
        return new IngestAcceptHandler(new Environment(variables));
    }

    private static String post(String statusId) {
        return """
                {"status_id":"%s","url":"https://x.com/alice/status/%s","author_handle":"@Alice",
                 "body_text":"hello","discovered_at":"2026-02-25T19:39:12Z","last_seen_at":"2026-02-25T19:40:00Z"}"""
                .formatted(statusId, statusId);
    }

    private static JsonNode json(APIGatewayV2HTTPResponse response) throws Exception {
        return Json.mapper().readTree(response.getBody());
    }

    private List<Message> queued() {
        return env.sqs().receiveMessage(b -> b.queueUrl(queues.queueUrl()).maxNumberOfMessages(10).waitTimeSeconds(0)
                .messageAttributeNames("All")).messages();
    }

    @Test
    void queuesValidItemsAndReportsInvalidOnesByIndex() throws Exception {
        String body = "{\"items\":[" + post("1") + ",{\"status_id\":\"2\"}," + post("3") + "]}";
        APIGatewayV2HTTPResponse response = handler(Map.of()).handleRequest(ApiEvents.post(POSTS, SECRET, body), null);

        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(response.getHeaders()).containsEntry("cache-control", "no-store").containsEntry("x-content-type-options", "nosniff");
        JsonNode answer = json(response);
        assertThat(answer.path("received").asInt()).isEqualTo(3);
        assertThat(answer.path("accepted").asInt()).isEqualTo(2);
        assertThat(answer.path("skipped").asInt()).isEqualTo(1);
        assertThat(answer.path("errors").get(0).path("index").asInt()).isEqualTo(1);
        assertThat(answer.path("errors")).extracting(e -> e.path("message").asText()).containsExactly(
                "items[1].author_handle: is required", "items[1].discovered_at: is required", "items[1].last_seen_at: is required");
        assertThat(answer.path("warnings")).isEmpty();

        List<Message> messages = queued();
        assertThat(messages).hasSize(1);
        JsonNode envelope = Json.mapper().readTree(messages.getFirst().body());
        assertThat(envelope.path("batch_id").asText()).isEqualTo(answer.path("batch_id").asText());
        assertThat(envelope.path("kind").asText()).isEqualTo("posts");
        assertThat(envelope.path("version").asInt()).isEqualTo(1);
        assertThat(envelope.path("items")).hasSize(2);
        assertThat(envelope.path("items").get(0).path("author_handle").asText()).isEqualTo("alice");
        assertThat(messages.getFirst().messageAttributes().get("xmonitor_batch_id").stringValue())
                .isEqualTo(answer.path("batch_id").asText());
    }

    @Test
    void acceptsBearerAndThePreviousSecretDuringRotation() {
        IngestAcceptHandler handler = handler(Map.of(AppConfig.INGEST_SHARED_SECRET, "new-secret",
                AppConfig.INGEST_SHARED_SECRET_PREVIOUS, SECRET));
        String body = "{\"items\":[" + post("1") + "]}";
        var bearerOld = ApiEvents.request("POST", POSTS, Map.of("authorization", "Bearer " + SECRET), Map.of(), body, false);
        var keyNew = ApiEvents.post(POSTS, "new-secret", body);
        assertThat(handler.handleRequest(bearerOld, null).getStatusCode()).isEqualTo(202);
        assertThat(handler.handleRequest(keyNew, null).getStatusCode()).isEqualTo(202);
    }

    @Test
    void refusesMissingOrWrongKeysAndFailsClosedWithoutASecret() throws Exception {
        String body = "{\"items\":[" + post("1") + "]}";
        assertThat(handler(Map.of()).handleRequest(ApiEvents.post(POSTS, null, body), null).getStatusCode()).isEqualTo(401);
        APIGatewayV2HTTPResponse wrong = handler(Map.of()).handleRequest(ApiEvents.post(POSTS, SECRET + "x", body), null);
        assertThat(wrong.getStatusCode()).isEqualTo(401);
        assertThat(json(wrong).path("error").asText()).isEqualTo("missing or invalid API key");

        APIGatewayV2HTTPResponse unconfigured = handler(Map.of(AppConfig.INGEST_SHARED_SECRET, ""))
                .handleRequest(ApiEvents.post(POSTS, SECRET, body), null);
        assertThat(unconfigured.getStatusCode()).isEqualTo(503);
        assertThat(queued()).isEmpty();
    }

    @Test
    void answersBadBodiesWithClearErrors() throws Exception {
        IngestAcceptHandler handler = handler(Map.of(AppConfig.MAX_REQUEST_BYTES, "2048"));
        Map<String, String> cases = Map.of(
                "not json", "body is not valid JSON",
                "{\"items\":{}}", "body must be an object with an \"items\" array",
                "{\"items\":[1],\"items\":[2]}", "duplicate key \"items\" in the body",
                "{\"items\":[]}", "items must not be empty");
        for (var entry : cases.entrySet()) {
            APIGatewayV2HTTPResponse response = handler.handleRequest(ApiEvents.post(POSTS, SECRET, entry.getKey()), null);
            assertThat(response.getStatusCode()).as(entry.getKey()).isEqualTo(400);
            assertThat(json(response).path("error").asText()).isEqualTo(entry.getValue());
        }
        String large = "{\"items\":[" + post("1") + "],\"pad\":\"" + "x".repeat(3000) + "\"}";
        assertThat(handler.handleRequest(ApiEvents.post(POSTS, SECRET, large), null).getStatusCode()).isEqualTo(413);

        APIGatewayV2HTTPResponse allInvalid = handler.handleRequest(
                ApiEvents.post(POSTS, SECRET, "{\"items\":[{\"status_id\":\"x\"}]}"), null);
        assertThat(allInvalid.getStatusCode()).isEqualTo(422);
        assertThat(json(allInvalid).path("errors")).isNotEmpty();
        assertThat(queued()).isEmpty();
    }

    @Test
    void theBodyLimitCountsTheBodyAsLambdaReceivesIt() throws Exception {
        IngestAcceptHandler handler = handler(Map.of(AppConfig.MAX_REQUEST_BYTES, "2048"));
        // Escaped quotes count twice: the same length in letters fits, in quotes it does not.
        String letters = "{\"items\":[" + post("1").replace("hello", "x".repeat(1200)) + "]}";
        String quotes = "{\"items\":[" + post("2").replace("hello", "\\\"".repeat(600)) + "]}";
        assertThat(letters.length()).isEqualTo(quotes.length());
        assertThat(handler.handleRequest(ApiEvents.post(POSTS, SECRET, letters), null).getStatusCode()).isEqualTo(202);
        APIGatewayV2HTTPResponse escaped = handler.handleRequest(ApiEvents.post(POSTS, SECRET, quotes), null);
        assertThat(escaped.getStatusCode()).isEqualTo(413);
        assertThat(json(escaped).path("error").asText()).startsWith("body exceeds 2048 bytes as API Gateway passes it to the function");
        assertThat(queued()).hasSize(1);
    }

    @Test
    void textTheQueueCouldNotCarryIsCleanedAndTheItemKeptWithAWarning() throws Exception {
        String unqueueable = post("2").replace("hello", "bad \\uffff text");
        APIGatewayV2HTTPResponse response = handler(Map.of()).handleRequest(
                ApiEvents.post(POSTS, SECRET, "{\"items\":[" + post("1") + "," + unqueueable + "]}"), null);
        assertThat(response.getStatusCode()).isEqualTo(202);
        JsonNode answer = json(response);
        assertThat(answer.path("errors")).isEmpty();
        assertThat(answer.path("warnings")).singleElement().satisfies(warning -> {
            assertThat(warning.path("index").asInt()).isEqualTo(1);
            assertThat(warning.path("field").asText()).isEqualTo("body_text");
            assertThat(warning.path("message").asText()).startsWith("held characters that cannot be stored");
        });
        JsonNode envelope = Json.mapper().readTree(queued().getFirst().body());
        assertThat(envelope.path("items")).extracting(item -> item.path("body_text").asText()).containsExactly("hello", "bad  text");
    }

    @Test
    void aDuplicateKeyInsideAnItemCostsThatItemAlone() throws Exception {
        String twice = post("2").replace("\"body_text\"", "\"likes\":1,\"likes\":2,\"body_text\"");
        APIGatewayV2HTTPResponse response = handler(Map.of()).handleRequest(
                ApiEvents.post(POSTS, SECRET, "{\"items\":[" + post("1") + "," + twice + "]}"), null);
        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(json(response).path("errors")).extracting(e -> e.path("message").asText())
                .containsExactly("items[1]: holds the key \"likes\" more than once");
        JsonNode envelope = Json.mapper().readTree(queued().getFirst().body());
        assertThat(envelope.path("items")).extracting(item -> item.path("status_id").asText()).containsExactly("1");
    }

    @Test
    void moreThanFiveThousandItemsAreAcceptedAsOneMessage() throws Exception {
        StringBuilder items = new StringBuilder();
        for (int i = 1; i <= 6_000; i++) {
            items.append(i == 1 ? "" : ",").append(post(Integer.toString(i)));
        }
        APIGatewayV2HTTPResponse response = handler(Map.of()).handleRequest(ApiEvents.post(POSTS, SECRET, "{\"items\":[" + items + "]}"), null);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(202);
        assertThat(json(response).path("accepted").asInt()).isEqualTo(6_000);
        List<Message> messages = queued();
        assertThat(messages).as("one message: nothing can be half-queued").hasSize(1);
        // Compressed, these alike posts fit one SQS message; the claim check is the test below.
        assertThat(messages.getFirst().messageAttributes().get(MessageAttributes.CONTENT_ENCODING).stringValue())
                .isEqualTo(CompressedBody.GZIP_BASE64);
        byte[] envelope = CompressedBody.decode(messages.getFirst().body().getBytes(StandardCharsets.US_ASCII)).orElseThrow();
        assertThat(envelope.length).as("larger than the claim-check threshold, which the compressed body is held to").isGreaterThan(1024 * 1024);
        assertThat(Json.mapper().readTree(envelope).path("items")).hasSize(6_000);
    }

    @Test
    void theOldApisBasePathReachesTheSameRoutes() throws Exception {
        APIGatewayV2HTTPResponse response = handler(Map.of()).handleRequest(
                ApiEvents.post("/api/v1/ingest/posts/batch", SECRET, "{\"items\":[" + post("1") + "]}"), null);
        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(Json.mapper().readTree(queued().getFirst().body()).path("kind").asText()).isEqualTo("posts");
    }

    @Test
    void aKeyThatIsNotUnicodeMakesTheWholeBodyUnreadable() throws Exception {
        String body = "{\"items\":[" + post("1").replace("\"body_text\"", "\"\\ud800\"") + "]}";
        APIGatewayV2HTTPResponse response = handler(Map.of()).handleRequest(ApiEvents.post(POSTS, SECRET, body), null);
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(json(response).path("error").asText()).isEqualTo("body is not valid JSON");
        assertThat(queued()).isEmpty();
    }

    @Test
    void decodesBase64BodiesAndRejectsInvalidUtf8() throws Exception {
        IngestAcceptHandler handler = handler(Map.of());
        String body = "{\"items\":[" + post("1") + "]}";
        var encoded = ApiEvents.request("POST", POSTS, Map.of("x-api-key", SECRET), Map.of(),
                Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)), true);
        assertThat(handler.handleRequest(encoded, null).getStatusCode()).isEqualTo(202);

        byte[] invalid = {'{', '"', 'i', 't', 'e', 'm', 's', '"', ':', '"', (byte) 0xFF, '"', '}'};
        var badUtf8 = ApiEvents.request("POST", POSTS, Map.of("x-api-key", SECRET), Map.of(),
                Base64.getEncoder().encodeToString(invalid), true);
        APIGatewayV2HTTPResponse response = handler.handleRequest(badUtf8, null);
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(json(response).path("error").asText()).isEqualTo("body is not valid UTF-8");
    }

    @Test
    void routesAndMethodsOutsideTheApiAreRefused() {
        IngestAcceptHandler handler = handler(Map.of());
        assertThat(handler.handleRequest(ApiEvents.post("/v1/ingest/unknown/batch", SECRET, "{}"), null).getStatusCode()).isEqualTo(404);
        var get = ApiEvents.request("GET", POSTS, Map.of("x-api-key", SECRET), Map.of(), null, false);
        APIGatewayV2HTTPResponse response = handler.handleRequest(get, null);
        assertThat(response.getStatusCode()).isEqualTo(405);
        assertThat(response.getHeaders()).containsEntry("allow", "POST");
    }

    @Test
    void largeBatchesTravelThroughS3AsAStandardPointer() throws Exception {
        IngestAcceptHandler handler = handler(Map.of(AppConfig.PAYLOAD_THRESHOLD_BYTES, "4096"));
        StringBuilder items = new StringBuilder();
        for (int i = 1; i <= 40; i++) {
            items.append(i == 1 ? "" : ",").append(post(Integer.toString(i)));
        }
        APIGatewayV2HTTPResponse response = handler.handleRequest(ApiEvents.post(POSTS, SECRET, "{\"items\":[" + items + "]}"), null);
        assertThat(response.getStatusCode()).isEqualTo(202);

        Message message = queued().getFirst();
        JsonNode pointer = Json.mapper().readTree(message.body());
        assertThat(pointer.get(0).asText()).isEqualTo("software.amazon.payloadoffloading.PayloadS3Pointer");
        assertThat(pointer.get(1).path("s3BucketName").asText()).isEqualTo(queues.bucket());
        String key = pointer.get(1).path("s3Key").asText();
        JsonNode stored = Json.mapper().readTree(
                env.s3().getObjectAsBytes(b -> b.bucket(queues.bucket()).key(key)).asByteArray());
        assertThat(stored.path("items")).hasSize(40);
        assertThat(stored.path("batch_id").asText()).isEqualTo(json(response).path("batch_id").asText());
    }

    @Test
    void anUnreachableQueueGives503WithRetryAfter() throws Exception {
        IngestAcceptHandler handler = handler(Map.of(AppConfig.SQS_ENDPOINT, "http://127.0.0.1:9"));
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                ApiEvents.post(POSTS, SECRET, "{\"items\":[" + post("1") + "]}"), null);
        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getHeaders()).containsKey("retry-after");
        assertThat(json(response).path("error").asText()).contains("retry later");
    }

    @Test
    void neitherTheSecretNorTheBodyAppearsInLogsOrResponses() {
        String canaryBody = "canary-body-text-91b2";
        String body = "{\"items\":[" + post("1").replace("hello", canaryBody) + ",{\"status_id\":\"" + canaryBody + "\"}]}";
        StringBuilder responses = new StringBuilder();
        String logs;
        try (CapturedOutput output = new CapturedOutput()) {
            IngestAcceptHandler handler = handler(Map.of());
            responses.append(handler.handleRequest(ApiEvents.post(POSTS, SECRET, body), null).getBody());
            responses.append(handler.handleRequest(ApiEvents.post(POSTS, SECRET + "-wrong", body), null).getBody());
            responses.append(handler(Map.of(AppConfig.SQS_ENDPOINT, "http://127.0.0.1:9"))
                    .handleRequest(ApiEvents.post(POSTS, SECRET, body), null).getBody());
            logs = output.text();
        }
        assertThat(logs).contains("\"event\":\"ingest_request\"").contains("\"status\":202").contains("\"status\":401");
        assertThat(logs + responses).doesNotContain(SECRET).doesNotContain(canaryBody);
    }
}
