package io.xmonitor.tools.legacy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;

/**
 * Writes synthetic collector snapshots for tests and measurements, in one of three generations
 * of column names. Rows carry what the old collector wrote: legacy spellings (yes/no, 0/1 and
 * other non-zero flags, refresh-24h, '@' handles, padded ids, timestamps without zone or time),
 * the shapes the old import stored that need a lenient reading (no url, an unknown tier, NUL in
 * text, counts as text, "1.2K" and -1, 24h counts without their refresh time, long labels,
 * empty vectors), orphans (reports of posts the snapshot lacks) and the FTS and settings tables
 * the importer must ignore. Only two kinds of row are unusable on purpose: a tweet whose
 * discovered_at is no timestamp and a run whose mode is unknown. Every timestamp lies before
 * {@link #LATEST}, so none is refused for lying in the future.
 */
public final class SyntheticSnapshot {

    /**
     * How many rows were written; {@code refusedTweets} and {@code refusedRuns} are the rows meant
     * to be refused (their identity is unusable), {@code tweetsWithWarnings} the tweets meant to
     * be kept without one of their fields.
     */
    public record Written(int tweets, int reports, int watchAccounts, int runs, int embeddings,
                          int refusedTweets, int tweetsWithWarnings, int orphanReports, int refusedRuns) {
        public int total() {
            return tweets + reports + watchAccounts + runs + embeddings;
        }
    }

    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");
    /** Everything is dated between {@link #BASE} and this: rows spread more densely the more there are. */
    static final Instant LATEST = Instant.parse("2026-11-01T00:00:00Z");

    private static final String[] TIERS = {"teammate", "influencer", "ecosystem", "investor"};
    private static final DateTimeFormatter SQLITE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private SyntheticSnapshot() {
    }

