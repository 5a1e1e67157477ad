package io.xmonitor.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.xmonitor.feed.FeedCursor;
import io.xmonitor.feed.FeedQueryParser;
import io.xmonitor.feed.FeedRepository;
import io.xmonitor.testing.TestEnvironment;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * No statement of trends or engagement reads the whole of posts: with the planner's own
 * settings and statistics, on posts spread over nine months (so that even 90 days are a third of
 * them), every statement of every range and filter reads posts through an index. Counts come
 * from the rollup when only tier and significance narrow them; top posts of a long range walk
 * the score index.
 */
class AnalyticsPlanTest {

    private static final Instant NOW = Instant.parse("2026-09-30T12:00:00Z");

    @Test
    void everyStatementReadsPostsThroughAnIndex() throws Exception {
        var database = TestEnvironment.get().freshDatabase();
        try (var dataSource = database.open(); Connection connection = dataSource.getConnection()) {
            connection.createStatement().execute("""
                    INSERT INTO posts (status_id, url, author_handle, body_text, watch_tier, is_significant, likes, reposts, replies,
                                       views, discovered_at, last_seen_at)
                    SELECT (1800000000000000000 + g)::text, 'https://x.com/u/status/' || g, 'user_' || (g % 500),
                           (ARRAY['rollup fees', 'bridge exploit', 'gas limit', 'validator set'])[1 + g % 4]
                               || ' topic-' || (g % 1000) || ' ' || substr(md5(g::text), 1, 10),
                           (ARRAY['teammate', 'influencer', 'ecosystem', 'investor'])[1 + abs(hashtext(g || 't')) % 4],
                           g % 10 = 0, g % 997, g % 101, g % 53, g % 10007,
                           timestamptz '2026-09-30 12:00+00' - g * interval '8 minutes', timestamptz '2026-09-30 12:00+00'
                    FROM generate_series(1, 50000) AS g""");
            connection.createStatement().execute("SELECT post_activity_fold()");
            connection.createStatement().execute("VACUUM ANALYZE posts");
            connection.createStatement().execute("VACUUM ANALYZE post_activity");
            FeedRepository feed = new FeedRepository(dataSource);
            AnalyticsRepository repository = new AnalyticsRepository(dataSource, feed);
            AnalyticsQueryParser parser = new AnalyticsQueryParser(new FeedQueryParser(50, 200, new FeedCursor(List.of("k"))));
            List<Map<String, String>> filterSets = List.of(Map.of(), Map.of("tier", "investor"), Map.of("significant", "true"),
                    Map.of("tier", "teammate", "significant", "false"), Map.of("handle", "user_42"), Map.of("handle", "user_42 user_43"),
                    Map.of("q", "topic-424 "), Map.of("q", "rollup"), Map.of("q", "ser_42", "significant", "true"),
                    Map.of("tier", "investor", "significant", "true", "handle", "user_42", "q", "rollup"));
            int rollups = 0;
            int scoreWalks = 0;
            for (AnalyticsRange range : AnalyticsRange.values()) {
                for (Map<String, String> filters : filterSets) {
                    Map<String, String> parameters = new HashMap<>(filters);
                    parameters.put("range", range.wireName());
                    parameters.put("tz", "Europe/Berlin");
                    AnalyticsQuery query = ((AnalyticsQueryParser.Result.Parsed) parser.parse(parameters, NOW, "/v1/engagement", true)).query();
                    AnalyticsRepository.Plan plan = repository.plan(connection, query);
                    List<String> explained = new ArrayList<>();
                    for (AnalyticsRepository.Statement statement : List.of(plan.bucketRows(), plan.engagement())) {
                        explained.add(explain(connection, statement));
                    }
                    for (String text : explained) {
                        assertThat(text).as("%s %s:%n%s", range, filters, text).doesNotContain("Seq Scan on posts");
                    }
                    if (plan.buckets() == AnalyticsRepository.Reading.ROLLUP) {
                        rollups++;
                        assertThat(explained.getFirst()).as("%s %s", range, filters).contains("post_activity").doesNotContain(" on posts");
                    }
                    if (explained.get(1).contains("posts_score_idx")) {
                        scoreWalks++;
                    }
                }
            }
            assertThat(rollups).as("counts narrowed only by tier and significance come from the rollup").isEqualTo(4 * 4);
            assertThat(scoreWalks).as("top posts of long ranges walk the score index").isPositive();
        }
    }

    private static String explain(Connection connection, AnalyticsRepository.Statement statement) throws Exception {
        StringBuilder plan = new StringBuilder();
        try (PreparedStatement prepared = statement.prepare(connection, "EXPLAIN "); ResultSet rows = prepared.executeQuery()) {
            while (rows.next()) {
                plan.append(rows.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }
}
