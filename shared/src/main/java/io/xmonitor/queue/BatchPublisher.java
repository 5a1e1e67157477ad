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
 * failure at either step leaves no message that could be applied partially. Returns the SQS
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

    public String publish(BatchEnvelope batch) {
        CompressedBody.QueueBody body = CompressedBody.forQueue(Json.writeBytes(batch.wire()), compressAboveBytes);
        Map<String, MessageAttributeValue> attributes = new HashMap<>(Map.of(
                MessageAttributes.BATCH_ID, text(batch.batchId().toString()),
                MessageAttributes.KIND, text(batch.kind().wireName()),
                MessageAttributes.ITEM_COUNT, number(batch.items().size())));
        if (body.contentEncoding() != null) {
            attributes.put(MessageAttributes.CONTENT_ENCODING, text(body.contentEncoding()));
        }
        return sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body.text()).messageAttributes(attributes)).messageId();
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    private static MessageAttributeValue number(int value) {
        return MessageAttributeValue.builder().dataType("Number").stringValue(Integer.toString(value)).build();
    }
}
