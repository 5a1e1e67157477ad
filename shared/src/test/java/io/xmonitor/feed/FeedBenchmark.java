package io.xmonitor.feed;

import io.xmonitor.testing.TestEnvironment;
import io.xmonitor.testing.Timings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Times the feed's queries on 1,000,000 posts shaped like collector data, generated in SQL in the
 * embedded database: three of sixteen topic words in every post, a topic tag ("topic-4242") that
 * every post has some number of, rarer tokens, 5,000 handles. Every case runs twice: as the feed
 * searched before migration V5 (ILIKE on body or handle, one trigram index each, recreated here
 * for the comparison) and as it searches now; both medians and p95s are printed with their ratio.
 * Each index's size and build time, and the table's size, are printed first. Run with:
 * {@code ./xmonitor mvnw -q -pl shared -am test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.xmonitor.feed.FeedBenchmark}
 */
public final class FeedBenchmark {

    private static final int POSTS = Integer.getInteger("posts", 1_000_000);
    private static final int RUNS = Integer.getInteger("runs", 40);
    /** The searches before V5 read most of the posts for some terms: fewer runs keep a 10M run short. */
    private static final int BEFORE_RUNS = Integer.getInteger("beforeRuns", RUNS);

    public static void main(String[] args) throws Exception {
        var database = TestEnvironment.get().freshDatabase();
        try (var dataSource = database.open()) {
            long loadStarted = System.nanoTime();
            generate(dataSource);
            System.out.printf("generated %,d posts with both index sets in %.1f s%n%n", POSTS, (System.nanoTime() - loadStarted) / 1e9);
            printIndexes(dataSource);

            FeedRepository repository = new FeedRepository(dataSource);
            FeedQueryParser parser = new FeedQueryParser(50, 200, new FeedCursor(List.of("benchmark")));
            Map<String, Map<String, String>> cases = new LinkedHashMap<>();
            cases.put("default page", Map.of());
            cases.put("tier=investor", Map.of("tier", "investor"));
            cases.put("handle=1", Map.of("handle", "nadia_quill7"));
            cases.put("handle=3", Map.of("handle", "nadia_quill7 @ovid_marsh12 MIRA_FUND3"));
            cases.put("significant=true", Map.of("significant", "true"));
            cases.put("date range (1 week)", Map.of("since", "2025-09-01T00:00:00Z", "until", "2025-09-08T00:00:00Z"));
            cases.put("q rare, common trigrams", Map.of("q", "topic-4242 "));
            cases.put("q rare token", Map.of("q", "k123456 "));
            cases.put("q matches nothing", Map.of("q", "no-such-phrase"));
            cases.put("q handles only", Map.of("q", "nadia_quil"));
            cases.put("q common word", Map.of("q", "rollup"));
            cases.put("q common phrase", Map.of("q", "rollup fees"));
            cases.put("tier+significant+q rare", Map.of("tier", "investor", "significant", "true", "q", "topic-4242 "));
            cases.put("tier+q nothing", Map.of("tier", "teammate", "q", "no-such-phrase"));
            cases.put("significant+q handles", Map.of("significant", "true", "q", "nadia_quil"));
            cases.put("tier+significant+q handles", Map.of("tier", "investor", "significant", "true", "q", "nadia_quil"));
            cases.put("handle+q common", Map.of("handle", "nadia_quill7", "q", "rollup"));
            cases.put("handle+significant+q common", Map.of("handle", "nadia_quill7", "significant", "true", "q", "rollup"));
            cases.put("tier+not significant+q common", Map.of("tier", "teammate", "significant", "false", "q", "rollup"));
            cases.put("date range+q rare", Map.of("since", "2025-09-01T00:00:00Z", "until", "2025-09-08T00:00:00Z", "q", "topic-4242 "));

            System.out.printf("%-30s %6s | %12s %12s | %12s %12s | %7s%n", "case", "rows", "before p50", "before p95",
                    "now p50", "now p95", "speedup");
            for (var entry : cases.entrySet()) {
                FeedQuery query = ((FeedQueryParser.Result.Parsed) parser.parse(entry.getValue())).query();
                int limit = query.limit() + 1;
                List<String> now = ids(repository.page(query, limit));
                List<String> before = before(dataSource, query, limit);
                if (!now.equals(before)) {
                    throw new IllegalStateException(entry.getKey() + ": the search finds other posts than before");
                }
                double[] beforeMillis = Timings.sortedMillis(Math.min(5, BEFORE_RUNS), BEFORE_RUNS, () -> before(dataSource, query, limit));
                double[] nowMillis = Timings.sortedMillis(5, RUNS, () -> repository.page(query, limit));
                System.out.printf("%-30s %6d | %12.2f %12.2f | %12.2f %12.2f | %6.1fx%n", entry.getKey(), now.size(),
                        Timings.median(beforeMillis), Timings.p95(beforeMillis), Timings.median(nowMillis), Timings.p95(nowMillis),
                        Timings.median(beforeMillis) / Timings.median(nowMillis));
            }
            FeedQuery first = ((FeedQueryParser.Result.Parsed) parser.parse(Map.of("q", "rollup"))).query();
            FeedQuery fifth = first;
            for (int page = 1; page < 5; page++) {
                var items = repository.page(fifth, fifth.limit() + 1);
                var last = items.get(fifth.limit() - 1);
                fifth = new FeedQuery(first.since(), first.until(), first.tier(), first.handles(), first.significant(),
                        first.text(), first.limit(), Optional.of(new FeedCursor.Position(last.discoveredAt(), last.statusId())));
            }
            FeedQuery fifthPage = fifth;
            double[] fifthMillis = Timings.sortedMillis(5, RUNS, () -> repository.page(fifthPage, fifthPage.limit() + 1));
            System.out.printf("%-30s %6d | %12s %12s | %12.2f %12.2f |%n", "q common, fifth page", fifthPage.limit() + 1, "", "",
                    Timings.median(fifthMillis), Timings.p95(fifthMillis));
        }
        System.exit(0);
    }

