package io.xmonitor.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.xmonitor.json.Json;
import io.xmonitor.tools.demo.DemoData;
import io.xmonitor.tools.local.LocalStack;
import io.xmonitor.tools.local.StackState;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * `xmonitor local --demo` as a newcomer reads it: the demo is loaded through the stack's ingest
 * API, and every number its summaries and narrative shifts state is checked against what the
 * feed itself shows for the same window (all of the feed's posts, and its own filters for the
 * newest windows); the reports, reasons, snapshots and texts against the posts they belong to.
 */
class DemoDataTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern QUOTED = Pattern.compile("^[a-z ]+: \u201c(.+)\u201d$");
    private static final Pattern UNUSUAL = Pattern.compile("^unusual engagement: ([0-9,]+) likes within .*");
    private static LocalStack stack;
    private static StackState state;
    private static Instant now;
    /** Every post the feed shows, newest first. */
    private static List<JsonNode> feed;

    @BeforeAll
    static void loadTheDemo() throws Exception {
        stack = LocalStack.start(new LocalStack.Options(0, null, null, null, null, "demo-test-key", 5, null, Optional.empty()));
        state = stack.state();
        assertThat(DemoData.present(state)).isFalse();
        now = Instant.now();
        Map<String, Integer> loaded = new DemoData(state.apiUrl(), state.ingestKey()).load(now);
        assertThat(stack.awaitDrained(Duration.ofMinutes(2))).isTrue();
        assertThat(DemoData.present(state)).as("a second --demo on this database is refused").isTrue();
        feed = feed("");
        assertThat(feed).hasSize(loaded.get("posts"));
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    private static JsonNode get(String pathAndQuery) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(state.apiUrl() + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(pathAndQuery + ": " + response.body()).isEqualTo(200);
        return Json.mapper().readTree(response.body());
    }

    /** Every post for a query, paging the feed as the dashboard does. */
    private static List<JsonNode> feed(String query) throws Exception {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = get("/v1/feed?limit=200" + query + (cursor == null ? "" : "&cursor=" + encode(cursor)));
            page.path("items").forEach(items::add);
            cursor = page.path("next_cursor").isTextual() ? page.path("next_cursor").asText() : null;
        } while (cursor != null);
        return items;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static List<JsonNode> rows(String sql) throws Exception {
        List<JsonNode> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(state.jdbcUrl(), state.databaseUser(), state.databasePassword());
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.add(Json.mapper().readTree(result.getString(1)));
            }
        }
        return rows;
    }

    private static Instant instant(JsonNode node) {
        return Instant.parse(node.asText());
    }

    private static List<JsonNode> discoveredWithin(Instant start, Instant end) {
        return feed.stream().filter(p -> !instant(p.path("discovered_at")).isBefore(start) && !instant(p.path("discovered_at")).isAfter(end)).toList();
    }

    private static long count(List<JsonNode> posts, Predicate<JsonNode> which) {
        return posts.stream().filter(which).count();
    }

    private static Predicate<JsonNode> mentions(String term) {
        return p -> p.path("body_text").asText().toLowerCase(Locale.ROOT).contains(term);
    }

    @Test
    void everySummaryStatesWhatTheFeedShowsForItsWindow() throws Exception {
        List<JsonNode> summaries = rows("SELECT json_build_object('summary_key', summary_key, 'window_type', window_type, "
                + "'window_start', to_char(window_start AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
                + "'window_end', to_char(window_end AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
                + "'post_count', post_count, 'significant_count', significant_count, 'tier_counts', tier_counts_json, "
                + "'top_themes', top_themes_json, 'debates', debates_json, 'top_authors', top_authors_json, "
                + "'notable_posts', notable_posts_json, 'summary_text', summary_text)::text FROM window_summaries ORDER BY window_end, window_type");
        Instant lastHour = now.minusSeconds(90).truncatedTo(ChronoUnit.HOURS);
        Set<String> types = new HashSet<>();
        Map<String, Instant> newest = new HashMap<>();
        for (JsonNode summary : summaries) {
            types.add(summary.path("window_type").asText());
            Instant start = instant(summary.path("window_start"));
            Instant end = instant(summary.path("window_end"));
            newest.merge(summary.path("window_type").asText(), end, (a, b) -> a.isAfter(b) ? a : b);
            List<JsonNode> posts = discoveredWithin(start, end);
            String what = summary.path("summary_key").asText();
            assertThat(summary.path("post_count").asLong()).as(what).isEqualTo(posts.size());
            assertThat(summary.path("significant_count").asLong()).as(what).isEqualTo(count(posts, p -> p.path("is_significant").asBoolean()));
            long tiers = 0;
            for (var tier : summary.path("tier_counts").properties()) {
                assertThat(tier.getValue().asLong()).as(what + " " + tier.getKey())
                        .isEqualTo(count(posts, p -> p.path("watch_tier").asText().equals(tier.getKey())));
                tiers += tier.getValue().asLong();
            }
            assertThat(tiers).as(what + ": the tiers add up to the posts").isEqualTo(posts.size());
            for (JsonNode theme : summary.path("top_themes")) {
                assertThat(theme.path("posts").asLong()).as(what + " " + theme).isEqualTo(count(posts, mentions(theme.path("term").asText())));
            }
            for (JsonNode author : summary.path("top_authors")) {
                assertThat(author.path("posts").asLong()).as(what + " " + author)
                        .isEqualTo(count(posts, p -> p.path("author_handle").asText().equals(author.path("handle").asText())));
            }
            for (JsonNode debate : summary.path("debates")) {
                long sides = 0;
                for (JsonNode side : debate.path("sides")) {
                    sides += side.path("posts").asLong();
                }
                assertThat(sides).as(what + ": every post of a debate takes a side").isEqualTo(count(posts, mentions(debate.path("term").asText())));
            }
            for (JsonNode notable : summary.path("notable_posts")) {
                JsonNode post = posts.stream().filter(p -> p.path("status_id").asText().equals(notable.path("status_id").asText()))
                        .findFirst().orElseThrow(() -> new AssertionError(what + ": notable post " + notable + " is not in its window"));
                assertThat(post.path("is_significant").asBoolean()).isTrue();
                assertThat(notable.path("text").asText()).isEqualTo(post.path("body_text").asText());
                assertThat(notable.path("reason").asText()).isEqualTo(post.path("significance_reason").asText());
            }
            assertThat(summary.path("summary_text").asText()).as(what)
                    .startsWith(posts.isEmpty() ? "A quiet" : posts.size() + " post" + (posts.size() == 1 ? "" : "s") + " in ");
        }
        assertThat(types).containsExactlyInAnyOrder("rolling_2h", "rolling_12h");
        assertThat(newest).containsEntry("rolling_2h", lastHour).containsEntry("rolling_12h", lastHour);
        assertThat(summaries.size()).as("a summary of both windows every hour of the month").isGreaterThan(2 * 24 * 29);

        // The newest windows, which the summaries page shows, through the feed's own filters too.
        JsonNode latest = get("/v1/window-summaries/latest");
        for (String type : List.of("rolling_2h", "rolling_12h")) {
            JsonNode summary = latest.path(type);
            assertThat(instant(summary.path("window_end"))).isEqualTo(lastHour);
            String window = "&since=" + encode(summary.path("window_start").asText()) + "&until=" + encode(summary.path("window_end").asText());
            assertThat(feed(window)).hasSize(summary.path("post_count").asInt());
            assertThat(feed(window + "&significant=true")).hasSize(summary.path("significant_count").asInt());
            for (var tier : summary.path("tier_counts").properties()) {
                assertThat(feed(window + "&tier=" + tier.getKey())).hasSize(tier.getValue().asInt());
            }
            for (JsonNode theme : summary.path("top_themes")) {
                assertThat(feed(window + "&q=" + encode(theme.path("term").asText()))).as(theme.toString()).hasSize(theme.path("posts").asInt());
            }
            for (JsonNode author : summary.path("top_authors")) {
                assertThat(feed(window + "&handle=" + author.path("handle").asText())).hasSize(author.path("posts").asInt());
            }
        }
    }

    @Test
    void everyNarrativeShiftCountsThePostsOfItsPeriodAndTheOneBefore() throws Exception {
        List<JsonNode> shifts = rows("SELECT json_build_object('period_start', to_char(period_start AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
                + "'period_end', to_char(period_end AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), 'emerging', emerging_themes_json, "
                + "'declining', declining_themes_json, 'intensity', debate_intensity_json, 'positions', position_shifts_json, "
                + "'keys', source_summary_keys_json, 'text', summary_text)::text FROM narrative_shifts ORDER BY period_end");
        assertThat(shifts.size()).as("a handful of shifts").isBetween(4, 5);
        Set<String> summaryKeys = new HashSet<>(rows("SELECT to_json(summary_key)::text FROM window_summaries").stream().map(JsonNode::asText).toList());
        for (JsonNode shift : shifts) {
            Instant start = instant(shift.path("period_start"));
            Instant end = instant(shift.path("period_end"));
            Duration period = Duration.between(start, end);
            List<JsonNode> posts = discoveredWithin(start, end);
            List<JsonNode> before = discoveredWithin(start.minus(period), start);
            assertThat(shift.path("emerging")).isNotEmpty();
            for (String key : List.of("emerging", "declining")) {
                for (JsonNode theme : shift.path(key)) {
                    long now = count(posts, mentions(theme.path("term").asText()));
                    long previous = count(before, mentions(theme.path("term").asText()));
                    assertThat(theme.path("posts").asLong()).as(theme.toString()).isEqualTo(now);
                    assertThat(theme.path("previous").asLong()).as(theme.toString()).isEqualTo(previous);
                    assertThat(key.equals("emerging") ? now > previous : now < previous).as(key + " " + theme).isTrue();
                }
            }
            for (JsonNode debate : shift.path("intensity")) {
                assertThat(debate.path("posts").asLong()).isEqualTo(count(posts, mentions(debate.path("term").asText())));
                assertThat(debate.path("previous").asLong()).isEqualTo(count(before, mentions(debate.path("term").asText())));
                long sides = 0;
                for (JsonNode side : shift.path("positions").path(debate.path("topic").asText()).path("now")) {
                    sides += side.asLong();
                }
                assertThat(sides).isEqualTo(debate.path("posts").asLong());
            }
            for (JsonNode key : shift.path("keys")) {
                assertThat(summaryKeys).contains(key.asText());
            }
            JsonNode rise = shift.path("emerging").get(0);
            assertThat(shift.path("text").asText()).contains(rise.path("previous").asText() + " to " + rise.path("posts").asText() + " post");
        }
    }

    @Test
    void reportsReasonsSnapshotsAndTextsBelongToTheirPosts() throws Exception {
        Set<String> texts = new HashSet<>();
        feed.forEach(p -> texts.add(p.path("body_text").asText()));
        assertThat(texts).as("no text appears twice").hasSize(feed.size());
        assertThat(texts.size()).as("hundreds of distinct texts").isGreaterThan(800);
        Set<String> accounts = new HashSet<>(get("/v1/watch-accounts").findValuesAsText("handle"));
        assertThat(accounts).hasSize(16);

        Instant oldest = instant(feed.getLast().path("discovered_at"));
        assertThat(oldest).isBefore(now.minus(29, ChronoUnit.DAYS)).isAfter(now.minus(31, ChronoUnit.DAYS));
        // The collector runs every two hours: a daily rhythm shows in what each run of the day finds.
        Map<Integer, Integer> byRun = new HashMap<>();
        feed.forEach(p -> byRun.merge(instant(p.path("discovered_at")).atZone(ZoneOffset.UTC).getHour() / 2, 1, Integer::sum));
        int busiest = byRun.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        int quietest = java.util.stream.IntStream.range(0, 12).map(h -> byRun.getOrDefault(h, 0)).min().orElseThrow();
        assertThat(quietest).isPositive();
        assertThat(busiest).as("a daily rhythm").isGreaterThan(3 * quietest);

        int checked = 0;
        Set<Long> viewsPerLike = new HashSet<>();
        for (JsonNode item : feed) {
            assertThat(accounts).contains(item.path("author_handle").asText());
            boolean significant = item.path("is_significant").asBoolean();
            boolean recent = instant(item.path("discovered_at")).isAfter(now.minus(5, ChronoUnit.MINUTES));
            if (!significant) {
                assertThat(item.path("reported_at").isNull()).as(item.toString()).isTrue();
            } else if (!recent) {
                assertThat(item.path("reported_at").isTextual()).as("a significant post is reported within minutes: " + item).isTrue();
            }
            if (!significant && checked++ % 25 != 0) {
                continue;
            }
            JsonNode detail = get("/v1/posts/" + item.path("status_id").asText());
            List<JsonNode> snapshots = new ArrayList<>();
            detail.path("snapshots").forEach(snapshots::add);
            snapshots.sort((a, b) -> instant(a.path("snapshot_at")).compareTo(instant(b.path("snapshot_at"))));
            assertThat(snapshots.getFirst().path("snapshot_type").asText()).isEqualTo("initial_capture");
            assertThat(snapshots.getFirst().path("snapshot_at").asText()).isEqualTo(item.path("discovered_at").asText());
            for (int i = 1; i < snapshots.size(); i++) {
                for (String metric : List.of("likes", "reposts", "replies", "views")) {
                    assertThat(snapshots.get(i).path(metric).asLong()).as(metric + " grows").isGreaterThanOrEqualTo(snapshots.get(i - 1).path(metric).asLong());
                }
                if (snapshots.get(i).path("snapshot_type").asText().equals("refresh_24h")) {
                    assertThat(instant(snapshots.get(i).path("snapshot_at"))).isAfterOrEqualTo(instant(item.path("discovered_at")).plus(24, ChronoUnit.HOURS));
                }
            }
            JsonNode observed = snapshots.stream().filter(s -> !s.path("snapshot_type").asText().equals("refresh_24h")).reduce((a, b) -> b).orElseThrow();
            for (String metric : List.of("likes", "reposts", "replies", "views")) {
                assertThat(item.path(metric).asLong()).as("the feed shows the latest observation").isEqualTo(observed.path(metric).asLong());
            }
            if (item.path("likes").asLong() > 20) {
                viewsPerLike.add(Math.round(10.0 * item.path("views").asLong() / item.path("likes").asLong()));
            }
            if (!significant) {
                assertThat(detail.path("report").isNull()).isTrue();
                continue;
            }
            String reason = item.path("significance_reason").asText();
            Matcher quoted = QUOTED.matcher(reason);
            Matcher unusual = UNUSUAL.matcher(reason);
            if (unusual.matches()) {
                long likes = Long.parseLong(unusual.group(1).replace(",", ""));
                assertThat(snapshots).as(reason).anyMatch(s -> s.path("likes").asLong() == likes);
            } else {
                assertThat(quoted.matches()).as(reason).isTrue();
                assertThat(item.path("body_text").asText()).as("the reason quotes the text").contains(quoted.group(1));
            }
            JsonNode report = detail.path("report");
            if (!report.isNull()) {
                String channel = report.path("channel").asText();
                String destination = report.path("destination").asText();
                assertThat(channel.equals("slack") ? destination.startsWith("#") : channel.equals("email") && destination.contains("@"))
                        .as(channel + " to " + destination).isTrue();
                assertThat(report.path("summary").asText()).endsWith(reason);
                assertThat(instant(report.path("reported_at"))).isAfter(instant(item.path("discovered_at")));
            }
        }
        assertThat(viewsPerLike.size()).as("views are no fixed multiple of likes").isGreaterThan(30);
    }

    @Test
    void runsRecordWhatTheCollectorFound() throws Exception {
        List<JsonNode> runs = rows("SELECT json_build_object('mode', mode, 'fetched', fetched_count, 'significant', significant_count, "
                + "'reported', reported_count, 'note', note)::text FROM pipeline_runs");
        Map<String, Long> byMode = new LinkedHashMap<>();
        long found = 0;
        long significant = 0;
        long refreshed = 0;
        for (JsonNode run : runs) {
            byMode.merge(run.path("mode").asText(), 1L, Long::sum);
            significant += run.path("significant").asLong();
            if (run.path("mode").asText().equals("refresh24h")) {
                refreshed += run.path("fetched").asLong();
            } else {
                found += Long.parseLong(run.path("note").asText().split(" new")[0]);
            }
        }
        assertThat(byMode.keySet()).containsExactlyInAnyOrder("priority", "both", "refresh24h");
        assertThat(found).as("every post was found by one run").isEqualTo(feed.size());
        assertThat(significant).isEqualTo(count(feed, p -> p.path("is_significant").asBoolean()));
        assertThat(refreshed).isEqualTo(rows("SELECT to_json(count(*))::text FROM posts WHERE refresh_24h_at IS NOT NULL").getFirst().asLong());
    }
}
