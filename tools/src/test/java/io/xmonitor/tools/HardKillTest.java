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
 * directory, also when the kill goes to the stack's whole process group as a job runner's does;
 * and a second stack on a directory a live one holds says so and exits 1. A stop stuck on a database
 * that no longer answers ends at --stop-timeout, and the database server still ends.
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
        Process stack = start(data, apiPort, null, true);
        Process second = null;
        try {
            List<String> statusIds = new ArrayList<>();
            for (int batch = 0; batch < 6; batch++) {
                String statusId = Integer.toString(700 + batch);
                statusIds.add(statusId);
                assertThat(post(apiPort, statusId, 10)).isEqualTo(202);
            }
            long server = PostgresGuard.runningServer(data.resolve("postgres")).orElseThrow().pid();

            // Its own session makes the stack the leader of a process group the test's JVM is not in.
            signal("KILL", -stack.pid());
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

            second = launch(data, StandIns.freePort(), null, false);
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

    @Test
    void aStopThatHangsEndsAtTheStopTimeoutSayingWhereAndTheDatabaseStillEnds() throws Exception {
        Path data = Files.createTempDirectory("xmonitor-hard-kill-stuck-stop");
        // Long enough for the stand-ins to stop first on a busy machine (their actor system has
        // taken over 2 s there), so that the stop reaches the database and waits on it.
        Process stack = start(data, StandIns.freePort(), null, false, "--stop-timeout", "6");
        ProcessHandle server = PostgresGuard.runningServer(data.resolve("postgres")).orElseThrow();
        try {
            // A database that no longer answers: the clean stop waits on it longer than the stop timeout.
            signal("STOP", server.pid());
            long stopping = System.nanoTime();
            stack.destroy();
            assertThat(stack.waitFor(30, TimeUnit.SECONDS)).as("the stack ends at its stop timeout").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(20));
            assertThat(stack.exitValue()).isEqualTo(1);
            assertThat(Files.readString(data.resolve("stack.out")))
                    .contains("not stopped after 6 s (--stop-timeout); exiting anyway.")
                    .as("names where it waits").contains("EmbeddedPostgres.close");
        } finally {
            signal("CONT", server.pid());
            stack.destroyForcibly();
        }
        assertThat(server.onExit().completeOnTimeout(null, 60, TimeUnit.SECONDS).join())
                .as("the database server ends once the stack has gone").isNotNull();
        assertThat(server.isAlive()).isFalse();
    }

    private static void signal(String name, long pid) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + name, "--", Long.toString(pid)).inheritIO().start().waitFor()).isZero();
    }

    private Process start(Path data, int port, String jdbc) throws Exception {
        return start(data, port, jdbc, false);
    }

    private Process start(Path data, int port, String jdbc, boolean ownSession, String... options) throws Exception {
        Process process = launch(data, port, jdbc, ownSession, options);
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

    /**
     * `xmonitor local` in its own JVM, on its own embedded database unless {@code jdbc} names one;
     * in a session of its own (setsid, Linux) when {@code ownSession}.
     */
    private static Process launch(Path data, int port, String jdbc, boolean ownSession, String... options) throws Exception {
        Path home = Files.createDirectories(data.resolve("home-" + port));
        List<String> command = new ArrayList<>(ownSession ? List.of("setsid") : List.of());
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), XmonitorCli.class.getName(), "local", "--port", Integer.toString(port),
                "--data-dir", data.toString(), "--visibility-timeout", "5"));
        if (jdbc != null) {
            command.addAll(List.of("--database-url", jdbc));
        }
        command.addAll(List.of(options));
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
