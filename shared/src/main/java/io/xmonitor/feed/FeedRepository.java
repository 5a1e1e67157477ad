package io.xmonitor.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.xmonitor.feed.ReadModels.BatchStatus;
import io.xmonitor.feed.ReadModels.FeedItem;
import io.xmonitor.feed.ReadModels.MetricsSnapshot;
import io.xmonitor.feed.ReadModels.PostDetail;
import io.xmonitor.feed.ReadModels.Report;
import io.xmonitor.feed.ReadModels.WatchAccount;
import io.xmonitor.feed.ReadModels.WindowSummary;
import io.xmonitor.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGStatement;

/** The read side's SQL. Every statement is parameterised; filters only add predicates. */
public final class FeedRepository {

    /** The feed's columns, from {@code posts p} or from a subquery of posts named {@code p}. */
    private static final String FEED_COLUMNS_FROM = """
            SELECT p.status_id, p.discovered_at, p.author_handle::text AS author_handle, p.author_display, p.watch_tier, p.body_text,
                   p.url, p.is_significant, p.significance_reason, p.likes, p.reposts, p.replies, p.views,
                   r.reported_at
            FROM %s
            LEFT JOIN reports r ON r.status_id = p.status_id
            """;
    private static final String FEED_COLUMNS = FEED_COLUMNS_FROM.formatted("posts p");
    private static final String NEWEST_FIRST = "ORDER BY p.discovered_at DESC, p.status_id DESC";
    /**
     * Matching the stored lower-cased body and handle (migration V5) against a lower-cased pattern
     * is exactly ILIKE; the pattern is {@code %} + {@link #escapeLike} of the term + {@code %}.
     */
    public static final String CONTAINS = "p.search_document LIKE lower(?) ESCAPE '\\'";

    private static final String TRIGRAM_SHARES = """
            SELECT most_common_elems::text::text[], most_common_elem_freqs
            FROM pg_stats_ext_exprs
            WHERE statistics_name = 'posts_search_trigrams' AND tablename = 'posts'
            """;
    private static final String FILTER_SHARES = """
            SELECT attname, most_common_vals::text::text[], most_common_freqs
            FROM pg_stats
            WHERE tablename = 'posts' AND schemaname = current_schema() AND attname IN ('watch_tier', 'is_significant')
            """;
    private static final long STATISTICS_TTL_NANOS = 10L * 60 * 1_000_000_000;

    private static final String SNAPSHOTS = """
            SELECT snapshot_type, snapshot_at, likes, reposts, replies, views, source
            FROM post_metrics_snapshots WHERE status_id = ?
            ORDER BY snapshot_at DESC, snapshot_type
            """;

    private static final String REPORT = "SELECT reported_at, channel, summary, destination FROM reports WHERE status_id = ?";

    /** The columns of a {@link WindowSummary}, read by {@link #windowSummary}. */
    public static final String SUMMARY_COLUMNS = """
            SELECT summary_key, window_type, window_start, window_end, generated_at, post_count, significant_count,
                   tier_counts_json::text, top_themes_json::text, debates_json::text, top_authors_json::text,
                   notable_posts_json::text, summary_text, source_version
            FROM window_summaries
            """;

    private static final String LATEST_SUMMARY = SUMMARY_COLUMNS + """
            WHERE window_type = ?
            ORDER BY window_end DESC, generated_at DESC, summary_key DESC LIMIT 1
            """;

    private static final String WATCH_ACCOUNTS = """
            SELECT handle::text, tier, note, added_at FROM watch_accounts
            WHERE (?::text IS NULL OR tier = ?::text)
            ORDER BY handle
            """;

    private static final String BATCH = """
            SELECT batch_id::text, kind, item_count, accepted_at, applied_at, rows_written, rows_parked
            FROM ingest_batches WHERE batch_id = ?::uuid
            """;

