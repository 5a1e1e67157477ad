package io.xmonitor.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.xmonitor.local.StandIns;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * `xmonitor local --data-dir` killed with SIGKILL while accepted batches wait in its queue: after
 * a restart on the same directory every one of them is applied. The database is down while the
 * batches arrive, so none can be applied before the kill.
 */
class HardKillTest {

    private static final String KEY = "hard-kill-key";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void batchesAcceptedBeforeAHardKillAreAppliedAfterTheRestart() throws Exception {
        Path data = Files.createTempDirectory("xmonitor-hard-kill");
        Path databaseFiles = Files.createTempDirectory("xmonitor-hard-kill-db");
        int databasePort = StandIns.freePort();
        int apiPort = StandIns.freePort();
        String jdbc = "jdbc:postgresql://127.0.0.1:" + databasePort + "/postgres";
        EmbeddedPostgres postgres = StandIns.postgres(databaseFiles, databasePort);
        Process stack = start(data, apiPort, jdbc);
        List<String> statusIds = new ArrayList<>();
        try {
            postgres.close();
            for (int batch = 0; batch < 10; batch++) {
                String statusId = Integer.toString(500 + batch);
                statusIds.add(statusId);
                // One batch large enough to travel through the payload bucket.
                assertThat(post(apiPort, statusId, batch == 3 ? 400_000 : 10)).as("accepted while the database is down").isEqualTo(202);
            }
            stack.destroyForcibly();
            assertThat(stack.waitFor(20, TimeUnit.SECONDS)).isTrue();

            postgres = StandIns.postgres(databaseFiles, databasePort);
            stack = start(data, apiPort, jdbc);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int applied = 0;
            while (applied < statusIds.size() && System.nanoTime() < deadline) {
                Thread.sleep(500);
                applied = countPosts(jdbc, statusIds);
            }
            assertThat(applied).as("every batch answered 202 before the kill").isEqualTo(statusIds.size());
        } finally {
            stack.destroy();
            stack.waitFor(30, TimeUnit.SECONDS);
            postgres.close();
        }
    }

    private Process start(Path data, int port, String jdbc) throws Exception {
        Path home = Files.createDirectories(data.resolve("home"));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), XmonitorCli.class.getName(), "local", "--port", Integer.toString(port),
                "--data-dir", data.toString(), "--database-url", jdbc, "--visibility-timeout", "5")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("stack.out").toFile()));
        builder.environment().put("XMONITOR_HOME", home.toString());
        builder.environment().put("XMONITOR_INGEST_SHARED_SECRET", KEY);
        builder.environment().put("XMONITOR_DATABASE_USER", "postgres");
        builder.environment().put("XMONITOR_DATABASE_PASSWORD", "postgres");
        Process process = builder.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as(Files.readString(data.resolve("stack.out"))).isTrue();
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return process;
                }
            } catch (java.io.IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the stack did not start: " + Files.readString(data.resolve("stack.out")));
    }

    private int post(int port, String statusId, int bodyChars) throws Exception {
        StringBuilder items = new StringBuilder();
        int copies = Math.max(1, bodyChars / 20_000);
        for (int i = 0; i < copies; i++) {
            items.append(i == 0 ? "" : ",").append("""
                    {"status_id":"%s","url":"https://x.com/a/status/%s","author_handle":"a","body_text":"%s",
                     "discovered_at":"2026-02-25T19:00:00Z","last_seen_at":"2026-02-25T19:%02d:00Z"}"""
                    .formatted(statusId, statusId, "k".repeat(Math.min(bodyChars, 20_000)), i % 60));
        }
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/ingest/posts/batch"))
                .header("x-api-key", KEY).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"items\":[" + items + "]}")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int countPosts(String jdbc, List<String> statusIds) {
        try (Connection connection = DriverManager.getConnection(jdbc, "postgres", "postgres");
             var statement = connection.prepareStatement("SELECT count(*) FROM posts WHERE status_id = ANY(?)")) {
            statement.setArray(1, connection.createArrayOf("text", statusIds.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (Exception notYet) {
            return 0;
        }
    }
}
