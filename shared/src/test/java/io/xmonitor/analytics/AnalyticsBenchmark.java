package io.xmonitor.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import io.xmonitor.feed.FeedBenchmark;
import io.xmonitor.feed.FeedCursor;
import io.xmonitor.feed.FeedQueryParser;
import io.xmonitor.feed.FeedRepository;
import io.xmonitor.http.HttpRequest;
import io.xmonitor.http.HttpResponse;
import io.xmonitor.json.Json;
import io.xmonitor.testing.SqlQueries;
import io.xmonitor.testing.TestEnvironment;
import io.xmonitor.testing.Timings;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Times /v1/trends and /v1/engagement (parameters, buckets, SQL and JSON, as the read function
 * answers them) on the feed benchmark's 1,000,000 posts, for every range, alone and with each
 * filter and all of them, next to the same figures computed in the same run as a plain aggregate
 * over the posts (the query one would write without the rollup and the indexes of V10 and V11);
 * both answers are compared before timing. Run with:
 * {@code ./xmonitor mvnw -q -pl shared -am test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.xmonitor.analytics.AnalyticsBenchmark}
 * ({@code -Dposts=100000} for a quicker run; {@code -Druns=N} timings of each answer, 25 by default, and
 * {@code -DbaselineRuns=N} of the plain aggregate, 7 by default).
 */
public final class AnalyticsBenchmark {

    private static final int POSTS = Integer.getInteger("posts", 1_000_000);
    private static final int RUNS = Integer.getInteger("runs", 25);
    /** The plain aggregate takes up to seconds at a million posts: fewer timings of it. */
    private static final int BASELINE_RUNS = Integer.getInteger("baselineRuns", 7);
    private static final String ZONE = "Europe/Berlin";

