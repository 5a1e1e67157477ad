package io.xmonitor.tools.local;

import io.xmonitor.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A realistic sample sent through the stack's own ingest API, as the collector would send it, so
 * that every part of the dashboard has something to show: invented accounts of all four tiers, a
 * few hundred posts over the last days with metrics snapshots through their first day, significant
 * posts and their reports, both rolling summaries (themes, debates, notable posts), a narrative
 * shift and the runs. The people and handles are made up.
 */
public final class DemoData {

    /** Handle, display name, tier. */
    private static final String[][] ACCOUNTS = {
            {"mira_okonkwo", "Mira Okonkwo", "teammate"}, {"tobias_lindqvist", "Tobias Lindqvist", "teammate"},
            {"priya_ramaswamy", "Priya Ramaswamy", "teammate"}, {"lena_vasquez", "Lena Vasquez", "teammate"},
            {"ovid_marsh", "Ovid Marsh", "influencer"}, {"kestrel_notes", "Kestrel Notes", "influencer"},
            {"juno_abara", "Juno Abara", "influencer"}, {"saffron_weekly", "Saffron Weekly", "influencer"},
            {"harbor_protocol", "Harbor Protocol", "ecosystem"}, {"quillstack_dev", "Quillstack", "ecosystem"},
            {"northgate_labs", "Northgate Labs", "ecosystem"}, {"ember_rollup", "Ember Rollup", "ecosystem"},
            {"fennel_capital", "Fennel Capital", "investor"}, {"odalys_ventures", "Odalys Ventures", "investor"},
            {"birchwood_fund", "Birchwood Fund", "investor"}, {"tamsin_cho", "Tamsin Cho", "investor"}};
    private static final String[] TOPICS = {
            "Blob fees just hit a new low after the upgrade; rollups are passing the savings on to users.",
            "Shipping account abstraction to mainnet next week. Wallet teams, please read the migration guide first.",
            "Hot take: shared sequencing is the most underrated problem of the year.",
            "Bridges remain the weakest link. Another exploit today; funds are being traced as we speak.",
            "We are hiring protocol engineers, remote or in Lisbon. Send me a message.",
            "Client diversity update: no execution client above 40% of validators for the first time.",
            "The fee market redesign proposal is up for discussion on the forum. Comments welcome until Friday.",
            "Raised our seed round to build privacy-preserving payments on rollups.",
            "Gas limit increase is live. Watching validator performance closely over the next epochs.",
            "Conference recap thread: what we learned about interop and intents this week.",
            "Wallet recovery without seed phrases is finally usable. Tried it with my parents, it worked.",
            "Validator economics are changing faster than the dashboards that track them.",
            "Our audit found nothing critical. Full report and fixes are public.",
            "Intents will eat the mempool. Or the mempool will eat intents. Thread on both futures."};
    private static final String[] REASONS = {
            "high engagement from a watched account", "mentions an exploit", "funding announcement",
            "protocol change affecting users", "unusual repost velocity"};

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI api;
    private final String key;

    public DemoData(String apiUrl, String key) {
        this.api = URI.create(apiUrl);
        this.key = key;
    }

