package io.xmonitor.feed;

import io.xmonitor.analytics.AnalyticsApi;
import io.xmonitor.config.AppConfig;
import io.xmonitor.config.ConfigException;
import io.xmonitor.feed.ReadModels.FeedItem;
import io.xmonitor.http.HttpRequest;
import io.xmonitor.http.HttpResponse;
import io.xmonitor.ingest.Limits;
import io.xmonitor.ingest.Timestamps;
import io.xmonitor.ingest.Vocabulary;
import io.xmonitor.log.JsonLog;
import io.xmonitor.secrets.IngestKeyVerifier;
import io.xmonitor.secrets.SecretUnavailableException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The read side of the API: routes, parameters and answers; the SQL is in {@link FeedRepository}. */
public final class ReadApiService {

    private static final Pattern STATUS_ID = Pattern.compile("[0-9]{1," + Limits.STATUS_ID_DIGITS + "}");
    private static final int HEALTH_TIMEOUT_SECONDS = 2;
    /** A flood of health checks must not become a flood of database connections. */
    static final Duration HEALTH_CHECK_REUSE = Duration.ofSeconds(5);

    private final Optional<FeedRepository> database;
    private final Optional<AnalyticsApi> analytics;
    private final FeedQueryParser parser;
    private final IngestKeyVerifier ingestKeys;
    private final AppConfig config;
    private final Clock clock;
    private final List<Route> routes;
    private volatile DatabaseCheck lastDatabaseCheck;

    /** The outcome of one database check, reused for {@link #HEALTH_CHECK_REUSE}. */
    private record DatabaseCheck(String state, long durationMs, Instant checkedAt) {
    }

    private enum Access { OPEN_WITHOUT_DATABASE, OPEN, INGEST_KEY }

    @FunctionalInterface
    private interface RouteAction {
        HttpResponse answer(FeedRepository database, HttpRequest request, String pathParameter) throws SQLException;
    }

    /** A GET route; a {@code {name}} segment of the template matches one path segment. */
    private record Route(String template, Access access, RouteAction action, Pattern pattern) {

        Route(String template, Access access, RouteAction action) {
            this(template, access, action, Pattern.compile(template.replaceAll("\\{[^/]+}", "([^/]+)")));
        }

        /** As the HTTP API names it: {@code GET /v1/posts/{statusId}}. */
        String key() {
            return "GET " + template;
        }
    }

    /**
     * @param database empty when no database is configured: health says so, data routes answer 503
     * @param analytics trends, engagement and history, over the same database (empty when it is)
     */
    public ReadApiService(Optional<FeedRepository> database, Optional<AnalyticsApi> analytics, FeedQueryParser parser,
                          IngestKeyVerifier ingestKeys, AppConfig config, Clock clock) {
        if (database.isPresent() != analytics.isPresent()) {
            throw new IllegalArgumentException("the feed and analytics read the same database: both or neither");
        }
        this.database = database;
        this.analytics = analytics;
        this.parser = parser;
        this.ingestKeys = ingestKeys;
        this.config = config;
        this.clock = clock;
        this.routes = List.of(
                new Route("/v1/health", Access.OPEN_WITHOUT_DATABASE, (db, request, id) -> health()),
                new Route("/v1/feed", Access.OPEN, (db, request, id) -> feed(db, request)),
                new Route("/v1/feed/latest", Access.OPEN, (db, request, id) -> latest(db, request)),
                new Route("/v1/posts/{statusId}", Access.OPEN, (db, request, id) -> post(db, id)),
                new Route("/v1/window-summaries/latest", Access.OPEN, (db, request, id) -> latestSummaries(db)),
                new Route("/v1/watch-accounts", Access.OPEN, (db, request, id) -> watchAccounts(db, request)),
                new Route(AnalyticsApi.TRENDS, Access.OPEN, (db, request, id) -> analytics.orElseThrow().trends(request)),
                new Route(AnalyticsApi.ENGAGEMENT, Access.OPEN, (db, request, id) -> analytics.orElseThrow().engagement(request)),
                new Route(AnalyticsApi.WINDOW_SUMMARIES, Access.OPEN,
                        (db, request, id) -> analytics.orElseThrow().windowSummaries(request)),
                new Route(AnalyticsApi.NARRATIVE_SHIFTS, Access.OPEN,
                        (db, request, id) -> analytics.orElseThrow().narrativeShifts(request)),
                new Route("/v1/ops/reconcile-counts", Access.INGEST_KEY, (db, request, id) -> reconcile(db, request)),
                new Route("/v1/ingest/batches/{batchId}", Access.INGEST_KEY, (db, request, id) -> batch(db, id)));
        Set<String> unknown = new TreeSet<>(config.jwtRoutes());
        unknown.removeAll(routes());
        if (!unknown.isEmpty()) {
            throw new ConfigException(AppConfig.JWT_ROUTES + " names " + String.join(", ", unknown)
                    + ", not a route of the read API (its routes: " + String.join(", ", routes()) + ")");
        }
    }

