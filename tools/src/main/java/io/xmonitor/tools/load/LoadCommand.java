package io.xmonitor.tools.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.xmonitor.ingest.BatchValidation;
import io.xmonitor.ingest.IngestKind;
import io.xmonitor.ingest.PostUpsert;
import io.xmonitor.json.Json;
import io.xmonitor.json.JsonDocument;
import io.xmonitor.tools.local.StackState;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Send realistic post batches from concurrent collectors and measure acknowledgement latency, throughput "
                + "until every batch is applied, what the run costs in AWS requests, and where the CPU went.",
                "Closed loop by default (each collector sends its next batch when the last is answered: the stress case); with "
                        + "--rate, open loop at a collector's pace, latency counted from the scheduled send.",
                "Targets the running local stack unless --api and --api-key name a deployed stage; watches the batch "
                        + "ledger in PostgreSQL (the local stack's, or --database-url) or, without one, through the API."})
public final class LoadCommand implements Callable<Integer> {

    @Option(names = "--api", description = "The API (default: the running local stack's).")
    String api;
    @Option(names = "--api-key", description = "Its ingest key (default: the local stack's).")
    String apiKey;
    @Option(names = "--database-url", description = "The stage's PostgreSQL, to watch the ledger there (default: the local stack's).")
    String databaseUrl;
    @Option(names = "--database-user", description = "Default: XMONITOR_DATABASE_USER.")
    String databaseUser;
    @Option(names = "--database-password", description = "Default: XMONITOR_DATABASE_PASSWORD.")
    String databasePassword;
    @Option(names = "--collectors", defaultValue = "8", description = "Concurrent collectors (default ${DEFAULT-VALUE}).")
    int collectors;
    @Option(names = "--posts", defaultValue = "100000", description = "Posts to send in a closed loop (default ${DEFAULT-VALUE}).")
    int posts;
    @Option(names = "--batch", defaultValue = "500", description = "Posts per request (default ${DEFAULT-VALUE}).")
    int batchSize;
    @Option(names = "--rate", description = "Open loop: batches per second per collector.")
    Double rate;
    @Option(names = "--duration", defaultValue = "60", description = "With --rate: seconds to send for (default ${DEFAULT-VALUE}).")
    int durationSeconds;
    @Option(names = "--baseline", description = "Also COPY the same posts into an empty copy of posts (every index) and report end to end / COPY.")
    boolean baseline;
    @Option(names = "--threshold", defaultValue = "1048576",
            description = "The stage's claim-check threshold, for the AWS request estimate (default ${DEFAULT-VALUE}).")
    int threshold;
    @Option(names = "--timeout-minutes", defaultValue = "20", description = "Give up waiting after this long (default ${DEFAULT-VALUE}).")
    int timeoutMinutes;