    private static final String RECONCILE = """
            WITH window_start AS (SELECT ?::timestamptz AS since)
            SELECT
              (SELECT count(*) FROM posts, window_start
                WHERE discovered_at >= since OR last_seen_at >= since OR refresh_24h_at >= since) AS posts,
              (SELECT count(*) FROM reports, window_start WHERE reported_at >= since) AS reports,
              (SELECT count(*) FROM pipeline_runs, window_start WHERE run_at >= since) AS pipeline_runs,
              (SELECT count(*) FROM window_summaries, window_start WHERE generated_at >= since) AS window_summaries,
              (SELECT count(*) FROM narrative_shifts, window_start WHERE generated_at >= since) AS narrative_shifts
            """;

    private final DataSource dataSource;
    /** The search statistics and when they were read (System.nanoTime()); null until first needed. */
    private record SearchStatistics(TrigramShares shares, FilterShares filters, long readAt) {
    }

    private volatile SearchStatistics statistics;

    public FeedRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * How a statement reads posts: in feed order (no text search), or for a text search the newest
     * first (at most a window of them, or all) or through the trigram index.
     */
    enum Reading { FEED_ORDER, NEWEST_WINDOW, NEWEST_ALL, TRIGRAM_INDEX }

    /**
     * A feed query as SQL text and its parameters (a list parameter is a text array). A window's
     * attempt carries the count of the posts it reads ({@code windowRows}): fewer than a full
     * window means it read every post its filters allow, so what it found is the whole answer.
     */
    record PageStatement(String sql, List<Object> parameters, Reading reading, Optional<PageStatement> windowRows) {

        PageStatement(String sql, List<Object> parameters, Reading reading) {
            this(sql, parameters, reading, Optional.empty());
        }

        PreparedStatement prepare(Connection connection, String prefix) throws SQLException {
            PreparedStatement statement = connection.prepareStatement(prefix + sql);
            if (reading != Reading.FEED_ORDER) {
                // A search is planned with its values every time: a plan cached for "some pattern"
                // cannot know whether the index or the feed order finds this one's posts sooner.
                statement.unwrap(PGStatement.class).setPrepareThreshold(0);
            }
            for (int i = 0; i < parameters.size(); i++) {
                Object value = parameters.get(i);
                if (value instanceof List<?> list) {
                    statement.setArray(i + 1, connection.createArrayOf("text", list.toArray()));
                } else {
                    statement.setObject(i + 1, value);
                }
            }
            return statement;
        }
    }