    /** Every route this service answers, as {@code "GET /v1/..."} with OpenAPI-style path templates. */
    public List<String> routes() {
        return routes.stream().map(Route::key).toList();
    }

    public HttpResponse handle(HttpRequest request) {
        long started = System.nanoTime();
        HttpResponse response;
        try {
            response = route(request);
        } catch (SQLException e) {
            JsonLog.error("read_failed", Map.of("route", request.path(),
                    "error", e.getSQLState() == null ? e.getClass().getSimpleName() : "SQLState " + e.getSQLState()));
            response = HttpResponse.error(503, "database is unavailable; retry later").withHeader("retry-after", "5");
        } catch (SecretUnavailableException e) {
            // Cursors are signed with the ingest secret, read on first use.
            JsonLog.error("read_failed", Map.of("route", request.path(), "error", "secret unavailable"));
            response = HttpResponse.error(503, "secrets are unavailable; retry later").withHeader("retry-after", "5");
        }
        Map<String, Object> log = new LinkedHashMap<>();
        log.put("method", request.method());
        log.put("route", request.path());
        log.put("status", response.status());
        log.put("latency_ms", (System.nanoTime() - started) / 1_000_000);
        JsonLog.info("read_request", log);
        return response;
    }

    /**
     * Routes, parses, plans and answers requests that end before the database and the secrets
     * (every filter and the search's statements, a refused filter, an unknown route),
     * and renders a feed page: SnapStart priming, which must reach neither. Cursors are left out:
     * they are signed with a secret. Answers the last request.
     */
    public HttpResponse warmUp() {
        if (parser.parse(Map.of("tier", "investor", "handle", "@warm_up other", "significant", "true", "q", "rollup fees",
                "since", "2026-01-01T00:00:00Z", "until", "2026-01-02T00:00:00Z", "limit", "20"))
                instanceof FeedQueryParser.Result.Parsed parsed) {
            FeedRepository.pageStatements(parsed.query(), 21, TrigramShares.UNKNOWN, FilterShares.UNKNOWN);
        }
        Instant now = clock.instant();
        HttpResponse.json(200, new ReadModels.FeedPage(List.of(new ReadModels.FeedItem("1", now, "warm_up", "Warm Up",
                "investor", "warm-up", "https://x.com/warm_up/status/1", true, "warm-up", 1, 2, 3, 4, now)), null));
        // As a deployed request arrives: with the claims the authorizer verified.
        Map<String, String> claims = Map.of("sub", "warm-up");
        try {
            HttpResponse answer = null;
            for (HttpRequest request : List.of(
                    new HttpRequest("GET", "/v1/feed", Map.of(), Map.of("significant", "perhaps"), null, claims),
                    new HttpRequest("GET", AnalyticsApi.ENGAGEMENT, Map.of(), Map.of("range", "30d", "tz", "Mars/Olympus_Mons"), null, claims),
                    new HttpRequest("GET", "/v1/warm-up", Map.of(), Map.of(), null, claims))) {
                answer = route(request);
            }
            return answer;
        } catch (SQLException e) {
            throw new IllegalStateException("the warm-up reached the database", e);
        }
    }

