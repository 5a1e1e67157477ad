package io.xmonitor.tools.coldstart;

import com.fasterxml.jackson.databind.JsonNode;
import io.xmonitor.config.AppConfig;
import io.xmonitor.json.Json;
import io.xmonitor.tools.local.StackState;
import io.xmonitor.tools.template.SamTemplate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "coldstart", mixinStandardHelpOptions = true,
        description = {"Start each function's jar the way Lambda does (its runtime interface client, the Runtime API, "
                + "the java21 runtime's JVM options) against the running local stack, and time init and first answers: "
                + "on demand, and with the SnapStart hooks run before the first request.",
                "Run from the repository root after ./xmonitor mvnw package."})
public final class ColdStartCommand implements Callable<Integer> {

    /** A function of template.yaml, the event it gets from events/, and what a good answer looks like. */
    private record Function(String name, String logicalId, String event, Predicate<JsonNode> answered, String expected) {
    }

    private static final List<Function> FUNCTIONS = List.of(
            new Function("ingest-accept", "IngestAcceptFunction", "events/api/ingest-posts.json",
                    answer -> answer.path("statusCode").asInt() == 202, "statusCode 202"),
            new Function("ingest-consumer", "IngestConsumerFunction", "events/sqs/inline-batch.json",
                    answer -> answer.path("batchItemFailures").isArray() && answer.path("batchItemFailures").isEmpty(),
                    "no batchItemFailures"),
            new Function("read-api", "ReadApiFunction", "events/api/feed.json",
                    answer -> answer.path("statusCode").asInt() == 200, "statusCode 200"),
            new Function("db-migrate", "DbMigrateFunction", "events/migrate.json",
                    answer -> answer.has("current_version"), "a current_version"));
    /** The key the events of events/api carry. */
    private static final String EVENTS_INGEST_KEY = "local-dev-key";

    @Option(names = "--runs", defaultValue = "5", description = "Starts per function and mode; medians are printed (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--function", description = "ingest-accept, ingest-consumer, read-api or db-migrate; repeatable (default: all).")
    List<String> only;

    @Option(names = "--repository", defaultValue = ".", description = "The repository root (default: the current directory).")
    Path repository;

    @Option(names = "--profile", paramLabel = "DIR", description = "Record every start with Java Flight Recorder into DIR "
            + "(FUNCTION-on-demand-N.jfr, FUNCTION-snapstart-N.jfr); recording slows the start, so compare timings without it.")
    Path profiles;

