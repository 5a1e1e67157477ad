package io.xmonitor.queue;

import com.fasterxml.jackson.databind.JsonNode;
import io.xmonitor.json.Json;
import io.xmonitor.json.JsonDocument;
import io.xmonitor.log.JsonLog;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Why a queued batch failed, kept in the payload bucket under {@code failures/} so the DLQ tools
 * can show it next to the message. S3, not the database: the most common reason a batch fails
 * is that the database is unavailable. Keyed by batch id, which survives redrives (message ids
 * do not).
 */
public final class FailureRecords {

    public static final String PREFIX = "failures/";

    /** What is known about a batch's failures. */
    public record Failure(String key, String messageId, String batchId, String kind, Instant firstFailedAt,
                          Instant lastFailedAt, int failures, String reason) {
    }

    private final S3Client s3;
    private final String bucket;
    private final Clock clock;

    public FailureRecords(S3Client s3, String bucket, Clock clock) {
        this.s3 = s3;
        this.bucket = bucket;
        this.clock = clock;
    }

    public static String key(String batchId, String messageId) {
        return PREFIX + (batchId != null && !batchId.isBlank() ? batchId : "message-" + messageId) + ".json";
    }

    /** Records one more failure; never throws, since the message's failure is reported to SQS either way. */
    public void record(String messageId, String batchId, String kind, String reason) {
        String key = key(batchId, messageId);
        try {
            Instant now = clock.instant();
            Optional<Failure> previous = read(key);
            Failure failure = new Failure(key, messageId, batchId, kind,
                    previous.map(Failure::firstFailedAt).orElse(now), now,
                    previous.map(Failure::failures).orElse(0) + 1, reason);
            s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/json"),
                    RequestBody.fromBytes(Json.writeBytes(failure)));
        } catch (SdkException e) {
            JsonLog.warn("failure_record_not_written", Map.of("message_id", messageId, "error", e.getClass().getSimpleName()));
        }
    }

    public Optional<Failure> read(String key) {
        try {
            byte[] bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
            if (!(Json.parse(bytes) instanceof JsonDocument.Parsed parsed)) {
                return Optional.empty();
            }
            JsonNode root = parsed.root();
            return Optional.of(new Failure(key, root.path("message_id").asText(null), root.path("batch_id").asText(null),
                    root.path("kind").asText(null), Instant.parse(root.path("first_failed_at").asText()),
                    Instant.parse(root.path("last_failed_at").asText()), root.path("failures").asInt(),
                    root.path("reason").asText(null)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }
}
