package io.xmonitor.apply;

import io.xmonitor.json.Json;
import io.xmonitor.log.JsonLog;
import io.xmonitor.log.MetricFigures;
import io.xmonitor.queue.BatchEnvelope;
import io.xmonitor.queue.CompressedBody;
import io.xmonitor.queue.DecodedMessage;
import io.xmonitor.queue.FailureRecords;
import io.xmonitor.queue.MessageDecoder;
import io.xmonitor.queue.WarmUpBatches;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Applies the messages of one SQS delivery and names those that failed, so that only they
 * return to the queue (and, after maxReceiveCount, to the DLQ). Once the database is found
 * unreachable the remaining messages fail at once instead of each waiting for a timeout.
 */
public final class BatchConsumer {

    private final MessageDecoder decoder;
    private final BatchApplier applier;
    private final FailureRecords failures;
    private final String environment;
    private final Clock clock;

    public BatchConsumer(MessageDecoder decoder, BatchApplier applier, FailureRecords failures, String environment, Clock clock) {
        this.decoder = decoder;
        this.applier = applier;
        this.failures = failures;
        this.environment = environment;
        this.clock = clock;
    }

    /** @return the ids of the messages that were not applied */
    public List<String> consume(List<QueueMessage> messages) {
        List<String> failed = new ArrayList<>();
        boolean databaseDown = false;
        for (QueueMessage message : messages) {
            if (databaseDown) {
                failed.add(message.messageId());
                failures.record(message.messageId(), message.batchId(), message.kind(), "database unavailable");
                Map<String, Object> log = new LinkedHashMap<>();
                log.put("message_id", message.messageId());
                log.put("error", "database unavailable (not tried)");
                log.putAll(new MetricFigures(environment, message.kind()).count(MetricFigures.BATCHES_FAILED, 1).fields());
                JsonLog.error("batch_failed", log);
                continue;
            }
            Map<String, Object> log = new LinkedHashMap<>();
            log.put("message_id", message.messageId());
            log.put("receive_count", message.receiveCount());
            long started = System.nanoTime();
            try {
                switch (decoder.decode(message.body(), message.contentEncoding())) {
                    case DecodedMessage.Unusable unusable -> {
                        log.put("error", unusable.reason());
                        failed.add(message.messageId());
                    }
                    case DecodedMessage.Batch batch -> {
                        log.put("batch_id", batch.batchId().toString());
                        log.put("kind", batch.kind().wireName());
                        log.put("items", batch.items().size());
                        BatchApplier.ApplyResult result = applier.apply(batch);
                        log.put("already_applied", result.alreadyApplied());
                        log.put("rows_written", result.rowsWritten());
                        log.put("rows_parked", result.rowsParked());
                        MetricFigures figures = new MetricFigures(environment, batch.kind().wireName())
                                .count(MetricFigures.ROWS_APPLIED, result.rowsWritten())
                                .count(MetricFigures.ROWS_PARKED, result.rowsParked());
                        if (!result.alreadyApplied()) {
                            figures.milliseconds(MetricFigures.APPLY_LAG,
                                    Duration.between(batch.acceptedAt(), clock.instant()).toMillis());
                        }
                        log.putAll(figures.fields());
                    }
                }
            } catch (SQLException e) {
                databaseDown = isConnectionFailure(e);
                String state = e.getSQLState() == null ? e.getClass().getSimpleName() : "SQLState " + e.getSQLState();
                log.put("error", databaseDown ? "database unavailable (" + state + ")" : "database: " + state);
                failed.add(message.messageId());
            } catch (SdkException e) {
                log.put("error", "payload store: " + e.getClass().getSimpleName());
                failed.add(message.messageId());
            }
            log.put("latency_ms", (System.nanoTime() - started) / 1_000_000);
            if (log.containsKey("error")) {
                failures.record(message.messageId(), message.batchId(), message.kind(), (String) log.get("error"));
                log.putAll(new MetricFigures(environment, message.kind()).count(MetricFigures.BATCHES_FAILED, 1).fields());
                JsonLog.error("batch_failed", log);
            } else {
                JsonLog.info("batch_applied", log);
            }
        }
        return failed;
    }

    private static boolean isConnectionFailure(SQLException e) {
        return e instanceof SQLTransientConnectionException
                || (e.getSQLState() != null && e.getSQLState().startsWith("08"));
    }

    /**
     * Decodes a queue message of every kind from built-in samples, as {@link #consume} does before
     * it writes: SnapStart priming, which must not reach the database or S3.
     */
    public void warmUp() {
        for (BatchEnvelope envelope : WarmUpBatches.everyKind(clock.instant())) {
            byte[] json = Json.writeBytes(envelope.wire());
            // Both forms a body takes: plain, and compressed as large batches travel.
            if (!(decoder.decode(new String(json, StandardCharsets.UTF_8), null) instanceof DecodedMessage.Batch batch)
                    || !(decoder.decode(CompressedBody.encode(json), CompressedBody.GZIP_BASE64) instanceof DecodedMessage.Batch)) {
                throw new IllegalStateException("warm-up " + envelope.kind().wireName() + " batch did not decode");
            }
            Json.writeBytes(batch.items());
        }
    }

    /**
     * What the consumer needs of an SQS message. From the message attributes (null when absent):
     * {@code contentEncoding}, how the body is to be read, and {@code batchId} and {@code kind},
     * so that a failure can be recorded even for a body that cannot be decoded.
     */
    public record QueueMessage(String messageId, String body, int receiveCount, String batchId, String kind,
                               String contentEncoding) {
    }
}
