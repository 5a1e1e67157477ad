package io.xmonitor.analytics;

import io.xmonitor.analytics.AnalyticsModels.EngagementBucket;
import io.xmonitor.analytics.AnalyticsModels.Figures;
import io.xmonitor.analytics.AnalyticsModels.NarrativeShift;
import io.xmonitor.analytics.AnalyticsModels.PostCounts;
import io.xmonitor.analytics.AnalyticsModels.TopHandle;
import io.xmonitor.analytics.AnalyticsModels.TopPost;
import io.xmonitor.analytics.AnalyticsModels.TrendBucket;
import io.xmonitor.analytics.HistoryRepository.HistoryQuery;
import io.xmonitor.feed.FeedCursor;
import io.xmonitor.feed.FeedQueryParser;
import io.xmonitor.feed.FeedRepository;
import io.xmonitor.feed.ReadModels.WindowSummary;
import io.xmonitor.http.HttpRequest;
import io.xmonitor.http.HttpResponse;
import io.xmonitor.ingest.Limits;
import io.xmonitor.ingest.StorableValues;
import io.xmonitor.json.Json;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The answers of {@code /v1/trends}, {@code /v1/engagement}, {@code /v1/window-summaries} and
 * {@code /v1/narrative-shifts}: parameters checked (a 400 names the one at fault), figures read,
 * answers shaped. History pages are cursor-paged like the feed, with the feed's signed cursors.
 */
public final class AnalyticsApi {

    public static final String TRENDS = "/v1/trends";
    public static final String ENGAGEMENT = "/v1/engagement";
    public static final String WINDOW_SUMMARIES = "/v1/window-summaries";
    public static final String NARRATIVE_SHIFTS = "/v1/narrative-shifts";

    static final int DEFAULT_HISTORY_LIMIT = 20;
    static final int MAX_HISTORY_LIMIT = 100;

    private final AnalyticsRepository analytics;
    private final HistoryRepository history;
    private final AnalyticsQueryParser parser;
    private final FeedCursor cursors;
    private final Clock clock;

    public AnalyticsApi(AnalyticsRepository analytics, HistoryRepository history, AnalyticsQueryParser parser, FeedCursor cursors,
                        Clock clock) {
        this.analytics = analytics;
        this.history = history;
        this.parser = parser;
        this.cursors = cursors;
        this.clock = clock;
    }

    /** Trends, engagement and history over {@code dataSource}, with the feed's filters and cursors. */
    public static AnalyticsApi over(DataSource dataSource, FeedRepository feed, FeedQueryParser filters, FeedCursor cursors,
                                    Clock clock) {
        return new AnalyticsApi(new AnalyticsRepository(dataSource, feed), new HistoryRepository(dataSource),
                new AnalyticsQueryParser(filters), cursors, clock);
    }

    public HttpResponse trends(HttpRequest request) throws SQLException {
        return switch (parser.parse(request.query(), clock.instant(), TRENDS, false)) {
            case AnalyticsQueryParser.Result.Invalid invalid -> HttpResponse.error(400, invalid.message());
            case AnalyticsQueryParser.Result.Parsed parsed -> {
                AnalyticsQuery query = parsed.query();
                AnalyticsRepository.Activity activity = analytics.activity(query);
                Buckets buckets = query.buckets();
                List<TrendBucket> shaped = new ArrayList<>();
                Map<String, Tally> tiers = new HashMap<>();
                for (int i = 0; i < buckets.count(); i++) {
                    Map<String, Tally> bucket = activity.buckets().get(i);
                    Tally total = sum(bucket);
                    shaped.add(new TrendBucket(buckets.start(i), buckets.end(i), total.posts(), total.significant(),
                            Tiers.each(bucket, PostCounts::of)));
                    bucket.forEach((tier, tally) -> tiers.merge(tier, tally, Tally::plus));
                }
                yield HttpResponse.json(200, new AnalyticsModels.Trends(query.range().wireName(), query.zone().getId(),
                        query.range().unit().wireName(), buckets.start(), buckets.end(), PostCounts.of(sum(tiers)),
                        Tiers.each(tiers, PostCounts::of), shaped));
            }
        };
    }

