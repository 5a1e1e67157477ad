package io.xmonitor.consumer;

import static io.xmonitor.consumer.Pipeline.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.xmonitor.config.AppConfig;
import io.xmonitor.queue.CompressedBody;
import io.xmonitor.queue.MessageAttributes;
import io.xmonitor.testing.TestEnvironment;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/** Handler → queue → consumer → PostgreSQL, on real SQS and S3 protocols and a real database. */
class IngestPipelineTest {

    private TestEnvironment.TestDatabase database;
    private HikariDataSource db;
    private Pipeline pipeline;

    @BeforeEach
    void start() {
        database = TestEnvironment.get().freshDatabase();
        db = database.open();
        pipeline = new Pipeline(database, Map.of());
    }

    @AfterEach
    void stop() {
        db.close();
    }

    private static Instant instant(Object value) {
        return (Instant) value;
    }

    @Test
    void everyKindArrivesInPostgresWithItsValues() {
        pipeline.sendItems("/v1/ingest/posts/batch", post("100", "2026-02-25T20:00:00Z", 10));
        pipeline.sendItems("/v1/ingest/metrics/batch", """
                {"status_id":"100","snapshot_type":"latest_observed","snapshot_at":"2026-02-25T20:00:00Z",
                 "likes":10,"reposts":2,"replies":3,"views":400}""");
        pipeline.sendItems("/v1/ingest/reports/batch", """
                {"status_id":"100","reported_at":"2026-02-25T20:05:00Z","channel":"slack","summary":"big launch","destination":"#alerts"}""");
        pipeline.sendItems("/v1/ingest/watch-accounts/batch", """
                {"handle":"@Alice","tier":"teammate","note":"core dev","added_at":"2026-01-01T00:00:00Z"}""");
        pipeline.sendItems("/v1/ingest/embeddings/batch", """
                {"status_id":"100","backend":"local","model":"mini-lm","vector":[0.25,-0.5,1],"text_hash":"abc"}""");
        pipeline.sendItems("/v1/ingest/window-summaries/batch", """
                {"summary_key":"rolling_2h:2026-02-25T20:00Z","window_type":"rolling_2h","window_start":"2026-02-25T18:00:00Z",
                 "window_end":"2026-02-25T20:00:00Z","generated_at":"2026-02-25T20:01:00Z","summary_text":"Launch day.",
                 "post_count":12,"significant_count":3,"tier_counts":{"teammate":5},"top_themes":[{"theme":"launch"}]}""");
        pipeline.sendItems("/v1/ingest/narrative-shifts/batch", """
                {"shift_key":"shift-1","basis_window_type":"rolling_12h","period_start":"2026-02-25T08:00:00Z",
                 "period_end":"2026-02-25T20:00:00Z","generated_at":"2026-02-25T20:02:00Z","summary_text":"Mood turned.",
                 "source_summary_keys":["a","b"],"position_shifts":{"alice":"bullish"}}""");
        pipeline.send("/v1/ingest/runs", """
                {"run_at":"2026-02-25T20:00:00Z","mode":"refresh-24h","fetched_count":40,"significant_count":3,"reported_count":1,"note":"ok"}""");

        assertThat(pipeline.drain()).isZero();

        Map<String, Object> stored = Rows.one(db, "SELECT * FROM posts WHERE status_id = '100'");
        assertThat(stored).containsEntry("url", "https://x.com/alice/status/100")
                .containsEntry("author_handle", "alice").containsEntry("author_display", "Alice")
                .containsEntry("body_text", "post 100").containsEntry("watch_tier", "teammate")
                .containsEntry("is_significant", true).containsEntry("significance_reason", "launch")
                .containsEntry("likes", 10).containsEntry("reposts", 2).containsEntry("replies", 3)
                .containsEntry("views", 400).containsEntry("initial_likes", 1);
        assertThat(instant(stored.get("discovered_at"))).isEqualTo(Instant.parse("2026-02-25T19:00:00Z"));
        assertThat(instant(stored.get("last_seen_at"))).isEqualTo(Instant.parse("2026-02-25T20:00:00Z"));

        assertThat(Rows.one(db, "SELECT snapshot_type, likes, views, source FROM post_metrics_snapshots"))
                .containsEntry("snapshot_type", "latest_observed").containsEntry("likes", 10)
                .containsEntry("views", 400).containsEntry("source", "ingest");
        assertThat(Rows.one(db, "SELECT channel, summary, destination FROM reports WHERE status_id = '100'"))
                .containsEntry("channel", "slack").containsEntry("summary", "big launch").containsEntry("destination", "#alerts");
        assertThat(Rows.one(db, "SELECT tier, note, added_at::text AS added FROM watch_accounts WHERE handle = 'ALICE'"))
                .containsEntry("tier", "teammate").containsEntry("note", "core dev");
        assertThat(Rows.one(db, "SELECT dims, vector_json::text AS v, model FROM embeddings"))
                .containsEntry("dims", 3).containsEntry("v", "[0.25, -0.5, 1]").containsEntry("model", "mini-lm");
        assertThat(Rows.one(db, "SELECT post_count, tier_counts_json::text AS t, top_themes_json::text AS th, debates_json::text AS d FROM window_summaries"))
                .containsEntry("post_count", 12).containsEntry("t", "{\"teammate\": 5}")
                .containsEntry("th", "[{\"theme\": \"launch\"}]").containsEntry("d", "[]");
        assertThat(Rows.one(db, "SELECT source_summary_keys_json::text AS k, position_shifts_json::text AS p FROM narrative_shifts"))
                .containsEntry("k", "[\"a\", \"b\"]").containsEntry("p", "{\"alice\": \"bullish\"}");
        assertThat(Rows.one(db, "SELECT mode, fetched_count, source FROM pipeline_runs"))
                .containsEntry("mode", "refresh24h").containsEntry("fetched_count", 40).containsEntry("source", "local-dispatcher");
        assertThat(Rows.count(db, "SELECT count(*) FROM ingest_batches WHERE applied_at IS NOT NULL")).isEqualTo(8);
    }

