package io.xmonitor.analytics;

import io.xmonitor.feed.FeedQuery;
import io.xmonitor.feed.FeedRepository;
import io.xmonitor.feed.ReadModels.FeedItem;
import io.xmonitor.feed.TextSearch;
import io.xmonitor.feed.TrigramShares;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.postgresql.PGStatement;

/**
 * The SQL of trends and engagement. Counts per bucket come from the quarter-hour rollup
 * ({@code post_activity} and the changes not yet folded into it, migration V10) when only tier
 * and significance narrow the posts;
 * with handles or text they come from the posts themselves, as do top handles and top posts
 * (through the covering index of V11, or a handle's own index). Every statement is parameterised.
 */
public final class AnalyticsRepository {

    /**
     * Reading and checking one post of a date range in discovered_at order costs about as much as
     * this many posting-list entries of the trigram index (the unit of {@link TextSearch#indexCostPerPost}).
     */
    static final double RANGE_ROW_COST = 100;

    /** A post's engagement score in SQL, as {@link Tally#score()} computes it. */
    static final String SCORE = "(p.likes + 2 * p.reposts::bigint + 3 * p.replies::bigint)";

    /** The columns a source of posts yields: all held by the covering index of V11. */
    private static final String SOURCE_COLUMNS = "p.status_id, p.discovered_at, p.author_handle, p.watch_tier, p.is_significant, "
            + "p.likes, p.reposts, p.replies, p.views";

    /** The rollup: what is folded and what is not yet (V10); both together are exact. */
    private static final String ROLLUP = """
            (SELECT quarter_start, watch_tier, is_significant, posts, likes, reposts, replies, views FROM post_activity
             UNION ALL
             SELECT quarter_start, watch_tier, is_significant, posts, likes, reposts, replies, views FROM post_activity_changes) a""";

    private static final String ROLLUP_BUCKETS = """
            SELECT width_bucket(a.quarter_start, ?::timestamptz[]) AS bucket, a.watch_tier, a.is_significant,
                   sum(a.posts)::bigint AS posts, sum(a.likes)::bigint AS likes, sum(a.reposts)::bigint AS reposts,
                   sum(a.replies)::bigint AS replies, sum(a.views)::bigint AS views
            FROM %s
            WHERE a.quarter_start >= ? AND a.quarter_start < ?
            %%s
            GROUP BY 1, 2, 3
            """.formatted(ROLLUP);

    private static final String POST_BUCKETS = """
            SELECT width_bucket(p.discovered_at, ?::timestamptz[]) AS bucket, p.watch_tier, p.is_significant,
                   count(*) AS posts, sum(p.likes) AS likes, sum(p.reposts) AS reposts, sum(p.replies) AS replies,
                   sum(p.views) AS views
            FROM %s
            GROUP BY 1, 2, 3
            """;

    /** Ranked by score: the sum of the posts' scores is the score of the sums. */
    private static final String TOP_HANDLES = """
            SELECT t.*, row_number() OVER (ORDER BY t.likes + 2 * t.reposts + 3 * t.replies DESC, t.posts DESC,
                                                    t.handle COLLATE "C") AS rank
            FROM (SELECT p.author_handle::text AS handle, count(*) AS posts, count(*) FILTER (WHERE p.is_significant) AS significant,
                         sum(p.likes) AS likes, sum(p.reposts) AS reposts, sum(p.replies) AS replies, sum(p.views) AS views
                  FROM %s
                  GROUP BY p.author_handle::text
                  ORDER BY sum(p.likes) + 2 * sum(p.reposts) + 3 * sum(p.replies) DESC, count(*) DESC,
                           p.author_handle::text COLLATE "C"
                  LIMIT ?) t
            """;

    /** The score expression is the key of posts_score_idx (V11): the highest scores are read first. */
    private static final String TOP_POSTS = """
            SELECT t.*, row_number() OVER (ORDER BY t.score DESC, t.discovered_at DESC, t.status_id DESC) AS rank
            FROM (SELECT p.status_id, p.discovered_at, %s AS score
                  FROM %s
                  ORDER BY score DESC, p.discovered_at DESC, p.status_id DESC
                  LIMIT ?) t
            """;

