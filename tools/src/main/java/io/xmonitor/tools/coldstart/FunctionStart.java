package io.xmonitor.tools.coldstart;

import com.fasterxml.jackson.databind.JsonNode;
import io.xmonitor.json.Json;
import io.xmonitor.json.JsonDocument;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * One function process started as Lambda's java21 runtime starts it: the deployment jar unpacked
 * as the task root, Lambda's own runtime interface client as the main class, the runtime's JVM
 * options, configuration only from environment variables, events through {@link LambdaRuntimeApi}.
 * Timed from process start to its first and second answers.
 */
final class FunctionStart {

    /** Lambda's runtime client's entry point. */
    private static final String RUNTIME_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** What one start measured, in nanoseconds; {@code primingMillis} as the function logged it (SnapStart only). */
    record Timing(long init, long firstInvoke, long secondInvoke, String answer, OptionalLong primingMillis) {

        /** Process start to first answer: what a caller waits for on a cold start. */
        long untilFirstAnswer() {
            return init + firstInvoke;
        }
    }

    private final Path taskRoot;
    private final List<Path> runtimeJars;
    private final String handler;
    private final int memoryMb;
    private final Map<String, String> environment;
    private final Path output;

    FunctionStart(Path taskRoot, Path runtimeLibraries, String handler, int memoryMb, Map<String, String> environment, Path output)
            throws IOException {
        this.taskRoot = taskRoot.toAbsolutePath();
        try (Stream<Path> jars = Files.list(runtimeLibraries)) {
            this.runtimeJars = jars.filter(p -> p.toString().endsWith(".jar")).map(Path::toAbsolutePath).sorted().toList();
        }
        this.handler = handler;
        this.memoryMb = memoryMb;
        this.environment = environment;
        this.output = output;
    }

    /**
     * Starts the function, sends {@code event} twice and stops it. With {@code snapStart} the
     * runtime client runs the before-checkpoint hooks after init and then asks to be restored;
     * that happens at once here (no snapshot is taken: only Lambda can), so init then includes
     * the priming and the first invocation starts from the primed process.
     */
    Timing run(String event, boolean snapStart) throws Exception {
        return run(event, snapStart, Optional.empty());
    }

    /** As {@link #run(String, boolean)}, recording the process with Java Flight Recorder into {@code recording}. */
    Timing run(String event, boolean snapStart, Optional<Path> recording) throws Exception {
        try (LambdaRuntimeApi api = LambdaRuntimeApi.start()) {
            var first = api.invoke(event);
            // The runtime client loads the function from its working directory, /var/task on Lambda.
            ProcessBuilder builder = new ProcessBuilder(command(recording)).directory(taskRoot.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().clear();
            builder.environment().putAll(environment);
            builder.environment().putAll(Map.of(
                    "AWS_LAMBDA_RUNTIME_API", api.address(),
                    "LAMBDA_TASK_ROOT", taskRoot.toString(),
                    "_HANDLER", handler,
                    "AWS_LAMBDA_FUNCTION_NAME", "coldstart",
                    "AWS_LAMBDA_FUNCTION_VERSION", "1",
                    "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(memoryMb),
                    "AWS_LAMBDA_INITIALIZATION_TYPE", snapStart ? "snap-start" : "on-demand",
                    "TZ", ":UTC"));
            long started = System.nanoTime();
            Process process = builder.start();
            try {
                long initEnded = await(api.initEnded(), api, process, "the end of init");
                LambdaRuntimeApi.Answer answer = await(first, api, process, "the first answer");
                if (answer.error()) {
                    throw new IllegalStateException("the function answered with an error: " + answer.body());
                }
                long secondSent = System.nanoTime();
                LambdaRuntimeApi.Answer second = await(api.invoke(event), api, process, "the second answer");
                return new Timing(initEnded - started, answer.atNanos() - initEnded, second.atNanos() - secondSent,
                        answer.body(), snapStart ? primingMillis() : OptionalLong.empty());
            } catch (Exception e) {
                throw new IllegalStateException((e.getMessage() == null ? e.toString() : e.getMessage()) + "; the function's output is in " + keptOutput(), e);
            } finally {
                // SIGTERM first, so that a flight recording is written out.
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    /** The value of {@code future}; fails at once when the runtime reports an error or the process dies. */
    private static <T> T await(CompletableFuture<T> future, LambdaRuntimeApi api, Process process, String what) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            try {
                return future.get(20, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (api.failure().isPresent()) {
                    throw new IllegalStateException("the runtime reported " + api.failure().get());
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("the function's process exited with code " + process.exitValue() + " before " + what);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no " + what + " within " + TIMEOUT.toSeconds() + " s");
                }
            }
        }
    }

    private List<String> command(Optional<Path> recording) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // The options of Lambda's java21 runtime: C1 only, serial GC, a heap for the memory size.
                "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-XX:-UsePerfData",
                "-Xmx" + (memoryMb * 85 / 100) + "m",
                "--add-opens=java.base/java.util=ALL-UNNAMED",
                // How the CRaC API a function registers with reaches the runtime client's SnapStart hooks.
                "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac",
                "-cp", String.join(File.pathSeparator, runtimeJars.stream().map(Path::toString).toList())));
        recording.ifPresent(file -> command.add("-XX:StartFlightRecording=settings=profile,filename=" + file.toAbsolutePath()));
        command.add(RUNTIME_MAIN);
        command.add(handler);
        return command;
    }

    /** The priming time the function logged ({@code snapshot_primed}), if it primed. */
    private OptionalLong primingMillis() throws IOException {
        for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
            if (line.contains("\"snapshot_primed\"") && Json.parse(line.getBytes(StandardCharsets.UTF_8)) instanceof JsonDocument.Parsed parsed) {
                JsonNode millis = parsed.root().path("ms");
                if (millis.canConvertToLong()) {
                    return OptionalLong.of(millis.asLong());
                }
            }
        }
        return OptionalLong.empty();
    }

    /** A copy of the function's output that outlives the run's working directory. */
    private Path keptOutput() {
        try {
            Path kept = Files.createTempFile("xmonitor-coldstart-", ".log");
            Files.copy(output, kept, StandardCopyOption.REPLACE_EXISTING);
            return kept;
        } catch (IOException e) {
            return output;
        }
    }

    /** Unpacks a deployment jar as Lambda unpacks it into /var/task. */
    static Path unpack(Path jar, Path directory) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (var entries = zip.entries(); entries.hasMoreElements(); ) {
                var entry = entries.nextElement();
                Path target = directory.resolve(entry.getName()).normalize();
                if (!target.startsWith(directory)) {
                    throw new IOException(jar + " holds an entry outside its root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (var in = zip.getInputStream(entry)) {
                        Files.copy(in, target);
                    }
                }
            }
        }
        return directory;
    }
}
