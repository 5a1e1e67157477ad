package io.xmonitor.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.xmonitor.db.DataSourceFactory;
import io.xmonitor.ingest.IngestItem;
import io.xmonitor.ingest.IngestKind;
import io.xmonitor.ingest.MetricsSnapshotUpsert;
import io.xmonitor.ingest.PostUpsert;
import io.xmonitor.queue.DecodedMessage;
import io.xmonitor.testing.TestEnvironment;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * No batch size or concurrency exhausts PostgreSQL's shared lock table: eight transactions
 * applying 5,000 items each at once, on the server's default max_locks_per_transaction, posts
 * and rows for posts that are (not yet) there interleaved. All of them apply, none deadlocks,
 * none holds more than {@link PostLocks#BUCKETS} advisory locks, and no row is left parked once
 * its post is stored.
 */
class BoundedLocksTest {

    private static final int ITEMS = 5_000;
    private static final Instant SEEN = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void eightConcurrentBatchesOfFiveThousandItemsAllApply() throws Exception {
        var database = TestEnvironment.get().freshDatabase();
        try (var dataSource = DataSourceFactory.forTools(database.credentials(), 9, "bounded-locks");
             Connection observer = dataSource.getConnection()) {
            assertThat(setting(observer, "max_locks_per_transaction")).as("the server default").isEqualTo("64");

            List<DecodedMessage.Batch> batches = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                batches.add(batch(IngestKind.POSTS, posts(i * 2_500)));
                batches.add(batch(IngestKind.METRICS, snapshots(i * 3_000, SEEN.plusSeconds(i))));
            }
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger mostLocksHeld = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(batches.size() + 1);
            Future<?> sampler = pool.submit(() -> {
                while (running.get()) {
                    mostLocksHeld.accumulateAndGet(mostAdvisoryLocksOfOneSession(observer), Math::max);
                }
                return null;
            });
            List<Future<BatchApplier.ApplyResult>> applied = new ArrayList<>();
            BatchApplier applier = new BatchApplier(dataSource);
            for (DecodedMessage.Batch batch : batches) {
                applied.add(pool.submit(() -> applier.apply(batch)));
            }
            for (Future<BatchApplier.ApplyResult> result : applied) {
                assertThat(result.get().alreadyApplied()).isFalse();
            }
            running.set(false);
            sampler.get();
            pool.shutdown();

            assertThat(mostLocksHeld.get()).as("advisory locks held by one transaction").isBetween(1, PostLocks.BUCKETS);
            try (Connection connection = dataSource.getConnection()) {
                assertThat(count(connection, "SELECT count(*) FROM posts")).isEqualTo(3 * 2_500 + ITEMS);
                assertThat(count(connection, "SELECT count(*) FROM parked_items pi JOIN posts p USING (status_id)"))
                        .as("nothing waits for a post that is stored").isZero();
                assertThat(count(connection, "SELECT count(*) FROM post_metrics_snapshots")
                        + count(connection, "SELECT count(*) FROM parked_items")).isEqualTo(4L * ITEMS);
                assertThat(count(connection, "SELECT count(*) FROM ingest_batches")).isEqualTo(batches.size());
            }
        }
    }

    private static DecodedMessage.Batch batch(IngestKind kind, List<IngestItem> items) {
        return new DecodedMessage.Batch(UUID.randomUUID(), kind, SEEN, items);
    }

    private static List<IngestItem> posts(int first) {
        List<IngestItem> posts = new ArrayList<>(ITEMS);
        for (int id = first; id < first + ITEMS; id++) {
            String statusId = Integer.toString(1_000_000 + id);
            posts.add(new PostUpsert(statusId, "https://x.com/a/status/" + statusId, "a", null, "post " + id, null, null,
                    null, false, null, "v1", id % 100, 0, 0, 0, null, null, null, null, null, null, null, null,
                    null, null, null, null, null, null, SEEN, SEEN));
        }
        return posts;
    }

    private static List<IngestItem> snapshots(int first, Instant at) {
        List<IngestItem> snapshots = new ArrayList<>(ITEMS);
        for (int id = first; id < first + ITEMS; id++) {
            snapshots.add(new MetricsSnapshotUpsert(Integer.toString(1_000_000 + id), "latest_observed", at, 1, 2, 3, 4, "ingest"));
        }
        return snapshots;
    }

    private static int mostAdvisoryLocksOfOneSession(Connection connection) throws Exception {
        try (ResultSet rows = connection.createStatement().executeQuery(
                "SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' GROUP BY pid) held")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static String setting(Connection connection, String name) throws Exception {
        try (ResultSet rows = connection.createStatement().executeQuery("SHOW " + name)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static long count(Connection connection, String sql) throws Exception {
        try (ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
