package io.xmonitor.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.xmonitor.config.AppConfig;
import io.xmonitor.json.Json;
import io.xmonitor.testing.MigrationFiles;
import io.xmonitor.testing.TestEnvironment;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each deployable jar, alone on the classpath of a fresh JVM, configured only by environment
 * variables as Lambda configures it: proves the jar holds everything its function loads.
 */
class ShadedJarTest {

    @TempDir
    Path directory;

    /** Runs {@code launcher} (a source file under {@code /launcher}) on the function's jar alone. */
    private String run(String function, Map<String, String> environment, String launcherName, String... args) throws Exception {
        Path launcher = directory.resolve(launcherName + ".java");
        try (InputStream source = getClass().getResourceAsStream("/launcher/" + launcherName + ".java")) {
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

    /**
     * Every project class a function jar carries links there: its fields, signatures and
     * verification find what they need in that jar. A class belonging to another function (one
     * that would need that function's libraries) must be left out of the jar, not shipped broken.
     */
    @ParameterizedTest
    @ValueSource(strings = {"ingest-accept", "ingest-consumer", "read-api", "db-migrate"})
    void everyProjectClassInAFunctionJarLinks(String function) throws Exception {
        Path jar = Repository.file("functions/" + function + "/target/xmonitor-" + function + ".jar");
        List<String> classes = new ArrayList<>();
        try (JarFile entries = new JarFile(jar.toFile())) {
            entries.stream().map(JarEntry::getName)
                    .filter(name -> name.startsWith("io/xmonitor/") && name.endsWith(".class"))
                    .forEach(name -> classes.add(name.substring(0, name.length() - ".class".length()).replace('/', '.')));
        }
        assertThat(classes).as("the function's own classes").isNotEmpty();
        Map<String, String> unlinkable = new TreeMap<>();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            for (String name : classes) {
                try {
                    // Reflecting on declared members links the class, which runs the verifier.
                    Class<?> type = Class.forName(name, false, loader);
                    type.getDeclaredFields();
                    type.getDeclaredMethods();
                    type.getDeclaredConstructors();
                } catch (LinkageError | ClassNotFoundException e) {
                    unlinkable.put(name, e.toString());
                }
            }
        }
        assertThat(unlinkable).as("classes in %s that cannot link there", jar.getFileName()).isEmpty();
    }

    @Test
    void everyFunctionRunsFromItsOwnJar() throws Exception {
        TestEnvironment env = TestEnvironment.get();
        var database = env.emptyDatabase();
        var queues = env.freshQueues();
        Map<String, String> variables = env.variables(database, queues, "jar-key");

        assertThat(run("db-migrate", variables, "LaunchStream", "io.xmonitor.migrate.DbMigrateHandler"))
                .contains("\"applied\":" + Json.write(MigrationFiles.versions()));

        String accepted = run("ingest-accept", variables, "LaunchHttp", "io.xmonitor.accept.IngestAcceptHandler", "post", "/v1/ingest/posts/batch", """
                {"items":[{"status_id":"31","url":"https://x.com/a/status/31","author_handle":"a","discovered_at":"2026-01-01T00:00:00Z","last_seen_at":"2026-01-01T00:00:00Z"}]}""");
        assertThat(accepted).contains("202 {\"batch_id\"");

        String body = takeMessage(env, queues.queueUrl());
        assertThat(run("ingest-consumer", variables, "LaunchSqs", "io.xmonitor.consumer.IngestConsumerHandler", body)).contains("failures 0");

        // A batch above the claim-check threshold goes through the payload bucket, written by one
        // jar and read by the other.
        Map<String, String> claimChecked = new HashMap<>(variables);
        claimChecked.put(AppConfig.PAYLOAD_THRESHOLD_BYTES, "1024");
        String text = "a post long enough to be claim-checked ".repeat(40);
        assertThat(run("ingest-accept", claimChecked, "LaunchHttp", "io.xmonitor.accept.IngestAcceptHandler", "post", "/v1/ingest/posts/batch", """
                {"items":[{"status_id":"32","url":"https://x.com/a/status/32","author_handle":"a","body_text":"%s","discovered_at":"2026-01-01T00:00:00Z","last_seen_at":"2026-01-01T00:00:00Z"}]}""".formatted(text)))
                .contains("202 {\"batch_id\"");
        String pointer = takeMessage(env, queues.queueUrl());
        assertThat(pointer).startsWith("[\"software.amazon.payloadoffloading.PayloadS3Pointer\"");
        assertThat(run("ingest-consumer", claimChecked, "LaunchSqs", "io.xmonitor.consumer.IngestConsumerHandler", pointer)).contains("failures 0");
        assertThat(run("read-api", variables, "LaunchHttp", "io.xmonitor.read.ReadApiHandler", "get", "/v1/posts/32")).contains(text);

        assertThat(run("read-api", variables, "LaunchHttp", "io.xmonitor.read.ReadApiHandler", "get", "/v1/posts/31"))
                .contains("200 {\"post\":{\"status_id\":\"31\"");
        assertThat(run("read-api", variables, "LaunchHttp", "io.xmonitor.read.ReadApiHandler", "get", "/v1/health")).contains("\"database\":\"ok\"");
    }

    private static String takeMessage(TestEnvironment env, String queueUrl) {
        var message = env.sqs().receiveMessage(b -> b.queueUrl(queueUrl)).messages().getFirst();
        env.sqs().deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
        return message.body();
    }
}
