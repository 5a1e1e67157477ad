package io.xmonitor.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.xmonitor.tools.demo.DemoPosts.Counts;
import io.xmonitor.tools.demo.DemoPosts.Month;
import io.xmonitor.tools.demo.DemoPosts.Observation;
import io.xmonitor.tools.demo.DemoPosts.Post;
import io.xmonitor.tools.demo.DemoWorld.Topic;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** The demo month, for any moment it ends at: what the stack-level DemoDataTest relies on, checked on many months. */
class DemoMonthTest {

    private static final DemoWorld WORLD = DemoWorld.load();
    private static final Instant FIRST = Instant.parse("2026-01-01T00:00:00Z");
    private static final Pattern QUOTED = Pattern.compile("^[a-z ]+: \u201c(.+)\u201d$");
    private static final Pattern UNUSUAL = Pattern.compile("^unusual engagement: ([0-9,]+) likes within \\d+ (min|h) \\(([0-9.]+)\u00d7 @([a-z_]+)'s usual\\)$");

    /** A moment in the years the demo may run in. */
    private static Gen<Instant> moments() {
        return longs().between(0, Duration.ofDays(4 * 365).toMinutes()).map(minutes -> FIRST.plus(minutes, ChronoUnit.MINUTES).plusSeconds(minutes % 53));
    }

    @Test
    void theWorldHasNoTextThatWouldMakeAThemeCountDisagreeWithTheFeed() {
        assertThat(WORLD.problems()).isEmpty();
    }

    @Test
    void everyMonthReadsTrue() {
        qt().withExamples(8).forAll(moments()).checkAssert(now -> {
            Month month = DemoPosts.generate(WORLD, now);
            List<Post> posts = month.posts();
            assertThat(posts.size()).as("a month of posts").isBetween(1000, 2500);
            assertThat(posts.getFirst().discoveredAt()).isBefore(month.origin().plus(1, ChronoUnit.DAYS));
            assertThat(month.origin()).isEqualTo(now.truncatedTo(ChronoUnit.DAYS).minus(WORLD.days() - 1L, ChronoUnit.DAYS));

            Set<String> texts = new HashSet<>();
            Set<String> ids = new HashSet<>();
            for (Post post : posts) {
                assertThat(texts.add(post.text())).as("a second post reads \"%s\"", post.text()).isTrue();
                assertThat(ids.add(post.statusId())).isTrue();
                assertThat(post.statusId()).matches("[1-9][0-9]{18}");
                assertThat(post.text().length()).isLessThanOrEqualTo(280);
                String lower = post.text().toLowerCase(Locale.ROOT);
                for (Topic topic : WORLD.topics()) {
                    assertThat(lower.contains(topic.term())).as("\"%s\" and the term %s", post.text(), topic.term()).isEqualTo(topic == post.topic());
                }
                observationsGrow(post, now);
                significanceFollowsFrom(post);
                post.report().ifPresent(report -> {
                    assertThat(report.reportedAt()).isAfter(post.significance().orElseThrow().detected().at()).isBeforeOrEqualTo(now);
                    assertThat(report.channel().equals("email")).isEqualTo(report.destination().contains("@"));
                    assertThat(report.channel().equals("slack")).isEqualTo(report.destination().startsWith("#"));
                    assertThat(report.summary()).endsWith(post.significance().orElseThrow().reason());
                });
            }
            assertThat(texts).as("hundreds of distinct texts").hasSizeGreaterThan(800);
            // The feed's first page, newest first, shows what the monitor is for: a significant post, reported.
            List<Post> firstPage = posts.stream().sorted(java.util.Comparator.comparing(Post::discoveredAt).reversed()).limit(50).toList();
            assertThat(firstPage).as("the first page of the feed").anyMatch(p -> p.report().isPresent());

            // A daily rhythm: the busiest hour of the day has several times the posts of the quietest.
            Map<Integer, Long> byHour = posts.stream().collect(Collectors.groupingBy(p -> p.postedAt().atZone(ZoneOffset.UTC).getHour(), Collectors.counting()));
            long busiest = byHour.values().stream().mapToLong(Long::longValue).max().orElseThrow();
            long quietest = java.util.stream.IntStream.range(0, 24).mapToLong(h -> byHour.getOrDefault(h, 0L)).min().orElseThrow();
            assertThat(busiest).isGreaterThan(3 * quietest);
            // Views are never a fixed multiple of likes.
            assertThat(posts.stream().filter(p -> p.latest().counts().likes() > 20)
                    .map(p -> Math.round(10.0 * p.latest().counts().views() / p.latest().counts().likes())).distinct().count()).isGreaterThan(100);

            summariesCountWhatTheyHold(month);
        });
    }

    private static void observationsGrow(Post post, Instant now) {
        List<Observation> observations = post.observations();
        assertThat(post.discoveredAt()).isAfterOrEqualTo(post.postedAt().plusSeconds(45));
        assertThat(post.latest().at()).isBeforeOrEqualTo(now);
        for (int i = 1; i < observations.size(); i++) {
            assertThat(observations.get(i).at()).isAfter(observations.get(i - 1).at());
            grows(observations.get(i - 1).counts(), observations.get(i).counts());
        }
        post.refresh().ifPresent(refresh -> {
            assertThat(refresh.at()).isAfterOrEqualTo(post.discoveredAt().plus(24, ChronoUnit.HOURS)).isBeforeOrEqualTo(now);
            grows(post.latest().counts(), refresh.counts());
        });
    }

