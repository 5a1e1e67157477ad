package io.xmonitor.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.xmonitor.local.StandIns;
import io.xmonitor.testing.CapturedOutput;
import io.xmonitor.tools.local.LocalStack;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The operator's outage drill on the local stack: the database goes down while batches arrive,
 * they end in the DLQ with the reason recorded, the database comes back, `xmonitor dlq redrive`
 * brings them back, and every accepted item is applied as if nothing had happened.
 */
class OutageRecoveryTest {

    private static final String KEY = "outage-key";
    private final HttpClient http = HttpClient.newHttpClient();

    private int post(String apiUrl, String statusId, int likes) throws Exception {
        String body = """
                {"items":[{"status_id":"%s","url":"https://x.com/a/status/%s","author_handle":"a","body_text":"outage %s",
                  "likes":%d,"discovered_at":"2026-02-25T19:00:00Z","last_seen_at":"2026-02-25T20:00:00Z"}]}""".formatted(statusId, statusId, statusId, likes);
        return http.send(HttpRequest.newBuilder(URI.create(apiUrl + "/v1/ingest/posts/batch")).header("x-api-key", KEY)
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int depth(LocalStack stack, String url) {
        var attributes = stack.sqs().getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings(
                "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible")).attributesAsStrings();
        return Integer.parseInt(attributes.get("ApproximateNumberOfMessages")) + Integer.parseInt(attributes.get("ApproximateNumberOfMessagesNotVisible"));
    }

    @Test
    void batchesFromAnOutageAreRedrivenAndAppliedOnce() throws Exception {
        Path data = Files.createTempDirectory("xmonitor-outage-db");
        int port = StandIns.freePort();
        EmbeddedPostgres postgres = StandIns.postgres(data, port);
        String jdbc = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        LocalStack stack = LocalStack.start(new LocalStack.Options(0, null, jdbc, "postgres", "postgres", KEY, 1, null, Optional.empty()));
        try {
            String api = stack.state().apiUrl();
            assertThat(post(api, "1", 1)).isEqualTo(202);
            assertThat(stack.awaitDrained(Duration.ofSeconds(10))).isTrue();

            postgres.close();
            List<String> during = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                during.add(Integer.toString(100 + i));
                assertThat(post(api, during.getLast(), i)).as("ingest stays up without the database").isEqualTo(202);
            }
            long deadline = System.nanoTime() + 90_000_000_000L;
            while (depth(stack, stack.state().dlqUrl()) < during.size() && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            assertThat(depth(stack, stack.state().dlqUrl())).isEqualTo(during.size());

            String peek;
            try (CapturedOutput output = new CapturedOutput()) {
                assertThat(XmonitorCli.run("dlq", "peek", "-n", "20")).isZero();
                peek = output.text();
            }
            assertThat(peek).contains("posts").contains("database unavailable");

            postgres = StandIns.postgres(data, port);
            assertThat(XmonitorCli.run("dlq", "redrive", "--wait")).isZero();
            assertThat(stack.awaitDrained(Duration.ofSeconds(30))).isTrue();
            assertThat(depth(stack, stack.state().dlqUrl())).isZero();
            assertThat(XmonitorCli.run("dlq", "status")).isZero();

            try (Connection connection = DriverManager.getConnection(jdbc, "postgres", "postgres")) {
                ResultSet posts = connection.createStatement().executeQuery("SELECT count(*), sum(likes) FROM posts WHERE status_id::bigint >= 100");
                posts.next();
                assertThat(posts.getInt(1)).isEqualTo(during.size());
                assertThat(posts.getInt(2)).isEqualTo(0 + 1 + 2 + 3 + 4 + 5 + 6 + 7);
                ResultSet ledger = connection.createStatement().executeQuery("SELECT count(*), sum(rows_written) FROM ingest_batches");
                ledger.next();
                assertThat(ledger.getInt(1)).as("every batch applied exactly once").isEqualTo(during.size() + 1);
                assertThat(ledger.getInt(2)).isEqualTo(during.size() + 1);
            }
        } finally {
            stack.close();
            postgres.close();
        }
    }
}