    @Test
    void redeliveryAndRedrivenCopiesLeaveTheSameState() {
        pipeline.sendItems("/v1/ingest/posts/batch", post("1", "2026-02-25T20:00:00Z", 10), post("2", "2026-02-25T20:00:00Z", 5));
        var message = pipeline.sqs.receiveMessage(b -> b.queueUrl(pipeline.queues.queueUrl())).messages().getFirst();
        // A second copy with a new message id, as a redrive or a duplicate send produces.
        pipeline.sqs.sendMessage(b -> b.queueUrl(pipeline.queues.queueUrl()).messageBody(message.body()));
        pipeline.sqs.changeMessageVisibility(b -> b.queueUrl(pipeline.queues.queueUrl())
                .receiptHandle(message.receiptHandle()).visibilityTimeout(0));

        assertThat(pipeline.drain()).isZero();
        assertThat(Rows.count(db, "SELECT count(*) FROM posts")).isEqualTo(2);
        assertThat(Rows.one(db, "SELECT rows_written FROM ingest_batches")).containsEntry("rows_written", 2);
        Object updatedAt = Rows.one(db, "SELECT updated_at FROM posts WHERE status_id = '1'").get("updated_at");

        pipeline.sqs.sendMessage(b -> b.queueUrl(pipeline.queues.queueUrl()).messageBody(message.body()));
        assertThat(pipeline.drain()).isZero();
        assertThat(Rows.one(db, "SELECT updated_at FROM posts WHERE status_id = '1'").get("updated_at")).isEqualTo(updatedAt);
    }

