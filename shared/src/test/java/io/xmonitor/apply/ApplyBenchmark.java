package io.xmonitor.apply;

import io.xmonitor.ingest.IngestItem;
import io.xmonitor.ingest.IngestKind;
import io.xmonitor.ingest.PostUpsert;
import io.xmonitor.ingest.Timestamps;
import io.xmonitor.json.Json;
import io.xmonitor.queue.DecodedMessage;
import io.xmonitor.testing.TestEnvironment;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.postgresql.PGConnection;

/**
 * Applies 20,000 posts (or {@code -Drows=N}) in 500-post batches through {@link BatchApplier} (the consumer's apply
 * path) and, in the same run on the same embedded PostgreSQL, (a) the same upsert issued once per
 * row, (b) a COPY of the same rows into an empty table built like {@code posts} and (c) the apply
 * path again with the trends rollup's triggers on {@code posts} disabled, which shows what they
 * cost. The four alternate over {@link #ROUNDS} rounds, each starting with a different one, so a
 * slow moment of the machine falls on all of them alike; prints each round, the medians' rows/s
 * and the median of the rounds' apply / COPY ratios. Run with:
 * {@code ./xmonitor mvnw -q -pl shared -am test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.xmonitor.apply.ApplyBenchmark}
 */
public final class ApplyBenchmark {

    private static final int ROWS = Integer.getInteger("rows", 20_000);
    private static final int BATCH = 500;
    private static final int ROUNDS = 5;