    private static void grows(Counts before, Counts after) {
        assertThat(after.likes()).isGreaterThanOrEqualTo(before.likes());
        assertThat(after.reposts()).isGreaterThanOrEqualTo(before.reposts());
        assertThat(after.replies()).isGreaterThanOrEqualTo(before.replies());
        assertThat(after.views()).isGreaterThanOrEqualTo(before.views());
    }

    /** A reason quotes the words of the text that make the post significant, or names likes it really had. */
    private static void significanceFollowsFrom(Post post) {
        post.significance().ifPresent(significance -> {
            Matcher unusual = UNUSUAL.matcher(significance.reason());
            if (unusual.matches()) {
                int likes = Integer.parseInt(unusual.group(1).replace(",", ""));
                assertThat(significance.detected().counts().likes()).isEqualTo(likes);
                assertThat(unusual.group(4)).isEqualTo(post.account().handle());
                assertThat(likes).isGreaterThanOrEqualTo((int) Math.ceil(DemoPosts.UNUSUAL_ENGAGEMENT * post.account().reach()));
            } else {
                Matcher quoted = QUOTED.matcher(significance.reason());
                assertThat(quoted.matches()).as(significance.reason()).isTrue();
                assertThat(post.text()).contains(quoted.group(1));
                assertThat(significance.detected()).isEqualTo(post.discovery());
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static void summariesCountWhatTheyHold(Month month) {
        DemoDigest digest = new DemoDigest(month);
        Map<Post, String> lower = month.posts().stream().collect(Collectors.toMap(Function.identity(), p -> p.text().toLowerCase(Locale.ROOT)));
        List<Map<String, Object>> summaries = digest.windowSummaries();
        Instant lastEnd = month.now().minusSeconds(90).truncatedTo(ChronoUnit.HOURS);
        assertThat(summaries).as("both windows at every hour").hasSize(2 * (int) Duration.between(month.origin().plus(12, ChronoUnit.HOURS), lastEnd).toHours() + 2);
        for (Map<String, Object> summary : summaries) {
            List<Post> posts = month.posts().stream().filter(p -> !p.discoveredAt().isBefore((Instant) summary.get("window_start"))
                    && !p.discoveredAt().isAfter((Instant) summary.get("window_end"))).toList();
            assertThat(summary.get("post_count")).isEqualTo(posts.size());
            assertThat(summary.get("significant_count")).isEqualTo(posts.stream().filter(p -> p.significance().isPresent()).count());
            Map<String, Long> tiers = (Map<String, Long>) summary.get("tier_counts");
            assertThat(tiers).isEqualTo(count(posts, p -> p.account().tier(), DemoDigest.TIERS));
            for (Map<String, Object> theme : (List<Map<String, Object>>) summary.get("top_themes")) {
                assertThat(theme.get("posts")).isEqualTo(posts.stream().filter(p -> lower.get(p).contains((String) theme.get("term"))).count());
            }
            for (Map<String, Object> notable : (List<Map<String, Object>>) summary.get("notable_posts")) {
                assertThat(posts.stream().filter(p -> p.statusId().equals(notable.get("status_id")) && p.significance().isPresent()))
                        .as("a significant post of the window").hasSize(1);
            }
            assertThat((String) summary.get("summary_text")).startsWith(posts.isEmpty() ? "A quiet" : posts.size() + " post");
        }
        List<Map<String, Object>> shifts = digest.narrativeShifts();
        assertThat(shifts.size()).as("a handful of shifts").isBetween(4, 5);
        for (Map<String, Object> shift : shifts) {
            Instant start = (Instant) shift.get("period_start");
            List<Post> now = digest.within(start, (Instant) shift.get("period_end"));
            List<Post> before = digest.within(start.minus(DemoDigest.SHIFT_PERIOD), start);
            for (String key : List.of("emerging_themes", "declining_themes")) {
                for (Map<String, Object> theme : (List<Map<String, Object>>) shift.get(key)) {
                    String term = (String) theme.get("term");
                    assertThat(theme.get("posts")).isEqualTo(now.stream().filter(p -> lower.get(p).contains(term)).count());
                    assertThat(theme.get("previous")).isEqualTo(before.stream().filter(p -> lower.get(p).contains(term)).count());
                }
            }
        }
    }

    private static <T> Map<T, Long> count(List<Post> posts, Function<Post, T> key, List<T> keys) {
        Map<T, Long> counts = new java.util.LinkedHashMap<>();
        keys.forEach(k -> counts.put(k, posts.stream().filter(p -> key.apply(p).equals(k)).count()));
        return counts;
    }

    @Test
    void aLaterMomentOfTheSameDayOnlyAddsToTheMonth() {
        qt().withExamples(6).forAll(moments(), integers().between(1, 23 * 60)).checkAssert((earlier, minutes) -> {
            Instant later = earlier.plus(minutes, ChronoUnit.MINUTES);
            if (!later.truncatedTo(ChronoUnit.DAYS).equals(earlier.truncatedTo(ChronoUnit.DAYS))) {
                later = earlier.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1).minusSeconds(1));
            }
            Map<String, Post> grown = DemoPosts.generate(WORLD, later).posts().stream()
                    .collect(Collectors.toMap(Post::statusId, Function.identity()));
            for (Post post : DemoPosts.generate(WORLD, earlier).posts()) {
                Post same = grown.get(post.statusId());
                assertThat(same).as(post.statusId()).isNotNull();
                assertThat(same.text()).isEqualTo(post.text());
                assertThat(same.observations().subList(0, post.observations().size())).isEqualTo(post.observations());
            }
        });
    }
}