    @Override
    public Integer call() throws Exception {
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be at least 1");
        }
        StackState stack = StackState.read().orElseThrow(() -> new IllegalArgumentException(
                "no local stack is running; start one (xmonitor local) first: the functions use its database, queue and bucket"));
        List<Function> chosen = chosen();
        Path runtimeLibraries = repository.resolve("tools/target/lambda-runtime");
        if (!Files.isDirectory(runtimeLibraries)) {
            throw new IllegalArgumentException(runtimeLibraries + " is missing: run ./xmonitor mvnw package first");
        }
        SamTemplate template = SamTemplate.parse(Files.readString(repository.resolve("template.yaml")));
        Path work = Files.createTempDirectory("xmonitor-coldstart");
        try {
            System.out.printf("Starting each function %d times on demand and %d times with its SnapStart hooks (Java %s here; Lambda runs 21)%n",
                    runs, runs, System.getProperty("java.version"));
            List<String> rows = new ArrayList<>();
            for (Function function : chosen) {
                rows.add(measure(function, template, runtimeLibraries, stack, work));
            }
            System.out.println();
            System.out.printf("%-16s %8s | %9s %9s %9s %9s | %9s %9s %9s%n", "", "", "on demand", "", "", "",
                    "SnapStart", "", "");
            System.out.printf("%-16s %8s | %9s %9s %9s %9s | %9s %9s %9s%n", "function", "jar", "init", "1st call",
                    "→ answer", "2nd call", "priming", "1st call", "speedup");
            rows.forEach(System.out::println);
            System.out.println();
            System.out.println("init: process start until the runtime asks for work (JVM, runtime client, handler constructor);");
            System.out.println("→ answer: process start to the first answer, what a caller waits for on a cold start.");
            System.out.println("SnapStart: the hooks run after init, as before a snapshot; 1st call is the first request after");
            System.out.println("that (loading a snapshot is Lambda's and not included); speedup compares the two 1st calls.");
            return 0;
        } finally {
            deleteTree(work);
        }
    }

    private List<Function> chosen() {
        if (only == null || only.isEmpty()) {
            return FUNCTIONS;
        }
        List<Function> chosen = new ArrayList<>();
        for (String name : only) {
            chosen.add(FUNCTIONS.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("no function " + name + "; one of "
                            + FUNCTIONS.stream().map(Function::name).toList())));
        }
        return chosen;
    }

    private String measure(Function function, SamTemplate template, Path runtimeLibraries, StackState stack, Path work)
            throws Exception {
        JsonNode properties = template.resource(function.logicalId()).path("Properties");
        Path jar = repository.resolve(properties.path("CodeUri").asText());
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(jar + " is missing: run ./xmonitor mvnw package first");
        }
        int memoryMb = properties.path("MemorySize").asInt(template.json().path("Globals").path("Function").path("MemorySize").asInt(1024));
        Path taskRoot = FunctionStart.unpack(jar, Files.createDirectories(work.resolve(function.name())));
        FunctionStart start = new FunctionStart(taskRoot, runtimeLibraries, properties.path("Handler").asText(), memoryMb,
                environment(stack), work.resolve(function.name() + ".log"));
        String event = Files.readString(repository.resolve(function.event()), StandardCharsets.UTF_8);

        List<FunctionStart.Timing> onDemand = new ArrayList<>();
        List<FunctionStart.Timing> snapStart = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            System.err.printf("\r  %-16s run %d of %d   ", function.name(), run, runs);
            onDemand.add(checked(function, start.run(event, false, recording(function, "on-demand", run))));
            snapStart.add(checked(function, start.run(event, true, recording(function, "snapstart", run))));
        }
        System.err.print("\r" + " ".repeat(40) + "\r");
        long onDemandFirst = median(onDemand, FunctionStart.Timing::firstInvoke);
        long primedFirst = median(snapStart, FunctionStart.Timing::firstInvoke);
        OptionalLong priming = medianPresent(snapStart.stream().map(FunctionStart.Timing::primingMillis).toList());
        return String.format("%-16s %5.1f MB | %9s %9s %9s %9s | %9s %9s %8.1fx", function.name(), Files.size(jar) / 1e6,
                millis(median(onDemand, FunctionStart.Timing::init)), millis(onDemandFirst),
                millis(median(onDemand, FunctionStart.Timing::untilFirstAnswer)), millis(median(onDemand, FunctionStart.Timing::secondInvoke)),
                priming.isPresent() ? priming.getAsLong() + " ms" : "none", millis(primedFirst), (double) onDemandFirst / primedFirst);
    }

    private Optional<Path> recording(Function function, String mode, int run) throws IOException {
        if (profiles == null) {
            return Optional.empty();
        }
        return Optional.of(Files.createDirectories(profiles).resolve(function.name() + "-" + mode + "-" + run + ".jfr"));
    }

    private static FunctionStart.Timing checked(Function function, FunctionStart.Timing timing) throws IOException {
        JsonNode answer = Json.mapper().readTree(timing.answer());
        if (!function.answered().test(answer)) {
            throw new IllegalStateException(function.name() + " answered " + timing.answer() + "; expected " + function.expected());
        }
        return timing;
    }

    /** The local stack's database, queue and bucket, configured as the template configures a function. */
    private static Map<String, String> environment(StackState stack) {
        Map<String, String> variables = new HashMap<>(Map.of(
                "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "local-access-key",
                "AWS_SECRET_ACCESS_KEY", "local-secret-key",
                AppConfig.ENVIRONMENT, "coldstart",
                AppConfig.INGEST_SHARED_SECRET, EVENTS_INGEST_KEY,
                AppConfig.DATABASE_URL, stack.jdbcUrl(),
                AppConfig.DATABASE_USER, stack.databaseUser(),
                AppConfig.DATABASE_PASSWORD, stack.databasePassword(),
                AppConfig.SQS_ENDPOINT, stack.sqsEndpoint(),
                AppConfig.INGEST_QUEUE_URL, stack.queueUrl()));
        variables.put(AppConfig.S3_ENDPOINT, stack.s3Endpoint());
        variables.put(AppConfig.PAYLOAD_BUCKET, stack.payloadBucket());
        variables.put(AppConfig.DB_POOL_SIZE, "1");
        return variables;
    }

    private static long median(List<FunctionStart.Timing> timings, ToLongFunction<FunctionStart.Timing> figure) {
        long[] values = timings.stream().mapToLong(figure).sorted().toArray();
        return values[values.length / 2];
    }

    private static OptionalLong medianPresent(List<OptionalLong> values) {
        long[] present = values.stream().filter(OptionalLong::isPresent).mapToLong(OptionalLong::getAsLong).sorted().toArray();
        return present.length == 0 ? OptionalLong.empty() : OptionalLong.of(present[present.length / 2]);
    }

    private static String millis(long nanos) {
        return String.format("%,d ms", Math.round(nanos / 1e6));
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