    private HttpResponse route(HttpRequest request) throws SQLException {
        for (Route route : routes) {
            Matcher matcher = route.pattern().matcher(request.path());
            if (matcher.matches()) {
                return answer(route, request, matcher.groupCount() > 0 ? matcher.group(1) : null);
            }
        }
        return HttpResponse.error(404, "no route " + request.path());
    }

    private HttpResponse answer(Route route, HttpRequest request, String pathParameter) throws SQLException {
        if (!request.method().equals("GET")) {
            return HttpResponse.error(405, request.path() + " accepts GET only").withHeader("allow", "GET");
        }
        if (config.jwtRoutes().contains(route.key()) && request.verifiedClaims().isEmpty()) {
            // The stage guards this route with its JWT authorizer, yet no verified claims came:
            // the route lost its authorizer (a template slip). Closed, and said loudly.
            JsonLog.error("unverified_read_refused", Map.of("route", route.key()));
            return HttpResponse.error(401, "sign-in required: no verified token came with this request");
        }
        if (route.access() == Access.INGEST_KEY) {
            Optional<HttpResponse> denied = requireIngestKey(request);
            if (denied.isPresent()) {
                return denied.get();
            }
        }
        if (route.access() != Access.OPEN_WITHOUT_DATABASE && database.isEmpty()) {
            return HttpResponse.error(503, "no database is configured");
        }
        return route.action().answer(database.orElse(null), request, pathParameter);
    }

    private HttpResponse latestSummaries(FeedRepository repository) throws SQLException {
        ReadModels.WindowSummary rolling2h = repository.latestSummary("rolling_2h").orElse(null);
        ReadModels.WindowSummary rolling12h = repository.latestSummary("rolling_12h").orElse(null);
        return HttpResponse.json(200, new ReadModels.LatestSummaries(rolling2h, rolling12h,
                Stream.of(rolling2h, rolling12h).filter(Objects::nonNull).toList()));
    }

    private HttpResponse health() {
        DatabaseCheck check = databaseCheck();
        return HttpResponse.json(200, new ReadModels.Health(!check.state().equals("error"), config.serviceName(),
                config.version(), check.state(), clock.instant(), check.durationMs(), config.environmentName()));
    }

    private DatabaseCheck databaseCheck() {
        DatabaseCheck last = lastDatabaseCheck;
        Instant now = clock.instant();
        if (last != null && last.checkedAt().plus(HEALTH_CHECK_REUSE).isAfter(now)) {
            return last;
        }
        long started = System.nanoTime();
        String state = database.map(repository -> repository.ping(HEALTH_TIMEOUT_SECONDS) ? "ok" : "error")
                .orElse("not_configured");
        DatabaseCheck check = new DatabaseCheck(state, (System.nanoTime() - started) / 1_000_000, now);
        lastDatabaseCheck = check;
        return check;
    }

    private HttpResponse feed(FeedRepository repository, HttpRequest request) throws SQLException {
        return switch (parser.parse(request.query())) {
            case FeedQueryParser.Result.Invalid invalid -> HttpResponse.error(400, invalid.message());
            case FeedQueryParser.Result.Parsed parsed -> {
                FeedQuery query = parsed.query();
                List<FeedItem> rows = repository.page(query, query.limit() + 1);
                boolean more = rows.size() > query.limit();
                List<FeedItem> items = more ? rows.subList(0, query.limit()) : rows;
                String next = null;
                if (more) {
                    FeedItem last = items.getLast();
                    next = parser.cursorFor(query, new FeedCursor.Position(last.discoveredAt(), last.statusId()));
                }
                yield HttpResponse.json(200, new ReadModels.FeedPage(items, next));
            }
        };
    }

