package io.xmonitor.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.xmonitor.json.Json;
import io.xmonitor.testing.MigrationFiles;
import io.xmonitor.testing.TestEnvironment;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each deployable jar, alone on the classpath of a fresh JVM, configured only by environment
 * variables as Lambda configures it: proves the jar holds everything its function loads.
 */
class ShadedJarTest {

    @TempDir
    Path directory;

    private String run(String function, Map<String, String> environment, String... args) throws Exception {
        Path launcher = directory.resolve("Launch.java");
        try (InputStream source = getClass().getResourceAsStream("/launcher/Launch.java")) {
            Files.write(launcher, source.readAllBytes());
        }
        Path jar = Repository.file("functions/" + function + "/target/xmonitor-" + function + ".jar");
        assertThat(jar).as("built by the package phase").exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", jar.toString(), launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).as("nothing missing from the jar").doesNotContain("NoClassDefFoundError", "ClassNotFoundException");
        return output;
    }

    @Test
    void everyFunctionRunsFromItsOwnJar() throws Exception {
        TestEnvironment env = TestEnvironment.get();
        var database = env.emptyDatabase();
        var queues = env.freshQueues();
        Map<String, String> variables = env.variables(database, queues, "jar-key");

        assertThat(run("db-migrate", variables, "io.xmonitor.migrate.DbMigrateHandler", "stream"))
                .contains("\"applied\":" + Json.write(MigrationFiles.versions()));

        String accepted = run("ingest-accept", variables, "io.xmonitor.accept.IngestAcceptHandler", "post", "/v1/ingest/posts/batch", """
                {"items":[{"status_id":"31","url":"https://x.com/a/status/31","author_handle":"a","discovered_at":"2026-01-01T00:00:00Z","last_seen_at":"2026-01-01T00:00:00Z"}]}""");
        assertThat(accepted).contains("202 {\"batch_id\"");

        String body = env.sqs().receiveMessage(b -> b.queueUrl(queues.queueUrl())).messages().getFirst().body();
        assertThat(run("ingest-consumer", variables, "io.xmonitor.consumer.IngestConsumerHandler", "sqs", body)).contains("failures 0");

        assertThat(run("read-api", variables, "io.xmonitor.read.ReadApiHandler", "get", "/v1/posts/31"))
                .contains("200 {\"post\":{\"status_id\":\"31\"");
        assertThat(run("read-api", variables, "io.xmonitor.read.ReadApiHandler", "get", "/v1/health")).contains("\"database\":\"ok\"");
    }
}