    /** Sends the sample; answers how many items of each kind were accepted. */
    public Map<String, Integer> load(Instant now) throws IOException, InterruptedException {
        Random random = new Random(2026);
        Map<String, Integer> accepted = new LinkedHashMap<>();
        List<Map<String, Object>> accounts = new ArrayList<>();
        for (String[] account : ACCOUNTS) {
            accounts.add(Map.of("handle", "@" + account[0], "tier", account[2], "note", account[1],
                    "added_at", now.minus(30, ChronoUnit.DAYS).toString()));
        }
        accepted.put("watch_accounts", send("/v1/ingest/watch-accounts/batch", accounts));

        List<Map<String, Object>> posts = new ArrayList<>();
        List<Map<String, Object>> snapshots = new ArrayList<>();
        List<Map<String, Object>> reports = new ArrayList<>();
        List<Map<String, Object>> notable = new ArrayList<>();
        for (int i = 0; i < 360; i++) {
            String[] account = ACCOUNTS[random.nextInt(ACCOUNTS.length)];
            Instant discovered = now.minus(5 * 24 * 60, ChronoUnit.MINUTES).plus((long) i * 20, ChronoUnit.MINUTES)
                    .plusSeconds(random.nextInt(600));
            String statusId = Long.toString(1_890_000_000_000_000_000L + i * 7_919L);
            boolean significant = random.nextInt(6) == 0;
            int finalLikes = 20 + random.nextInt(5000);
            // Snapshots through the post's first day: at discovery, every few hours, and the 24h refresh.
            List<Instant> observed = new ArrayList<>();
            for (long hours = 0; hours <= 24 && !discovered.plus(hours, ChronoUnit.HOURS).isAfter(now); hours += 3 + random.nextInt(3)) {
                observed.add(discovered.plus(hours, ChronoUnit.HOURS));
            }
            Instant lastSeen = observed.getLast();
            for (int k = 0; k < observed.size(); k++) {
                int likes = likesAt(finalLikes, observed.get(k), discovered);
                snapshots.add(snapshot(statusId, k == 0 ? "initial_capture" : "latest_observed", observed.get(k), likes));
            }
            boolean refreshed = !discovered.plus(24, ChronoUnit.HOURS).isAfter(now);
            int likes = likesAt(finalLikes, lastSeen, discovered);
            Map<String, Object> post = new LinkedHashMap<>();
            post.put("status_id", statusId);
            post.put("url", "https://x.com/" + account[0] + "/status/" + statusId);
            post.put("author_handle", "@" + account[0]);
            post.put("author_display", account[1]);
            post.put("body_text", TOPICS[random.nextInt(TOPICS.length)]);
            post.put("source_query", random.nextBoolean() ? "priority" : "discovery");
            post.put("watch_tier", account[2]);
            post.put("is_significant", significant);
            if (significant) {
                post.put("significance_reason", REASONS[random.nextInt(REASONS.length)]);
            }
            post.put("likes", likes);
            post.put("reposts", likes / 8);
            post.put("replies", likes / 15);
            post.put("views", likes * 40);
            int initialLikes = likesAt(finalLikes, discovered, discovered);
            post.put("initial_likes", initialLikes);
            post.put("initial_reposts", initialLikes / 8);
            post.put("initial_replies", initialLikes / 15);
            post.put("initial_views", initialLikes * 40);
            if (refreshed) {
                Instant refreshAt = discovered.plus(24, ChronoUnit.HOURS);
                int refreshLikes = likesAt(finalLikes, refreshAt, discovered);
                post.put("refresh_24h_at", refreshAt.toString());
                post.put("refresh_24h_status", "ok");
                post.put("likes_24h", refreshLikes);
                post.put("reposts_24h", refreshLikes / 8);
                post.put("replies_24h", refreshLikes / 15);
                post.put("views_24h", refreshLikes * 40);
                post.put("refresh_24h_delta_likes", refreshLikes - initialLikes);
                snapshots.add(snapshot(statusId, "refresh_24h", refreshAt, refreshLikes));
            }
            post.put("discovered_at", discovered.toString());
            post.put("last_seen_at", lastSeen.toString());
            posts.add(post);
            if (significant) {
                reports.add(Map.of("status_id", statusId, "reported_at", discovered.plus(12, ChronoUnit.MINUTES).toString(),
                        "channel", random.nextBoolean() ? "slack" : "email", "destination", "#xmonitor-alerts",
                        "summary", account[1] + ": " + post.get("significance_reason")));
                if (discovered.isAfter(now.minus(12, ChronoUnit.HOURS))) {
                    notable.add(Map.of("status_id", statusId, "author_handle", account[0],
                            "text", post.get("body_text"), "reason", post.get("significance_reason")));
                }
            }
        }
        accepted.put("posts", sendInBatches("/v1/ingest/posts/batch", posts));
        accepted.put("metrics", sendInBatches("/v1/ingest/metrics/batch", snapshots));
        accepted.put("reports", send("/v1/ingest/reports/batch", reports));

        List<Map<String, Object>> summaries = new ArrayList<>();
        for (String window : List.of("rolling_2h", "rolling_12h")) {
            long hours = window.equals("rolling_2h") ? 2 : 12;
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("summary_key", window + ":" + now.truncatedTo(ChronoUnit.HOURS));
            summary.put("window_type", window);
            summary.put("window_start", now.minus(hours, ChronoUnit.HOURS).toString());
            summary.put("window_end", now.toString());
            summary.put("generated_at", now.toString());
            summary.put("post_count", hours * 3);
            summary.put("significant_count", hours / 2);
            summary.put("tier_counts", Map.of("teammate", hours, "influencer", hours + 1, "ecosystem", hours / 2, "investor", 1));
            summary.put("top_themes", List.of(Map.of("theme", "blob fees", "posts", hours + 2),
                    Map.of("theme", "bridge security", "posts", hours), Map.of("theme", "wallet recovery", "posts", hours / 2 + 1)));
            summary.put("debates", List.of(Map.of("topic", "Should rollups share a sequencer?",
                    "summary", "Builders want neutrality; operators worry about a single point of failure.",
                    "sides", List.of("shared sequencing now", "decentralise each rollup first"))));
            summary.put("top_authors", List.of(Map.of("handle", "ovid_marsh", "posts", 3), Map.of("handle", "mira_okonkwo", "posts", 2)));
            summary.put("notable_posts", notable.subList(0, Math.min(notable.size(), window.equals("rolling_2h") ? 1 : 3)));
            summary.put("summary_text", "Rollup fees and bridge security dominate the last " + hours + " hours; "
                    + "wallet recovery gets attention from teammates and investors alike.");
            summaries.add(summary);
        }
        accepted.put("window_summaries", send("/v1/ingest/window-summaries/batch", summaries));
        accepted.put("narrative_shifts", send("/v1/ingest/narrative-shifts/batch", List.of(Map.of(
                "shift_key", "shift:" + now.truncatedTo(ChronoUnit.HOURS), "basis_window_type", "rolling_12h",
                "period_start", now.minus(24, ChronoUnit.HOURS).toString(), "period_end", now.toString(),
                "generated_at", now.toString(),
                "emerging_themes", List.of(Map.of("theme", "shared sequencing")),
                "declining_themes", List.of(Map.of("theme", "airdrops")),
                "summary_text", "Attention moved from airdrops to sequencing and interop."))));
        int runs = 0;
        for (int hour = 24; hour >= 1; hour -= 6) {
            runs += send("/v1/ingest/runs", Map.of("run_at", now.minus(hour, ChronoUnit.HOURS).toString(),
                    "mode", hour % 12 == 0 ? "refresh-24h" : "priority", "fetched_count", 40 + hour,
                    "significant_count", 3, "reported_count", 1));
        }
        accepted.put("runs", runs);
        return accepted;
    }

