package io.xmonitor.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.xmonitor.local.PostgresGuard;
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
 * `xmonitor local --data-dir` killed with SIGKILL: after a restart on the same directory every
 * batch it answered 202 is applied, whether it waited in the queue (the database was down) or in
 * the stack's own embedded database, whose server ends with the stack rather than holding the
 * directory; and a second stack on a directory a live one holds says so and exits 1.
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
                assertThat(post(apiPort, statusId, batch == 3 ? 1_200_000 : 10)).as("accepted while the database is down").isEqualTo(202);
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

    @Test
    void theStacksOwnDatabaseEndsWithItAndARestartGetsItsDataDirectoryBack() throws Exception {
        Path data = Files.createTempDirectory("xmonitor-hard-kill-own-db");
        int apiPort = StandIns.freePort();
        Process stack = start(data, apiPort, null);
        Process second = null;
        try {
            List<String> statusIds = new ArrayList<>();
            for (int batch = 0; batch < 6; batch++) {
                String statusId = Integer.toString(700 + batch);
                statusIds.add(statusId);
                assertThat(post(apiPort, statusId, 10)).isEqualTo(202);
            }
            long server = PostgresGuard.runningServer(data.resolve("postgres")).orElseThrow().pid();

            stack.destroyForcibly();
            assertThat(stack.waitFor(20, TimeUnit.SECONDS)).isTrue();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (ProcessHandle.of(server).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(ProcessHandle.of(server).map(ProcessHandle::isAlive).orElse(false))
                    .as("the embedded database ends with the stack that started it").isFalse();

            stack = start(data, apiPort, null);
            deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int applied = 0;
            while (applied < statusIds.size() && System.nanoTime() < deadline) {
                Thread.sleep(500);
                applied = feedCount(apiPort, statusIds);
            }
            assertThat(applied).as("every batch answered 202 before the kill").isEqualTo(statusIds.size());

            second = launch(data, StandIns.freePort(), null);
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).as("a second stack on a held directory stops").isTrue();
            assertThat(second.exitValue()).isEqualTo(1);
            assertThat(Files.readString(data.resolve("stack.out"))).contains("is in use by another xmonitor local (pid " + stack.pid() + ")");
            assertThat(stack.isAlive()).as("the stack holding the directory keeps running").isTrue();
        } finally {
            if (second != null) {
                second.destroyForcibly();
            }
            stack.destroy();
            stack.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private Process start(Path data, int port, String jdbc) throws Exception {
        Process process = launch(data, port, jdbc);
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

    /** `xmonitor local` in its own JVM, on its own embedded database unless {@code jdbc} names one. */
    private static Process launch(Path data, int port, String jdbc) throws Exception {
        Path home = Files.createDirectories(data.resolve("home-" + port));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), XmonitorCli.class.getName(), "local", "--port", Integer.toString(port),
                "--data-dir", data.toString(), "--visibility-timeout", "5"));
        if (jdbc != null) {
            command.addAll(List.of("--database-url", jdbc));
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("stack.out").toFile()));
        builder.environment().put("XMONITOR_HOME", home.toString());
        builder.environment().put("XMONITOR_INGEST_SHARED_SECRET", KEY);
        builder.environment().put("XMONITOR_DATABASE_USER", "postgres");
        builder.environment().put("XMONITOR_DATABASE_PASSWORD", "postgres");
        return builder.start();
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

    /** How many of the posts the feed shows (the stack's own database answers through its API). */
    private int feedCount(int port, List<String> statusIds) {
        try {
            String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/feed?handle=a&limit=200")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return (int) statusIds.stream().filter(id -> body.contains("\"status_id\":\"" + id + "\"")).count();
        } catch (Exception notYet) {
            return 0;
        }
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
