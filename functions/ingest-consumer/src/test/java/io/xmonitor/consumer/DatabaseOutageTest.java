package io.xmonitor.consumer;

import static io.xmonitor.consumer.Pipeline.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.xmonitor.db.Migrations;
import io.xmonitor.testing.TestEnvironment;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The failure the project exists for: the database goes away while batches arrive. Ingest keeps
 * answering 202, the consumer reports every message as failed (nothing is lost, nothing is
 * half-applied), and once the database is back every item is applied exactly once. Also the two
 * moments a crash can hit inside one delivery: the database connection cut in the middle of a
 * batch's transaction, and the consumer gone after its commit but before the message was deleted.
 */
class DatabaseOutageTest {

    private static EmbeddedPostgres start(Path dataDirectory, int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .start();
    }

    private static final String POSTS = "/v1/ingest/posts/batch";

    /** Five posts with distinct values in every column the test reads back. */
    private static String[] fivePosts(int first) {
        String[] posts = new String[5];
        for (int i = 0; i < 5; i++) {
            posts[i] = post(Integer.toString(first + i), "2026-02-25T20:0" + i + ":00Z", 10 + i);
        }
        return posts;
    }

    private static void assertStoredAsSent(javax.sql.DataSource db, int first) {
        for (int i = 0; i < 5; i++) {
            String id = Integer.toString(first + i);
            assertThat(Rows.one(db, "SELECT url, author_handle::text AS handle, body_text, watch_tier, is_significant, likes, "
                    + "reposts, views, initial_likes, last_seen_at FROM posts WHERE status_id = ?", id)).isEqualTo(Map.of(
                    "url", "https://x.com/alice/status/" + id, "handle", "alice", "body_text", "post " + id, "watch_tier", "teammate",
                    "is_significant", true, "likes", 10 + i, "reposts", 2, "views", 400, "initial_likes", 1,
                    "last_seen_at", java.time.Instant.parse("2026-02-25T20:0" + i + ":00Z")));
        }
    }

