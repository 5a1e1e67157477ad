package io.xmonitor.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.xmonitor.json.Json;
import io.xmonitor.tools.local.LocalStack;
import io.xmonitor.tools.local.StackState;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.concurrent.TimeUnit;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.xmonitor.tools.template.SamTemplate;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `xmonitor local` as a new user tries it: post a batch, see it in the feed, make one fail into the DLQ, stop. */
class LocalStackTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @TempDir
    Path webDirectory;

    @Test
    void aPostedBatchAppearsInTheFeedAndAPoisonMessageEndsInTheDlq() throws Exception {
        Files.writeString(webDirectory.resolve("index.html"), "<!doctype html><title>XMonitor</title>");
        LocalStack stack = LocalStack.start(new LocalStack.Options(0, null, null, null, null, "test-local-key", 1, webDirectory, Optional.empty()));
        StackState state = stack.state();
        ProcessHandle databaseServer;
        try {
            assertThat(StackState.read()).contains(state);
            databaseServer = postmaster(state);

            // CloudFront's response headers policy, from the template's one definition, on the dashboard and the API alike.
            Map<String, String> edge = SamTemplate.parse(Repository.read("template.yaml"))
                    .responseHeaders("DashboardResponseHeaders", Map.of("SignInOrigins", ""));
            assertThat(edge).hasSizeGreaterThanOrEqualTo(7);
            for (String path : List.of("/", "/posts/1", "/config.json", "/v1/health", "/v1/feed?limit=x", "/v1/nothing")) {
                HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(state.apiUrl() + path)).build());
                edge.forEach((name, value) -> assertThat(answer.headers().allValues(name)).as(path + " " + name).containsExactly(value));
            }
            assertThat(TemplateTest.directives(edge.get("Content-Security-Policy")).get("connect-src")).containsExactly("'self'");

            String body = """
                    {"items":[{"status_id":"42","url":"https://x.com/me/status/42","author_handle":"@Me",
                      "body_text":"hello local","discovered_at":"%s","last_seen_at":"%s"}]}""".formatted(Instant.now(), Instant.now());
            HttpResponse<String> accepted = send(HttpRequest.newBuilder(URI.create(state.apiUrl() + "/v1/ingest/posts/batch"))
                    .header("x-api-key", "test-local-key").header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            HttpResponse<String> oldBasePath = send(HttpRequest.newBuilder(URI.create(state.apiUrl() + "/api/v1/ingest/posts/batch"))
                    .header("x-api-key", "test-local-key").header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.replace("\"42\"", "\"43\"").replace("/42", "/43"))).build());
            assertThat(oldBasePath.statusCode()).as("the old API's base path: " + oldBasePath.body()).isEqualTo(202);
            long appliedBy = System.nanoTime() + 30_000_000_000L;

            JsonNode feed = Json.mapper().readTree(send(HttpRequest.newBuilder(URI.create(state.apiUrl() + "/v1/feed?handle=me")).build()).body());
            while (feed.path("items").size() < 2 && System.nanoTime() < appliedBy) {
                Thread.sleep(100);
                feed = Json.mapper().readTree(send(HttpRequest.newBuilder(URI.create(state.apiUrl() + "/v1/feed?handle=me")).build()).body());
            }
            // How fast is measured, not asserted here (see the issue note); here: it arrives, applied by the poller.
            assertThat(feed.path("items")).extracting(item -> item.path("status_id").asText()).containsExactly("43", "42");

            stack.sqs().sendMessage(b -> b.queueUrl(state.queueUrl()).messageBody("{\"version\":1,\"kind\":\"posts\"}"));
            long deadline = System.nanoTime() + 30_000_000_000L;
            String dlqDepth = "0";
            while (dlqDepth.equals("0") && System.nanoTime() < deadline) {
                Thread.sleep(250);
                dlqDepth = stack.sqs().getQueueAttributes(b -> b.queueUrl(state.dlqUrl())
                        .attributeNamesWithStrings("ApproximateNumberOfMessages")).attributesAsStrings().get("ApproximateNumberOfMessages");
            }
            assertThat(dlqDepth).isEqualTo("1");
        } finally {
            stack.close();
        }
        assertThat(StackState.read()).isEmpty();
        Assertions.assertThatThrownBy(() -> send(HttpRequest.newBuilder(URI.create(state.apiUrl() + "/v1/health"))
                .timeout(Duration.ofSeconds(2)).build())).isInstanceOf(IOException.class);
        assertThat(databaseServer.onExit().completeOnTimeout(null, 30, TimeUnit.SECONDS).join())
                .as("the stack's PostgreSQL server ends with it").isNotNull();
    }

    /** The PostgreSQL server of the stack's database: the parent of the backend serving a connection (pg_ctl detaches it from the JVM). */
    private static ProcessHandle postmaster(StackState state) throws Exception {
        try (Connection connection = DriverManager.getConnection(state.jdbcUrl(), state.databaseUser(), state.databasePassword());
             ResultSet backend = connection.createStatement().executeQuery("SELECT pg_backend_pid()")) {
            backend.next();
            ProcessHandle server = ProcessHandle.of(backend.getLong(1)).flatMap(ProcessHandle::parent).orElseThrow();
            assertThat(server.info().command().orElse("")).as("the backend's parent").endsWith("postgres");
            return server;
        }
    }
}
