package io.xmonitor.feed;

import io.xmonitor.testing.TestEnvironment;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Times the feed's queries on 1,000,000 posts generated in SQL in the embedded database: the
 * default page, each filter, {@code q} with a selective, a common and a matching-nothing term,
 * and the fifth page by cursor. Prints median and p95 per case. Run with:
 * {@code ./mvnw -q -pl shared test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.xmonitor.feed.FeedBenchmark}
 */
public final class FeedBenchmark {

    private static final int POSTS = 1_000_000;
    private static final int RUNS = 60;

    public static void main(String[] args) throws Exception {
        var database = TestEnvironment.get().freshDatabase();
        try (var dataSource = database.open()) {
            long loadStarted = System.nanoTime();
            generate(dataSource);
            System.out.printf("generated %,d posts with indexes in %.1f s%n", POSTS, (System.nanoTime() - loadStarted) / 1e9);

            FeedRepository repository = new FeedRepository(dataSource);
            FeedQueryParser parser = new FeedQueryParser(50, 200, new FeedCursor(List.of("benchmark")));
            Map<String, Map<String, String>> cases = new LinkedHashMap<>();
            cases.put("default page", Map.of());
            cases.put("tier=investor", Map.of("tier", "investor"));
            cases.put("handle=user42", Map.of("handle", "user42"));
            cases.put("handle=3 handles", Map.of("handle", "user42 @user7 USER999"));
            cases.put("significant=true", Map.of("significant", "true"));
            cases.put("q rare term (1 row)", Map.of("q", "f63f4fbc9f8c"));
            cases.put("q rare, common trigrams", Map.of("q", "topic-4242 "));
            cases.put("q common (~40% rows)", Map.of("q", "rollup"));
            cases.put("q matches nothing", Map.of("q", "no-such-phrase"));
            cases.put("tier + significant + q", Map.of("tier", "teammate", "significant", "true", "q", "bridge"));

            System.out.printf("%-28s %10s %10s %6s%n", "case", "median ms", "p95 ms", "rows");
            for (var entry : cases.entrySet()) {
                FeedQuery query = ((FeedQueryParser.Result.Parsed) parser.parse(entry.getValue())).query();
                int rows = repository.page(query, query.limit() + 1).size();
                report(entry.getKey(), time(() -> repository.page(query, query.limit() + 1)), rows);
            }
            FeedQuery first = ((FeedQueryParser.Result.Parsed) parser.parse(Map.of())).query();
            FeedQuery fifth = first;
            for (int page = 1; page < 5; page++) {
                var items = repository.page(fifth, fifth.limit() + 1);
                var last = items.get(fifth.limit() - 1);
                fifth = new FeedQuery(first.since(), first.until(), first.tier(), first.handles(), first.significant(),
                        first.text(), first.limit(), Optional.of(new FeedCursor.Position(last.discoveredAt(), last.statusId())));
            }
            FeedQuery fifthPage = fifth;
            report("fifth page by cursor", time(() -> repository.page(fifthPage, fifthPage.limit() + 1)),
                    repository.page(fifthPage, fifthPage.limit() + 1).size());
        }
        System.exit(0);
    }

    /** Tier, significance and topic are independent of each other, as they are in real data. */
    private static void generate(DataSource dataSource) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SET maintenance_work_mem = '512MB'");
            statement.execute("""
                    INSERT INTO posts (status_id, url, author_handle, author_display, body_text, watch_tier, is_significant,
                                       likes, reposts, replies, views, discovered_at, last_seen_at)
                    SELECT (1800000000000000000 + g)::text,
                           'https://x.com/user' || (g %% 5000) || '/status/' || (1800000000000000000 + g),
                           'user' || (g %% 5000),
                           'User ' || (g %% 5000),
                           (ARRAY['rollup fees fell again', 'bridge exploit traced', 'hiring engineers', 'client diversity update',
                                  'gas limit raised', 'rollup sequencing debate', 'airdrop season', 'rollup interop'])[1 + abs(hashtext(g || 'b')) %% 8]
                               || ' topic-' || (g %% 10000) || ' ' || md5(g::text),
                           (ARRAY['teammate', 'influencer', 'ecosystem', 'investor'])[1 + abs(hashtext(g || 't')) %% 4],
                           abs(hashtext(g || 's')) %% 10 = 0,
                           g %% 5000, g %% 700, g %% 300, g %% 100000,
                           timestamptz '2025-06-01' + g * interval '20 seconds',
                           timestamptz '2025-06-01' + g * interval '20 seconds' + interval '1 hour'
                    FROM generate_series(1, %d) AS g
                    """.formatted(POSTS));
            statement.execute("VACUUM ANALYZE posts");
        }
    }

    @FunctionalInterface
    private interface Query {
        Object run() throws Exception;
    }

    private static double[] time(Query query) throws Exception {
        for (int i = 0; i < 5; i++) {
            query.run();
        }
        double[] millis = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long started = System.nanoTime();
            query.run();
            millis[i] = (System.nanoTime() - started) / 1e6;
        }
        Arrays.sort(millis);
        return millis;
    }

    private static void report(String name, double[] sorted, int rows) {
        System.out.printf("%-28s %10.2f %10.2f %6d%n", name, sorted[sorted.length / 2],
                sorted[(int) Math.ceil(sorted.length * 0.95) - 1], rows);
    }
}
