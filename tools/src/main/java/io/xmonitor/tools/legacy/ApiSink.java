package io.xmonitor.tools.legacy;

import com.fasterxml.jackson.databind.JsonNode;
import io.xmonitor.ingest.IngestItem;
import io.xmonitor.ingest.IngestKind;
import io.xmonitor.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Imports through the ingest API, so the database never has to be reachable from where the
 * snapshot is. Items travel in requests of up to {@link #ITEMS_PER_REQUEST}; 503 answers are
 * retried after their {@code Retry-After}.
 */
public final class ApiSink implements ImportSink {

    static final int ITEMS_PER_REQUEST = 1000;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI api;
    private final String key;
    private final List<String> batchIds = Collections.synchronizedList(new ArrayList<>());

    public ApiSink(String apiUrl, String key) {
        this.api = URI.create(apiUrl.endsWith("/") ? apiUrl : apiUrl + "/");
        this.key = key;
    }

    @Override
    public int write(IngestKind kind, List<IngestItem> items) throws Exception {
        int accepted = 0;
        if (kind.singleObject()) {
            for (IngestItem item : items) {
                accepted += send(kind, Json.writeBytes(item));
            }
            return accepted;
        }
        for (int from = 0; from < items.size(); from += ITEMS_PER_REQUEST) {
            List<IngestItem> part = items.subList(from, Math.min(items.size(), from + ITEMS_PER_REQUEST));
            accepted += send(kind, Json.writeBytes(Map.of("items", part)));
        }
        return accepted;
    }

    private int send(IngestKind kind, byte[] body) throws IOException, InterruptedException {
        URI uri = api.resolve(kind.route().substring(1));
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(60))
                    .header("content-type", "application/json")
                    .header("x-api-key", key)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 202) {
                JsonNode answer = Json.mapper().readTree(response.body());
                batchIds.add(answer.path("batch_id").asText());
                return answer.path("accepted").asInt();
            }
            if (response.statusCode() == 503 && attempt < 5) {
                Thread.sleep(Duration.ofSeconds(Long.parseLong(response.headers().firstValue("retry-after").orElse("5"))));
                continue;
            }
            String error = response.body().length() > 300 ? response.body().substring(0, 300) : response.body();
            throw new IOException(uri.getPath() + " answered " + response.statusCode() + ": " + error);
        }
    }

    /** Asks the API until every batch sent is reported applied. */
    @Override
    public void settle() throws Exception {
        for (String batchId : batchIds) {
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (true) {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(api.resolve("v1/ingest/batches/" + batchId))
                        .header("x-api-key", key).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    break;
                }
                if (response.statusCode() != 404 || System.nanoTime() > deadline) {
                    throw new IOException("batch " + batchId + " was not applied (status " + response.statusCode() + ")");
                }
                Thread.sleep(200);
            }
        }
    }

    @Override
    public Long rowCount(String postgresTable) {
        return null;
    }

    @Override
    public void close() {
        http.close();
    }
}