    /**
     * Everything engagement shows in one statement, so posts checked for a text are read once:
     * counts per bucket, tier and significance; then the top handles and the top posts, each with
     * its rank. The posts are {@code p}, materialised when a text is checked on them.
     */
    private static final String ENGAGEMENT = """
            WITH p AS %s (SELECT p.* FROM %s)
            SELECT 'bucket' AS part, b.bucket, b.watch_tier, b.is_significant, NULL::text AS key, NULL::bigint AS rank,
                   b.posts::bigint, b.likes::bigint, b.reposts::bigint, b.replies::bigint, b.views::bigint, NULL::bigint AS significant
            FROM (%s) b
            UNION ALL
            SELECT 'handle', NULL, NULL, NULL, h.handle, h.rank, h.posts, h.likes, h.reposts, h.replies, h.views, h.significant
            FROM (%s) h
            UNION ALL
            SELECT 'post', NULL, NULL, NULL, t.status_id, t.rank, t.score, NULL, NULL, NULL, NULL, NULL
            FROM (%s) t
            """;

    private static final String POSTS_IN_RANGE = "SELECT coalesce(sum(a.posts), 0) FROM " + ROLLUP
            + "\nWHERE a.quarter_start >= ? AND a.quarter_start < ?\n%s";

    private static final String STORED_POSTS = "SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE oid = 'posts'::regclass";

    /** How the posts of a query are read. */
    enum Reading {
        /** Counts from the quarter-hour rollup. */
        ROLLUP,
        /** The posts of the date range (or of the handles) in order, each checked for the text. */
        RANGE,
        /** The posts holding the text's rarest segment, through the trigram index, each checked for the whole text. */
        TEXT_INDEX
    }

    /** One statement and its values (a list value is a text array, an instant list a timestamptz array). */
    record Statement(String sql, List<Object> parameters) {

        PreparedStatement prepare(Connection connection, String prefix) throws SQLException {
            PreparedStatement statement = connection.prepareStatement(prefix + sql);
            // Planned with its values every time: how many posts a range or a text holds decides the plan.
            statement.unwrap(PGStatement.class).setPrepareThreshold(0);
            for (int i = 0; i < parameters.size(); i++) {
                Object value = parameters.get(i);
                if (value instanceof InstantArray array) {
                    statement.setArray(i + 1, connection.createArrayOf("timestamptz",
                            array.values().stream().map(Timestamp::from).toArray()));
                } else if (value instanceof List<?> list) {
                    statement.setArray(i + 1, connection.createArrayOf("text", list.toArray()));
                } else {
                    statement.setObject(i + 1, value);
                }
            }
            return statement;
        }
    }

    /** Bucket starts, bound as one timestamptz array. */
    record InstantArray(List<Instant> values) {
    }

    /** The statements of one query: its counts per bucket, tier and significance (trends), and all engagement shows. */
    record Plan(Reading buckets, Reading posts, Statement bucketRows, Statement engagement) {
    }

    /** What a query counted: per bucket (0-based) and tier ("none" for posts without one). */
    public record Activity(List<Map<String, Tally>> buckets) {
    }

    public record HandleTally(String handle, Tally tally) {
    }

    public record ScoredPost(long score, FeedItem post) {
    }

    /** Activity with top handles and top posts, read from one snapshot. */
    public record Engagement(Activity activity, List<HandleTally> topHandles, List<ScoredPost> topPosts) {
    }

    private final DataSource dataSource;
    private final FeedRepository feed;

    /** @param feed for the search statistics and the feed's view of a post */
    public AnalyticsRepository(DataSource dataSource, FeedRepository feed) {
        this.dataSource = dataSource;
        this.feed = feed;
    }