    /** A prepared post's share of a request body, with room to spare (a synthetic post is about 520 bytes). */
    private static final int PREPARED_BYTES_PER_POST = 640;
    /** How often the ledger is asked, at most. */
    private static final Duration POLL = Duration.ofMillis(200);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public Integer call() throws Exception {
        Optional<StackState> local = StackState.read();
        if (api == null || apiKey == null) {
            StackState stack = local.orElseThrow(() -> new IllegalArgumentException(
                    "no local stack is running; start one (xmonitor local) or give --api and --api-key"));
            api = api == null ? stack.apiUrl() : api;
            apiKey = apiKey == null ? stack.ingestKey() : apiKey;
        }
        boolean localStack = local.isPresent() && local.get().apiUrl().equals(api);
        if (databaseUrl == null && localStack) {
            databaseUrl = local.get().jdbcUrl();
            databaseUser = local.get().databaseUser();
            databasePassword = local.get().databasePassword();
        }
        if (collectors < 1 || batchSize < 1 || batchSize > 20_000 || (rate == null ? posts < 1 : rate <= 0 || durationSeconds < 1)) {
            throw new IllegalArgumentException("--collectors, --posts, --rate and --duration must be positive, --batch from 1 to 20000");
        }
        if (baseline && databaseUrl == null) {
            throw new IllegalArgumentException("--baseline needs the database: the local stack's, or --database-url");
        }
        int perCollector = rate == null ? 0 : (int) Math.round(rate * durationSeconds);
        int batches = rate == null ? (posts + batchSize - 1) / batchSize : perCollector * collectors;
        long totalPosts = rate == null ? posts : (long) batches * batchSize;
        long available = Runtime.getRuntime().maxMemory() / 2;
        if (totalPosts * PREPARED_BYTES_PER_POST > available) {
            throw new IllegalArgumentException("%,d posts need about %,d MB to prepare their batches and this JVM can spare %,d MB; "
                    .formatted(totalPosts, (totalPosts * PREPARED_BYTES_PER_POST) >> 20, available >> 20)
                    + "send fewer posts or raise -Xmx (XMONITOR_JAVA_OPTS)");
        }
        SyntheticPosts generator = new SyntheticPosts(7_000_000_000L + System.currentTimeMillis() % 1_000_000_000L, Instant.now());
        // Every body is written before the clock starts: a collector has its batch ready when it
        // sends, and writing them meanwhile would take CPU from the stack being measured.
        System.out.printf("Preparing %,d batches of %d posts%n", batches, batchSize);
        byte[][] bodies = new byte[batches][];
        int total = (int) totalPosts;
        IntStream.range(0, batches).parallel().forEach(index -> bodies[index] = generator.batch(index, batchSize, total));
        AwsRequests requests = new AwsRequests(threshold);
        for (byte[] body : bodies) {
            requests.batch(body);
        }

        CpuAccount cpu = new CpuAccount(localStack ? Optional.of(local.get().pid()) : Optional.empty(),
                localStack && databaseUrl != null ? port(databaseUrl) : Optional.empty());
        Map<String, Double> cpuBefore = cpu.read();
        System.out.printf("Sending %,d posts in %,d batches of %d from %d collectors to %s, %s%n", totalPosts, batches, batchSize,
                collectors, api, rate == null ? "each sending its next batch when the last is answered"
                        : "each %.1f batches per second for %d s".formatted(rate, durationSeconds));

        Run run = new Run(batches);
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(collectors);
        List<Future<?>> senders = new ArrayList<>();
        AtomicInteger next = new AtomicInteger();
        for (int c = 0; c < collectors; c++) {
            int collector = c;
            senders.add(pool.submit(() -> {
                if (rate == null) {
                    for (int index = next.getAndIncrement(); index < batches; index = next.getAndIncrement()) {
                        send(index, bodies[index], System.nanoTime(), run);
                    }
                } else {
                    // Collectors spread over one interval, each sending at its own fixed pace.
                    long interval = (long) (1e9 / rate);
                    long offset = interval * collector / collectors;
                    for (int k = 0; k < perCollector; k++) {
                        long scheduled = started + offset + k * interval;
                        LockSupport.parkNanos(scheduled - System.nanoTime());
                        send(collector * perCollector + k, bodies[collector * perCollector + k], scheduled, run);
                    }
                }
                return null;
            }));
        }
        Progress progress = new Progress(started);
        try {
            while (!senders.stream().allMatch(Future::isDone)) {
                progress.maybePrint("acknowledged %,d of %,d batches", run.acknowledged.get(), batches);
                Thread.sleep(100);
            }
            for (Future<?> sender : senders) {
                sender.get();
            }
        } finally {
            // A refused batch ends the run: the other collectors stop with it.
            pool.shutdownNow();
        }
        long allAcknowledged = System.nanoTime();

        long deadline = started + Duration.ofMinutes(timeoutMinutes).toNanos();
        int pending = databaseUrl != null ? awaitAppliedInDatabase(run, deadline, progress) : awaitAppliedThroughApi(run, deadline, progress);
        long allApplied = System.nanoTime();
        Map<String, Double> cpuAfter = cpu.read();

        long[] sorted = Arrays.stream(run.latencies).filter(n -> n > 0).sorted().toArray();
        System.out.println();
        System.out.printf("  batches acknowledged     %,d of %,d (%d posts each)%n", sorted.length, batches, batchSize);
        System.out.printf("  acknowledgement          p50 %s · p95 %s · p99 %s · max %s%s%n", millis(percentile(sorted, 50)),
                millis(percentile(sorted, 95)), millis(percentile(sorted, 99)), millis(sorted.length == 0 ? 0 : sorted[sorted.length - 1]),
                rate == null ? "" : "   (from each batch's scheduled send)");
        System.out.printf("  accepted                 %,.0f posts/s (%.1f s until the last 202)%n",
                totalPosts / seconds(allAcknowledged - started), seconds(allAcknowledged - started));
        double endToEnd = totalPosts / seconds(allApplied - started);
        if (pending == 0) {
            System.out.printf("  end to end               %,.0f posts/s (%.1f s until the ledger showed every batch applied)%n",
                    endToEnd, seconds(allApplied - started));
        } else {
            System.out.printf("  end to end               %,d batches still not applied after %d minutes%n", pending, timeoutMinutes);
        }
        if (baseline && pending == 0) {
            double copy = copyBaseline(bodies);
            System.out.printf("  COPY baseline            %,.0f rows/s (the same posts, one COPY into an empty copy of posts)%n", copy);
            System.out.printf("  end to end / COPY        %.2f%n", endToEnd / copy);
        }
        System.out.println("  AWS requests             " + requests.perMillion(totalPosts));
        if (cpu.available()) {
            System.out.println("  CPU per 1,000 posts      " + cpuShares(cpuBefore, cpuAfter, totalPosts));
        } else {
            System.out.println("  CPU                      not measured: the stack is not a local one on this machine");
        }
        System.out.println("  errors (retried)         " + (run.errors.isEmpty() ? "none" : new TreeMap<>(run.errors)));
        return pending == 0 && sorted.length == batches ? 0 : 1;
    }

