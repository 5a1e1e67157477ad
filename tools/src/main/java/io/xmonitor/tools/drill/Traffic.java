package io.xmonitor.tools.drill;

import io.xmonitor.ingest.IngestKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What a realistic collector sends over a run, as batches: watch accounts; posts seen several
 * times (a first capture with initial counts, later sightings with new counts, some without
 * text, some 24h refreshes); the metrics snapshot of each sighting; reports of significant posts
 * and their updates; embeddings and re-embeddings; window summaries regenerated; narrative
 * shifts; runs. Every version is distinct within its key, so the expected final state follows
 * from the contract's version rules alone (ties are the property tests' business). With
 * {@link Faults} the stream also carries duplicates within and across batches, older versions
 * re-sent after newer ones, rows sent before their post, and a few invalid items.
 */
final class Traffic {

    static final int BATCH_SIZE = 200;
    private static final int MIN_BATCH = 10;
    private static final String[] TIERS = {"teammate", "influencer", "ecosystem", "investor"};

    /** One item as sent, with what the oracle needs to know about it. */
    record Observation(IngestKind kind, String key, Map<String, Object> json, boolean valid) {
    }

    /** One request's items, all of one kind. */
    record Batch(IngestKind kind, List<Observation> items) {
    }

    /** Which faults of the stream itself are on. */
    record Faults(boolean duplicates, boolean olderVersions, boolean rowsBeforePosts) {
    }

    private record Planned(double rank, Observation observation) {
    }

    private final Random random;
    private final String run;
    private final Instant start;
    private final Faults faults;
    private final List<Planned> planned = new ArrayList<>();

    private Traffic(long seed, String run, Instant start, Faults faults) {
        this.random = new Random(seed);
        this.run = run;
        this.start = start;
        this.faults = faults;
    }

    /**
     * About {@code items} items in batches. {@code run} (digits) makes every key of this drill
     * its own, so the oracle looks only at what this drill sent.
     */
    static List<Batch> generate(int items, long seed, String run, Instant start, Faults faults) {
        Traffic traffic = new Traffic(seed, run, start, faults);
        int posts = Math.max(1, items / 7);
        traffic.watchAccounts(Math.max(4, posts / 50));
        for (int post = 0; post < posts; post++) {
            traffic.post(post, posts);
        }
        traffic.summaries(Math.max(2, posts / 100), posts);
        traffic.runs(Math.max(2, posts / 20), posts);
        return traffic.batches();
    }

    private void watchAccounts(int accounts) {
        for (int i = 0; i < accounts; i++) {
            String handle = "drill_" + run + "_" + i;
            for (int version = 0; version < 2; version++) {
                Map<String, Object> account = new LinkedHashMap<>();
                account.put("handle", "@" + handle);
                account.put("tier", TIERS[(i + version) % TIERS.length]);
                account.put("note", version == 0 ? "watched" : "watched, tier reviewed");
                account.put("added_at", start.minus(Duration.ofDays(30 - version)).toString());
                account.put("updated_at", start.plusSeconds(version * 3600L).toString());
                add(version == 0 ? -1 : random.nextDouble() * 1000, IngestKind.WATCH_ACCOUNTS, handle, account);
            }
        }
    }

