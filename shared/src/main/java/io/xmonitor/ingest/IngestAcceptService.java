package io.xmonitor.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.xmonitor.config.AppConfig;
import io.xmonitor.http.ApiGateway;
import io.xmonitor.http.HttpRequest;
import io.xmonitor.http.HttpResponse;
import io.xmonitor.json.Json;
import io.xmonitor.json.JsonDocument;
import io.xmonitor.log.JsonLog;
import io.xmonitor.log.MetricFigures;
import io.xmonitor.queue.BatchEnvelope;
import io.xmonitor.queue.BatchPublisher;
import io.xmonitor.queue.CompressedBody;
import io.xmonitor.queue.QueueRefusal;
import io.xmonitor.queue.WarmUpBatches;
import io.xmonitor.secrets.IngestKeyVerifier;
import io.xmonitor.secrets.SecretUnavailableException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The write side of the API: authenticate, validate every item, queue the valid ones as one
 * batch, and answer 202 only once the queue has confirmed. Needs no database.
 */
public final class IngestAcceptService {

    static final String RETRY_AFTER_SECONDS = "5";

    private final IngestKeyVerifier keys;
    private final BatchPublisher publisher;
    private final AppConfig config;
    private final Clock clock;

    public IngestAcceptService(IngestKeyVerifier keys, BatchPublisher publisher, AppConfig config, Clock clock) {
        this.keys = keys;
        this.publisher = publisher;
        this.config = config;
        this.clock = clock;
    }

    public HttpResponse handle(HttpRequest request) {
        long started = System.nanoTime();
        Map<String, Object> log = new LinkedHashMap<>();
        log.put("method", request.method());
        log.put("route", request.path());
        HttpResponse response = accept(request, log);
        log.put("status", response.status());
        log.put("latency_ms", (System.nanoTime() - started) / 1_000_000);
        if (response.status() == 202 || response.status() == 422) {
            log.putAll(new MetricFigures(config.environmentName(), (String) log.get("kind"))
                    .count(MetricFigures.ITEMS_ACCEPTED, response.status() == 202 ? (int) log.get("accepted") : 0)
                    .count(MetricFigures.ITEMS_REFUSED, (int) log.get("skipped"))
                    .count(MetricFigures.ITEMS_WITH_WARNINGS, response.status() == 202 ? (int) log.get("with_warnings") : 0)
                    .fields());
        }
        if (response.status() >= 500) {
            JsonLog.error("ingest_request", log);
        } else {
            JsonLog.info("ingest_request", log);
        }
        return response;
    }

