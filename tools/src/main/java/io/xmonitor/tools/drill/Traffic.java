package io.xmonitor.tools.drill;

import io.xmonitor.ingest.IngestKind;
import io.xmonitor.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * What collectors send over a run, as batches: watch accounts; posts seen several times (a first
 * capture with initial counts, later sightings with new counts, some without text, some 24h
 * refreshes); the metrics snapshot of each sighting; reports of significant posts and their
 * updates; embeddings and re-embeddings; window summaries regenerated; narrative shifts; runs.
 *
 * <p>Beside that realistic stream, every kind carries what the contract must also hold: every
 * optional field left out and every one given; numbers and texts at their documented bounds and
 * one past them; characters outside the Basic Multilingual Plane (lengths count them once, and
 * text ranks by code point, where U+FF5E comes before U+1F600 although Java's UTF-16 order puts it
 * after); the shapes of the old system's collector (../shared/CONTRACT.md §6: {@code "42"} and
 * {@code 42.0} counts, {@code -1}, {@code "yes"}, tiers outside the vocabulary, 24h fields without
 * their time, the old timestamp forms, theme arrays of strings, JSON fields as text, a missing
 * url); and ties, two observations of one version with different contents, for every kind. The
 * items stay realistic in key and time, so that every fault strikes them as it would real ones.
 * With {@link Faults} the stream also carries duplicates within and across batches, older
 * versions re-sent after newer ones, rows sent before their post, and items ingest must refuse.
 */
final class Traffic {

    static final int BATCH_SIZE = 200;
    private static final int MIN_BATCH = 10;
    /** However large its items, a request stays well under the body limit. */
    private static final int BATCH_BYTES = 1_500_000;
    private static final String[] TIERS = {"teammate", "influencer", "ecosystem", "investor"};
    /** Two UTF-16 units each, one code point. */
    private static final String ASTRAL = "\uD83D\uDE00\uD835\uDD4F\uD83D\uDE80";
    /** U+FF5E: after U+1F600 in UTF-16 units, before it in code points (and in UTF-8 bytes, PostgreSQL's order). */
    private static final String HIGH_BMP = "\uFF5E";
    private static final String EMOJI = "\uD83D\uDE00";
    private static final DateTimeFormatter SPACE_FORM = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter OFFSET_FORM = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx", Locale.ROOT);
    private static final DateTimeFormatter COMPACT_OFFSET_FORM = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxx", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter X_FORM = DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss xx uuuu", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter JAVASCRIPT_FORM = DateTimeFormatter.ofPattern("EEE MMM dd uuuu HH:mm:ss 'GMT'xx",
            Locale.ENGLISH);
    private static final DateTimeFormatter DATE_FORM = DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** One item as sent; {@code valid} when ingest must accept it. */
    record Observation(IngestKind kind, Map<String, Object> json, boolean valid) {
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
    private final List<Batch> refusedWhole = new ArrayList<>();

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
        traffic.watchAccounts(Math.max(6, posts / 50));
        for (int post = 0; post < posts; post++) {
            traffic.post(post, posts);
        }
        traffic.summaries(Math.max(8, posts / 100));
        traffic.runs(Math.max(8, posts / 20));
        traffic.wholeBatchRefused();
        return traffic.batches();
    }

    // ---- watch accounts ----------------------------------------------------------------------

    private void watchAccounts(int accounts) {
        for (int i = 0; i < accounts; i++) {
            String handle = "drill_" + run + "_" + i;
            Map<String, Object> latest = null;
            for (int version = 0; version < 2; version++) {
                Map<String, Object> account = new LinkedHashMap<>();
                account.put("handle", i % 6 == 4 ? "@" + handle.toUpperCase(Locale.ROOT) : "@" + handle);
                account.put("tier", TIERS[(i + version) % TIERS.length]);
                if (i % 6 != 3 || version == 0) {
                    account.put("note", i % 6 == 5 ? textOf(ContractModel.NOTE, "note " + i + " ")
                            : version == 0 ? "watched" : "watched, tier reviewed");
                }
                if (i % 6 != 2) {
                    account.put("added_at", start.minus(Duration.ofDays(30 - version)).toString());
                }
                if (i % 6 != 1) {
                    account.put("updated_at", start.plusSeconds(version * 3600L).toString());
                }
                add(version == 0 ? -1 : random.nextDouble() * 1000, IngestKind.WATCH_ACCOUNTS, account);
                latest = account;
            }
            if (i % 6 == 3 || i % 6 == 5) {
                // A tie: the same version with a note, or another note.
                Map<String, Object> tie = new LinkedHashMap<>(latest);
                tie.put("note", i % 6 == 3 ? "watched, note added" : textOf(ContractModel.NOTE + 1, "note " + i + " tie "));
                add(random.nextDouble() * 1000, IngestKind.WATCH_ACCOUNTS, tie);
            }
        }
        Map<String, Object> unknownTier = new LinkedHashMap<>();
        unknownTier.put("handle", "drill_" + run + "_vip");
        unknownTier.put("tier", "vip");
        refuse(random.nextDouble() * 1000, IngestKind.WATCH_ACCOUNTS, unknownTier);
    }