    public HttpResponse engagement(HttpRequest request) throws SQLException {
        return switch (parser.parse(request.query(), clock.instant(), ENGAGEMENT, true)) {
            case AnalyticsQueryParser.Result.Invalid invalid -> HttpResponse.error(400, invalid.message());
            case AnalyticsQueryParser.Result.Parsed parsed -> {
                AnalyticsQuery query = parsed.query();
                AnalyticsRepository.Engagement read = analytics.engagement(query);
                Buckets buckets = query.buckets();
                List<EngagementBucket> shaped = new ArrayList<>();
                Map<String, Tally> tiers = new HashMap<>();
                for (int i = 0; i < buckets.count(); i++) {
                    Map<String, Tally> bucket = read.activity().buckets().get(i);
                    shaped.add(EngagementBucket.of(buckets.start(i), buckets.end(i), sum(bucket)));
                    bucket.forEach((tier, tally) -> tiers.merge(tier, tally, Tally::plus));
                }
                yield HttpResponse.json(200, new AnalyticsModels.Engagement(query.range().wireName(), query.zone().getId(),
                        query.range().unit().wireName(), buckets.start(), buckets.end(), Tally.SCORE_FORMULA,
                        Figures.of(sum(tiers)), Tiers.each(tiers, Figures::of), shaped,
                        read.topHandles().stream().map(h -> TopHandle.of(h.handle(), h.tally())).toList(),
                        read.topPosts().stream().map(p -> new TopPost(p.score(), p.post())).toList()));
            }
        };
    }

    public HttpResponse windowSummaries(HttpRequest request) throws SQLException {
        return page(request, WINDOW_SUMMARIES, "window_type", history::summaries,
                summary -> new FeedCursor.Position(summary.windowEnd(), summary.summaryKey()),
                AnalyticsModels.WindowSummaryPage::new);
    }

    public HttpResponse narrativeShifts(HttpRequest request) throws SQLException {
        return page(request, NARRATIVE_SHIFTS, "basis_window_type", history::shifts,
                shift -> new FeedCursor.Position(shift.periodEnd(), shift.shiftKey()),
                AnalyticsModels.NarrativeShiftPage::new);
    }

    @FunctionalInterface
    private interface PageReader<T> {
        List<T> read(HistoryQuery query, int limit) throws SQLException;
    }

    @FunctionalInterface
    private interface PageShape<T> {
        Object of(List<T> items, String nextCursor);
    }

    /**
     * One page of a history: {@code typeParameter} narrows it to one type, {@code limit} sizes
     * it, {@code cursor} (bound to the route and the type) continues where the last page ended.
     */
    private <T> HttpResponse page(HttpRequest request, String route, String typeParameter, PageReader<T> reader,
                                  Function<T, FeedCursor.Position> position, PageShape<T> shape) throws SQLException {
        Map<String, String> parameters = new HashMap<>(request.query());
        parameters.values().removeIf(String::isBlank);
        Optional<String> type = Optional.ofNullable(parameters.get(typeParameter)).map(String::trim);
        if (type.isPresent()) {
            String problem = StorableValues.textProblem(type.get());
            if (problem != null || type.get().codePointCount(0, type.get().length()) > Limits.KEY_CHARS) {
                return HttpResponse.error(400, typeParameter + ": " + (problem != null ? problem
                        : "must be at most " + Limits.KEY_CHARS + " characters"));
            }
        }
        int limit = DEFAULT_HISTORY_LIMIT;
        if (parameters.containsKey("limit")) {
            try {
                limit = Integer.parseInt(parameters.get("limit").trim());
            } catch (NumberFormatException e) {
                limit = 0;
            }
            if (limit < 1 || limit > MAX_HISTORY_LIMIT) {
                return HttpResponse.error(400, "limit: must be a whole number from 1 to " + MAX_HISTORY_LIMIT);
            }
        }
        String boundTo = boundTo(route, typeParameter, type);
        Optional<FeedCursor.Position> after = Optional.empty();
        if (parameters.containsKey("cursor")) {
            after = cursors.decode(parameters.get("cursor"), boundTo);
            if (after.isEmpty()) {
                return HttpResponse.error(400, "cursor: not a cursor " + route + " issued for these parameters; start again without it");
            }
        }
        List<T> rows = reader.read(new HistoryQuery(type, limit, after), limit + 1);
        boolean more = rows.size() > limit;
        List<T> items = more ? rows.subList(0, limit) : rows;
        String next = more ? cursors.encode(position.apply(items.getLast()), boundTo) : null;
        return HttpResponse.json(200, shape.of(items, next));
    }

    /** What a history cursor is bound to: its route and type, as JSON with sorted keys (so no value passes for another). */
    private static String boundTo(String route, String typeParameter, Optional<String> type) {
        Map<String, Object> canonical = new TreeMap<>();
        canonical.put("route", route);
        type.ifPresent(t -> canonical.put(typeParameter, t));
        return Json.write(canonical);
    }

    private static Tally sum(Map<String, Tally> tallies) {
        return tallies.values().stream().reduce(Tally.ZERO, Tally::plus);
    }
}