    /** Each index on posts: its size, bytes per post, and how long building it alone takes (REINDEX, one at a time); then the table's own size. */
    private static void printIndexes(DataSource dataSource) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SET maintenance_work_mem = '512MB'");
            try (ResultSet rows = statement.executeQuery("SELECT indexrelid::regclass::text FROM pg_index WHERE indrelid = 'posts'::regclass ORDER BY 1")) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            System.out.printf("%-34s %10s %12s %10s%n", "index on posts", "MB", "bytes/post", "build s");
            for (String name : names) {
                long started = System.nanoTime();
                statement.execute("REINDEX INDEX " + name);
                double seconds = (System.nanoTime() - started) / 1e9;
                try (ResultSet size = statement.executeQuery("SELECT pg_relation_size('" + name + "')")) {
                    size.next();
                    long bytes = size.getLong(1);
                    System.out.printf("%-34s %,10.1f %,12.1f %,10.1f%n", name, bytes / 1048576.0, (double) bytes / POSTS, seconds);
                }
            }
            try (ResultSet size = statement.executeQuery("SELECT pg_table_size('posts')")) {
                size.next();
                long bytes = size.getLong(1);
                System.out.printf("%-34s %,10.1f %,12.1f%n", "posts itself (heap and TOAST)", bytes / 1048576.0, (double) bytes / POSTS);
            }
            statement.execute("ANALYZE posts");
            System.out.println();
        }
    }

    private static void generate(DataSource dataSource) throws Exception {
        generatePosts(dataSource, POSTS);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SET maintenance_work_mem = '512MB'");
            // The indexes the feed searched before migration V5, for the comparison.
            statement.execute("CREATE INDEX before_body_trgm_idx ON posts USING gin (body_text gin_trgm_ops)");
            statement.execute("CREATE INDEX before_handle_trgm_idx ON posts USING gin ((author_handle::text) gin_trgm_ops)");
        }
    }

    /**
     * {@code posts} posts, one every 20 seconds from 2025-06-01 (a million reach 2026-01-18): three
     * topic words, a topic tag, a rarer token and a hash per post; 5,000 handles; tier and
     * significance independent; counts that differ by post. Vacuumed and analysed.
     */
    public static void generatePosts(DataSource dataSource, int posts) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SET maintenance_work_mem = '512MB'");
            statement.execute("""
                    INSERT INTO posts (status_id, url, author_handle, author_display, body_text, watch_tier, is_significant,
                                       likes, reposts, replies, views, discovered_at, last_seen_at)
                    SELECT (1800000000000000000 + g)::text,
                           'https://x.com/' || h || '/status/' || (1800000000000000000 + g),
                           h, initcap(replace(h, '_', ' ')),
                           w[1 + abs(hashtext(g || 'a')) %% 16] || ' ' || w[1 + abs(hashtext(g || 'b')) %% 16] || ' '
                             || w[1 + abs(hashtext(g || 'c')) %% 16] || ' topic-' || (g %% 10000) || ' '
                             || 'k' || (abs(hashtext(g || 'r')) %% 300000) || ' ' || substr(md5(g::text), 1, 12),
                           (ARRAY['teammate', 'influencer', 'ecosystem', 'investor'])[1 + abs(hashtext(g || 't')) %% 4],
                           abs(hashtext(g || 's')) %% 10 = 0,
                           g %% 5000, g %% 700, g %% 300, g %% 100000,
                           timestamptz '2025-06-01' + g * interval '20 seconds',
                           timestamptz '2025-06-01' + g * interval '20 seconds' + interval '1 hour'
                    FROM generate_series(1, %d) AS g,
                         LATERAL (SELECT (ARRAY['nadia','ovid','mira','tobias','lena','fennel','birch','ember','quinn','sasha'])[1 + (g %% 10)]
                                         || '_' || (ARRAY['quill','marsh','okonkwo','lindqvist','vasquez','capital','fund','rollup','labs','dao'])[1 + (g / 10 %% 10)]
                                         || (g / 100 %% 50) AS h) AS handles,
                         LATERAL (SELECT ARRAY['rollup','fees','bridge','validator','airdrop','sequencer','gas','staking','wallet',
                                               'exploit','governance','liquidity','oracle','mainnet','testnet','upgrade'] AS w) AS words
                    """.formatted(posts));
            statement.execute("VACUUM ANALYZE posts");
        }
    }

    /** The feed's query before migration V5: the term as ILIKE on body or handle. */
    private static List<String> before(DataSource dataSource, FeedQuery query, int limit) throws Exception {
        StringBuilder sql = new StringBuilder("SELECT p.status_id FROM posts p LEFT JOIN reports r ON r.status_id = p.status_id WHERE true\n");
        List<Object> parameters = new ArrayList<>();
        query.since().ifPresent(v -> {
            sql.append(" AND p.discovered_at >= ?");
            parameters.add(Timestamp.from(v));
        });
        query.until().ifPresent(v -> {
            sql.append(" AND p.discovered_at <= ?");
            parameters.add(Timestamp.from(v));
        });
        query.tier().ifPresent(v -> {
            sql.append(" AND p.watch_tier = ?");
            parameters.add(v);
        });
        if (!query.handles().isEmpty()) {
            sql.append(" AND p.author_handle = ANY(?::citext[])");
            parameters.add(query.handles());
        }
        query.significant().ifPresent(v -> {
            sql.append(" AND p.is_significant = ?");
            parameters.add(v);
        });
        query.text().ifPresent(v -> {
            sql.append(" AND (p.body_text ILIKE ? ESCAPE '\\' OR p.author_handle::text ILIKE ? ESCAPE '\\')");
            String pattern = "%" + FeedRepository.escapeLike(v) + "%";
            parameters.add(pattern);
            parameters.add(pattern);
        });
        sql.append(" ORDER BY p.discovered_at DESC, p.status_id DESC LIMIT ?");
        parameters.add(limit);
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                Object value = parameters.get(i);
                if (value instanceof List<?> list) {
                    statement.setArray(i + 1, connection.createArrayOf("text", list.toArray()));
                } else {
                    statement.setObject(i + 1, value);
                }
            }
            List<String> ids = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        }
    }

    private static List<String> ids(List<ReadModels.FeedItem> items) {
        return items.stream().map(ReadModels.FeedItem::statusId).toList();
    }
}
