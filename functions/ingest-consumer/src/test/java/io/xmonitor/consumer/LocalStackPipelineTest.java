package io.xmonitor.consumer;

import static io.xmonitor.consumer.Pipeline.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.xmonitor.config.AppConfig;
import io.xmonitor.local.StandIns;
import io.xmonitor.testing.AwsStandIn;
import io.xmonitor.testing.TestEnvironment;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The claim-check path and the redrive policy on LocalStack's SQS and S3, where Docker runs;
 * skipped (not failed) where it does not. The whole suite can also run there with -Plocalstack.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackPipelineTest {

    @Test
    void largeBatchesAndPoisonMessagesBehaveOnLocalStackAsOnTheEmbeddedStandIns() throws Exception {
        try (AwsStandIn localStack = AwsStandIn.localStack()) {
            var sqs = StandIns.sqsClient(localStack.sqsEndpoint());
            var s3 = StandIns.s3Client(localStack.s3Endpoint());
            var created = StandIns.createIngestQueues(sqs, "xmonitor-ingest-ls",
                    new StandIns.QueueSettings(1, 345_600, 1_209_600, TestEnvironment.MAX_RECEIVE_COUNT));
            s3.createBucket(b -> b.bucket("xmonitor-payloads-ls"));
            var queues = new TestEnvironment.TestQueues(created.queueUrl(), created.dlqUrl(), created.dlqArn(), "xmonitor-payloads-ls");
            var database = TestEnvironment.get().freshDatabase();
            Pipeline pipeline = new Pipeline(database, Map.of(
                    AppConfig.SQS_ENDPOINT, localStack.sqsEndpoint().toString(),
                    AppConfig.S3_ENDPOINT, localStack.s3Endpoint().toString(),
                    AppConfig.PAYLOAD_THRESHOLD_BYTES, "4096"), sqs, queues);

            String[] items = new String[40];
            for (int i = 0; i < items.length; i++) {
                items[i] = post(Integer.toString(5000 + i), "2026-02-25T20:00:00Z", i);
            }
            pipeline.sendItems("/v1/ingest/posts/batch", items);
            assertThat(s3.listObjectsV2(b -> b.bucket("xmonitor-payloads-ls")).contents()).hasSize(1);
            assertThat(pipeline.drain()).isZero();
            try (var db = database.open()) {
                assertThat(Rows.count(db, "SELECT count(*) FROM posts")).isEqualTo(40);
            }

            sqs.sendMessage(b -> b.queueUrl(queues.queueUrl()).messageBody("not an envelope"));
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (pipeline.depth(queues.dlqUrl()) == 0 && System.nanoTime() < deadline) {
                pipeline.eventSource.pollOnce(10, 1);
            }
            assertThat(pipeline.depth(queues.dlqUrl())).isEqualTo(1);
        }
    }
}