    public static Written write(Path file, int generation, int tweets, long seed) throws Exception {
        if (generation < 1 || generation > 3) {
            throw new IllegalArgumentException("generation must be 1, 2 or 3");
        }
        Files.deleteIfExists(file);
        Random random = new Random(seed);
        int reports = tweets / 2;
        int embeddings = tweets * 3 / 4;
        int runs = Math.max(1, tweets / 4);
        int watch = 44;
        int refusedTweets = 0;
        int tweetsWithWarnings = 0;
        int orphanReports = 0;
        int refusedRuns = 0;
        long tweetSpacing = spacing(45, tweets);
        long runSpacing = spacing(600, runs);
        try (Connection sqlite = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath())) {
            sqlite.setAutoCommit(false);
            try (Statement ddl = sqlite.createStatement()) {
                for (String statement : schema(generation)) {
                    ddl.execute(statement);
                }
            }
            Instant base = BASE;
            try (PreparedStatement insert = sqlite.prepareStatement(tweetInsert(generation))) {
                for (int i = 0; i < tweets; i++) {
                    long id = 1_880_000_000_000_000_000L + i;
                    String handle = "user" + (i % 300);
                    Instant discovered = base.plusSeconds(i * tweetSpacing);
                    boolean refused = i % 101 == 17;
                    boolean noUrl = i % 97 == 13;
                    boolean unknownTier = i % 103 == 19;
                    boolean nul = i % 107 == 23;
                    boolean unreadableViews = i % 109 == 29;
                    boolean unknownLikes = i % 113 == 31;
                    refusedTweets += refused ? 1 : 0;
                    tweetsWithWarnings += !refused && (noUrl || unknownTier || nul || unreadableViews || unknownLikes) ? 1 : 0;
                    String url = noUrl ? null : "https://x.com/" + handle + "/status/" + id;
                    String discoveredText = refused ? "yesterday"
                            : i % 137 == 43 ? DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC).format(discovered)
                            : time(discovered, i % 3 == 0);
                    String tier = unknownTier ? "vip" : TIERS[i % 4].toUpperCase(Locale.ROOT);
                    String text = "post " + i + " about rollups" + (nul ? "\u0000" : "");
                    boolean significant = random.nextInt(7) == 0;
                    int likes = random.nextInt(5000);
                    int p = 1;
                    insert.setObject(p++, generation == 1 ? (Object) id : i % 139 == 47 ? " " + id + " " : Long.toString(id));
                    insert.setString(p++, url);
                    insert.setString(p++, i % 2 == 0 ? "@" + handle.toUpperCase(Locale.ROOT) : handle);
                    insert.setString(p++, "User " + (i % 300));
                    insert.setString(p++, text);
                    insert.setString(p++, i % 127 == 37 ? "from:" + handle + " " + "rollups OR bridges ".repeat(10) : i % 2 == 0 ? "priority" : "discovery");
                    insert.setString(p++, tier);
                    insert.setObject(p++, generation == 1 ? (significant ? "yes" : "no") : (Object) (significant ? (i % 2 == 0 ? 1 : 2) : 0));
                    insert.setString(p++, significant ? "watched account, high engagement" : null);
                    if (unknownLikes) {
                        insert.setInt(p++, -1);
                    } else {
                        insert.setInt(p++, likes);
                    }
                    insert.setInt(p++, likes / 8);
                    insert.setInt(p++, likes / 15);
                    insert.setString(p++, unreadableViews ? "1.2K" : i % 5 == 0 ? (likes * 40) + ".0" : Integer.toString(likes * 40));
                    if (generation >= 2) {
                        insert.setInt(p++, likes / 10);
                        insert.setInt(p++, likes / 80);
                    }
                    if (generation == 3) {
                        // A third refreshed with a time, a third with the counts and "pending" but no time yet.
                        boolean refreshed = i % 3 == 0;
                        boolean pending = i % 3 == 1;
                        insert.setObject(p++, refreshed || pending ? likes + 10 : null);
                        insert.setString(p++, refreshed ? time(discovered.plusSeconds(86_400), false) : i % 131 == 41 ? "" : null);
                        insert.setString(p++, refreshed ? "ok" : pending ? "pending" : null);
                    }
                    insert.setString(p++, discoveredText);
                    insert.setString(p, time(discovered.plusSeconds(3600), false));
                    insert.addBatch();
                    if (i % 5000 == 4999) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            try (PreparedStatement insert = sqlite.prepareStatement(
                    "INSERT INTO reports (status_id, " + (generation == 1 ? "created_at" : "reported_at") + ", channel, summary) VALUES (?, ?, ?, ?)")) {
                for (int i = 0; i < reports; i++) {
                    boolean orphan = i % 50 == 7;
                    orphanReports += orphan ? 1 : 0;
                    long id = orphan ? 1_990_000_000_000_000_000L + i : 1_880_000_000_000_000_000L + (i * 2L % tweets);
                    insert.setString(1, Long.toString(id));
                    insert.setString(2, time(base.plusSeconds(i * 2 * tweetSpacing + 600), false));
                    insert.setString(3, "slack");
                    insert.setString(4, "reported post " + i);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (PreparedStatement insert = sqlite.prepareStatement(generation == 1
                    ? "INSERT INTO watch_accounts (author_handle, watch_tier, created_at) VALUES (?, ?, ?)"
                    : "INSERT INTO watch_accounts (handle, tier, note, added_at) VALUES (?, ?, ?, ?)")) {
                for (int i = 0; i < watch; i++) {
                    insert.setString(1, (i % 2 == 0 ? "@" : "") + "user" + i);
                    insert.setString(2, TIERS[i % 4]);
                    insert.setString(3, generation == 1 ? time(base, false) : "watched since launch");
                    if (generation != 1) {
                        insert.setString(4, time(base, false));
                    }
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (PreparedStatement insert = sqlite.prepareStatement("INSERT INTO runs ("
                    + (generation == 1 ? "timestamp" : "run_at") + ", mode, fetched_count, significant_count, reported_count) VALUES (?, ?, ?, ?, ?)")) {
                String[] modes = {"priority", "discovery", "both", "refresh-24h", "manual", "refresh_24h"};
                for (int i = 0; i < runs; i++) {
                    boolean bad = i % 20 == 3;
                    refusedRuns += bad ? 1 : 0;
                    insert.setString(1, time(base.plusSeconds(i * runSpacing), false));
                    insert.setString(2, bad ? "hourly" : modes[i % modes.length]);
                    insert.setInt(3, 40 + i % 10);
                    insert.setInt(4, i % 5);
                    insert.setInt(5, i % 2);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (PreparedStatement insert = sqlite.prepareStatement("INSERT INTO tweet_embeddings (status_id, backend, model, dims, "
                    + "vector_json, text_hash, created_at" + (generation == 1 ? "" : ", updated_at") + ") VALUES (?, ?, ?, ?, ?, ?, ?" + (generation == 1 ? "" : ", ?") + ")")) {
                for (int i = 0; i < embeddings; i++) {
                    insert.setString(1, Long.toString(1_880_000_000_000_000_000L + i));
                    insert.setString(2, "local");
                    insert.setString(3, "mini-lm");
                    insert.setInt(4, generation == 1 ? 0 : 4);
                    // The old collector wrote some embeddings without a vector: stored empty, with dims 0.
                    insert.setString(5, i % 50 == 11 ? null : i % 50 == 12 ? "" : "[" + (i % 10) / 10.0 + ", 0.25, -0.5, 1.0]");
                    insert.setString(6, "hash" + i);
                    insert.setString(7, time(base.plusSeconds(i * tweetSpacing + 60), false));
                    if (generation != 1) {
                        insert.setString(8, time(base.plusSeconds(i * tweetSpacing + 120), false));
                    }
                    insert.addBatch();
                    if (i % 5000 == 4999) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            sqlite.commit();
        }
        return new Written(tweets, reports, watch, runs, embeddings, refusedTweets, tweetsWithWarnings, orphanReports, refusedRuns);
    }

    /** Seconds between two of {@code rows} rows: {@code usual}, or less where that many would reach past {@link #LATEST}. */
    private static long spacing(long usual, int rows) {
        long available = LATEST.getEpochSecond() - BASE.getEpochSecond() - 2 * 86_400;
        return Math.max(1, Math.min(usual, available / Math.max(1, 2L * rows)));
    }

    private static String time(Instant instant, boolean withoutZone) {
        return SQLITE_TIME.format(instant) + (withoutZone ? "" : "+00:00");
    }

    private static String[] schema(int generation) {
        String common = """
                CREATE VIRTUAL TABLE tweets_fts USING fts5(body);
                CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT);
                INSERT INTO settings VALUES ('schema', '%d');
                """.formatted(generation);
        String specific = switch (generation) {
            case 1 -> """
                    CREATE TABLE tweets (id INTEGER PRIMARY KEY, tweet_url TEXT, username TEXT, display_name TEXT, tweet_text TEXT,
                      query_type TEXT, tier TEXT, significant TEXT, reason TEXT, likes INTEGER, retweets INTEGER, replies INTEGER,
                      views TEXT, captured_at TEXT, seen_at TEXT);
                    CREATE TABLE reports (status_id TEXT, created_at TEXT, channel TEXT, summary TEXT);
                    CREATE TABLE watch_accounts (author_handle TEXT, watch_tier TEXT, created_at TEXT);
                    CREATE TABLE runs (timestamp TEXT, mode TEXT, fetched_count INTEGER, significant_count INTEGER, reported_count INTEGER);
                    CREATE TABLE tweet_embeddings (status_id TEXT, backend TEXT, model TEXT, dims INTEGER, vector_json TEXT, text_hash TEXT, created_at TEXT);
                    """;
            case 2 -> """
                    CREATE TABLE tweets (status_id TEXT PRIMARY KEY, status_url TEXT, handle TEXT, author_name TEXT, text TEXT,
                      source TEXT, watch_tier TEXT, is_significant INTEGER, significance_reason TEXT, likes INTEGER, reposts INTEGER,
                      replies INTEGER, views TEXT, initial_likes INTEGER, initial_reposts INTEGER, created_at TEXT, updated_at TEXT);
                    CREATE TABLE reports (status_id TEXT, reported_at TEXT, channel TEXT, summary TEXT);
                    CREATE TABLE watch_accounts (handle TEXT, tier TEXT, note TEXT, added_at TEXT);
                    CREATE TABLE runs (run_at TEXT, mode TEXT, fetched_count INTEGER, significant_count INTEGER, reported_count INTEGER);
                    CREATE TABLE tweet_embeddings (status_id TEXT, backend TEXT, model TEXT, dims INTEGER, vector_json TEXT, text_hash TEXT, created_at TEXT, updated_at TEXT);
                    """;
            default -> """
                    CREATE TABLE tweets (status_id TEXT PRIMARY KEY, url TEXT, author_handle TEXT, author_display TEXT, body_text TEXT,
                      source_query TEXT, watch_tier TEXT, is_significant INTEGER, significance_reason TEXT, likes INTEGER, reposts INTEGER,
                      replies INTEGER, views TEXT, initial_likes INTEGER, initial_reposts INTEGER, likes_24h INTEGER, refresh_24h_at TEXT,
                      refresh_24h_status TEXT, discovered_at TEXT, last_seen_at TEXT);
                    CREATE TABLE reports (status_id TEXT, reported_at TEXT, channel TEXT, summary TEXT);
                    CREATE TABLE watch_accounts (handle TEXT, tier TEXT, note TEXT, added_at TEXT);
                    CREATE TABLE runs (run_at TEXT, mode TEXT, fetched_count INTEGER, significant_count INTEGER, reported_count INTEGER);
                    CREATE TABLE tweet_embeddings (status_id TEXT, backend TEXT, model TEXT, dims INTEGER, vector_json TEXT, text_hash TEXT, created_at TEXT, updated_at TEXT);
                    """;
        };
        return (common + specific).split(";\\s*\\n");
    }

    private static String tweetInsert(int generation) {
        return switch (generation) {
            case 1 -> "INSERT INTO tweets (id, tweet_url, username, display_name, tweet_text, query_type, tier, significant, reason, "
                    + "likes, retweets, replies, views, captured_at, seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
            case 2 -> "INSERT INTO tweets (status_id, status_url, handle, author_name, text, source, watch_tier, is_significant, "
                    + "significance_reason, likes, reposts, replies, views, initial_likes, initial_reposts, created_at, updated_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
            default -> "INSERT INTO tweets (status_id, url, author_handle, author_display, body_text, source_query, watch_tier, "
                    + "is_significant, significance_reason, likes, reposts, replies, views, initial_likes, initial_reposts, likes_24h, "
                    + "refresh_24h_at, refresh_24h_status, discovered_at, last_seen_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        };
    }
}