    private HttpResponse latest(FeedRepository repository, HttpRequest request) throws SQLException {
        Map<String, String> parameters = new LinkedHashMap<>(request.query());
        parameters.remove("limit");
        parameters.remove("cursor");
        return switch (parser.parse(parameters)) {
            case FeedQueryParser.Result.Invalid invalid -> HttpResponse.error(400, invalid.message());
            case FeedQueryParser.Result.Parsed parsed -> {
                // The version first: a change committed between the two reads then shows in the next ETag.
                long version = repository.feedVersion();
                List<FeedItem> newest = repository.page(parsed.query(), 1);
                ReadModels.LatestKey key = newest.isEmpty() ? new ReadModels.LatestKey(null, null)
                        : new ReadModels.LatestKey(newest.getFirst().statusId(), newest.getFirst().discoveredAt());
                // Changes anywhere in the feed (a late post below the newest, a new report) move the version.
                String etag = "\"" + digest(FeedQueryParser.filters(parsed.query()) + "|" + key.statusId() + "|" + version) + "\"";
                boolean unchanged = request.header("if-none-match")
                        .map(v -> List.of(v.split("\\s*,\\s*")).contains(etag) || v.trim().equals("*"))
                        .orElse(false);
                HttpResponse response = unchanged ? HttpResponse.empty(304) : HttpResponse.json(200, key);
                // Revalidated on every poll with its ETag, and kept by the reader's browser only.
                yield response.withHeader("etag", etag).withHeader("cache-control", "private, no-cache");
            }
        };
    }

    private HttpResponse post(FeedRepository repository, String statusId) throws SQLException {
        if (!STATUS_ID.matcher(statusId).matches()) {
            return HttpResponse.error(400, "statusId: must be 1 to " + Limits.STATUS_ID_DIGITS + " decimal digits");
        }
        return repository.post(statusId)
                .map(detail -> HttpResponse.json(200, detail))
                .orElseGet(() -> HttpResponse.error(404, "no post " + statusId));
    }

    private HttpResponse watchAccounts(FeedRepository repository, HttpRequest request) throws SQLException {
        Optional<String> tier = request.queryParameter("tier").map(String::trim);
        if (tier.isPresent() && !Vocabulary.WATCH_TIERS.contains(tier.get())) {
            return HttpResponse.error(400, "tier: must be one of " + String.join(", ", Vocabulary.WATCH_TIERS));
        }
        return HttpResponse.json(200, new ReadModels.WatchAccounts(repository.watchAccounts(tier)));
    }

    private HttpResponse reconcile(FeedRepository repository, HttpRequest request) throws SQLException {
        Instant now = clock.instant();
        Instant since = now.minus(Duration.ofHours(24));
        Optional<String> raw = request.queryParameter("since");
        if (raw.isPresent()) {
            Optional<Instant> parsed = Timestamps.parseQueryBound(raw.get());
            if (parsed.isEmpty()) {
                return HttpResponse.error(400, "since: " + Timestamps.QUERY_BOUND_RULE);
            }
            since = parsed.get();
        }
        return HttpResponse.json(200, new ReadModels.ReconcileCounts(since, now, repository.reconcileCounts(since)));
    }

    private HttpResponse batch(FeedRepository repository, String raw) throws SQLException {
        UUID batchId;
        try {
            batchId = UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            return HttpResponse.error(400, "batchId: must be a UUID as returned by an ingest route");
        }
        return repository.batch(batchId)
                .map(status -> HttpResponse.json(200, status))
                .orElseGet(() -> HttpResponse.error(404, "batch " + batchId
                        + " has not been applied (yet): it may still be queued, in the DLQ, or was never accepted"));
    }

    private Optional<HttpResponse> requireIngestKey(HttpRequest request) {
        IngestKeyVerifier.Verdict verdict;
        try {
            verdict = ingestKeys.verify(request);
        } catch (SecretUnavailableException e) {
            return Optional.of(HttpResponse.error(503, "ingest secret is unavailable").withHeader("retry-after", "5"));
        }
        return switch (verdict) {
            case ALLOWED -> Optional.empty();
            case DENIED -> Optional.of(HttpResponse.error(401, "missing or invalid API key"));
            case NOT_CONFIGURED -> Optional.of(HttpResponse.error(503, "no shared secret is configured"));
        };
    }

    private static String digest(String value) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
