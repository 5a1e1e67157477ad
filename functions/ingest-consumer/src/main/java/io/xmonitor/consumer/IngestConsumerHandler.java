package io.xmonitor.consumer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.xmonitor.apply.BatchConsumer;
import io.xmonitor.config.Environment;
import io.xmonitor.queue.MessageAttributes;
import io.xmonitor.snapstart.SnapshotPriming;
import java.util.List;

/**
 * SQS batch in, the ids of the messages that failed out ({@code ReportBatchItemFailures}):
 * only those return to the queue.
 */
public final class IngestConsumerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final BatchConsumer consumer;
    /** Held for the function's life: Lambda's runtime keeps priming registrations weakly. */
    private final SnapshotPriming snapshotPriming;

    /** The Lambda runtime's constructor: configuration from the process environment. */
    public IngestConsumerHandler() {
        this(Environment.system());
    }

    /** Configuration from the given variables (local stack, {@code xmonitor invoke}, tests). */
    public IngestConsumerHandler(Environment environment) {
        this(DaggerIngestConsumerComponent.factory().create(environment));
    }

    private IngestConsumerHandler(IngestConsumerComponent component) {
        this.consumer = component.consumer();
        this.snapshotPriming = SnapshotPriming.register("ingest-consumer", consumer::warmUp);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<BatchConsumer.QueueMessage> messages = event.getRecords() == null ? List.of() : event.getRecords().stream()
                .map(m -> new BatchConsumer.QueueMessage(m.getMessageId(), m.getBody(), receiveCount(m),
                        attribute(m, MessageAttributes.BATCH_ID), attribute(m, MessageAttributes.KIND),
                        attribute(m, MessageAttributes.CONTENT_ENCODING)))
                .toList();
        List<SQSBatchResponse.BatchItemFailure> failures = consumer.consume(messages).stream()
                .map(SQSBatchResponse.BatchItemFailure::new)
                .toList();
        return new SQSBatchResponse(failures);
    }

    private static String attribute(SQSEvent.SQSMessage message, String name) {
        var attributes = message.getMessageAttributes();
        var value = attributes == null ? null : attributes.get(name);
        return value == null ? null : value.getStringValue();
    }

    private static int receiveCount(SQSEvent.SQSMessage message) {
        String count = message.getAttributes() == null ? null : message.getAttributes().get("ApproximateReceiveCount");
        try {
            return count == null ? 0 : Integer.parseInt(count);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