    private void post(int index, int posts) {
        String statusId = statusId(index);
        Instant discovered = start.plusSeconds(index);
        double rank = index * 1000.0 / posts;
        int sightings = 1 + random.nextInt(4);
        boolean significant = random.nextInt(5) == 0;
        String tier = random.nextInt(3) == 0 ? null : TIERS[index % TIERS.length];
        String handle = "author_" + (index % 500);
        boolean early = faults.rowsBeforePosts() && random.nextInt(10) == 0;
        List<Map<String, Object>> sent = new ArrayList<>();
        for (int k = 0; k < sightings; k++) {
            Instant seen = discovered.plus(Duration.ofMinutes(10L * k));
            int likes = 5 + 40 * k + random.nextInt(20);
            Map<String, Object> post = new LinkedHashMap<>();
            post.put("status_id", statusId);
            post.put("url", "https://x.com/" + handle + "/status/" + statusId);
            post.put("author_handle", "@" + handle);
            if (k == 0 || random.nextInt(10) < 7) {
                post.put("author_display", "Author " + (index % 500));
                post.put("body_text", k >= 2 && random.nextInt(4) == 0 ? "drill post " + index + " (edited)" : "drill post " + index);
            }
            post.put("source_query", k == 0 ? "priority" : "discovery");
            if (tier != null) {
                post.put("watch_tier", tier);
            }
            post.put("is_significant", significant && k > 0);
            if (significant && k > 0) {
                post.put("significance_reason", "engagement " + likes);
            }
            post.put("likes", likes);
            post.put("reposts", likes / 5);
            post.put("replies", likes / 9);
            post.put("views", likes * 30);
            if (k == 0) {
                post.put("initial_likes", likes);
                post.put("initial_views", likes * 30);
            }
            post.put("discovered_at", discovered.toString());
            post.put("last_seen_at", seen.toString());
            double sightingRank = rank + k * 37;
            add(sightingRank, IngestKind.POSTS, statusId, post);
            sent.add(post);
            add(early ? sightingRank - 150 : sightingRank + 0.5, IngestKind.METRICS, statusId + "|latest_observed|" + seen,
                    snapshot(statusId, "latest_observed", seen, likes));
            if (k == 0) {
                add(early ? sightingRank - 150 : sightingRank + 0.5, IngestKind.METRICS, statusId + "|initial_capture|" + discovered,
                        snapshot(statusId, "initial_capture", discovered, likes));
            }
        }
        if (random.nextInt(4) == 0) {
            Instant refreshed = discovered.plus(Duration.ofHours(24));
            Map<String, Object> refresh = new LinkedHashMap<>(sent.getLast());
            refresh.remove("initial_likes");
            refresh.remove("initial_views");
            int likes = (int) refresh.get("likes") + 100;
            refresh.put("last_seen_at", refreshed.toString());
            refresh.put("likes", likes);
            refresh.put("refresh_24h_at", refreshed.toString());
            refresh.put("refresh_24h_status", "ok");
            refresh.put("likes_24h", likes);
            refresh.put("refresh_24h_delta_likes", likes - (int) sent.getFirst().get("likes"));
            add(rank + 200, IngestKind.POSTS, statusId, refresh);
            sent.add(refresh);
            add(early ? rank - 140 : rank + 200.5, IngestKind.METRICS, statusId + "|refresh_24h|" + refreshed,
                    snapshot(statusId, "refresh_24h", refreshed, likes));
        }
        if (significant) {
            for (int update = 0; update < 1 + random.nextInt(2); update++) {
                add(early ? rank - 120 : rank + 40 + update * 30, IngestKind.REPORTS, statusId, Map.of(
                        "status_id", statusId, "reported_at", discovered.plus(Duration.ofMinutes(15 + 20L * update)).toString(),
                        "channel", "slack", "destination", "#drill", "summary", "report " + update + " of post " + index));
            }
        }
        if (random.nextInt(2) == 0) {
            for (int version = 0; version < 1 + random.nextInt(2); version++) {
                add(early ? rank - 110 : rank + 20 + version * 60, IngestKind.EMBEDDINGS, statusId, Map.of(
                        "status_id", statusId, "backend", "local", "model", "mini-lm-v" + (version + 1),
                        "vector", List.of(random.nextDouble(), random.nextDouble(), random.nextDouble()),
                        "text_hash", "hash-" + index + "-" + version,
                        "updated_at", discovered.plus(Duration.ofMinutes(1 + 90L * version)).toString()));
            }
        }
        if (faults.olderVersions() && sent.size() > 1 && random.nextInt(20) == 0) {
            // The first capture again, after everything newer.
            add(rank + 600, IngestKind.POSTS, statusId, sent.getFirst());
        }
        if (index % 150 == 7) {
            invalid(rank, index);
        }
    }

    private Map<String, Object> snapshot(String statusId, String type, Instant at, int likes) {
        return Map.of("status_id", statusId, "snapshot_type", type, "snapshot_at", at.toString(),
                "likes", likes, "reposts", likes / 5, "replies", likes / 9, "views", likes * 30);
    }

    /** Items a collector could plausibly send whose identity ingest cannot use: refused, their keys must never appear. */
    private void invalid(double rank, int index) {
        String statusId = statusId(index) + "9";
        Map<String, Object> post = new LinkedHashMap<>();
        post.put("status_id", statusId.length() > 19 ? statusId.substring(0, 19) : statusId);
        post.put("url", "https://x.com/a/status/" + statusId);
        post.put("author_handle", "@invalid");
        post.put("discovered_at", start.toString());
        post.put("last_seen_at", start.toString());
        switch (index % 3) {
            case 0 -> post.put("author_handle", "not a handle");
            case 1 -> post.put("discovered_at", "2026-02-30T00:00:00Z");
            default -> post.remove("last_seen_at");
        }
        planned.add(new Planned(rank + 1, new Observation(IngestKind.POSTS, (String) post.get("status_id"), post, false)));
    }

