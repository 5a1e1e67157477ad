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
import javax.sql.DataSource;
import org.postgresql.PGStatement;

/**
 * The SQL of trends and engagement. Counts per bucket come from the quarter-hour rollup
 * ({@code post_activity}, migration V10) when only tier and significance narrow the posts;
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

    private static final String ROLLUP_BUCKETS = """
            SELECT width_bucket(a.quarter_start, ?::timestamptz[]), a.watch_tier, a.is_significant,
                   sum(a.posts), sum(a.likes), sum(a.reposts), sum(a.replies), sum(a.views)
            FROM post_activity a
            WHERE a.quarter_start >= ? AND a.quarter_start < ?
            %s
            GROUP BY 1, 2, 3
            """;

    private static final String POST_BUCKETS = """
            SELECT width_bucket(p.discovered_at, ?::timestamptz[]), p.watch_tier, p.is_significant,
                   count(*), sum(p.likes), sum(p.reposts), sum(p.replies), sum(p.views)
            FROM %s
            GROUP BY 1, 2, 3
            """;

    private static final String TOP_HANDLES = """
            SELECT p.author_handle::text AS handle, count(*) AS posts, count(*) FILTER (WHERE p.is_significant),
                   sum(p.likes), sum(p.reposts), sum(p.replies), sum(p.views), sum(%s) AS score
            FROM %s
            GROUP BY p.author_handle::text
            ORDER BY score DESC, posts DESC, p.author_handle::text COLLATE "C"
            LIMIT ?
            """;

    private static final String TOP_POSTS = """
            SELECT p.status_id, %s AS score
            FROM %s
            ORDER BY score DESC, p.discovered_at DESC, p.status_id DESC
            LIMIT ?
            """;

    private static final String POSTS_IN_RANGE = "SELECT coalesce(sum(a.posts), 0) FROM post_activity a "
            + "WHERE a.quarter_start >= ? AND a.quarter_start < ?\n%s";

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

    /** The statements of one query: its counts per bucket, tier and significance, top handles and top posts. */
    record Plan(Reading buckets, Reading posts, Statement bucketRows, Statement topHandles, Statement topPosts) {
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
        Activity activity = read(connection, plan.bucketRows(), query.buckets());
        List<HandleTally> handles = new ArrayList<>();
        try (PreparedStatement statement = plan.topHandles().prepare(connection, "");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                handles.add(new HandleTally(rows.getString(1), new Tally(rows.getLong(2), rows.getLong(3), rows.getLong(4),
                        rows.getLong(5), rows.getLong(6), rows.getLong(7))));
            }
        }
        List<String> ids = new ArrayList<>();
        List<Long> scores = new ArrayList<>();
        try (PreparedStatement statement = plan.topPosts().prepare(connection, "");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getString(1));
                scores.add(rows.getLong(2));
            }
        }
        Map<String, FeedItem> items = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                FeedRepository.feedColumnsFrom("posts p") + "WHERE p.status_id = ANY(?::text[])")) {
            statement.setArray(1, connection.createArrayOf("text", ids.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    FeedItem item = FeedRepository.feedItem(rows);
                    items.put(item.statusId(), item);
                }
            }
        }
        connection.commit();
        List<ScoredPost> posts = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            posts.add(new ScoredPost(scores.get(i), items.get(ids.get(i))));
        }
        return new Engagement(activity, handles, posts);
    }

    static Activity read(Connection connection, Statement bucketRows, Buckets buckets) throws SQLException {
        List<Map<String, Tally>> counted = new ArrayList<>();
        for (int i = 0; i < buckets.count(); i++) {
            counted.add(new HashMap<>());
        }
        try (PreparedStatement statement = bucketRows.prepare(connection, "");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                String tier = Optional.ofNullable(rows.getString(2)).orElse(Tiers.NONE);
                long posts = rows.getLong(4);
                Tally tally = new Tally(posts, rows.getBoolean(3) ? posts : 0, rows.getLong(5), rows.getLong(6), rows.getLong(7),
                        rows.getLong(8));
                if (!tally.equals(Tally.ZERO)) {
                    // A rollup row all of whose posts have moved to other rows counts nothing.
                    counted.get(rows.getInt(1) - 1).merge(tier, tally, Tally::plus);
                }
            }
        }
        return new Activity(counted);
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
        Statement bucketRows;
        if (buckets == Reading.ROLLUP) {
            List<Object> parameters = new ArrayList<>();
            parameters.add(new InstantArray(query.buckets().starts()));
            parameters.add(Timestamp.from(query.buckets().start()));
            parameters.add(Timestamp.from(query.buckets().end()));
            bucketRows = new Statement(ROLLUP_BUCKETS.formatted(rollupFilters(query.filters(), parameters)), parameters);
        } else {
            List<Object> parameters = new ArrayList<>();
            parameters.add(new InstantArray(query.buckets().starts()));
            bucketRows = new Statement(POST_BUCKETS.formatted(source(query, buckets, segment, parameters)), parameters);
        }
        List<Object> handleParameters = new ArrayList<>();
        String handles = TOP_HANDLES.formatted(SCORE, source(query, posts, segment, handleParameters));
        handleParameters.add(query.top());
        List<Object> postParameters = new ArrayList<>();
        String top = TOP_POSTS.formatted(SCORE, source(query, posts, segment, postParameters));
        postParameters.add(query.top());
        return new Plan(buckets, posts, bucketRows, new Statement(handles, handleParameters), new Statement(top, postParameters));
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
