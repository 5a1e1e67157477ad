package io.xmonitor.tools.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.xmonitor.json.Json;
import io.xmonitor.tools.local.StackState;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Send realistic post batches from concurrent collectors, wait until the batch ledger shows every one "
                + "applied, and print acknowledgement latency and throughput.",
                "Targets the running local stack unless --api and --api-key name a deployed stage."})
public final class LoadCommand implements Callable<Integer> {

    @Option(names = "--api", description = "The API (default: the running local stack's).")
    String api;
    @Option(names = "--api-key", description = "Its ingest key (default: the local stack's).")
    String apiKey;
    @Option(names = "--collectors", defaultValue = "8", description = "Concurrent collectors (default ${DEFAULT-VALUE}).")
    int collectors;
    @Option(names = "--posts", defaultValue = "100000", description = "Posts to send (default ${DEFAULT-VALUE}).")
    int posts;
    @Option(names = "--batch", defaultValue = "500", description = "Posts per request (default ${DEFAULT-VALUE}).")
    int batchSize;
    @Option(names = "--timeout-minutes", defaultValue = "20", description = "Give up waiting after this long (default ${DEFAULT-VALUE}).")
    int timeoutMinutes;

    /** A prepared post's share of a request body, with room to spare (a synthetic post is about 520 bytes). */
    private static final int PREPARED_BYTES_PER_POST = 640;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public Integer call() throws Exception {
        if (api == null || apiKey == null) {
            StackState local = StackState.read().orElseThrow(() -> new IllegalArgumentException(
                    "no local stack is running; start one (xmonitor local) or give --api and --api-key"));
            api = api == null ? local.apiUrl() : api;
            apiKey = apiKey == null ? local.ingestKey() : apiKey;
        }
        if (collectors < 1 || posts < 1 || batchSize < 1 || batchSize > 5_000) {
            throw new IllegalArgumentException("--collectors and --posts must be positive, --batch from 1 to 5000");
        }
        long needed = (long) posts * PREPARED_BYTES_PER_POST;
        long available = Runtime.getRuntime().maxMemory() / 2;
        if (needed > available) {
            throw new IllegalArgumentException("--posts %,d needs about %,d MB to prepare its batches and this JVM can spare %,d MB; "
                    .formatted(posts, needed >> 20, available >> 20) + "send fewer posts or raise -Xmx");
        }
        int batches = (posts + batchSize - 1) / batchSize;
        SyntheticPosts generator = new SyntheticPosts(7_000_000_000L + System.currentTimeMillis() % 1_000_000_000L, Instant.now());
        // Every body is written before the clock starts: a collector has its batch ready when it
        // sends, and writing them meanwhile would take CPU from the stack being measured.
        System.out.printf("Preparing %,d batches of %d posts%n", batches, batchSize);
        byte[][] bodies = new byte[batches][];
        IntStream.range(0, batches).parallel().forEach(index -> bodies[index] = generator.batch(index, batchSize, posts));
        System.out.printf("Sending %,d posts in %,d batches of %d from %d collectors to %s%n", posts, batches, batchSize, collectors, api);

        long[] ackNanos = new long[batches];
        Map<Integer, String> batchIds = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        AtomicLong acknowledgedPosts = new AtomicLong();
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(collectors);
        List<Future<?>> senders = new ArrayList<>();
        for (int c = 0; c < collectors; c++) {
            senders.add(pool.submit(() -> {
                for (int index = next.getAndIncrement(); index < batches; index = next.getAndIncrement()) {
                    send(index, bodies[index], ackNanos, batchIds, errors);
                    acknowledgedPosts.addAndGet(Math.min(batchSize, posts - (long) index * batchSize));
                }
                return null;
            }));
        }
        Progress progress = new Progress(started);
        try {
            while (!senders.stream().allMatch(Future::isDone)) {
                progress.maybePrint("acknowledged %,d of %,d posts", acknowledgedPosts.get(), posts);
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

        // Batches are asked about in the order they were sent, each until it shows as applied: the
        // questions stay few (they are requests to the stack being measured), and by the time the
        // last one is asked about the ledger has usually answered for all.
        Deque<String> pending = new ArrayDeque<>(new TreeMap<>(batchIds).values());
        long deadline = started + Duration.ofMinutes(timeoutMinutes).toNanos();
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            if (applied(pending.peekFirst())) {
                pending.removeFirst();
            } else {
                Thread.sleep(50);
            }
            progress.maybePrint("applied %,d of %,d batches", batchIds.size() - pending.size(), batchIds.size());
        }
        long allApplied = System.nanoTime();

        long[] sorted = Arrays.stream(ackNanos).filter(n -> n > 0).sorted().toArray();
        System.out.println();
        System.out.printf("  batches acknowledged     %,d of %,d (%d posts each)%n", sorted.length, batches, batchSize);
        System.out.printf("  acknowledgement          p50 %s · p95 %s · p99 %s · max %s%n", millis(percentile(sorted, 50)),
                millis(percentile(sorted, 95)), millis(percentile(sorted, 99)), millis(sorted.length == 0 ? 0 : sorted[sorted.length - 1]));
        System.out.printf("  accepted                 %,.0f posts/s (%.1f s until the last 202)%n",
                posts / seconds(allAcknowledged - started), seconds(allAcknowledged - started));
        if (pending.isEmpty()) {
            System.out.printf("  end to end               %,.0f posts/s (%.1f s until the ledger showed every batch applied)%n",
                    posts / seconds(allApplied - started), seconds(allApplied - started));
        } else {
            System.out.printf("  end to end               %,d batches still not applied after %d minutes%n", pending.size(), timeoutMinutes);
        }
        System.out.println("  errors (retried)         " + (errors.isEmpty() ? "none" : new TreeMap<>(errors)));
        return pending.isEmpty() && sorted.length == batches ? 0 : 1;
    }

    /** Sends one batch until it is answered 202, retrying what a collector retries; records the answered attempt's time. */
    private void send(int index, byte[] body, long[] ackNanos, Map<Integer, String> batchIds, Map<String, AtomicInteger> errors)
            throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(api + "/v1/ingest/posts/batch"))
                .timeout(Duration.ofSeconds(30))
                .header("x-api-key", apiKey).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        for (int attempt = 0; ; attempt++) {
            long sent = System.nanoTime();
            String failure;
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                long answered = System.nanoTime();
                if (response.statusCode() == 202) {
                    ackNanos[index] = answered - sent;
                    batchIds.put(index, Json.mapper().readTree(response.body()).path("batch_id").asText());
                    return;
                }
                failure = "HTTP " + response.statusCode();
                if (response.statusCode() < 500 && response.statusCode() != 429) {
                    errors.computeIfAbsent(failure, k -> new AtomicInteger()).incrementAndGet();
                    throw new IllegalStateException("batch " + index + " was refused: " + failure + " " + response.body());
                }
            } catch (IOException e) {
                failure = e.getClass().getSimpleName();
            }
            errors.computeIfAbsent(failure, k -> new AtomicInteger()).incrementAndGet();
            Thread.sleep(Math.min(5_000, 200L << Math.min(attempt, 5)));
        }
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