    private void summaries(int keys, int posts) {
        for (int i = 0; i < keys; i++) {
            String key = "drill-" + run + "-summary-" + i;
            String windowType = i % 2 == 0 ? "rolling_2h" : "rolling_12h";
            Instant end = start.plus(Duration.ofHours(i));
            for (int generation = 0; generation < 3; generation++) {
                Map<String, Object> summary = new LinkedHashMap<>();
                summary.put("summary_key", key);
                summary.put("window_type", windowType);
                summary.put("window_start", end.minus(Duration.ofHours(2)).toString());
                summary.put("window_end", end.toString());
                summary.put("generated_at", end.plus(Duration.ofMinutes(1 + generation)).toString());
                summary.put("post_count", 10 + generation);
                summary.put("tier_counts", Map.of("teammate", 3 + generation, "investor", 1));
                summary.put("top_themes", List.of(Map.of("theme", "fees", "posts", 4 + generation)));
                summary.put("summary_text", "window " + i + ", generation " + generation);
                add(random.nextDouble() * 1000, IngestKind.WINDOW_SUMMARIES, key, summary);
            }
            if (i % 3 == 0) {
                String shift = "drill-" + run + "-shift-" + i;
                for (int generation = 0; generation < 2; generation++) {
                    add(random.nextDouble() * 1000, IngestKind.NARRATIVE_SHIFTS, shift, Map.of(
                            "shift_key", shift, "basis_window_type", "rolling_12h",
                            "period_start", end.minus(Duration.ofHours(12)).toString(), "period_end", end.toString(),
                            "generated_at", end.plus(Duration.ofMinutes(5 + generation)).toString(),
                            "emerging_themes", List.of(Map.of("theme", "sequencing")),
                            "summary_text", "shift " + i + ", generation " + generation));
                }
            }
        }
    }

    private void runs(int runs, int posts) {
        for (int i = 0; i < runs; i++) {
            Instant at = start.plus(Duration.ofMinutes(15L * i));
            Map<String, Object> pipelineRun = Map.of("run_at", at.toString(), "mode", i % 7 == 0 ? "refresh-24h" : "priority",
                    "source", "drill-" + run, "fetched_count", 40 + i % 10, "significant_count", i % 4, "reported_count", i % 2);
            add(i * 1000.0 / runs, IngestKind.RUNS, at + "|" + (i % 7 == 0 ? "refresh24h" : "priority") + "|drill-" + run, pipelineRun);
        }
    }

    private void add(double rank, IngestKind kind, String key, Map<String, Object> json) {
        planned.add(new Planned(rank, new Observation(kind, key, json, true)));
    }

    private String statusId(int index) {
        return "7" + run + String.format("%07d", index);
    }

    /** The planned items in order, cut into batches of one kind each; runs are one item per request. */
    private List<Batch> batches() {
        planned.sort(Comparator.comparingDouble(Planned::rank));
        List<Batch> batches = new ArrayList<>();
        Map<IngestKind, List<Observation>> open = new EnumMap<>(IngestKind.class);
        // A collector sends what one run found: batches of varying size.
        Map<IngestKind, Integer> sizes = new EnumMap<>(IngestKind.class);
        for (Planned item : planned) {
            List<Observation> batch = open.computeIfAbsent(item.observation().kind(), k -> new ArrayList<>());
            batch.add(item.observation());
            if (faults.duplicates() && random.nextInt(100) == 0) {
                batch.add(item.observation());
            }
            int size = item.observation().kind().singleObject() ? 1 : sizes.computeIfAbsent(item.observation().kind(),
                    k -> MIN_BATCH + random.nextInt(BATCH_SIZE - MIN_BATCH + 1));
            if (batch.size() >= size) {
                batches.add(new Batch(item.observation().kind(), List.copyOf(batch)));
                batch.clear();
                sizes.remove(item.observation().kind());
            }
        }
        open.forEach((kind, rest) -> {
            if (!rest.isEmpty()) {
                batches.add(new Batch(kind, List.copyOf(rest)));
            }
        });
        if (faults.duplicates()) {
            // Batches a collector sent again (a lost answer, a retry of its own): accepted twice.
            int copies = Math.max(1, batches.size() / 50);
            for (int i = 0; i < copies; i++) {
                batches.add(batches.get(random.nextInt(batches.size())));
            }
        }
        return batches;
    }
}