    public static void main(String[] args) {
        int status = 0;
        try {
            run();
        } catch (Exception e) {
            // The embedded stand-ins' threads would keep the JVM alive after a failure.
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    private static void run() throws Exception {
        var database = TestEnvironment.get().freshDatabase();
        try (var dataSource = database.open()) {
            long loadStarted = System.nanoTime();
            FeedBenchmark.generatePosts(dataSource, POSTS);
            try (Connection connection = dataSource.getConnection()) {
                // As a consumer does after each batch: the changes the bulk insert recorded go into the rollup.
                connection.createStatement().execute("SELECT post_activity_fold()");
                connection.createStatement().execute("VACUUM ANALYZE post_activity");
            }
            Instant now = newest(dataSource);
            System.out.printf("generated %,d posts (the rollup kept by its triggers) in %.1f s; now = %s, zone %s%n%n", POSTS,
                    (System.nanoTime() - loadStarted) / 1e9, now, ZONE);

            FeedRepository feed = new FeedRepository(dataSource);
            FeedCursor cursors = new FeedCursor(List.of("benchmark"));
            AnalyticsApi api = AnalyticsApi.over(dataSource, feed, new FeedQueryParser(50, 200, cursors), cursors,
                    Clock.fixed(now, ZoneOffset.UTC));
            Map<String, Map<String, String>> filters = new LinkedHashMap<>();
            filters.put("no filter", Map.of());
            filters.put("tier", Map.of("tier", "investor"));
            filters.put("significant", Map.of("significant", "true"));
            filters.put("handle", Map.of("handle", "nadia_quill7"));
            filters.put("3 handles", Map.of("handle", "nadia_quill7 @ovid_marsh12 MIRA_FUND3"));
            filters.put("q rare", Map.of("q", "topic-4242 "));
            filters.put("q common word", Map.of("q", "rollup"));
            filters.put("q handle part", Map.of("q", "nadia_quil"));
            filters.put("tier+significant+q", Map.of("tier", "investor", "significant", "true", "q", "rollup"));
            filters.put("every filter", Map.of("tier", "investor", "significant", "true", "handle", "nadia_quill7 ovid_marsh12",
                    "q", "rollup"));

            System.out.printf("times in ms: the answer over %d runs, the plain aggregate over %d (its p95 is then its slowest)%n",
                    RUNS, BASELINE_RUNS);
            System.out.printf("%-7s %-20s %-10s %9s | %10s %10s | %10s %10s | %8s%n", "range", "filters", "route", "posts",
                    "plain p50", "plain p95", "now p50", "now p95", "speedup");
            for (AnalyticsRange range : AnalyticsRange.values()) {
                for (var entry : filters.entrySet()) {
                    Map<String, String> parameters = new HashMap<>(entry.getValue());
                    parameters.put("range", range.wireName());
                    parameters.put("tz", ZONE);
                    for (String route : List.of(AnalyticsApi.TRENDS, AnalyticsApi.ENGAGEMENT)) {
                        boolean engagement = route.equals(AnalyticsApi.ENGAGEMENT);
                        HttpRequest request = new HttpRequest("GET", route, Map.of(), parameters, null);
                        AnalyticsQuery query = ((AnalyticsQueryParser.Result.Parsed) new AnalyticsQueryParser(
                                new FeedQueryParser(50, 200, cursors)).parse(parameters, now, route, engagement)).query();
                        JsonNode answer = answer(engagement ? api.engagement(request) : api.trends(request));
                        String figures = figures(answer, engagement);
                        String plain = plain(dataSource, query, engagement);
                        if (!figures.equals(plain)) {
                            throw new IllegalStateException(range.wireName() + " " + entry.getKey() + " " + route
                                    + ": the answer differs from the plain aggregate\n" + figures + "\n" + plain);
                        }
                        double[] plainMillis = Timings.sortedMillis(3, BASELINE_RUNS, () -> plain(dataSource, query, engagement));
                        double[] nowMillis = Timings.sortedMillis(3, RUNS, () -> engagement ? api.engagement(request) : api.trends(request));
                        System.out.printf("%-7s %-20s %-10s %,9d | %10.1f %10.1f | %10.1f %10.1f | %7.1fx%n", range.wireName(),
                                entry.getKey(), route.substring(4), answer.path("totals").path("posts").asLong(),
                                Timings.median(plainMillis), Timings.p95(plainMillis), Timings.median(nowMillis),
                                Timings.p95(nowMillis), Timings.median(plainMillis) / Timings.median(nowMillis));
                    }
                }
            }
        }
    }

    private static Instant newest(DataSource dataSource) throws Exception {
        try (Connection connection = dataSource.getConnection();
             ResultSet rows = connection.createStatement().executeQuery("SELECT max(discovered_at) FROM posts")) {
            rows.next();
            return rows.getTimestamp(1).toInstant();
        }
    }

    private static JsonNode answer(HttpResponse response) throws Exception {
        if (response.status() != 200) {
            throw new IllegalStateException("answered " + response.status() + ": " + response.body());
        }
        return Json.mapper().readTree(response.body());
    }

    /** The answer's figures in a canonical text: per bucket and tier, then top handles and top posts. */
    private static String figures(JsonNode answer, boolean engagement) {
        Map<String, Object> out = new TreeMap<>();
        List<String> buckets = new ArrayList<>();
        JsonNode trendBuckets = answer.path("buckets");
        for (int i = 0; i < trendBuckets.size(); i++) {
            buckets.add(trendBuckets.get(i).path("posts").asLong() + "/" + trendBuckets.get(i).path("significant").asLong()
                    + (engagement ? "/" + trendBuckets.get(i).path("likes").asLong() + "/" + trendBuckets.get(i).path("views").asLong()
                    + "/" + trendBuckets.get(i).path("score").asLong() : ""));
        }
        out.put("buckets", buckets);
        if (engagement) {
            List<String> handles = new ArrayList<>();
            answer.path("top_handles").forEach(h -> handles.add(h.path("handle").asText() + ":" + h.path("score").asLong()
                    + ":" + h.path("posts").asLong()));
            List<String> posts = new ArrayList<>();
            answer.path("top_posts").forEach(p -> posts.add(p.path("post").path("status_id").asText() + ":" + p.path("score").asLong()));
            out.put("handles", handles);
            out.put("posts", posts);
        }
        return out.toString();
    }

    /** The same figures as a plain aggregate over the posts: no rollup, no search document, no index chosen by hand. */
    private static String plain(DataSource dataSource, AnalyticsQuery query, boolean engagement) throws Exception {
        StringBuilder where = new StringBuilder();
        List<Object> values = new ArrayList<>();
        query.filters().tier().ifPresent(tier -> {
            where.append(" AND p.watch_tier = ?");
            values.add(tier);
        });
        if (!query.filters().handles().isEmpty()) {
            where.append(" AND p.author_handle = ANY(?::citext[])");
            values.add(query.filters().handles());
        }
        query.filters().significant().ifPresent(significant -> {
            where.append(" AND p.is_significant = ?");
            values.add(significant);
        });
        query.filters().text().ifPresent(text -> {
            where.append(" AND (p.body_text ILIKE ? ESCAPE '\\' OR p.author_handle::text ILIKE ? ESCAPE '\\')");
            String pattern = "%" + FeedRepository.escapeLike(text) + "%";
            values.add(pattern);
            values.add(pattern);
        });
        Map<String, Object> out = new TreeMap<>();
        try (Connection connection = dataSource.getConnection()) {
            List<Object> bucketValues = new ArrayList<>();
            bucketValues.add(query.buckets().starts());
            bucketValues.add(Timestamp.from(query.buckets().start()));
            bucketValues.add(Timestamp.from(query.buckets().end()));
            bucketValues.addAll(values);
            long[][] buckets = new long[query.buckets().count()][5];
            try (ResultSet rows = SqlQueries.query(connection, """
                    SELECT width_bucket(p.discovered_at, ?::timestamptz[]), count(*), count(*) FILTER (WHERE p.is_significant),
                           sum(p.likes), sum(p.views), sum(p.likes + 2 * p.reposts::bigint + 3 * p.replies::bigint)
                    FROM posts p WHERE p.discovered_at >= ? AND p.discovered_at < ?""" + where + " GROUP BY 1", bucketValues)) {
                while (rows.next()) {
                    for (int k = 0; k < 5; k++) {
                        buckets[rows.getInt(1) - 1][k] = rows.getLong(k + 2);
                    }
                }
            }
            List<String> shaped = new ArrayList<>();
            for (long[] b : buckets) {
                shaped.add(b[0] + "/" + b[1] + (engagement ? "/" + b[2] + "/" + b[3] + "/" + b[4] : ""));
            }
            out.put("buckets", shaped);
            if (engagement) {
                List<Object> rangeValues = new ArrayList<>();
                rangeValues.add(Timestamp.from(query.buckets().start()));
                rangeValues.add(Timestamp.from(query.buckets().end()));
                rangeValues.addAll(values);
                rangeValues.add(query.top());
                List<String> handles = new ArrayList<>();
                try (ResultSet rows = SqlQueries.query(connection, """
                        SELECT lower(p.author_handle::text), sum(p.likes + 2 * p.reposts::bigint + 3 * p.replies::bigint) AS score, count(*) AS n
                        FROM posts p WHERE p.discovered_at >= ? AND p.discovered_at < ?""" + where
                        + " GROUP BY 1 ORDER BY score DESC, n DESC, lower(p.author_handle::text) COLLATE \"C\" LIMIT ?", rangeValues)) {
                    while (rows.next()) {
                        handles.add(rows.getString(1) + ":" + rows.getLong(2) + ":" + rows.getLong(3));
                    }
                }
                List<String> posts = new ArrayList<>();
                try (ResultSet rows = SqlQueries.query(connection, """
                        SELECT p.status_id, p.likes + 2 * p.reposts::bigint + 3 * p.replies::bigint AS score
                        FROM posts p WHERE p.discovered_at >= ? AND p.discovered_at < ?""" + where
                        + " ORDER BY score DESC, p.discovered_at DESC, p.status_id DESC LIMIT ?", rangeValues)) {
                    while (rows.next()) {
                        posts.add(rows.getString(1) + ":" + rows.getLong(2));
                    }
                }
                out.put("handles", handles);
                out.put("posts", posts);
            }
        }
        return out.toString();
    }
}
