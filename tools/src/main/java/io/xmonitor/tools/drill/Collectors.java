package io.xmonitor.tools.drill;

import com.fasterxml.jackson.databind.JsonNode;
import io.xmonitor.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Collectors sending batches as the real one does: a 5xx or a broken connection is retried with
 * the same batch, a 503 after its Retry-After, anything else after a short back-off that grows;
 * every answer is kept for the oracle.
 */
final class Collectors {

    /**
     * What ingest answered for one batch: its id (null when nothing was accepted), when the answer
     * came, the refused items with why, and the fields each accepted item was warned about.
     */
    record Answer(Traffic.Batch batch, String batchId, Instant answeredAt, Map<Integer, String> refused,
                  Map<Integer, Set<String>> warned) {

        /** The accepted items with their index in the batch. */
        Map<Integer, Traffic.Observation> accepted() {
            Map<Integer, Traffic.Observation> accepted = new LinkedHashMap<>();
            for (int i = 0; i < batch.items().size(); i++) {
                if (batchId != null && !refused.containsKey(i)) {
                    accepted.put(i, batch.items().get(i));
                }
            }
            return accepted;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final URI api;
    private final String key;
    private final List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong itemsAnswered = new AtomicLong();
    private final AtomicLong batchesAnswered = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();

    Collectors(String apiUrl, String key) {
        this.api = URI.create(apiUrl);
        this.key = key;
    }

    /**
     * Sends every batch with {@code collectors} concurrent senders; returns when all are answered.
     * Before each batch a collector passes {@code gate}, which holds the traffic at a fault's point
     * until the fault is under way.
     */
    List<Answer> send(List<Traffic.Batch> batches, int collectors, long deadlineNanos, Gate gate) throws Exception {
        ConcurrentLinkedQueue<Traffic.Batch> pending = new ConcurrentLinkedQueue<>(batches);
        ExecutorService pool = Executors.newFixedThreadPool(collectors);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < collectors; i++) {
                running.add(pool.submit(() -> {
                    Traffic.Batch batch;
                    while (gate.pass(itemsAnswered.get()) && (batch = pending.poll()) != null) {
                        answers.add(sendUntilAnswered(batch, deadlineNanos));
                        itemsAnswered.addAndGet(batch.items().size());
                        batchesAnswered.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> collector : running) {
                collector.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return List.copyOf(answers);
    }

    /** Where the traffic waits for a fault to begin. */
    interface Gate {
        /** Blocks while a fault due at this progress has not begun; false to stop sending. */
        boolean pass(long itemsAnswered) throws InterruptedException;
    }

    long itemsAnswered() {
        return itemsAnswered.get();
    }

    long batchesAnswered() {
        return batchesAnswered.get();
    }

    long retries() {
        return retries.get();
    }

    private Answer sendUntilAnswered(Traffic.Batch batch, long deadlineNanos) throws InterruptedException {
        Object body = batch.kind().singleObject() ? batch.items().getFirst().json()
                : Map.of("items", batch.items().stream().map(Traffic.Observation::json).toList());
        HttpRequest request = HttpRequest.newBuilder(api.resolve(batch.kind().route()))
                .timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json")
                .header("x-api-key", key)
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.writeBytes(body)))
                .build();
        long backoffMillis = 250;
        while (true) {
            Duration wait = Duration.ofMillis(backoffMillis);
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status == 202 || status == 422) {
                    return answer(batch, Json.mapper().readTree(response.body()));
                }
                if (status < 500) {
                    return refusedWhole(batch, "HTTP " + status + " " + response.body());
                }
                if (status == 503) {
                    wait = response.headers().firstValue("retry-after").map(s -> Duration.ofSeconds(Long.parseLong(s))).orElse(wait);
                }
            } catch (IOException brokenConnection) {
                // the API is away (restarting, killed): the same batch again
            }
            if (System.nanoTime() > deadlineNanos) {
                return refusedWhole(batch, "never answered before the drill's deadline");
            }
            retries.incrementAndGet();
            Thread.sleep(wait);
            backoffMillis = Math.min(2_000, backoffMillis * 2);
        }
    }

    private static Answer answer(Traffic.Batch batch, JsonNode body) {
        Map<Integer, String> refused = new LinkedHashMap<>();
        for (JsonNode error : body.path("errors")) {
            refused.merge(error.path("index").asInt(), error.path("message").asText(), (a, b) -> a + "; " + b);
        }
        Map<Integer, Set<String>> warned = new HashMap<>();
        for (JsonNode warning : body.path("warnings")) {
            warned.computeIfAbsent(warning.path("index").asInt(), i -> new TreeSet<>()).add(warning.path("field").asText());
        }
        String batchId = body.path("batch_id").isTextual() ? body.path("batch_id").asText() : null;
        return new Answer(batch, batchId, Instant.now(), refused, warned);
    }

    private static Answer refusedWhole(Traffic.Batch batch, String reason) {
        Map<Integer, String> refused = new LinkedHashMap<>();
        for (int i = 0; i < batch.items().size(); i++) {
            refused.put(i, reason);
        }
        return new Answer(batch, null, Instant.now(), refused, Map.of());
    }
}
