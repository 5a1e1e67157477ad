package io.xmonitor.local;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Does locally what the Lambda SQS event source mapping does in AWS: receives a batch, hands it
 * to the consumer as an {@link SQSEvent}, deletes the messages the consumer did not report as
 * failed, and leaves the failed ones to reappear after their visibility timeout (and to reach
 * the DLQ through the queue's redrive policy).
 */
public final class LocalEventSource {

    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final Function<SQSEvent, SQSBatchResponse> consumer;

    public LocalEventSource(SqsClient sqs, String queueUrl, String queueArn, Function<SQSEvent, SQSBatchResponse> consumer) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
        this.consumer = consumer;
    }

    /** One receive (waiting up to {@code waitSeconds}) and one invocation; answers how it went. */
    public PollResult pollOnce(int maxMessages, int waitSeconds) {
        List<Message> received = sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                .maxNumberOfMessages(Math.min(10, maxMessages))
                .waitTimeSeconds(waitSeconds)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")).messages();
        if (received.isEmpty()) {
            return new PollResult(0, 0);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(received.stream().map(this::record).toList());
        SQSBatchResponse response = consumer.apply(event);
        Set<String> failed = response == null || response.getBatchItemFailures() == null ? Set.of()
                : response.getBatchItemFailures().stream()
                        .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                        .collect(Collectors.toSet());
        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
        for (Message message : received) {
            if (!failed.contains(message.messageId())) {
                done.add(DeleteMessageBatchRequestEntry.builder()
                        .id(Integer.toString(done.size()))
                        .receiptHandle(message.receiptHandle())
                        .build());
            }
        }
        if (!done.isEmpty()) {
            sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(done));
        }
        return new PollResult(received.size(), failed.size());
    }

    private SQSEvent.SQSMessage record(Message message) {
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId(message.messageId());
        record.setReceiptHandle(message.receiptHandle());
        record.setBody(message.body());
        record.setMd5OfBody(message.md5OfBody());
        record.setEventSource("aws:sqs");
        record.setEventSourceArn(queueArn);
        Map<String, String> attributes = new HashMap<>();
        message.attributes().forEach((name, value) -> attributes.put(name.toString(), value));
        record.setAttributes(attributes);
        Map<String, SQSEvent.MessageAttribute> messageAttributes = new HashMap<>();
        message.messageAttributes().forEach((name, value) -> {
            SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
            attribute.setDataType(value.dataType());
            attribute.setStringValue(value.stringValue());
            messageAttributes.put(name, attribute);
        });
        record.setMessageAttributes(messageAttributes);
        return record;
    }

    /** How many messages one poll handed over and how many of them the consumer failed. */
    public record PollResult(int received, int failed) {
    }
}
