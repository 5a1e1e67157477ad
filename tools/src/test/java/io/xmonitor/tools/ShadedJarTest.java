package io.xmonitor.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.xmonitor.config.AppConfig;
import io.xmonitor.json.Json;
import io.xmonitor.testing.MigrationFiles;
import io.xmonitor.testing.SecretsManagerStandIn;
import io.xmonitor.testing.TestEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each deployable jar, alone on the classpath of a fresh JVM, configured only by environment
 * variables as Lambda configures it: proves the jar holds everything its function loads.
 */
class ShadedJarTest {

    /** The AWS operations the functions call, by service (the shade filters in the parent pom keep these). */
    private static final Map<String, List<String>> CALLED_OPERATIONS = Map.of("sqs", List.of("SendMessage"),
            "s3", List.of("PutObject", "GetObject"), "secretsmanager", List.of("GetSecretValue"));

    private static final String API_KEY = "jar-key";
    private static final String INGEST_SECRET = "arn:aws:secretsmanager:us-east-1:1:secret:ingest";
    private static final String DATABASE_SECRET = "arn:aws:secretsmanager:us-east-1:1:secret:database";

    @TempDir
    Path directory;

    /** Runs {@code launcher} (a source file under {@code /launcher}) on the function's jar alone. */
    private String run(String function, Map<String, String> environment, String launcherName, String... args) throws Exception {
        Path launcher = directory.resolve(launcherName + ".java");
        try (InputStream source = getClass().getResourceAsStream("/launcher/" + launcherName + ".java")) {
            Files.write(launcher, source.readAllBytes());
        }
        Path jar = functionJar(function);
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
        Path jar = functionJar(function);
        List<String> classes = classesIn(jar).stream().filter(name -> name.startsWith("io.xmonitor.")).sorted().toList();
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

    /**
     * The parent pom keeps, of each AWS service's model, only the operations the functions call.
     * Those operations' requests, responses and marshallers must be in the jar with everything
     * they refer to inside the SDK's service packages, and no project class may refer to an SDK
     * class the jar lacks; otherwise a call would fail only when it first runs.
     */
    @ParameterizedTest
    @ValueSource(strings = {"ingest-accept", "ingest-consumer", "read-api", "db-migrate"})
    void theAwsCallsAFunctionMakesAreWholeInItsJar(String function) throws Exception {
        Path jar = functionJar(function);
        Set<String> inJar = classesIn(jar);
        Map<String, Set<String>> references = sdkServiceReferences(jar);
        assertThat(references).as("references jdeps found in %s", jar.getFileName()).isNotEmpty();

        Deque<String> pending = new ArrayDeque<>();
        CALLED_OPERATIONS.forEach((service, operations) -> {
            String sdk = "software.amazon.awssdk.services." + service + ".";
            if (inJar.stream().noneMatch(name -> name.startsWith(sdk))) {
                return;
            }
            for (String operation : operations) {
                List<String> classes = List.of(sdk + "model." + operation + "Request", sdk + "model." + operation + "Response",
                        sdk + "transform." + operation + "RequestMarshaller");
                assertThat(inJar).as("%s's classes in %s", operation, jar.getFileName()).containsAll(classes);
                inJar.stream().filter(name -> classes.stream().anyMatch(c -> name.equals(c) || name.startsWith(c + "$")))
                        .forEach(pending::add);
            }
        });
        assertThat(pending).as("every function reads its secrets").contains(
                "software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest");
        Set<String> reached = new HashSet<>();
        while (!pending.isEmpty()) {
            String type = pending.pop();
            if (reached.add(type)) {
                pending.addAll(references.getOrDefault(type, Set.of()));
            }
        }
        assertThat(reached.stream().filter(type -> !inJar.contains(type)).sorted().toList())
                .as("classes the called operations need that %s lacks", jar.getFileName()).isEmpty();

        Map<String, List<String>> missingFromProjectClasses = new TreeMap<>();
        references.forEach((source, targets) -> {
            List<String> missing = targets.stream().filter(target -> !inJar.contains(target)).sorted().toList();
            if (source.startsWith("io.xmonitor.") && !missing.isEmpty()) {
                missingFromProjectClasses.put(source, missing);
            }
        });
        assertThat(missingFromProjectClasses).as("SDK classes project classes use that %s lacks (a call the parent pom "
                + "does not keep)", jar.getFileName()).isEmpty();
    }

    private static Path functionJar(String function) {
        return Repository.file("functions/" + function + "/target/xmonitor-" + function + ".jar");
    }

    /** The binary names of the classes a jar holds. */
    private static Set<String> classesIn(Path jar) throws IOException {
        try (JarFile entries = new JarFile(jar.toFile())) {
            return entries.stream().map(JarEntry::getName).filter(name -> name.endsWith(".class"))
                    .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                    .collect(Collectors.toSet());
        }
    }

    /** Class-level references from and to the SDK's service packages, as {@code jdeps} reads them. */
    private static Map<String, Set<String>> sdkServiceReferences(Path jar) {
        StringWriter out = new StringWriter();
        int status = ToolProvider.findFirst("jdeps").orElseThrow().run(new PrintWriter(out), new PrintWriter(out),
                "--multi-release", "21", "-verbose:class", "-filter:none", "-e", "software\\.amazon\\.awssdk\\.services\\..*", jar.toString());
        assertThat(status).as(out.toString()).isZero();
        // jdeps pads the source column, so any run of spaces may stand before the arrow.
        Pattern edge = Pattern.compile("\\s+(\\S+)\\s+->\\s+(software\\.amazon\\.awssdk\\.services\\.\\S+).*");
        Map<String, Set<String>> references = new HashMap<>();
        out.toString().lines().map(edge::matcher).filter(Matcher::matches)
                .forEach(m -> references.computeIfAbsent(m.group(1), k -> new HashSet<>()).add(m.group(2)));
        return references;
    }

    /** The function jars' 10 MB budget holds for the one that deploys outside the VPC and scales fastest. */
    @Test
    void ingestAcceptJarStaysWithinTenMegabytes() throws IOException {
        assertThat(Files.size(functionJar("ingest-accept"))).isLessThanOrEqualTo(10_000_000L);
    }

    @Test
    void everyFunctionRunsFromItsOwnJar() throws Exception {
        TestEnvironment env = TestEnvironment.get();
        try (SecretsManagerStandIn secretsManager = new SecretsManagerStandIn()) {
            runEveryFunction(env, secretsManager);
            // The runs have no secrets in their environment, so each one that answered read them there.
            assertThat(secretsManager.calls()).as("secrets read from Secrets Manager by the eight runs").isGreaterThanOrEqualTo(8);
        }
    }

    private void runEveryFunction(TestEnvironment env, SecretsManagerStandIn secretsManager) throws Exception {
        var database = env.emptyDatabase();
        var queues = env.freshQueues();
        // Secrets come from Secrets Manager, as they do in Lambda, so each jar makes that call too.
        URI jdbc = URI.create(database.jdbcUrl().substring("jdbc:".length()));
        secretsManager.put(INGEST_SECRET, Json.write(Map.of("ingest_shared_secret", API_KEY)));
        // The secret RDS manages for a master user: the login only, the location from the stack's parameters.
        secretsManager.put(DATABASE_SECRET, Json.write(Map.of("username", database.user(), "password", database.password())));
        Map<String, String> variables = new HashMap<>(env.variables(null, queues, null));
        variables.put(AppConfig.SECRETS_MANAGER_ENDPOINT, secretsManager.endpoint().toString());
        variables.put(AppConfig.INGEST_SECRET_ARN, INGEST_SECRET);
        variables.put(AppConfig.DATABASE_SECRET_ARN, DATABASE_SECRET);
        variables.put(AppConfig.DATABASE_HOST, jdbc.getHost());
        variables.put(AppConfig.DATABASE_PORT, String.valueOf(jdbc.getPort()));
        variables.put(AppConfig.DATABASE_NAME, jdbc.getPath().substring(1));

        assertThat(run("db-migrate", variables, "LaunchStream", "io.xmonitor.migrate.DbMigrateHandler"))
                .contains("\"applied\":" + Json.write(MigrationFiles.versions()));

        String accepted = run("ingest-accept", variables, "LaunchHttp", "io.xmonitor.accept.IngestAcceptHandler", "post", "/v1/ingest/posts/batch", API_KEY, """
                {"items":[{"status_id":"31","url":"https://x.com/a/status/31","author_handle":"a","discovered_at":"2026-01-01T00:00:00Z","last_seen_at":"2026-01-01T00:00:00Z"}]}""");
        assertThat(accepted).contains("202 {\"batch_id\"");

        String body = takeMessage(env, queues.queueUrl());
        assertThat(run("ingest-consumer", variables, "LaunchSqs", "io.xmonitor.consumer.IngestConsumerHandler", body)).contains("failures 0");

        // A batch above the claim-check threshold goes through the payload bucket, written by one
        // jar and read by the other.
        Map<String, String> claimChecked = new HashMap<>(variables);
        claimChecked.put(AppConfig.PAYLOAD_THRESHOLD_BYTES, "1024");
        // Stored trimmed, as every text field is.
        String text = "a post long enough to be claim-checked ".repeat(40).strip();
        assertThat(run("ingest-accept", claimChecked, "LaunchHttp", "io.xmonitor.accept.IngestAcceptHandler", "post", "/v1/ingest/posts/batch", API_KEY, """
                {"items":[{"status_id":"32","url":"https://x.com/a/status/32","author_handle":"a","body_text":"%s","discovered_at":"2026-01-01T00:00:00Z","last_seen_at":"2026-01-01T00:00:00Z"}]}""".formatted(text)))
                .contains("202 {\"batch_id\"");
        String pointer = takeMessage(env, queues.queueUrl());
        assertThat(pointer).startsWith("[\"software.amazon.payloadoffloading.PayloadS3Pointer\"");
        assertThat(run("ingest-consumer", claimChecked, "LaunchSqs", "io.xmonitor.consumer.IngestConsumerHandler", pointer)).contains("failures 0");
        assertThat(run("read-api", variables, "LaunchHttp", "io.xmonitor.read.ReadApiHandler", "get", "/v1/posts/32", API_KEY)).contains(text);

        assertThat(run("read-api", variables, "LaunchHttp", "io.xmonitor.read.ReadApiHandler", "get", "/v1/posts/31", API_KEY))
                .contains("200 {\"post\":{\"status_id\":\"31\"");
        assertThat(run("read-api", variables, "LaunchHttp", "io.xmonitor.read.ReadApiHandler", "get", "/v1/health", API_KEY)).contains("\"database\":\"ok\"");
    }

    private static String takeMessage(TestEnvironment env, String queueUrl) {
        var message = env.sqs().receiveMessage(b -> b.queueUrl(queueUrl)).messages().getFirst();
        env.sqs().deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
        return message.body();
    }
}
