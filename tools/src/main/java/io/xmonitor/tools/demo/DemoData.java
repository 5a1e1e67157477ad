package io.xmonitor.tools.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.xmonitor.json.Json;
import io.xmonitor.tools.demo.DemoPosts.Counts;
import io.xmonitor.tools.demo.DemoPosts.Month;
import io.xmonitor.tools.demo.DemoPosts.Observation;
import io.xmonitor.tools.demo.DemoPosts.Post;
import io.xmonitor.tools.demo.DemoWorld.Account;
import io.xmonitor.tools.local.StackState;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Sends the demo month through the stack's own ingest API, as the collector and its dispatcher
 * would: the watched accounts, the posts with their snapshots and reports, the window summaries
 * and narrative shifts computed from those posts, and the runs. Every item must be accepted
 * whole: a refused item or a warning is a bug in the demo.
 */
public final class DemoData {

    private static final int POSTS_PER_BATCH = 250;
    private static final int SNAPSHOTS_PER_BATCH = 1_000;
    private static final int SUMMARIES_PER_BATCH = 150;
    /** Runs go one per request, as the collector sends them; a few at a time keep the load short. */
    private static final int RUNS_AT_ONCE = 6;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI api;
    private final String key;

    public DemoData(String apiUrl, String key) {
        this.api = URI.create(apiUrl);
        this.key = key;
    }

    /** Whether a database already holds the demo (its watch accounts): loading it on another day would add a second month. */
    public static boolean present(StackState stack) throws SQLException {
        try (Connection connection = DriverManager.getConnection(stack.jdbcUrl(), stack.databaseUser(), stack.databasePassword());
             PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM watch_accounts WHERE handle = ANY(?::citext[])")) {
            statement.setArray(1, connection.createArrayOf("text",
                    DemoWorld.load().accounts().stream().map(Account::handle).toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() && rows.getLong(1) > 0;
            }
        }
    }

    /** Sends the month that ends at {@code now}; answers how many items of each kind were accepted. */
    public Map<String, Integer> load(Instant now) throws IOException, InterruptedException {
        DemoWorld world = DemoWorld.load();
        Month month = DemoPosts.generate(world, now);
        DemoDigest digest = new DemoDigest(month);
        Map<String, Integer> accepted = new LinkedHashMap<>();
        accepted.put("watch accounts", sendInBatches("watch-accounts", watchAccounts(month), 100));
        accepted.put("posts", sendInBatches("posts", month.posts().stream().map(DemoData::post).toList(), POSTS_PER_BATCH));
        accepted.put("metrics snapshots", sendInBatches("metrics", month.posts().stream().flatMap(p -> snapshots(p).stream()).toList(),
                SNAPSHOTS_PER_BATCH));
        accepted.put("reports", sendInBatches("reports", month.posts().stream().flatMap(p -> report(p).stream()).toList(), POSTS_PER_BATCH));
        accepted.put("window summaries", sendInBatches("window-summaries", digest.windowSummaries(), SUMMARIES_PER_BATCH));
        accepted.put("narrative shifts", sendInBatches("narrative-shifts", digest.narrativeShifts(), SUMMARIES_PER_BATCH));
        accepted.put("runs", sendRuns(digest.runs()));
        return accepted;
    }

    private static List<Map<String, Object>> watchAccounts(Month month) {
        List<Map<String, Object>> accounts = new ArrayList<>();
        List<Account> all = month.world().accounts();
        for (int i = 0; i < all.size(); i++) {
            Account account = all.get(i);
            accounts.add(Map.of("handle", account.handle(), "tier", account.tier(), "note", account.note(),
                    "added_at", month.origin().minus(45L + 11L * i, ChronoUnit.DAYS)));
        }
        return accounts;
    }

    private static Map<String, Object> post(Post post) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("status_id", post.statusId());
        item.put("url", post.url());
        item.put("author_handle", post.account().handle());
        item.put("author_display", post.account().display());
        item.put("body_text", post.text());
        item.put("posted_relative", postedRelative(Duration.between(post.postedAt(), post.discoveredAt())));
        item.put("source_query", post.sourceQuery());
        item.put("watch_tier", post.account().tier());
        item.put("is_significant", post.significance().isPresent());
        post.significance().ifPresent(s -> item.put("significance_reason", s.reason()));
        counts(item, "", post.latest().counts());
        counts(item, "initial_", post.discovery().counts());
        post.refresh().ifPresent(refresh -> {
            item.put("refresh_24h_at", refresh.at());
            item.put("refresh_24h_status", "ok");
            Counts day = refresh.counts();
            Counts first = post.discovery().counts();
            item.put("likes_24h", day.likes());
            item.put("reposts_24h", day.reposts());
            item.put("replies_24h", day.replies());
            item.put("views_24h", day.views());
            item.put("refresh_24h_delta_likes", day.likes() - first.likes());
            item.put("refresh_24h_delta_reposts", day.reposts() - first.reposts());
            item.put("refresh_24h_delta_replies", day.replies() - first.replies());
            item.put("refresh_24h_delta_views", day.views() - first.views());
        });
        item.put("discovered_at", post.discoveredAt());
        item.put("last_seen_at", post.latest().at());
        return item;
    }

