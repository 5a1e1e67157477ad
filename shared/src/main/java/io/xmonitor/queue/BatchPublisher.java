package io.xmonitor.queue;

import io.xmonitor.json.Json;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Puts an accepted batch on the ingest queue, compressed when that saves SQS requests
 * ({@link CompressedBody}). The client is the SQS Extended Client: above its
 * threshold it stores the body in S3 first and sends the standard S3 pointer instead, so a
 * failure at either step leaves no message that could be applied partially. Answers the SQS
 * message id once SQS has confirmed the send.
 */
public final class BatchPublisher {

    private final SqsClient sqs;
    private final String queueUrl;
    private final int compressAboveBytes;

    public BatchPublisher(SqsClient extendedSqs, String queueUrl, int compressAboveBytes) {
        this.sqs = extendedSqs;
        this.queueUrl = queueUrl;
        this.compressAboveBytes = compressAboveBytes;
    }

    /** What became of a batch handed to {@link #publish}. */
    public sealed interface Publication {

        record Queued(String messageId) implements Publication {
        }

        /**
         * Not sent: its envelope is larger than the consumer reads ({@link Json#MAX_DOCUMENT_BYTES}).
         * Normalising can make an envelope several times its request (a short item gains its
         * defaults and full timestamps), and a message the consumer cannot read is lost after a 202.
         */
        record TooLarge(long envelopeBytes) implements Publication {
        }
    }

    public Publication publish(BatchEnvelope batch) {
        byte[] json = Json.writeBytes(batch.wire());
        if (json.length > Json.MAX_DOCUMENT_BYTES) {
            return new Publication.TooLarge(json.length);
        }
        CompressedBody.QueueBody body = CompressedBody.forQueue(json, compressAboveBytes);
        Map<String, MessageAttributeValue> attributes = new HashMap<>(Map.of(
                MessageAttributes.BATCH_ID, text(batch.batchId().toString()),
                MessageAttributes.KIND, text(batch.kind().wireName()),
                MessageAttributes.ITEM_COUNT, number(batch.items().size())));
        if (body.contentEncoding() != null) {
            attributes.put(MessageAttributes.CONTENT_ENCODING, text(body.contentEncoding()));
        }
        return new Publication.Queued(sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body.text())
                .messageAttributes(attributes)).messageId());
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    private static MessageAttributeValue number(int value) {
        return MessageAttributeValue.builder().dataType("Number").stringValue(Integer.toString(value)).build();
    }
}