    /** Up to {@code limit} items after the query's position, newest first by (discovered_at, status_id). */
    public List<FeedItem> page(FeedQuery query, int limit) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            SearchStatistics known = query.text().isPresent() ? readStatistics(connection)
                    : new SearchStatistics(TrigramShares.UNKNOWN, FilterShares.UNKNOWN, 0);
            List<PageStatement> attempts = pageStatements(query, limit, known.shares(), known.filters());
            if (attempts.size() > 1) {
                // One snapshot for every attempt, so a window's count describes the posts it read.
                connection.setAutoCommit(false);
                connection.setReadOnly(true);
                connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            }
            List<FeedItem> items = List.of();
            for (PageStatement attempt : attempts) {
                items = new ArrayList<>();
                try (PreparedStatement statement = attempt.prepare(connection, "");
                     ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        items.add(feedItem(rows));
                    }
                }
                // A bounded attempt that found a full page, or read everything it could, has found the page;
                // otherwise the next one decides.
                if (items.size() >= limit || readEverything(connection, attempt)) {
                    break;
                }
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            return items;
        }
    }

    private static boolean readEverything(Connection connection, PageStatement attempt) throws SQLException {
        if (attempt.windowRows().isEmpty()) {
            return false;
        }
        try (PreparedStatement statement = attempt.windowRows().get().prepare(connection, "");
             ResultSet rows = statement.executeQuery()) {
            return rows.next() && rows.getInt(1) < TextSearch.PROBE_ROWS;
        }
    }

    /**
     * The statements that answer a feed query, tried in order: each but the last is bounded and
     * answers only when it finds a full page or, a window, when it read every post its filters
     * allow (see {@link TextSearch}).
     */
    static List<PageStatement> pageStatements(FeedQuery query, int limit, TrigramShares shares, FilterShares filterShares) {
        if (query.text().isEmpty() && !query.handles().isEmpty()) {
            return List.of(newestOfEachHandle(query, limit));
        }
        List<Object> filterParameters = new ArrayList<>();
        String filters = filters(query, filterParameters);
        if (query.text().isEmpty()) {
            List<Object> parameters = new ArrayList<>(filterParameters);
            parameters.add(limit);
            return List.of(new PageStatement(FEED_COLUMNS + filters + NEWEST_FIRST + "\nLIMIT ?", parameters, Reading.FEED_ORDER));
        }
        Window window = Window.of(query);
        // The window must hold enough matches of the term for the filters checked on it to leave a page.
        double passing = filterShares.passing(window.checked().tier(), window.checked().significant());
        TextSearch search = TextSearch.plan(query.text().get(), shares, (int) Math.ceil(limit / Math.max(passing, 1e-6)));
        String contains = "%" + escapeLike(search.term()) + "%";
        List<PageStatement> attempts = new ArrayList<>();
        // Several handles are separate runs of their index, so no index reads their newest posts in order.
        if (search.probeFirst() && query.handles().size() <= 1) {
            attempts.add(newestWindow(window, contains, limit));
        }
        if (search.indexSegment().isPresent()) {
            // OFFSET 0 keeps the whole term's check out of the index scan, which then reads only the segment's trigrams.
            List<Object> parameters = new ArrayList<>(filterParameters);
            parameters.add("%" + escapeLike(search.indexSegment().get()) + "%");
            parameters.add(contains);
            parameters.add(limit);
            String candidates = "(SELECT p.* FROM posts p\n" + filters + "  AND " + CONTAINS + "\nOFFSET 0) p";
            attempts.add(new PageStatement(matchingPage(candidates), parameters, Reading.TRIGRAM_INDEX));
        } else {
            List<Object> parameters = new ArrayList<>(filterParameters);
            parameters.add(contains);
            parameters.add(limit);
            String newest = "(SELECT p.* FROM posts p\n" + filters + NEWEST_FIRST + " OFFSET 0) p";
            attempts.add(new PageStatement(matchingPage(newest), parameters, Reading.NEWEST_ALL));
        }
        return attempts;
    }

    /**
     * The page for one or more handles: each handle's newest {@code limit} posts, read in order from
     * its run of the author index, then merged. A plan for all the handles at once either sorts every
     * post they ever wrote or walks the whole feed's order past everyone else's posts; a cached
     * generic plan, which cannot know how many handles or how prolific, picked the walk (98 ms at
     * 10M posts for three handles). Here only the handles' own posts are read, each run stopping
     * at its page (tier and significance are checked on the run, as for one handle). The handles
     * are made distinct (case aside, citext) so that no post is read twice.
     */
    private static PageStatement newestOfEachHandle(FeedQuery query, int limit) {
        List<Object> parameters = new ArrayList<>();
        parameters.add(query.handles());
        FeedQuery otherFilters = new FeedQuery(query.since(), query.until(), query.tier(), List.of(), query.significant(),
                Optional.empty(), query.limit(), query.after());
        String filters = filters(otherFilters, parameters);
        parameters.add(limit);
        parameters.add(limit);
        String newest = "(SELECT p.* FROM (SELECT DISTINCT unnest(?::citext[])) AS h(handle)\n"
                + "CROSS JOIN LATERAL (SELECT p.* FROM posts p\n" + filters + "  AND p.author_handle = h.handle\n"
                + NEWEST_FIRST + " LIMIT ?) p\n" + NEWEST_FIRST + "\nLIMIT ?) p";
        return new PageStatement(FEED_COLUMNS_FROM.formatted(newest) + NEWEST_FIRST, parameters, Reading.FEED_ORDER);
    }

    /**
     * A window of the newest {@link TextSearch#PROBE_ROWS} posts: {@code read} holds the date range
     * and the most selective filters with an index in feed order (the handle, then significant
     * posts (of the tier, if there is one), then the tier, then posts that are not significant),
     * {@code checked} the other filters, checked on the window with the term. The read is bounded
     * however the filters combine.
     */
    record Window(FeedQuery read, FeedQuery checked) {

        static Window of(FeedQuery query) {
            boolean byHandle = !query.handles().isEmpty();
            boolean bySignificance = !byHandle && query.significant().isPresent()
                    && (query.significant().get() || query.tier().isEmpty());
            // With significance, the tier is read too: V8 indexes significant posts by tier.
            boolean byTier = !byHandle && query.tier().isPresent();
            FeedQuery read = new FeedQuery(query.since(), query.until(), byTier ? query.tier() : Optional.empty(), query.handles(),
                    bySignificance ? query.significant() : Optional.empty(), Optional.empty(), query.limit(), query.after());
            FeedQuery checked = new FeedQuery(Optional.empty(), Optional.empty(), byTier ? Optional.empty() : query.tier(), List.of(),
                    bySignificance ? Optional.empty() : query.significant(), Optional.empty(), query.limit(), Optional.empty());
            return new Window(read, checked);
        }
    }

    private static PageStatement newestWindow(Window window, String contains, int limit) {
        List<Object> parameters = new ArrayList<>();
        String readFilters = filters(window.read(), parameters);
        parameters.add(TextSearch.PROBE_ROWS);
        String checkedFilters = filters(window.checked(), parameters);
        parameters.add(contains);
        parameters.add(limit);
        String newest = "(SELECT p.* FROM (SELECT p.* FROM posts p\n" + readFilters + NEWEST_FIRST + " LIMIT ?) p\n"
                + checkedFilters + ") p";
        List<Object> countParameters = new ArrayList<>();
        String countFilters = filters(window.read(), countParameters);
        countParameters.add(TextSearch.PROBE_ROWS);
        PageStatement windowRows = new PageStatement("SELECT count(*) FROM (SELECT 1 FROM posts p\n" + countFilters + NEWEST_FIRST
                + " LIMIT ?) w", countParameters, Reading.FEED_ORDER);
        return new PageStatement(matchingPage(newest), parameters, Reading.NEWEST_WINDOW, Optional.of(windowRows));
    }

    /** The page of {@code candidates} that contain the term; reports are joined to that page only. */
    private static String matchingPage(String candidates) {
        return FEED_COLUMNS_FROM.formatted("(SELECT p.* FROM " + candidates + "\nWHERE " + CONTAINS + "\n" + NEWEST_FIRST + "\nLIMIT ?) p")
                + NEWEST_FIRST;
    }

    /**
     * {@code WHERE} and a predicate of {@code posts p} for each of the query's filters and its
     * position (not its text), adding their values to {@code parameters}.
     */
    public static String filters(FeedQuery query, List<Object> parameters) {
        StringBuilder sql = new StringBuilder("WHERE true\n");
        query.since().ifPresent(v -> {
            sql.append("  AND p.discovered_at >= ?\n");
            parameters.add(Timestamp.from(v));
        });
        query.until().ifPresent(v -> {
            sql.append("  AND p.discovered_at <= ?\n");
            parameters.add(Timestamp.from(v));
        });
        query.tier().ifPresent(v -> {
            sql.append("  AND p.watch_tier = ?\n");
            parameters.add(v);
        });
        if (!query.handles().isEmpty()) {
            sql.append("  AND p.author_handle = ANY(?::citext[])\n");
            parameters.add(query.handles());
        }
        // Significance is written into the statement, not bound: every plan then knows which posts
        // it reads, and the index of significant posts (V8) serves even a generic plan.
        query.significant().ifPresent(v -> sql.append(v ? "  AND p.is_significant\n" : "  AND NOT p.is_significant\n"));
        query.after().ifPresent(v -> {
            sql.append("  AND (p.discovered_at, p.status_id) < (?, ?)\n");
            parameters.add(Timestamp.from(v.discoveredAt()));
            parameters.add(v.statusId());
        });
        return sql.toString();
    }

    /** How common each trigram is among the posts' search documents, as ANALYZE last saw it (re-read every few minutes). */
    public TrigramShares trigramShares() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return readStatistics(connection).shares();
        }
    }

    /** The trigram statistics as last read (for tests and diagnostics). */
    TrigramShares currentTrigramShares() {
        SearchStatistics read = statistics;
        return read == null ? TrigramShares.UNKNOWN : read.shares();
    }

    /** The filters' statistics as last read (for tests and diagnostics). */
    FilterShares currentFilterShares() {
        SearchStatistics read = statistics;
        return read == null ? FilterShares.UNKNOWN : read.filters();
    }

    /** The statistics ANALYZE keeps on the search documents and the filters, re-read every few minutes. */
    private SearchStatistics readStatistics(Connection connection) throws SQLException {
        SearchStatistics read = statistics;
        if (read != null && System.nanoTime() - read.readAt() < STATISTICS_TTL_NANOS) {
            return read;
        }
        TrigramShares shares = TrigramShares.UNKNOWN;
        try (PreparedStatement statement = connection.prepareStatement(TRIGRAM_SHARES);
             ResultSet rows = statement.executeQuery()) {
            if (rows.next() && rows.getArray(1) != null && rows.getArray(2) != null) {
                String[] trigrams = (String[]) rows.getArray(1).getArray();
                Float[] frequencies = (Float[]) rows.getArray(2).getArray();
                Map<String, Double> common = new HashMap<>();
                for (int i = 0; i < trigrams.length; i++) {
                    common.put(trigrams[i], frequencies[i].doubleValue());
                }
                // After one frequency per element come their minimum, maximum and the share of NULLs.
                shares = new TrigramShares(common, frequencies[trigrams.length].doubleValue() / 2);
            }
        }
        Map<String, Double> tiers = new HashMap<>();
        Map<Boolean, Double> significance = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(FILTER_SHARES);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                if (rows.getArray(2) == null || rows.getArray(3) == null) {
                    continue;
                }
                String[] values = (String[]) rows.getArray(2).getArray();
                Float[] frequencies = (Float[]) rows.getArray(3).getArray();
                for (int i = 0; i < values.length; i++) {
                    if (rows.getString(1).equals("watch_tier")) {
                        tiers.put(values[i], frequencies[i].doubleValue());
                    } else {
                        // A boolean array's text form spells its values t and f.
                        significance.put(values[i].equals("t"), frequencies[i].doubleValue());
                    }
                }
            }
        }
        read = new SearchStatistics(shares, new FilterShares(tiers, significance), System.nanoTime());
        statistics = read;
        return read;
    }

    public Optional<PostDetail> post(String statusId) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            FeedItem item;
            try (PreparedStatement statement = connection.prepareStatement(FEED_COLUMNS + "WHERE p.status_id = ?")) {
                statement.setString(1, statusId);
                try (ResultSet rows = statement.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    item = feedItem(rows);
                }
            }
            List<MetricsSnapshot> snapshots = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(SNAPSHOTS)) {
                statement.setString(1, statusId);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        snapshots.add(new MetricsSnapshot(rows.getString(1), instant(rows, 2), rows.getInt(3),
                                rows.getInt(4), rows.getInt(5), rows.getInt(6), rows.getString(7)));
                    }
                }
            }
            Report report = null;
            try (PreparedStatement statement = connection.prepareStatement(REPORT)) {
                statement.setString(1, statusId);
                try (ResultSet rows = statement.executeQuery()) {
                    if (rows.next()) {
                        report = new Report(instant(rows, 1), rows.getString(2), rows.getString(3), rows.getString(4));
                    }
                }
            }
            return Optional.of(new PostDetail(item, snapshots, report));
        }
    }

    public Optional<WindowSummary> latestSummary(String windowType) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(LATEST_SUMMARY)) {
            statement.setString(1, windowType);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(windowSummary(rows)) : Optional.empty();
            }
        }
    }

    public List<WatchAccount> watchAccounts(Optional<String> tier) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(WATCH_ACCOUNTS)) {
            statement.setString(1, tier.orElse(null));
            statement.setString(2, tier.orElse(null));
            List<WatchAccount> accounts = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    accounts.add(new WatchAccount(rows.getString(1), rows.getString(2), rows.getString(3), instant(rows, 4)));
                }
            }
            return accounts;
        }
    }

    public Optional<BatchStatus> batch(UUID batchId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(BATCH)) {
            statement.setString(1, batchId.toString());
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new BatchStatus(rows.getString(1), rows.getString(2), rows.getInt(3),
                        instant(rows, 4), instant(rows, 5), rows.getInt(6), rows.getInt(7)));
            }
        }
    }

    public Map<String, Long> reconcileCounts(Instant since) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(RECONCILE)) {
            statement.setTimestamp(1, Timestamp.from(since));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                Map<String, Long> counts = new LinkedHashMap<>();
                for (String table : List.of("posts", "reports", "pipeline_runs", "window_summaries", "narrative_shifts")) {
                    counts.put(table, rows.getLong(table));
                }
                return counts;
            }
        }
    }

    /** How many applied batches have changed what the feed shows. */
    public long feedVersion() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT sum(version) FROM feed_version");
             ResultSet rows = statement.executeQuery()) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    /** True when a trivial query answers within {@code timeoutSeconds}. */
    public boolean ping(int timeoutSeconds) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT 1")) {
            statement.setQueryTimeout(timeoutSeconds);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            return false;
        }
    }

    public static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** The feed's columns of {@code source}, a table or subquery of posts named {@code p}, with their report. */
    public static String feedColumnsFrom(String source) {
        return FEED_COLUMNS_FROM.formatted(source);
    }

    /** A feed item from a row of {@link #feedColumnsFrom}. */
    public static FeedItem feedItem(ResultSet rows) throws SQLException {
        return new FeedItem(rows.getString("status_id"), instant(rows, "discovered_at"), rows.getString("author_handle"),
                rows.getString("author_display"), rows.getString("watch_tier"), rows.getString("body_text"), rows.getString("url"),
                rows.getBoolean("is_significant"), rows.getString("significance_reason"), rows.getInt("likes"),
                rows.getInt("reposts"), rows.getInt("replies"), rows.getInt("views"), instant(rows, "reported_at"));
    }

    /** A window summary from a row of {@link #SUMMARY_COLUMNS}. */
    public static WindowSummary windowSummary(ResultSet rows) throws SQLException {
        return new WindowSummary(rows.getString(1), rows.getString(2), instant(rows, 3), instant(rows, 4), instant(rows, 5),
                rows.getInt(6), rows.getInt(7), json(rows, 8), json(rows, 9), json(rows, 10), json(rows, 11), json(rows, 12),
                rows.getString(13), rows.getString(14));
    }

    private static Instant instant(ResultSet rows, String column) throws SQLException {
        Timestamp value = rows.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    /** The instant of a timestamptz column, or null. */
    public static Instant instant(ResultSet rows, int column) throws SQLException {
        Timestamp value = rows.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    /** The JSON of a column read as text, or null. */
    public static com.fasterxml.jackson.databind.JsonNode json(ResultSet rows, int column) throws SQLException {
        String text = rows.getString(column);
        try {
            return text == null ? null : Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new SQLException("stored JSON is unreadable", e);
        }
    }
}