    /** How old the post was when found, as X shows it: "37m", "2h". */
    private static String postedRelative(Duration age) {
        return age.toMinutes() < 60 ? age.toMinutes() + "m" : age.toHours() + "h";
    }

    private static void counts(Map<String, Object> item, String prefix, Counts counts) {
        item.put(prefix + "likes", counts.likes());
        item.put(prefix + "reposts", counts.reposts());
        item.put(prefix + "replies", counts.replies());
        item.put(prefix + "views", counts.views());
    }

    /** A snapshot at discovery, one at every later sighting, and the 24 h refresh. */
    private static List<Map<String, Object>> snapshots(Post post) {
        List<Map<String, Object>> snapshots = new ArrayList<>();
        for (Observation observation : post.observations()) {
            snapshots.add(snapshot(post, observation == post.discovery() ? "initial_capture" : "latest_observed", observation));
        }
        post.refresh().ifPresent(refresh -> snapshots.add(snapshot(post, "refresh_24h", refresh)));
        return snapshots;
    }

    private static Map<String, Object> snapshot(Post post, String type, Observation observation) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("status_id", post.statusId());
        item.put("snapshot_type", type);
        item.put("snapshot_at", observation.at());
        counts(item, "", observation.counts());
        item.put("source", "collector");
        return item;
    }

    private static List<Map<String, Object>> report(Post post) {
        return post.report().map(report -> List.<Map<String, Object>>of(Map.of("status_id", post.statusId(),
                "reported_at", report.reportedAt(), "channel", report.channel(), "destination", report.destination(),
                "summary", report.summary()))).orElse(List.of());
    }

    private int sendInBatches(String kind, List<Map<String, Object>> items, int batch) throws IOException, InterruptedException {
        int accepted = 0;
        for (int from = 0; from < items.size(); from += batch) {
            accepted += send("/v1/ingest/" + kind + "/batch", Map.of("items", items.subList(from, Math.min(items.size(), from + batch))),
                    Math.min(batch, items.size() - from));
        }
        return accepted;
    }

    private int sendRuns(List<Map<String, Object>> runs) throws IOException, InterruptedException {
        Semaphore slots = new Semaphore(RUNS_AT_ONCE);
        List<Future<Integer>> sent = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Map<String, Object> run : runs) {
                sent.add(executor.submit(() -> {
                    slots.acquire();
                    try {
                        return send("/v1/ingest/runs", run, 1);
                    } finally {
                        slots.release();
                    }
                }));
            }
            int accepted = 0;
            for (Future<Integer> one : sent) {
                accepted += one.get();
            }
            return accepted;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    /** Sends one request; anything but every item accepted without a warning is an error. */
    private int send(String route, Object body, int items) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(api.resolve(route))
                .header("content-type", "application/json")
                .header("x-api-key", key)
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.writeBytes(body)))
                .build(), HttpResponse.BodyHandlers.ofString());
        JsonNode answer = response.statusCode() == 202 ? Json.mapper().readTree(response.body()) : null;
        if (answer == null || answer.path("accepted").asInt() != items || !answer.path("errors").isEmpty()
                || !answer.path("warnings").isEmpty()) {
            throw new IOException("demo data " + route + " answered " + response.statusCode() + ": " + response.body());
        }
        return items;
    }
}