    public Activity activity(AnalyticsQuery query) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return read(connection, plan(connection, query).bucketRows(), query.buckets());
        }
    }

    public Engagement engagement(AnalyticsQuery query) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return engagement(connection, plan(connection, query), query);
        }
    }

    /** Engagement as {@code plan} reads it, from one snapshot. */
    static Engagement engagement(Connection connection, Plan plan, AnalyticsQuery query) throws SQLException {
        connection.setAutoCommit(false);
        connection.setReadOnly(true);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        List<Map<String, Tally>> buckets = emptyBuckets(query.buckets());
        Map<Long, HandleTally> handles = new TreeMap<>();
        Map<Long, String> ids = new TreeMap<>();
        Map<String, Long> scores = new HashMap<>();
        try (PreparedStatement statement = plan.engagement().prepare(connection, ""); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                switch (rows.getString("part")) {
                    case "bucket" -> count(buckets, rows);
                    case "handle" -> handles.put(rows.getLong("rank"), new HandleTally(rows.getString("key"), new Tally(rows.getLong("posts"),
                            rows.getLong("significant"), rows.getLong("likes"), rows.getLong("reposts"), rows.getLong("replies"),
                            rows.getLong("views"))));
                    case "post" -> {
                        ids.put(rows.getLong("rank"), rows.getString("key"));
                        scores.put(rows.getString("key"), rows.getLong("posts"));
                    }
                    default -> throw new SQLException("unexpected part " + rows.getString("part"));
                }
            }
        }
        Map<String, FeedItem> items = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                FeedRepository.feedColumnsFrom("posts p") + "WHERE p.status_id = ANY(?::text[])")) {
            statement.setArray(1, connection.createArrayOf("text", ids.values().toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    FeedItem item = FeedRepository.feedItem(rows);
                    items.put(item.statusId(), item);
                }
            }
        }
        connection.commit();
        List<ScoredPost> posts = ids.values().stream().map(id -> new ScoredPost(scores.get(id), items.get(id))).toList();
        return new Engagement(new Activity(buckets), List.copyOf(handles.values()), posts);
    }

    static Activity read(Connection connection, Statement bucketRows, Buckets buckets) throws SQLException {
        List<Map<String, Tally>> counted = emptyBuckets(buckets);
        try (PreparedStatement statement = bucketRows.prepare(connection, ""); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                count(counted, rows);
            }
        }
        return new Activity(counted);
    }

    private static List<Map<String, Tally>> emptyBuckets(Buckets buckets) {
        List<Map<String, Tally>> empty = new ArrayList<>();
        for (int i = 0; i < buckets.count(); i++) {
            empty.add(new HashMap<>());
        }
        return empty;
    }

    /** Adds a row of counts per bucket, tier and significance to its bucket. */
    private static void count(List<Map<String, Tally>> buckets, ResultSet rows) throws SQLException {
        String tier = Optional.ofNullable(rows.getString("watch_tier")).orElse(Tiers.NONE);
        long posts = rows.getLong("posts");
        Tally tally = new Tally(posts, rows.getBoolean("is_significant") ? posts : 0, rows.getLong("likes"), rows.getLong("reposts"),
                rows.getLong("replies"), rows.getLong("views"));
        if (!tally.equals(Tally.ZERO)) {
            // A rollup row all of whose posts have moved to other rows counts nothing.
            buckets.get(rows.getInt("bucket") - 1).merge(tier, tally, Tally::plus);
        }
    }

    /** The statements for {@code query}; a text search first asks what its range and the index would cost. */
    Plan plan(Connection connection, AnalyticsQuery query) throws SQLException {
        FeedQuery filters = query.filters();
        boolean rollup = filters.handles().isEmpty() && filters.text().isEmpty() && query.buckets().onQuarterHours();
        Reading posts = Reading.RANGE;
        Optional<String> segment = Optional.empty();
        if (filters.text().isPresent() && filters.handles().isEmpty()) {
            TrigramShares shares = feed.trigramShares();
            String found = TextSearch.plan(filters.text().get(), shares, 1).indexSegment().orElse(filters.text().get());
            double indexCost = storedPosts(connection) * TextSearch.indexCostPerPost(found, shares);
            if (indexCost < RANGE_ROW_COST * postsInRange(connection, query)) {
                posts = Reading.TEXT_INDEX;
                segment = Optional.of(found);
            }
        }
        return plan(query, rollup ? Reading.ROLLUP : posts, posts, segment);
    }

    /** The statements for {@code query} read as given (for tests: every reading must give the same figures). */
    static Plan plan(AnalyticsQuery query, Reading buckets, Reading posts, Optional<String> segment) {
        List<Object> bucketParameters = new ArrayList<>();
        String bucketSql = buckets == Reading.ROLLUP ? rollupBuckets(query, bucketParameters)
                : postBuckets(query, () -> source(query, buckets, segment, bucketParameters), bucketParameters);
        // The engagement statement: the posts once (as p), then each part's values in the order they appear.
        List<Object> parameters = new ArrayList<>();
        String posted = source(query, posts, segment, parameters);
        String bucketPart = buckets == Reading.ROLLUP ? rollupBuckets(query, parameters) : postBuckets(query, () -> "p", parameters);
        String handles = TOP_HANDLES.formatted("p");
        parameters.add(query.top());
        String top = TOP_POSTS.formatted(SCORE, "p");
        parameters.add(query.top());
        String materialised = query.filters().text().isPresent() ? "MATERIALIZED" : "NOT MATERIALIZED";
        Statement engagement = new Statement(ENGAGEMENT.formatted(materialised, posted, bucketPart, handles, top), parameters);
        return new Plan(buckets, posts, new Statement(bucketSql, bucketParameters), engagement);
    }

    private static String rollupBuckets(AnalyticsQuery query, List<Object> parameters) {
        parameters.add(new InstantArray(query.buckets().starts()));
        parameters.add(Timestamp.from(query.buckets().start()));
        parameters.add(Timestamp.from(query.buckets().end()));
        return ROLLUP_BUCKETS.formatted(rollupFilters(query.filters(), parameters));
    }

    /** Counts per bucket of {@code posts}, a subquery of posts named p (its values added after the buckets'). */
    private static String postBuckets(AnalyticsQuery query, Supplier<String> posts, List<Object> parameters) {
        parameters.add(new InstantArray(query.buckets().starts()));
        return POST_BUCKETS.formatted(posts.get());
    }

    /**
     * The posts a query counts, as a subquery named {@code p}: the date range and the feed's
     * filters, and the text checked on what they leave (OFFSET 0 keeps the check out of the scan,
     * so the range's or the handles' index reads the posts), or, through the trigram index, on
     * the posts holding its segment.
     */
    private static String source(AnalyticsQuery query, Reading reading, Optional<String> segment, List<Object> parameters) {
        FeedQuery filters = query.filters();
        FeedQuery withoutText = new FeedQuery(Optional.empty(), Optional.empty(), filters.tier(), filters.handles(),
                filters.significant(), Optional.empty(), filters.limit(), Optional.empty());
        StringBuilder inner = new StringBuilder("SELECT ").append(SOURCE_COLUMNS);
        if (filters.text().isPresent()) {
            inner.append(", p.search_document");
        }
        inner.append(" FROM posts p\n").append(FeedRepository.filters(withoutText, parameters));
        inner.append("  AND p.discovered_at >= ? AND p.discovered_at < ?\n");
        parameters.add(Timestamp.from(query.buckets().start()));
        parameters.add(Timestamp.from(query.buckets().end()));
        if (filters.text().isEmpty()) {
            return "(" + inner + ") p";
        }
        if (reading == Reading.TEXT_INDEX) {
            inner.append("  AND ").append(FeedRepository.CONTAINS).append('\n');
            parameters.add(pattern(segment.orElseThrow()));
        }
        parameters.add(pattern(filters.text().get()));
        return "(SELECT p.* FROM (" + inner + "OFFSET 0) p WHERE " + FeedRepository.CONTAINS + ") p";
    }

    private static String rollupFilters(FeedQuery filters, List<Object> parameters) {
        StringBuilder sql = new StringBuilder();
        filters.tier().ifPresent(tier -> {
            sql.append("  AND a.watch_tier = ?\n");
            parameters.add(tier);
        });
        filters.significant().ifPresent(v -> sql.append(v ? "  AND a.is_significant\n" : "  AND NOT a.is_significant\n"));
        return sql.toString();
    }

    private static String pattern(String text) {
        return "%" + FeedRepository.escapeLike(text) + "%";
    }

    private static long postsInRange(Connection connection, AnalyticsQuery query) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        parameters.add(Timestamp.from(query.buckets().start()));
        parameters.add(Timestamp.from(query.buckets().end()));
        Statement count = new Statement(POSTS_IN_RANGE.formatted(rollupFilters(query.filters(), parameters)), parameters);
        try (PreparedStatement statement = count.prepare(connection, ""); ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static long storedPosts(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(STORED_POSTS); ResultSet rows = statement.executeQuery()) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }
}