    @Test
    void anOlderVersionArrivingLateNeverOverwritesANewerOne() {
        pipeline.sendItems("/v1/ingest/posts/batch", post("7", "2026-02-25T22:00:00Z", 50));
        pipeline.sendItems("/v1/ingest/reports/batch", """
                {"status_id":"7","reported_at":"2026-02-25T22:00:00Z","summary":"newer"}""");
        pipeline.sendItems("/v1/ingest/window-summaries/batch", summary("2026-02-25T22:00:00Z", "newer"));
        assertThat(pipeline.drain()).isZero();

        String older = post("7", "2026-02-25T20:00:00Z", 10)
                .replace("\"discovered_at\":\"2026-02-25T19:00:00Z\"", "\"discovered_at\":\"2026-02-25T18:00:00Z\"")
                .replace("\"initial_likes\":1", "\"initial_likes\":0");
        pipeline.sendItems("/v1/ingest/posts/batch", older);
        pipeline.sendItems("/v1/ingest/reports/batch", """
                {"status_id":"7","reported_at":"2026-02-25T21:00:00Z","summary":"older"}""");
        pipeline.sendItems("/v1/ingest/window-summaries/batch", summary("2026-02-25T21:00:00Z", "older"));
        assertThat(pipeline.drain()).isZero();

        Map<String, Object> stored = Rows.one(db, "SELECT * FROM posts WHERE status_id = '7'");
        assertThat(stored).containsEntry("likes", 50).containsEntry("initial_likes", 0);
        assertThat(instant(stored.get("last_seen_at"))).isEqualTo(Instant.parse("2026-02-25T22:00:00Z"));
        assertThat(instant(stored.get("discovered_at"))).as("first capture keeps the earliest")
                .isEqualTo(Instant.parse("2026-02-25T18:00:00Z"));
        assertThat(Rows.one(db, "SELECT summary FROM reports")).containsEntry("summary", "newer");
        assertThat(Rows.one(db, "SELECT summary_text FROM window_summaries")).containsEntry("summary_text", "newer");
    }

    private static String summary(String generatedAt, String text) {
        return """
                {"summary_key":"s1","window_type":"rolling_2h","window_start":"2026-02-25T18:00:00Z",
                 "window_end":"2026-02-25T20:00:00Z","generated_at":"%s","summary_text":"%s"}""".formatted(generatedAt, text);
    }

    @Test
    void duplicateKeysInOneBatchCollapseToTheNewest() {
        pipeline.sendItems("/v1/ingest/posts/batch",
                post("9", "2026-02-25T21:00:00Z", 21), post("9", "2026-02-25T23:00:00Z", 23), post("9", "2026-02-25T22:00:00Z", 22));
        assertThat(pipeline.drain()).isZero();
        assertThat(Rows.one(db, "SELECT likes FROM posts")).containsEntry("likes", 23);
    }

    /** {@code count} posts with status ids from {@code firstId}, each with as many likes as its place. */
    private static String[] posts(int firstId, int count) {
        String[] items = new String[count];
        for (int i = 0; i < count; i++) {
            items[i] = post(Integer.toString(firstId + i), "2026-02-25T20:00:00Z", i);
        }
        return items;
    }

    /** The queued message with its attributes, left on the queue for the consumer. */
    private static Message peek(Pipeline pipeline) {
        return pipeline.env.sqs().receiveMessage(b -> b.queueUrl(pipeline.queues.queueUrl())
                .messageAttributeNames("All").visibilityTimeout(0).waitTimeSeconds(5)).messages().getFirst();
    }

    @Test
    void aBatchAboveTheThresholdIsAppliedFromS3() {
        Pipeline large = new Pipeline(database, Map.of(AppConfig.PAYLOAD_THRESHOLD_BYTES, "4096"));
        String[] items = posts(1000, 60);
        large.sendItems("/v1/ingest/posts/batch", items);
        assertThat(large.env.s3().listObjectsV2(b -> b.bucket(large.queues.bucket())).contents()).hasSize(1);
        assertThat(large.drain()).isZero();
        assertThat(Rows.count(db, "SELECT count(*) FROM posts")).isEqualTo(60);
        assertThat(Rows.one(db, "SELECT likes FROM posts WHERE status_id = '1059'")).containsEntry("likes", 59);
    }

    @Test
    void aBatchLargerThanOneSqsRequestTravelsCompressedAndIsApplied() {
        String[] items = posts(2000, 500);
        pipeline.sendItems("/v1/ingest/posts/batch", items);
        // Within the default claim-check threshold: the compressed body travels inline.
        Message queued = peek(pipeline);
        assertThat(queued.messageAttributes().get(MessageAttributes.CONTENT_ENCODING).stringValue()).isEqualTo(CompressedBody.GZIP_BASE64);
        assertThat(pipeline.env.s3().listObjectsV2(b -> b.bucket(pipeline.queues.bucket())).contents()).isEmpty();
        assertThat(pipeline.drain()).isZero();
        assertThat(Rows.count(db, "SELECT count(*) FROM posts")).isEqualTo(500);
        assertThat(Rows.one(db, "SELECT likes FROM posts WHERE status_id = '2499'")).containsEntry("likes", 499);
    }