    @Test
    void aBatchWhoseConnectionIsCutMidTransactionIsAppliedOnceWithItsValues() throws Exception {
        var database = TestEnvironment.get().freshDatabase();
        Pipeline pipeline = new Pipeline(database, Map.of());
        String batchId = pipeline.sendItems(POSTS, fivePosts(100)).path("batch_id").asText();
        try (var db = database.open(); var holder = db.getConnection(); var killer = db.getConnection()) {
            // Hold every post-lock bucket, so the consumer's transaction stops after claiming its batch in the ledger.
            holder.setAutoCommit(false);
            holder.createStatement().execute("SELECT pg_advisory_xact_lock(7061, b) FROM generate_series(0, 63) AS b");
            var delivery = java.util.concurrent.CompletableFuture.supplyAsync(() -> pipeline.eventSource.pollOnce(10, 1));
            long deadline = System.nanoTime() + 20_000_000_000L;
            int cut = 0;
            while (cut == 0 && System.nanoTime() < deadline) {
                var rows = killer.createStatement().executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                        + "WHERE wait_event_type = 'Lock' AND wait_event = 'advisory' AND pid <> pg_backend_pid()");
                rows.next();
                cut = rows.getInt(1);
                Thread.sleep(50);
            }
            assertThat(cut).as("the consumer's connection was cut while its transaction waited").isEqualTo(1);
            assertThat(delivery.get(30, java.util.concurrent.TimeUnit.SECONDS).failed()).as("the delivery fails").isEqualTo(1);
            holder.rollback();
            assertThat(Rows.count(db, "SELECT count(*) FROM ingest_batches")).as("the claim died with its transaction").isZero();
            assertThat(Rows.count(db, "SELECT count(*) FROM posts")).as("nothing half-applied").isZero();

            assertThat(pipeline.drain()).as("the batch comes back and applies").isZero();
            assertThat(Rows.one(db, "SELECT item_count, rows_written FROM ingest_batches WHERE batch_id = ?::uuid", batchId))
                    .isEqualTo(Map.of("item_count", 5, "rows_written", 5));
            assertStoredAsSent(db, 100);
        }
    }

    @Test
    void aBatchCommittedButNotDeletedIsAppliedOnceWhenItComesBack() throws Exception {
        var database = TestEnvironment.get().freshDatabase();
        Pipeline pipeline = new Pipeline(database, Map.of());
        String batchId = pipeline.sendItems(POSTS, fivePosts(200)).path("batch_id").asText();
        String queueArn = pipeline.sqs.getQueueAttributes(b -> b.queueUrl(pipeline.queues.queueUrl())
                .attributeNames(software.amazon.awssdk.services.sqs.model.QueueAttributeName.QUEUE_ARN))
                .attributes().get(software.amazon.awssdk.services.sqs.model.QueueAttributeName.QUEUE_ARN);
        // The consumer commits, then its process dies before the event source deletes the message.
        var crashingAfterCommit = new io.xmonitor.local.LocalEventSource(pipeline.sqs, pipeline.queues.queueUrl(), queueArn, event -> {
            pipeline.consumer.handleRequest(event, null);
            throw new IllegalStateException("killed after COMMIT, before the delete");
        });
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> crashingAfterCommit.pollOnce(10, 1))
                .hasMessageContaining("killed after COMMIT");
        try (var db = database.open()) {
            assertStoredAsSent(db, 200);
            var updatedBefore = Rows.query(db, "SELECT status_id, updated_at FROM posts ORDER BY status_id");

            assertThat(pipeline.drain()).as("the redelivered message is recognised as applied").isZero();
            assertThat(pipeline.depth(pipeline.queues.queueUrl())).isZero();
            assertThat(Rows.count(db, "SELECT count(*) FROM ingest_batches WHERE batch_id = ?::uuid", batchId)).isEqualTo(1);
            assertThat(Rows.query(db, "SELECT status_id, updated_at FROM posts ORDER BY status_id"))
                    .as("nothing was written a second time").isEqualTo(updatedBefore);
            assertStoredAsSent(db, 200);
        }
    }

    @Test
    void batchesAcceptedDuringAnOutageAreAppliedOnceTheDatabaseIsBack() throws Exception {
        Path dataDirectory = Files.createTempDirectory("xmonitor-outage");
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        EmbeddedPostgres postgres = start(dataDirectory, port);
        var database = new TestEnvironment.TestDatabase("postgres",
                "jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "postgres");
        Migrations.apply(database.credentials());
        Pipeline pipeline = new Pipeline(database, Map.of("XMONITOR_DB_CONNECT_TIMEOUT_MS", "500"));
        pipeline.sendItems("/v1/ingest/posts/batch", post("1", "2026-02-25T20:00:00Z", 1));
        assertThat(pipeline.drain()).isZero();

        postgres.close();
        for (int batch = 0; batch < 3; batch++) {
            String base = Integer.toString(10 + batch * 2);
            String next = Integer.toString(11 + batch * 2);
            pipeline.sendItems("/v1/ingest/posts/batch", post(base, "2026-02-25T20:00:00Z", 1), post(next, "2026-02-25T20:00:00Z", 1));
        }
        pipeline.sendItems("/v1/ingest/reports/batch", """
                {"status_id":"1","reported_at":"2026-02-25T20:05:00Z","summary":"during outage"}""");
        var duringOutage = pipeline.eventSource.pollOnce(10, 1);
        assertThat(duringOutage.received()).isEqualTo(4);
        assertThat(duringOutage.failed()).as("every message fails while the database is down").isEqualTo(4);
        assertThat(pipeline.depth(pipeline.queues.queueUrl())).as("nothing is lost").isEqualTo(4);

        postgres = start(dataDirectory, port);
        try {
            assertThat(pipeline.drain()).as("no delivery fails once the database is back").isZero();
            try (var db = database.open()) {
                assertThat(Rows.count(db, "SELECT count(*) FROM posts")).isEqualTo(7);
                assertThat(Rows.count(db, "SELECT count(*) FROM ingest_batches")).isEqualTo(5);
                assertThat(Rows.one(db, "SELECT summary FROM reports")).containsEntry("summary", "during outage");
                assertThat(Rows.query(db, "SELECT status_id, likes, last_seen_at FROM posts ORDER BY status_id::int"))
                        .as("each post as sent").allSatisfy(row -> {
                            assertThat(row.get("likes")).isEqualTo(1);
                            assertThat(row.get("last_seen_at")).isEqualTo(java.time.Instant.parse("2026-02-25T20:00:00Z"));
                        });
            }
            assertThat(pipeline.depth(pipeline.queues.queueUrl())).isZero();
            assertThat(pipeline.depth(pipeline.queues.dlqUrl())).isZero();
        } finally {
            postgres.close();
        }
    }
}
