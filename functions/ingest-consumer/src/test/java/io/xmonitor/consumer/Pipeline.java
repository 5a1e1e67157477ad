package io.xmonitor.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.xmonitor.accept.IngestAcceptHandler;
import io.xmonitor.config.Environment;
import io.xmonitor.json.Json;
import io.xmonitor.local.LocalEventSource;
import io.xmonitor.testing.ApiEvents;
import io.xmonitor.testing.TestEnvironment;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** ingest-accept and ingest-consumer wired to one queue, as template.yaml wires them in AWS. */
final class Pipeline {

    static final String SECRET = "pipeline-test-secret";

    final TestEnvironment env = TestEnvironment.get();
    final SqsClient sqs;
    final TestEnvironment.TestQueues queues;
    final IngestAcceptHandler accept;
    final IngestConsumerHandler consumer;
    final LocalEventSource eventSource;

    Pipeline(TestEnvironment.TestDatabase database, Map<String, String> overrides) {
        this(database, overrides, TestEnvironment.get().sqs(), TestEnvironment.get().freshQueues());
    }

    /** On other SQS and S3 endpoints (given in {@code overrides}) with queues made there. */
    Pipeline(TestEnvironment.TestDatabase database, Map<String, String> overrides, SqsClient sqs, TestEnvironment.TestQueues queues) {
        this.sqs = sqs;
        this.queues = queues;
        Map<String, String> variables = new HashMap<>(env.variables(database, queues, SECRET));
        variables.putAll(overrides);
        Environment environment = new Environment(variables);
        accept = new IngestAcceptHandler(environment);
        consumer = new IngestConsumerHandler(environment);
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queues.queueUrl())
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        eventSource = new LocalEventSource(sqs, queues.queueUrl(), queueArn, event -> consumer.handleRequest(event, null));
    }

    /** POSTs to an ingest route and returns the 202 answer. */
    JsonNode send(String route, String body) {
        APIGatewayV2HTTPResponse response = accept.handleRequest(ApiEvents.post(route, SECRET, body), null);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(202);
        try {
            return Json.mapper().readTree(response.getBody());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    JsonNode sendItems(String route, String... items) {
        return send(route, "{\"items\":[" + String.join(",", items) + "]}");
    }

    /**
     * Polls until the queue holds nothing, visible or in flight (bounded to 30 s); returns how
     * many deliveries failed on the way.
     */
    int drain() {
        int failed = 0;
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            LocalEventSource.PollResult result = eventSource.pollOnce(10, 0);
            failed += result.failed();
            if (result.received() == 0) {
                if (depth(queues.queueUrl()) == 0) {
                    return failed;
                }
                failed += eventSource.pollOnce(10, 1).failed();
            }
        }
        throw new AssertionError("the queue did not drain within 30 s");
    }

    int depth(String queueUrl) {
        var attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    static String post(String statusId, String lastSeenAt, int likes) {
        return """
                {"status_id":"%s","url":"https://x.com/alice/status/%s","author_handle":"@Alice",
                 "author_display":"Alice","body_text":"post %s","watch_tier":"teammate","is_significant":true,
                 "significance_reason":"launch","likes":%d,"reposts":2,"replies":3,"views":400,
                 "initial_likes":1,"discovered_at":"2026-02-25T19:00:00Z","last_seen_at":"%s"}"""
                .formatted(statusId, statusId, statusId, likes, lastSeenAt);
    }
}