    public static void main(String[] args) throws Exception {
        TestEnvironment env = TestEnvironment.get();
        List<PostUpsert> posts = generate(ROWS);
        warmUp(env, posts.subList(0, Math.min(ROWS, 2_000)));

        System.out.printf("%,d posts in batches of %d, embedded PostgreSQL 16, %d rounds%n", ROWS, BATCH, ROUNDS);
        System.out.printf("  %-7s %14s %14s %14s %14s %18s %18s%n", "round", "apply rows/s", "per-row rows/s", "COPY rows/s",
                "apply / COPY", "no-rollup rows/s", "no-rollup / COPY");
        double[] applied = new double[ROUNDS];
        double[] naive = new double[ROUNDS];
        double[] copy = new double[ROUNDS];
        double[] ratio = new double[ROUNDS];
        double[] withoutRollup = new double[ROUNDS];
        double[] withoutRollupRatio = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            // Each round starts with a different one of the three, so none always runs on a fresher machine.
            for (int turn = 0; turn < 4; turn++) {
                switch ((round + turn) % 4) {
                    case 0 -> applied[round] = rowsPerSecond(ROWS, timeApply(env, posts, true));
                    case 1 -> naive[round] = rowsPerSecond(ROWS, timeRowByRow(env, posts));
                    case 2 -> copy[round] = rowsPerSecond(ROWS, timeCopy(env, posts));
                    default -> withoutRollup[round] = rowsPerSecond(ROWS, timeApply(env, posts, false));
                }
            }
            ratio[round] = applied[round] / copy[round];
            withoutRollupRatio[round] = withoutRollup[round] / copy[round];
            System.out.printf("  %-7d %,14.0f %,14.0f %,14.0f %14.2f %,18.0f %18.2f%n", round + 1, applied[round], naive[round],
                    copy[round], ratio[round], withoutRollup[round], withoutRollupRatio[round]);
        }
        System.out.printf("  %-7s %,14.0f %,14.0f %,14.0f %14.2f %,18.0f %18.2f%n", "median", median(applied), median(naive),
                median(copy), median(ratio), median(withoutRollup), median(withoutRollupRatio));
        System.out.printf("  apply / COPY = %.2f (median of the rounds' ratios)   apply / per-row = %.1fx (medians)%n",
                median(ratio), median(applied) / median(naive));
        System.out.printf("  the trends rollup's triggers take %.0f %% of apply's time (medians)%n",
                100 * (1 - median(applied) / median(withoutRollup)));
        System.exit(0);
    }

    private static void warmUp(TestEnvironment env, List<PostUpsert> posts) throws Exception {
        timeApply(env, posts, true);
        timeApply(env, posts, false);
        timeRowByRow(env, posts);
        timeCopy(env, posts);
    }

    private static long timeApply(TestEnvironment env, List<PostUpsert> posts, boolean rollup) throws Exception {
        try (var dataSource = env.freshDatabase().open()) {
            if (!rollup) {
                try (Connection connection = dataSource.getConnection()) {
                    connection.createStatement().execute("ALTER TABLE posts DISABLE TRIGGER USER");
                }
            }
            BatchApplier applier = new BatchApplier(dataSource);
            long started = System.nanoTime();
            for (int from = 0; from < posts.size(); from += BATCH) {
                List<IngestItem> batch = new ArrayList<>(posts.subList(from, Math.min(posts.size(), from + BATCH)));
                applier.apply(new DecodedMessage.Batch(UUID.randomUUID(), IngestKind.POSTS, Instant.now(), batch));
            }
            return System.nanoTime() - started;
        }
    }

    private static long timeRowByRow(TestEnvironment env, List<PostUpsert> posts) throws Exception {
        try (var dataSource = env.freshDatabase().open(); Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            long started = System.nanoTime();
            try (PreparedStatement statement = connection.prepareStatement(UpsertStatements.POSTS)) {
                for (int i = 0; i < posts.size(); i++) {
                    statement.setString(1, Json.write(List.of(posts.get(i))));
                    statement.executeUpdate();
                    if ((i + 1) % BATCH == 0) {
                        connection.commit();
                    }
                }
            }
            connection.commit();
            return System.nanoTime() - started;
        }
    }

    private static long timeCopy(TestEnvironment env, List<PostUpsert> posts) throws Exception {
        try (var dataSource = env.freshDatabase().open(); Connection connection = dataSource.getConnection()) {
            connection.createStatement().execute("CREATE TABLE posts_copy (LIKE posts INCLUDING ALL)");
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            long started = System.nanoTime();
            for (int from = 0; from < posts.size(); from += BATCH) {
                StringBuilder csv = new StringBuilder();
                for (PostUpsert p : posts.subList(from, Math.min(posts.size(), from + BATCH))) {
                    csv.append(p.statusId()).append(',').append(p.url()).append(',').append(p.authorHandle()).append(',')
                            .append(p.authorDisplay()).append(",\"").append(p.bodyText()).append("\",")
                            .append(p.watchTier()).append(',').append(p.isSignificant()).append(',')
                            .append(p.likes()).append(',').append(p.reposts()).append(',').append(p.replies()).append(',')
                            .append(p.views()).append(',').append(Timestamps.format(p.discoveredAt())).append(',')
                            .append(Timestamps.format(p.lastSeenAt())).append('\n');
                }
                copy.copyIn("COPY posts_copy (status_id, url, author_handle, author_display, body_text, watch_tier, "
                        + "is_significant, likes, reposts, replies, views, discovered_at, last_seen_at) FROM STDIN (FORMAT csv)",
                        new StringReader(csv.toString()));
            }
            return System.nanoTime() - started;
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double rowsPerSecond(int rows, long nanos) {
        return rows / (nanos / 1e9);
    }

    private static List<PostUpsert> generate(int count) {
        String[] tiers = {"teammate", "influencer", "ecosystem", "investor"};
        Instant base = Instant.parse("2026-02-01T00:00:00Z");
        List<PostUpsert> posts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String id = Long.toString(1_800_000_000_000_000_000L + i);
            Instant discovered = base.plusSeconds(i * 37L);
            posts.add(new PostUpsert(id, "https://x.com/user" + (i % 500) + "/status/" + id, "user" + (i % 500),
                    "User " + (i % 500), "post number " + i + " about rollups, bridges and the merge", "3h", "priority",
                    tiers[i % 4], i % 7 == 0, null, "v1", i % 1000, i % 100, i % 50, i * 13 % 100_000,
                    null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                    discovered, discovered.plusSeconds(600)));
        }
        return posts;
    }
}
