package io.xmonitor.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.xmonitor.ingest.IngestKind;
import io.xmonitor.ingest.ReportUpsert;
import io.xmonitor.json.Json;
import io.xmonitor.testing.TestEnvironment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * What the queue refuses, from the real SQS protocol: a refusal that retrying cannot fix is a 4xx
 * (or a 500 for a misconfigured service), never the 503 that makes a collector retry forever.
 */
class QueueRefusalTest {

    private final TestEnvironment env = TestEnvironment.get();

    private static BatchEnvelope batchWith(String summary) {
        return new BatchEnvelope(UUID.randomUUID(), IngestKind.REPORTS, Instant.now(),
                List.of(new ReportUpsert("1", Instant.parse("2026-02-25T20:00:00Z"), "slack", summary, null)));
    }

    @Test
    void charactersTheQueueRefusesAre422AndNotRetried() {
        // Validation keeps such an item from ever reaching the queue; here it is put there directly.
        BatchPublisher publisher = new BatchPublisher(env.sqs(), env.freshQueues().queueUrl(), 0);
        SdkException refused = catchThrowableOfType(SdkException.class, () -> publisher.publish(batchWith("bad \uFFFF")));
        QueueRefusal refusal = QueueRefusal.of(refused);
        // SQS names it InvalidMessageContents; ElasticMQ, whose parser stops at U+FFFF, InvalidAction.
        assertThat(refusal.code()).isNotBlank();
        assertThat(refusal.status()).isEqualTo(422);
        assertThat(refusal.retryable()).isFalse();
    }

    @Test
    void anEnvelopeLargerThanTheConsumerReadsIsNotSent() {
        // The largest growth found: a watch account with a one-letter handle gains two timestamps,
        // 2.7 times its request as the body limit counts it, so 16.3 MB at the 6 MB limit, 3 % under
        // what the consumer reads. This keeps a message it would refuse from ever being queued.
        TestEnvironment.TestQueues queues = env.freshQueues();
        BatchPublisher publisher = new BatchPublisher(env.sqs(), queues.queueUrl(), 0);
        String summary = "x".repeat(1024 * 1024);
        List<ReportUpsert> reports = new ArrayList<>();
        for (int i = 1; i <= 17; i++) {
            reports.add(new ReportUpsert(Integer.toString(i), Instant.parse("2026-02-25T20:00:00Z"), "slack", summary, null));
        }
        BatchPublisher.Publication publication = publisher.publish(new BatchEnvelope(UUID.randomUUID(), IngestKind.REPORTS, Instant.now(), reports));
        assertThat(publication).isInstanceOfSatisfying(BatchPublisher.Publication.TooLarge.class,
                tooLarge -> assertThat(tooLarge.envelopeBytes()).isGreaterThan(Json.MAX_DOCUMENT_BYTES));
        assertThat(env.sqs().receiveMessage(b -> b.queueUrl(queues.queueUrl()).waitTimeSeconds(0)).messages()).isEmpty();
        assertThat(publisher.publish(batchWith("fine"))).isInstanceOf(BatchPublisher.Publication.Queued.class);
    }

    @Test
    void aQueueThatDoesNotExistIsAMisconfigurationNotARetry() {
        String missing = env.freshQueues().queueUrl() + "-missing";
        SdkException refused = catchThrowableOfType(SdkException.class,
                () -> new BatchPublisher(env.sqs(), missing, 0).publish(batchWith("fine")));
        QueueRefusal refusal = QueueRefusal.of(refused);
        assertThat(refusal.status()).isEqualTo(500);
        assertThat(refusal.retryable()).isFalse();
    }

    @Test
    void throttlingAndServerErrorsAreWorthARetry() {
        SdkException throttled = SqsException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("RequestThrottled").build()).build();
        SdkException unavailable = SqsException.builder().statusCode(503)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ServiceUnavailable").build()).build();
        assertThat(QueueRefusal.of(throttled)).isEqualTo(new QueueRefusal("RequestThrottled", 503, true));
        assertThat(QueueRefusal.of(unavailable)).isEqualTo(new QueueRefusal("ServiceUnavailable", 503, true));
    }
}
