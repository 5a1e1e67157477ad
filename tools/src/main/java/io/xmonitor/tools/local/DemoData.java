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
 * A realistic sample sent through the stack's own ingest API, as the collector would send it:
 * watch accounts of every tier, a few hundred posts over the last days, their metrics snapshots,
 * reports for the significant ones, window summaries, a narrative shift and the runs.
 */
public final class DemoData {

    private static final String[][] ACCOUNTS = {
            {"vitalikbuterin", "ecosystem"}, {"sassal0x", "influencer"}, {"haydenzadams", "ecosystem"},
            {"cobie", "influencer"}, {"balajis", "investor"}, {"cdixon", "investor"}, {"punk6529", "influencer"},
            {"jessepollak", "teammate"}, {"dankrad", "teammate"}, {"tim_beiko", "teammate"},
            {"arjunbhuptani", "ecosystem"}, {"hasufl", "investor"}};
    private static final String[] TOPICS = {
            "Blob fees just hit a new low after the upgrade; rollups are passing it on to users.",
            "Shipping account abstraction to mainnet next week. Wallet teams, check the migration guide.",
            "Hot take: shared sequencing is the most underrated problem of 2026.",
            "Bridges remain the weakest link. Another exploit today, funds are being traced.",
            "We are hiring protocol engineers in Berlin and remote. DM me.",
            "Client diversity update: no client above 40% on mainnet for the first time.",
            "The fee market redesign proposal is up for discussion on the forum.",
            "Raised our seed round to build privacy-preserving payments on L2s.",
            "Gas limit increase is live. Watch validator performance over the next epochs.",
            "Devconnect recap thread: what we learned about interop and intents."};

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
            accounts.add(Map.of("handle", "@" + account[0], "tier", account[1], "added_at",
                    now.minus(30, ChronoUnit.DAYS).toString()));
        }
        accepted.put("watch_accounts", send("/v1/ingest/watch-accounts/batch", accounts));

        List<Map<String, Object>> posts = new ArrayList<>();
        List<Map<String, Object>> snapshots = new ArrayList<>();
        List<Map<String, Object>> reports = new ArrayList<>();
        for (int i = 0; i < 360; i++) {
            String[] account = ACCOUNTS[random.nextInt(ACCOUNTS.length)];
            Instant discovered = now.minus(5 * 24 * 60, ChronoUnit.MINUTES).plus((long) i * 20, ChronoUnit.MINUTES)
                    .plusSeconds(random.nextInt(600));
            Instant lastSeen = discovered.plus(1 + random.nextInt(6), ChronoUnit.HOURS);
            if (lastSeen.isAfter(now)) {
                lastSeen = now;
            }
            String statusId = Long.toString(1_890_000_000_000_000_000L + i * 7_919L);
            boolean significant = random.nextInt(6) == 0;
            int likes = random.nextInt(5000);
            Map<String, Object> post = new LinkedHashMap<>();
            post.put("status_id", statusId);
            post.put("url", "https://x.com/" + account[0] + "/status/" + statusId);
            post.put("author_handle", "@" + account[0]);
            post.put("author_display", account[0]);
            post.put("body_text", TOPICS[random.nextInt(TOPICS.length)]);
            post.put("source_query", random.nextBoolean() ? "priority" : "discovery");
            post.put("watch_tier", account[1]);
            post.put("is_significant", significant);
            if (significant) {
                post.put("significance_reason", "high engagement from a watched account");
            }
            post.put("likes", likes);
            post.put("reposts", likes / 8);
            post.put("replies", likes / 15);
            post.put("views", likes * 40);
            post.put("initial_likes", likes / 10);
            post.put("initial_reposts", likes / 80);
            post.put("initial_replies", likes / 150);
            post.put("initial_views", likes * 4);
            post.put("discovered_at", discovered.toString());
            post.put("last_seen_at", lastSeen.toString());
            posts.add(post);
            snapshots.add(snapshot(statusId, "initial_capture", discovered, likes / 10, likes * 4));
            snapshots.add(snapshot(statusId, "latest_observed", lastSeen, likes, likes * 40));
            if (significant) {
                reports.add(Map.of("status_id", statusId, "reported_at", lastSeen.toString(), "channel", "slack",
                        "destination", "#xmonitor-alerts", "summary", "Significant post by @" + account[0]));
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
            summary.put("tier_counts", Map.of("teammate", hours, "influencer", hours, "ecosystem", hours / 2, "investor", 1));
            summary.put("top_themes", List.of(Map.of("theme", "blob fees", "posts", 4), Map.of("theme", "bridges", "posts", 3)));
            summary.put("top_authors", List.of(Map.of("handle", "vitalikbuterin", "posts", 2)));
            summary.put("summary_text", "Rollup fees and bridge security dominate the last " + hours + " hours.");
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

    private static Map<String, Object> snapshot(String statusId, String type, Instant at, int likes, int views) {
        return Map.of("status_id", statusId, "snapshot_type", type, "snapshot_at", at.toString(),
                "likes", likes, "reposts", likes / 8, "replies", likes / 15, "views", views);
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