    /** What the collectors have seen so far. */
    private static final class Run {
        final long[] latencies;
        final String[] batchIds;
        final AtomicLong acknowledged = new AtomicLong();
        final Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();

        Run(int batches) {
            latencies = new long[batches];
            batchIds = new String[batches];
        }
    }

    /** Sends one batch until it is answered 202, retrying what a collector retries; latency counts from {@code since}. */
    private void send(int index, byte[] body, long since, Run run) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(api + "/v1/ingest/posts/batch"))
                .timeout(Duration.ofSeconds(30))
                .header("x-api-key", apiKey).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        for (int attempt = 0; ; attempt++) {
            String failure;
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                long answered = System.nanoTime();
                if (response.statusCode() == 202) {
                    run.latencies[index] = answered - since;
                    run.batchIds[index] = Json.mapper().readTree(response.body()).path("batch_id").asText();
                    run.acknowledged.incrementAndGet();
                    return;
                }
                failure = "HTTP " + response.statusCode();
                if (response.statusCode() < 500 && response.statusCode() != 429) {
                    run.errors.computeIfAbsent(failure, k -> new AtomicInteger()).incrementAndGet();
                    throw new IllegalStateException("batch " + index + " was refused: " + failure + " " + response.body());
                }
            } catch (IOException e) {
                failure = e.getClass().getSimpleName();
            }
            run.errors.computeIfAbsent(failure, k -> new AtomicInteger()).incrementAndGet();
            Thread.sleep(Math.min(5_000, 200L << Math.min(attempt, 5)));
        }
    }

    /** Counts this run's batches in the ledger, one query every {@link #POLL}; answers how many never showed. */
    private int awaitAppliedInDatabase(Run run, long deadline, Progress progress) throws Exception {
        String[] ids = Arrays.stream(run.batchIds).filter(id -> id != null).toArray(String[]::new);
        try (Connection connection = DriverManager.getConnection(databaseUrl, user(), password());
             PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM ingest_batches WHERE batch_id = ANY(?::uuid[])")) {
            count.setArray(1, connection.createArrayOf("text", ids));
            int applied = 0;
            while (System.nanoTime() < deadline) {
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    applied = rows.getInt(1);
                }
                if (applied == ids.length) {
                    return run.batchIds.length - ids.length;
                }
                progress.maybePrint("applied %,d of %,d batches", applied, ids.length);
                Thread.sleep(POLL.toMillis());
            }
            return run.batchIds.length - applied;
        }
    }

    /** Without the database: the batch ledger through the API, batch by batch in the order sent. */
    private int awaitAppliedThroughApi(Run run, long deadline, Progress progress) throws InterruptedException {
        List<String> pending = new ArrayList<>(Arrays.stream(run.batchIds).filter(id -> id != null).toList());
        int unanswered = run.batchIds.length - pending.size();
        int total = pending.size();
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            if (applied(pending.getFirst())) {
                pending.removeFirst();
            } else {
                Thread.sleep(POLL.toMillis());
            }
            progress.maybePrint("applied %,d of %,d batches", total - pending.size(), total);
        }
        return pending.size() + unanswered;
    }

    private boolean applied(String batchId) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(api + "/v1/ingest/batches/" + batchId))
                    .timeout(Duration.ofSeconds(10)).header("x-api-key", apiKey).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return false;
            }
            JsonNode status = Json.mapper().readTree(response.body());
            return status.hasNonNull("applied_at");
        } catch (IOException e) {
            return false;
        }
    }

    /** The posts as the stack stored them (the same validation), then one COPY of them. */
    private double copyBaseline(byte[][] bodies) throws Exception {
        List<PostUpsert> all = new ArrayList<>();
        Instant now = Instant.now();
        for (byte[] body : bodies) {
            JsonNode items = ((JsonDocument.Parsed) Json.parse(body)).root().path("items");
            List<JsonNode> nodes = new ArrayList<>(items.size());
            items.forEach(nodes::add);
            BatchValidation.of(IngestKind.POSTS, nodes, now).accepted().forEach(item -> all.add((PostUpsert) item));
        }
        try (Connection connection = DriverManager.getConnection(databaseUrl, user(), password())) {
            return CopyBaseline.rowsPerSecond(connection, all);
        }
    }

    /** CPU seconds per 1,000 posts by part, and the tool's share of all of it. */
    private static String cpuShares(Map<String, Double> before, Map<String, Double> after, long posts) {
        double total = 0;
        List<String> parts = new ArrayList<>();
        for (var entry : after.entrySet()) {
            double spent = entry.getValue() - before.getOrDefault(entry.getKey(), 0.0);
            total += spent;
            parts.add(String.format("%s %.3f s", entry.getKey(), spent * 1000 / posts));
        }
        double tool = after.get(CpuAccount.TOOL) - before.get(CpuAccount.TOOL);
        return String.join(" · ", parts) + String.format("   (this tool: %.1f%% of the CPU measured)", total == 0 ? 0 : 100 * tool / total);
    }

    private String user() {
        return databaseUser != null ? databaseUser : System.getenv("XMONITOR_DATABASE_USER");
    }

    private String password() {
        return databasePassword != null ? databasePassword : System.getenv("XMONITOR_DATABASE_PASSWORD");
    }

    private static Optional<Integer> port(String jdbcUrl) {
        try {
            int port = URI.create(jdbcUrl.substring("jdbc:".length())).getPort();
            return port > 0 ? Optional.of(port) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static long percentile(long[] sorted, int percent) {
        return sorted.length == 0 ? 0 : sorted[Math.max(0, (int) Math.ceil(sorted.length * percent / 100.0) - 1)];
    }

    private static String millis(long nanos) {
        return String.format("%.1f ms", nanos / 1e6);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /** A progress line at most once a second. */
    private static final class Progress {
        private final long started;
        private long printed;

        Progress(long started) {
            this.started = started;
            this.printed = started;
        }

        void maybePrint(String format, Object... values) {
            long now = System.nanoTime();
            if (now - printed >= 1_000_000_000L) {
                printed = now;
                System.out.printf("  %5.1f s  %s%n", (now - started) / 1e9, String.format(format, values));
            }
        }
    }
}