    private HttpResponse accept(HttpRequest request, Map<String, Object> log) {
        Optional<IngestKind> route = IngestKind.forRoute(request.path());
        if (route.isEmpty()) {
            return HttpResponse.error(404, "no ingest route " + request.path());
        }
        IngestKind kind = route.get();
        log.put("kind", kind.wireName());
        if (!request.method().equals("POST")) {
            return HttpResponse.error(405, kind.route() + " accepts POST only").withHeader("allow", "POST");
        }
        IngestKeyVerifier.Verdict verdict;
        try {
            verdict = keys.verify(request);
        } catch (SecretUnavailableException e) {
            log.put("error", "secret unavailable");
            return unavailable("ingest secret is unavailable");
        }
        switch (verdict) {
            case NOT_CONFIGURED -> {
                return HttpResponse.error(503, "ingest is not configured with a shared secret");
            }
            case DENIED -> {
                return HttpResponse.error(401, "missing or invalid API key");
            }
            case ALLOWED -> {
                // continue
            }
        }
        if (ApiGateway.eventBodyBytes(request) > config.maxRequestBytes()) {
            return HttpResponse.error(413, "body exceeds " + config.maxRequestBytes() + " bytes as API Gateway passes it to the "
                    + "function (JSON-escaped: each \" and \\ counts twice); split the batch");
        }
        JsonNode root;
        switch (Json.parseKeepingDuplicates(request.body())) {
            case JsonDocument.Rejected rejected -> {
                return HttpResponse.error(400, rejected.reason());
            }
            case JsonDocument.Parsed parsed -> root = parsed.root();
        }
        List<JsonNode> items = new ArrayList<>();
        if (!kind.singleObject() && root.isObject()) {
            // A key twice inside one item costs that item; twice beside "items", the request is ambiguous.
            Optional<String> ambiguous = Json.ownDuplicateKey(root);
            if (ambiguous.isPresent()) {
                return HttpResponse.error(400, "duplicate key \"" + ambiguous.get() + "\" in the body");
            }
        }
        if (kind.singleObject()) {
            if (!root.isObject()) {
                return HttpResponse.error(400, "body must be a JSON object");
            }
            items.add(root);
        } else {
            JsonNode array = root.isObject() ? root.get("items") : null;
            if (array == null || !array.isArray()) {
                return HttpResponse.error(400, "body must be an object with an \"items\" array");
            }
            if (array.isEmpty()) {
                return HttpResponse.error(400, "items must not be empty");
            }
            array.forEach(items::add);
        }

        Instant acceptedAt = clock.instant();
        BatchValidation validation = BatchValidation.of(kind, items, acceptedAt);
        log.put("received", validation.received());
        log.put("accepted", validation.accepted().size());
        log.put("skipped", validation.skipped());
        log.put("with_warnings", validation.itemsWithWarnings());
        if (validation.accepted().isEmpty()) {
            return HttpResponse.json(422, new Rejected("no valid items", validation.received(), 0,
                    validation.skipped(), validation.errors()));
        }
        BatchEnvelope envelope = new BatchEnvelope(UUID.randomUUID(), kind, acceptedAt, validation.accepted());
        log.put("batch_id", envelope.batchId().toString());
        try {
            if (publisher.publish(envelope) instanceof BatchPublisher.Publication.TooLarge tooLarge) {
                log.put("error", "envelope too large");
                return HttpResponse.error(413, "the batch as queued would be " + tooLarge.envelopeBytes() + " bytes, more than the "
                        + Json.MAX_DOCUMENT_BYTES + " the consumer reads; send fewer items per request; nothing was accepted");
            }
        } catch (SdkException e) {
            QueueRefusal refusal = QueueRefusal.of(e);
            log.put("error", refusal.code());
            return refusal.retryable()
                    ? unavailable("queue is unavailable (" + refusal.code() + "); nothing was accepted, retry later")
                    : HttpResponse.error(refusal.status(), "the queue refused the batch (" + refusal.code() + "); nothing was accepted");
        }
        return HttpResponse.json(202, new Accepted(envelope.batchId().toString(), validation.received(),
                validation.accepted().size(), validation.skipped(), validation.errors(), validation.warnings()));
    }

    /**
     * A request's own work on built-in samples of every kind (validate, encode the queue message,
     * render the 202), without the key check or the queue: SnapStart priming, which must not reach
     * a secret or the network. Answers the last rendered 202.
     */
    public HttpResponse warmUp() {
        HttpResponse answer = null;
        for (BatchEnvelope envelope : WarmUpBatches.everyKind(clock.instant())) {
            // As a large batch is queued: compressed.
            CompressedBody.encode(Json.writeBytes(envelope.wire()));
            answer = HttpResponse.json(202, new Accepted(envelope.batchId().toString(), envelope.items().size(),
                    envelope.items().size(), 0, List.of(), List.of()));
        }
        return answer;
    }

    private static HttpResponse unavailable(String message) {
        return HttpResponse.error(503, message).withHeader("retry-after", RETRY_AFTER_SECONDS);
    }

    /** The 202 answer: the batch is durably queued; {@code warnings} name the fields stored without their sent value. */
    public record Accepted(String batchId, int received, int accepted, int skipped, List<ItemError> errors,
                           List<ItemWarning> warnings) {
    }

    /** The 422 answer: nothing was queued. */
    public record Rejected(String error, int received, int accepted, int skipped, List<ItemError> errors) {
    }
}