    // ---- posts and what hangs on them --------------------------------------------------------

    private void post(int index, int posts) {
        String statusId = statusId(index);
        Instant discovered = start.plusSeconds(index);
        double rank = index * 1000.0 / posts;
        int sightings = 1 + random.nextInt(4);
        int tie = index % 20;
        boolean significant = random.nextInt(5) == 0 || tie == 8 || tie == 11;
        String tier = random.nextInt(3) == 0 ? null : TIERS[index % TIERS.length];
        String handle = "author_" + (index % 500);
        boolean early = faults.rowsBeforePosts() && random.nextInt(10) == 0;
        List<Map<String, Object>> sent = new ArrayList<>();
        List<Integer> likesSent = new ArrayList<>();
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
            dress(post, index, k, seen, discovered);
            double sightingRank = rank + k * 37;
            add(sightingRank, IngestKind.POSTS, post);
            sent.add(post);
            likesSent.add(likes);
            add(early ? sightingRank - 150 : sightingRank + 0.5, IngestKind.METRICS,
                    snapshot(statusId, "latest_observed", seen, likes, index));
            if (k == 0) {
                add(early ? sightingRank - 150 : sightingRank + 0.5, IngestKind.METRICS,
                        snapshot(statusId, "initial_capture", discovered, likes, index));
            }
        }
        Map<String, Object> refresh = null;
        if (random.nextInt(4) == 0 || tie == 5) {
            Instant refreshed = discovered.plus(Duration.ofHours(24));
            refresh = new LinkedHashMap<>(sent.getLast());
            for (String initial : List.of("initial_likes", "initial_reposts", "initial_replies", "initial_views")) {
                refresh.remove(initial);
            }
            int likes = likesSent.getLast() + 100;
            refresh.put("last_seen_at", refreshed.toString());
            refresh.put("likes", likes);
            refresh.put("refresh_24h_at", refreshed.toString());
            refresh.put("refresh_24h_status", "ok");
            refresh.put("likes_24h", likes);
            refresh.put("refresh_24h_delta_likes", likes - likesSent.getFirst());
            add(rank + 200, IngestKind.POSTS, refresh);
            sent.add(refresh);
            add(early ? rank - 140 : rank + 200.5, IngestKind.METRICS,
                    snapshot(statusId, index % 6 == 3 ? "refresh-24h" : "refresh_24h", refreshed, likes, index));
        }
        ties(tie, index, rank, sent, likesSent, refresh, statusId, discovered);
        if (significant) {
            reports(index, rank, early, statusId, discovered, tie);
        }
        if (random.nextInt(2) == 0 || tie == 9 || tie == 10) {
            embeddings(index, rank, early, statusId, discovered, tie);
        }
        if (faults.olderVersions() && sent.size() > 1 && random.nextInt(20) == 0) {
            // The first capture again, after everything newer.
            add(rank + 600, IngestKind.POSTS, sent.getFirst());
        }
        if (index % 150 == 7) {
            invalid(rank, index);
        }
    }

    /** The shapes a post may arrive in besides the plain one, each on about one post in 25. */
    private void dress(Map<String, Object> post, int index, int k, Instant seen, Instant discovered) {
        String statusId = (String) post.get("status_id");
        int likes = (Integer) post.get("likes");
        switch (index % 25) {
            case 1 -> {
                // Every field of a post, given.
                post.put("posted_relative", (k * 10) + "m");
                post.put("significance_version", "v2");
                post.putIfAbsent("watch_tier", "ecosystem");
                post.putIfAbsent("author_display", "Author " + (index % 500));
                post.putIfAbsent("body_text", "drill post " + index);
                post.put("is_significant", true);
                post.putIfAbsent("significance_reason", "every field");
                post.put("initial_likes", likes);
                post.put("initial_reposts", likes / 5);
                post.put("initial_replies", likes / 9);
                post.put("initial_views", likes * 30);
                post.put("refresh_24h_at", seen.toString());
                post.put("refresh_24h_status", "ok");
                post.put("likes_24h", likes);
                post.put("reposts_24h", likes / 5);
                post.put("replies_24h", likes / 9);
                post.put("views_24h", likes * 30);
                post.put("refresh_24h_delta_likes", k);
                post.put("refresh_24h_delta_reposts", -k);
                post.put("refresh_24h_delta_replies", 0);
                post.put("refresh_24h_delta_views", k * 30);
            }
            case 2 -> post.keySet().retainAll(List.of("status_id", "author_handle", "discovered_at", "last_seen_at"));
            case 3 -> {
                post.put("likes", Integer.toString(likes));
                post.put("reposts", (double) (likes / 5));
                post.put("replies", (likes / 9) + ".0");
                post.put("views", Integer.toString(likes * 30));
                if (k == 0) {
                    post.put("initial_likes", " " + likes + " ");
                    post.put("initial_views", (double) (likes * 30));
                }
            }
            case 4 -> {
                post.put("likes", -1);
                post.put("reposts", 12.5);
                post.put("replies", "n/a");
                post.put("views", "1.2K");
                if (k == 0) {
                    post.put("initial_likes", -1);
                    post.put("initial_views", "");
                }
            }
            case 5 -> post.put("is_significant", List.<Object>of("yes", 1, "no", "TRUE", "maybe", 0, "0", "False").get((k + index) % 8));
            case 6 -> {
                Object[] tiers = {"none", "", "Investor", "discovery", " TEAMMATE "};
                post.put("watch_tier", tiers[(k + index) % tiers.length]);
            }
            case 7 -> {
                post.put("posted_relative", 5 + k);
                post.put("source_query", k % 2 == 0);
                if (k == 1) {
                    post.put("author_display", 42);
                }
            }
            case 8 -> {
                // The 24h refresh's fields without its time, as the old collector sent them.
                if (k > 0) {
                    post.put("likes_24h", likes);
                    post.put("refresh_24h_status", "pending");
                    post.put("refresh_24h_at", k == 1 ? "" : k == 2 ? "soon" : null);
                    post.put("refresh_24h_delta_views", -k);
                }
            }
            case 9 -> {
                post.put("last_seen_at", switch ((k + index) % 7) {
                    case 0 -> SPACE_FORM.format(seen);
                    case 1 -> OFFSET_FORM.format(seen.atOffset(ZoneOffset.ofHours(2)));
                    case 2 -> X_FORM.format(seen);
                    case 3 -> DateTimeFormatter.RFC_1123_DATE_TIME.format(seen.atOffset(ZoneOffset.UTC));
                    case 4 -> seen.toEpochMilli();
                    case 5 -> SPACE_FORM.format(seen) + " UTC";
                    default -> JAVASCRIPT_FORM.format(seen.atOffset(ZoneOffset.ofHours(1))) + " (Central European Standard Time)";
                });
                if (k == 1) {
                    post.put("discovered_at", DATE_FORM.format(discovered));
                }
                if (k == 2) {
                    post.put("discovered_at", COMPACT_OFFSET_FORM.format(discovered));
                }
            }
            case 10 -> {
                switch (k) {
                    case 0 -> post.remove("url");
                    case 1 -> post.put("url", "ftp://files.example/" + statusId);
                    case 2 -> post.put("url", "  " + post.get("url") + "\n");
                    default -> post.put("url", longUrl(statusId, index % 2 == 0 ? ContractModel.URL : ContractModel.URL + 1));
                }
            }
            case 11 -> {
                post.put("status_id", " " + statusId + " ");
                post.put("author_handle", ("@" + "author_" + (index % 500)).toUpperCase(Locale.ROOT));
                post.put("body_text", "  drill post " + index + "  ");
            }
            case 12 -> {
                post.put("likes", Integer.MAX_VALUE - k);
                post.put("views", 2_147_483_648L);
                post.put("refresh_24h_delta_likes", Integer.MIN_VALUE);
                post.put("refresh_24h_delta_views", 2_147_483_648L);
                if (k == 0) {
                    post.put("initial_likes", Integer.MAX_VALUE);
                }
            }
            case 13, 14 -> {
                if (k == 0) {
                    int over = index % 25 == 14 ? 1 : 0;
                    post.put("author_display", textOf(ContractModel.LABEL + over, "Author " + index + " "));
                    post.put("source_query", textOf(ContractModel.LABEL + over, "query "));
                    post.put("posted_relative", textOf(ContractModel.LABEL + over, "relative "));
                    post.put("refresh_24h_status", textOf(ContractModel.LABEL + over, "status "));
                    post.put("significance_version", textOf(ContractModel.LABEL + over, "v "));
                    post.put("is_significant", "yes");
                    post.put("significance_reason", textOf(ContractModel.NOTE + over, "reason "));
                }
            }
            case 15 -> {
                post.put("body_text", "drill \u0000post\u0007 " + index + " \uFFFF\uD800 end");
                post.put("author_display", "Author\uFFFE " + (index % 500));
                post.put("significance_reason", "\u0000");
            }
            case 16 -> {
                post.put("author_display", "\uD835\uDD4F Author " + (index % 500));
                post.put("body_text", "drill post " + index + " " + ASTRAL);
                post.put("source_query", "\uD83D\uDE80 " + post.getOrDefault("source_query", "priority"));
            }
            case 17 -> {
                if (k > 0) {
                    post.put("body_text", "   ");
                    post.put("author_display", "\t");
                } else {
                    post.put("author_display", "  Author " + (index % 500) + "  ");
                }
            }
            case 18 -> {
                if (k == 0) {
                    post.put("body_text", index % 250 == 18 ? textOf(ContractModel.BODY, "drill post " + index + " ")
                            : index % 250 == 43 ? textOf(ContractModel.BODY + 1, "drill post " + index + " ")
                            : "drill post " + index + " " + EMOJI);
                }
            }
            case 19 -> {
                post.put("discovered_at", discovered.plusNanos(999_999).toString());
                post.put("last_seen_at", seen.plusNanos(123_456_789).toString());
            }
            case 20 -> {
                if (k == 0) {
                    post.put("refresh_24h_at", "2005-12-31T23:59:59Z");
                    post.put("refresh_24h_status", "too early");
                } else if (k == 1) {
                    post.put("refresh_24h_at", Instant.now().plus(Duration.ofDays(3)).toString());
                    if (index % 250 == 20) {
                        post.put("discovered_at", ContractModel.EARLIEST.toString());
                    }
                }
            }
            default -> {
                // the plain shape
            }
        }
    }

    /** Two observations of one version with different contents: the rules, not the arrival, decide. */
    private void ties(int tie, int index, double rank, List<Map<String, Object>> sent, List<Integer> likesSent,
                      Map<String, Object> refresh, String statusId, Instant discovered) {
        Map<String, Object> last = sent.getLast();
        Map<String, Object> copy = new LinkedHashMap<>(last);
        double at = rank + 20 + random.nextDouble() * 200;
        switch (tie) {
            case 0 -> copy.put("likes", likesSent.getLast() + 3);
            case 1 -> {
                if (copy.remove("watch_tier") == null) {
                    copy.put("watch_tier", "teammate");
                }
            }
            case 2 -> copy.put("source_query", "discovery".equals(copy.get("source_query")) ? "priority" : "discovery");
            case 3 -> {
                last.put("body_text", "drill post " + index + " " + HIGH_BMP);
                copy.put("body_text", "drill post " + index + " " + EMOJI);
            }
            case 4 -> {
                copy = new LinkedHashMap<>(sent.getFirst());
                for (String initial : List.of("initial_likes", "initial_reposts", "initial_replies", "initial_views")) {
                    copy.remove(initial);
                }
            }
            case 5 -> {
                copy = new LinkedHashMap<>(refresh);
                copy.put("likes_24h", (Integer) refresh.get("likes_24h") + 1);
            }
            case 6 -> {
                if (refresh != null) {
                    return;
                }
                Instant seen = discovered.plus(Duration.ofMinutes(10L * (likesSent.size() - 1)));
                last.put("last_seen_at", seen.plusNanos(123_456_000).toString());
                copy.put("last_seen_at", seen.plusNanos(123_999_000).toString());
                copy.put("likes", likesSent.getLast() + 1);
            }
            case 7 -> {
                Instant seen = discovered.plus(Duration.ofMinutes(10L * (likesSent.size() - 1)));
                Map<String, Object> snapshot = snapshot(statusId, "latest_observed", seen, likesSent.getLast(), 0);
                snapshot.put("views", (Integer) snapshot.get("views") + 1);
                add(at, IngestKind.METRICS, snapshot);
                Map<String, Object> sourced = snapshot(statusId, "latest_observed", seen, likesSent.getLast(), 0);
                sourced.put("source", "tie");
                add(rank + random.nextDouble() * 200, IngestKind.METRICS, sourced);
                return;
            }
            default -> {
                return;
            }
        }
        add(at, IngestKind.POSTS, copy);
    }

    private Map<String, Object> snapshot(String statusId, String type, Instant at, int likes, int index) {
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("status_id", statusId);
        snapshot.put("snapshot_type", type);
        snapshot.put("snapshot_at", at.toString());
        switch (index % 6) {
            case 1 -> {
                snapshot.put("likes", Integer.toString(likes));
                snapshot.put("reposts", (double) (likes / 5));
                snapshot.put("views", -1);
            }
            case 2 -> {
                // a snapshot without counts: 0 each
            }
            case 4 -> {
                snapshot.put("likes", likes);
                snapshot.put("source", "collector " + EMOJI);
            }
            default -> {
                snapshot.put("likes", likes);
                snapshot.put("reposts", likes / 5);
                snapshot.put("replies", likes / 9);
                snapshot.put("views", likes * 30);
            }
        }
        return snapshot;
    }

    private void reports(int index, double rank, boolean early, String statusId, Instant discovered, int tie) {
        int updates = 1 + random.nextInt(2);
        for (int update = 0; update < updates; update++) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("status_id", statusId);
            report.put("reported_at", discovered.plus(Duration.ofMinutes(15 + 20L * update)).toString());
            switch (index % 5) {
                case 0 -> {
                    // status_id and reported_at only
                }
                case 1 -> {
                    report.put("channel", "");
                    report.put("summary", "report " + update + " of post " + index + " " + ASTRAL);
                }
                case 2 -> {
                    report.put("channel", "slack");
                    report.put("destination", textOf(ContractModel.LABEL + (index % 2), "#drill "));
                    report.put("summary", index % 100 == 2 ? textOf(ContractModel.BODY + update, "report " + index + " ")
                            : "report " + update + " of post " + index);
                }
                default -> {
                    report.put("channel", "slack");
                    report.put("destination", "#drill");
                    report.put("summary", "report " + update + " of post " + index);
                }
            }
            add(early ? rank - 120 : rank + 40 + update * 30, IngestKind.REPORTS, report);
            if (update == updates - 1 && (tie == 8 || tie == 11)) {
                Map<String, Object> copy = new LinkedHashMap<>(report);
                if (tie == 8) {
                    report.put("summary", "report of post " + index + " " + HIGH_BMP);
                    copy.put("summary", "report of post " + index + " " + EMOJI);
                } else if (copy.remove("channel") == null) {
                    copy.put("channel", "email");
                }
                add(rank + 40 + random.nextDouble() * 100, IngestKind.REPORTS, copy);
            }
        }
    }

    private void embeddings(int index, double rank, boolean early, String statusId, Instant discovered, int tie) {
        int versions = 1 + random.nextInt(2);
        for (int version = 0; version < versions; version++) {
            Map<String, Object> embedding = new LinkedHashMap<>();
            embedding.put("status_id", statusId);
            embedding.put("backend", "local");
            embedding.put("model", "mini-lm-v" + (version + 1));
            List<Object> vector = List.of(random.nextDouble(), random.nextDouble(), random.nextDouble());
            embedding.put("vector", vector);
            embedding.put("text_hash", "hash-" + index + "-" + version);
            embedding.put("updated_at", discovered.plus(Duration.ofMinutes(1 + 90L * version)).toString());
            switch (index % 9) {
                case 1 -> embedding.remove("updated_at");
                case 2 -> embedding.put("vector_json", Json.write(embedding.remove("vector")));
                case 3 -> embedding.put("vector", List.of(1, -2, 3, 0));
                case 4 -> {
                    embedding.put("vector", List.of());
                    embedding.put("dims", 0);
                }
                case 5 -> {
                    embedding.remove("vector");
                    embedding.put("dims", 3);
                }
                case 6 -> embedding.put("dims", 5);
                case 7 -> embedding.put("created_at", discovered.plus(Duration.ofMinutes(90L - version)).toString());
                case 8 -> embedding.put("vector", List.of(0.5, "0.25", 1));
                default -> {
                    embedding.put("dims", 3);
                    embedding.put("model", embedding.get("model") + " " + ASTRAL);
                }
            }
            add(early ? rank - 110 : rank + 20 + version * 60, IngestKind.EMBEDDINGS, embedding);
            if (version == versions - 1 && (tie == 9 || tie == 10)) {
                Map<String, Object> copy = new LinkedHashMap<>(embedding);
                if (tie == 10) {
                    embedding.remove("updated_at");
                    copy.remove("updated_at");
                    copy.put("model", "mini-lm-b");
                } else {
                    copy.put("vector", List.of(random.nextDouble(), random.nextDouble()));
                    copy.remove("vector_json");
                    copy.remove("dims");
                }
                add(rank + 20 + random.nextDouble() * 100, IngestKind.EMBEDDINGS, copy);
            }
        }
    }

    /** Items a collector could plausibly send and ingest must refuse; their keys must never appear. */
    private void invalid(double rank, int index) {
        String statusId = statusId(index) + "8";
        Map<String, Object> post = new LinkedHashMap<>();
        post.put("status_id", statusId);
        post.put("url", "https://x.com/a/status/" + statusId);
        post.put("author_handle", "@invalid");
        post.put("discovered_at", start.toString());
        post.put("last_seen_at", start.toString());
        switch (index % 6) {
            case 0 -> post.put("status_id", statusId.substring(0, 10) + "x");
            case 1 -> post.put("status_id", statusId + "12345");
            case 2 -> post.put("author_handle", "@not-a-handle");
            case 3 -> post.put("discovered_at", "2026-02-30T00:00:00Z");
            case 4 -> post.put("last_seen_at", "2005-12-31T23:59:59Z");
            default -> post.remove("last_seen_at");
        }
        refuse(rank + 1, IngestKind.POSTS, post);
        Map<String, Object> snapshot = snapshot(statusId(index), "hourly", start, 1, 0);
        refuse(rank + 2, IngestKind.METRICS, snapshot);
        refuse(rank + 3, IngestKind.REPORTS, Map.of("status_id", statusId(index), "reported_at", "yesterday"));
        refuse(rank + 4, IngestKind.EMBEDDINGS, Map.of("status_id", statusId(index), "backend", "local", "model", "m",
                "vector", List.of(0.1)));
    }

    /** A request of nothing but refused items: a 422, nothing queued. */
    private void wholeBatchRefused() {
        List<Observation> items = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> post = new LinkedHashMap<>();
            post.put("status_id", "7" + run + "-" + i);
            post.put("author_handle", "@invalid");
            post.put("discovered_at", start.toString());
            post.put("last_seen_at", start.toString());
            items.add(new Observation(IngestKind.POSTS, post, false));
        }
        refusedWhole.add(new Batch(IngestKind.POSTS, items));
    }

    // ---- summaries, shifts, runs --------------------------------------------------------------

    private void summaries(int keys) {
        for (int i = 0; i < keys; i++) {
            String key = i % 8 == 5 ? textOf(ContractModel.KEY, "drill-" + run + "-summary-" + i + "-")
                    : "drill-" + run + "-summary-" + i;
            String windowType = i % 2 == 0 ? "rolling_2h" : "rolling_12h";
            Instant end = start.plus(Duration.ofHours(i));
            Map<String, Object> newest = null;
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
                dressSummary(summary, i, generation);
                add(random.nextDouble() * 1000, IngestKind.WINDOW_SUMMARIES, summary);
                newest = summary;
            }
            if (i % 8 == 7) {
                Map<String, Object> progress = new LinkedHashMap<>(newest);
                progress.put("post_count", (Integer) newest.get("post_count") + 1);
                add(random.nextDouble() * 1000, IngestKind.WINDOW_SUMMARIES, progress);
            } else if (i % 8 == 0) {
                Map<String, Object> themes = new LinkedHashMap<>(newest);
                themes.put("top_themes", List.of(Map.of("theme", "zk", "posts", 1, "trend", "up")));
                add(random.nextDouble() * 1000, IngestKind.WINDOW_SUMMARIES, themes);
            }
            if (i % 3 == 0) {
                shifts(i, end);
            }
        }
        Map<String, Object> backwards = new LinkedHashMap<>();
        backwards.put("summary_key", "drill-" + run + "-backwards");
        backwards.put("window_type", "rolling_2h");
        backwards.put("window_start", start.toString());
        backwards.put("window_end", start.minus(Duration.ofHours(2)).toString());
        backwards.put("generated_at", start.toString());
        backwards.put("summary_text", "a window that ends before it starts");
        refuse(random.nextDouble() * 1000, IngestKind.WINDOW_SUMMARIES, backwards);
        Map<String, Object> longKey = new LinkedHashMap<>(backwards);
        longKey.put("summary_key", textOf(ContractModel.KEY + 1, "drill-" + run + "-long-"));
        longKey.put("window_end", start.plus(Duration.ofHours(2)).toString());
        refuse(random.nextDouble() * 1000, IngestKind.WINDOW_SUMMARIES, longKey);
    }

    private void dressSummary(Map<String, Object> summary, int i, int generation) {
        switch (i % 8) {
            case 1 -> {
                summary.put("top_themes", List.of("zsa", "fees"));
                summary.put("debates", List.of("sequencing"));
                summary.put("tier_counts", "{\"teammate\": 2, \"investor\": 1}");
                summary.put("significant_count", 2);
                summary.put("top_authors", List.of(Map.of("handle", "author_1", "posts", 3)));
                summary.put("notable_posts", List.of(Map.of("status_id", "1", "likes", 5)));
                summary.put("source_version", "v2");
                summary.put("embedding_backend", "local");
                summary.put("embedding_model", "mini-lm");
                summary.put("embedding_dims", 2);
                summary.put("embedding_vector", List.of(0.5, -0.25));
            }
            case 2 -> {
                summary.put("tier_counts", List.of());
                summary.put("top_themes", "[{\"theme\": \"fees\", \"posts\": 2}]");
                summary.put("embedding_vector", "[0.1, 0.2]");
                summary.put("embedding_dims", 2);
            }
            case 3 -> summary.keySet().retainAll(List.of("summary_key", "window_type", "window_start", "window_end", "generated_at"));
            case 4 -> {
                summary.put("top_authors", List.of(Map.of("handle", textOf(ContractModel.NESTED_TEXT + generation % 2, "author "))));
                summary.put("notable_posts", List.of(0.1, 1.5e-7, 12_345_678_901_234L, -3, 1.0e21,
                        Map.of("zeta", 1, "a", List.of(), "bb", "x\ty", EMOJI, true)));
            }
            case 5 -> {
                if (generation > 0) {
                    summary.put("summary_text", textOf(ContractModel.SUMMARY_TEXT + generation - 1, "window " + i + " "));
                }
                summary.put("embedding_vector", List.of(0.1, 0.2, 0.3));
                summary.put("embedding_dims", 2);
            }
            case 6 -> {
                summary.put("post_count", "42");
                summary.put("significant_count", -1);
                summary.put("source_version", "v3");
                summary.put("embedding_vector", List.of());
                summary.put("embedding_dims", generation == 0 ? -1 : 4);
            }
            default -> {
                // the plain shape
            }
        }
    }

    private void shifts(int i, Instant end) {
        String shift = "drill-" + run + "-shift-" + i;
        Map<String, Object> newest = null;
        for (int generation = 0; generation < 2; generation++) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("shift_key", shift);
            item.put("basis_window_type", "rolling_12h");
            item.put("period_start", end.minus(Duration.ofHours(12)).toString());
            item.put("period_end", end.toString());
            item.put("generated_at", end.plus(Duration.ofMinutes(5 + generation)).toString());
            item.put("emerging_themes", List.of(Map.of("theme", "sequencing")));
            item.put("summary_text", "shift " + i + ", generation " + generation);
            switch (i % 4) {
                case 1 -> {
                    item.put("source_summary_keys", List.of("drill-" + run + "-summary-" + i, 7));
                    item.put("position_shifts", List.of());
                    item.put("declining_themes", List.of("fees"));
                    item.put("debate_intensity", "[{\"debate\": \"fees\", \"intensity\": 0.75}]");
                    item.put("source_version", "v2");
                    item.put("embedding_backend", "local");
                    item.put("embedding_model", "mini-lm");
                    item.put("embedding_dims", 3);
                    item.put("embedding_vector", List.of(0.125, -1, 2.5e-3));
                }
                case 2 -> {
                    item.remove("summary_text");
                    item.put("position_shifts", Map.of("author_1", Map.of("from", "against", "to", "for " + EMOJI)));
                    item.put("embedding_backend", "local");
                    item.put("embedding_model", "mini-lm");
                    item.put("embedding_vector", List.of(1, 2));
                    item.put("source_summary_keys", List.of(true, "drill-" + run + "-summary-" + i));
                }
                case 3 -> item.keySet().retainAll(List.of("shift_key", "basis_window_type", "period_start", "period_end", "generated_at"));
                default -> {
                    // the plain shape
                }
            }
            add(random.nextDouble() * 1000, IngestKind.NARRATIVE_SHIFTS, item);
            newest = item;
        }
        Map<String, Object> tie = new LinkedHashMap<>(newest);
        tie.put("emerging_themes", List.of(Map.of("theme", "sequencing", "weight", 2)));
        add(random.nextDouble() * 1000, IngestKind.NARRATIVE_SHIFTS, tie);
        Map<String, Object> backwards = new LinkedHashMap<>(newest);
        backwards.put("shift_key", shift + "-backwards");
        backwards.put("period_end", end.minus(Duration.ofHours(13)).toString());
        refuse(random.nextDouble() * 1000, IngestKind.NARRATIVE_SHIFTS, backwards);
    }

    private void runs(int runs) {
        for (int i = 0; i < runs; i++) {
            Instant at = start.plus(Duration.ofMinutes(15L * i));
            Map<String, Object> pipelineRun = new LinkedHashMap<>();
            pipelineRun.put("run_at", at.toString());
            pipelineRun.put("mode", i % 7 == 0 ? "refresh-24h" : "priority");
            pipelineRun.put("source", "drill-" + run);
            pipelineRun.put("fetched_count", 40 + i % 10);
            pipelineRun.put("significant_count", i % 4);
            pipelineRun.put("reported_count", i % 2);
            switch (i % 8) {
                case 1 -> pipelineRun.put("mode", "refresh_24h");
                case 2 -> {
                    pipelineRun.keySet().retainAll(List.of("run_at"));
                    pipelineRun.put("mode", "manual");
                }
                case 3 -> {
                    pipelineRun.remove("source");
                    pipelineRun.put("fetched_count", "41");
                    pipelineRun.put("significant_count", 2.0);
                }
                case 4 -> {
                    pipelineRun.put("note", "every field " + EMOJI);
                    pipelineRun.put("fetched_count", Integer.MAX_VALUE);
                    pipelineRun.put("source", textOf(ContractModel.KEY, "drill-" + run + "-"));
                }
                case 5, 6 -> {
                    // A run posted when it starts and again when it ends.
                    Map<String, Object> started = new LinkedHashMap<>(pipelineRun);
                    if (i % 8 == 5) {
                        started.put("fetched_count", 0);
                        started.put("significant_count", 0);
                        started.put("reported_count", 0);
                    } else {
                        pipelineRun.put("note", "done");
                    }
                    add(i * 1000.0 / runs + random.nextDouble() * 100, IngestKind.RUNS, started);
                }
                case 7 -> {
                    pipelineRun.put("reported_count", -1);
                    pipelineRun.put("note", "  ");
                }
                default -> {
                    // the plain shape
                }
            }
            add(i * 1000.0 / runs, IngestKind.RUNS, pipelineRun);
        }
        Map<String, Object> weekly = new LinkedHashMap<>();
        weekly.put("run_at", start.toString());
        weekly.put("mode", "weekly");
        weekly.put("source", "drill-" + run);
        refuse(random.nextDouble() * 1000, IngestKind.RUNS, weekly);
        Map<String, Object> longSource = new LinkedHashMap<>(weekly);
        longSource.put("mode", "priority");
        longSource.put("source", textOf(ContractModel.KEY + 1, "drill-" + run + "-"));
        refuse(random.nextDouble() * 1000, IngestKind.RUNS, longSource);
    }

    // ---- building blocks ---------------------------------------------------------------------

    private void add(double rank, IngestKind kind, Map<String, Object> json) {
        planned.add(new Planned(rank, new Observation(kind, json, true)));
    }

    private void refuse(double rank, IngestKind kind, Map<String, Object> json) {
        planned.add(new Planned(rank, new Observation(kind, json, false)));
    }

    /** Fourteen digits for most posts, nineteen (the most a status id has) for one in 13. */
    private String statusId(int index) {
        return "7" + run + (index % 13 == 5 ? String.format("%012d", index) : String.format("%07d", index));
    }

    /** Text of exactly {@code codePoints} code points beginning with {@code prefix}, its last three astral. */
    static String textOf(int codePoints, String prefix) {
        int fill = codePoints - prefix.codePointCount(0, prefix.length()) - 3;
        return prefix + "x".repeat(fill) + ASTRAL;
    }

    private static String longUrl(String statusId, int length) {
        String url = "https://x.com/a/status/" + statusId + "?";
        return url + "q".repeat(length - url.length());
    }

    /** The planned items in order, cut into batches of one kind each; runs are one item per request. */
    private List<Batch> batches() {
        planned.sort(Comparator.comparingDouble(Planned::rank));
        List<Batch> batches = new ArrayList<>();
        Map<IngestKind, List<Observation>> open = new EnumMap<>(IngestKind.class);
        Map<IngestKind, Integer> bytes = new EnumMap<>(IngestKind.class);
        // A collector sends what one run found: batches of varying size.
        Map<IngestKind, Integer> sizes = new EnumMap<>(IngestKind.class);
        for (Planned item : planned) {
            IngestKind kind = item.observation().kind();
            List<Observation> batch = open.computeIfAbsent(kind, k -> new ArrayList<>());
            int itemBytes = Json.writeBytes(item.observation().json()).length;
            if (!batch.isEmpty() && bytes.getOrDefault(kind, 0) + itemBytes > BATCH_BYTES) {
                batches.add(new Batch(kind, List.copyOf(batch)));
                batch.clear();
                bytes.remove(kind);
            }
            batch.add(item.observation());
            bytes.merge(kind, itemBytes, Integer::sum);
            if (faults.duplicates() && !kind.singleObject() && random.nextInt(100) == 0 && bytes.get(kind) + itemBytes <= BATCH_BYTES) {
                batch.add(item.observation());
                bytes.merge(kind, itemBytes, Integer::sum);
            }
            int size = kind.singleObject() ? 1 : sizes.computeIfAbsent(kind, k -> MIN_BATCH + random.nextInt(BATCH_SIZE - MIN_BATCH + 1));
            if (batch.size() >= size) {
                batches.add(new Batch(kind, List.copyOf(batch)));
                batch.clear();
                bytes.remove(kind);
                sizes.remove(kind);
            }
        }
        open.forEach((kind, rest) -> {
            if (!rest.isEmpty()) {
                batches.add(new Batch(kind, List.copyOf(rest)));
            }
        });
        refusedWhole.forEach(batch -> batches.add(random.nextInt(batches.size() + 1), batch));
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