    @Test
    void aCompressedBatchAboveTheThresholdIsAppliedFromS3() {
        Pipeline large = new Pipeline(database, Map.of(AppConfig.PAYLOAD_THRESHOLD_BYTES, "4096"));
        String[] items = posts(3000, 500);
        large.sendItems("/v1/ingest/posts/batch", items);
        Message queued = peek(large);
        assertThat(queued.messageAttributes().get(MessageAttributes.CONTENT_ENCODING).stringValue()).isEqualTo(CompressedBody.GZIP_BASE64);
        assertThat(queued.body()).startsWith("[\"software.amazon.payloadoffloading.PayloadS3Pointer\"");
        assertThat(large.drain()).isZero();
        assertThat(Rows.count(db, "SELECT count(*) FROM posts")).isEqualTo(500);
        assertThat(Rows.one(db, "SELECT likes FROM posts WHERE status_id = '3499'")).containsEntry("likes", 499);
    }

    @Test
    void rowsArrivingBeforeTheirPostWaitAndAreAppliedWhenItArrives() {
        pipeline.sendItems("/v1/ingest/metrics/batch", """
                {"status_id":"55","snapshot_type":"initial_capture","snapshot_at":"2026-02-25T19:00:00Z","likes":1,"reposts":0,"replies":0,"views":9}""");
        pipeline.sendItems("/v1/ingest/reports/batch", """
                {"status_id":"55","reported_at":"2026-02-25T20:05:00Z","summary":"early"}""",
                """
                {"status_id":"100","reported_at":"2026-02-25T20:05:00Z","summary":"parent known"}""");
        pipeline.sendItems("/v1/ingest/posts/batch", post("100", "2026-02-25T20:00:00Z", 1));
        assertThat(pipeline.drain()).as("orphans do not fail their batch").isZero();
        assertThat(Rows.count(db, "SELECT count(*) FROM parked_items")).isGreaterThanOrEqualTo(2);

        pipeline.sendItems("/v1/ingest/posts/batch", post("55", "2026-02-25T20:00:00Z", 1));
        assertThat(pipeline.drain()).isZero();
        assertThat(Rows.count(db, "SELECT count(*) FROM parked_items")).isZero();
        assertThat(Rows.one(db, "SELECT summary FROM reports WHERE status_id = '55'")).containsEntry("summary", "early");
        assertThat(Rows.one(db, "SELECT views FROM post_metrics_snapshots WHERE status_id = '55'")).containsEntry("views", 9);
        assertThat(Rows.count(db, "SELECT count(*) FROM reports")).isEqualTo(2);
    }

    @Test
    void aPoisonMessageReachesTheDlqThroughTheRedrivePolicy() throws Exception {
        pipeline.sqs.sendMessage(b -> b.queueUrl(pipeline.queues.queueUrl()).messageBody("{\"version\":99}"));
        pipeline.sendItems("/v1/ingest/posts/batch", post("1", "2026-02-25T20:00:00Z", 1));

        long deadline = System.nanoTime() + 30_000_000_000L;
        int failures = 0;
        while (pipeline.depth(pipeline.queues.dlqUrl()) == 0 && System.nanoTime() < deadline) {
            failures += pipeline.eventSource.pollOnce(10, 1).failed();
        }
        assertThat(failures).isEqualTo(TestEnvironment.MAX_RECEIVE_COUNT);
        assertThat(pipeline.depth(pipeline.queues.dlqUrl())).isEqualTo(1);
        assertThat(pipeline.depth(pipeline.queues.queueUrl())).isZero();
        assertThat(Rows.count(db, "SELECT count(*) FROM posts")).as("its batch-mate was applied").isEqualTo(1);
        var dead = pipeline.sqs.receiveMessage(b -> b.queueUrl(pipeline.queues.dlqUrl())).messages().getFirst();
        assertThat(dead.body()).isEqualTo("{\"version\":99}");
    }
}