    /** Likes grow fast in the first hours and level off through the day. */
    private static int likesAt(int finalLikes, Instant at, Instant discovered) {
        double hours = Math.max(0, Duration.between(discovered, at).toMinutes() / 60.0);
        return (int) Math.round(finalLikes * (0.08 + 0.92 * (1 - Math.exp(-hours / 6))));
    }

    private static Map<String, Object> snapshot(String statusId, String type, Instant at, int likes) {
        return Map.of("status_id", statusId, "snapshot_type", type, "snapshot_at", at.toString(),
                "likes", likes, "reposts", likes / 8, "replies", likes / 15, "views", likes * 40);
    }

    private int sendInBatches(String route, List<Map<String, Object>> items) throws IOException, InterruptedException {
        int accepted = 0;
        for (int from = 0; from < items.size(); from += 200) {
            accepted += send(route, items.subList(from, Math.min(items.size(), from + 200)));
        }
        return accepted;
    }

    private int send(String route, List<Map<String, Object>> items) throws IOException, InterruptedException {
        return send(route, Map.of("items", items));
    }

    private int send(String route, Object body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(api.resolve(route))
                .header("content-type", "application/json")
                .header("x-api-key", key)
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.writeBytes(body)))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IOException(route + " answered " + response.statusCode() + ": " + response.body());
        }
        return Json.mapper().readTree(response.body()).path("accepted").asInt();
    }
}
