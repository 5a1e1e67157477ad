package io.xmonitor.tools.demo;

import io.xmonitor.tools.demo.DemoPosts.Month;
import io.xmonitor.tools.demo.DemoPosts.Post;
import io.xmonitor.tools.demo.DemoPosts.Run;
import io.xmonitor.tools.demo.DemoWorld.Event;
import io.xmonitor.tools.demo.DemoWorld.Side;
import io.xmonitor.tools.demo.DemoWorld.Topic;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the collector's dispatcher wrote about the demo month, computed from the posts
 * themselves: a rolling 2 h and 12 h summary at every full hour, a narrative shift for every five
 * days against the five before, and a record of every run. A window holds the posts discovered
 * in it, both ends included, as the feed's {@code since} and {@code until} read them, so every
 * count in a summary is what the feed shows for that window.
 */
public final class DemoDigest {

    public static final List<String> TIERS = List.of("teammate", "influencer", "ecosystem", "investor");
    /** The windows the dashboard's summaries page shows, and their length. */
    public static final Map<String, Duration> WINDOWS = orderedMap("rolling_2h", Duration.ofHours(2), "rolling_12h", Duration.ofHours(12));
    static final Duration SHIFT_PERIOD = Duration.ofDays(5);
    private static final int SHIFTS = 5;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final Month month;

    public DemoDigest(Month month) {
        this.month = month;
    }

    /** Every rolling summary whose window ended on a full hour at least 12 h into the month and was written by now. */
    public List<Map<String, Object>> windowSummaries() {
        List<Map<String, Object>> summaries = new ArrayList<>();
        for (Instant end = month.origin().plus(12, ChronoUnit.HOURS); !generatedAt(end).isAfter(month.now()); end = end.plus(1, ChronoUnit.HOURS)) {
            for (Map.Entry<String, Duration> window : WINDOWS.entrySet()) {
                summaries.add(summary(window.getKey(), end.minus(window.getValue()), end));
            }
        }
        return summaries;
    }

    private static Instant generatedAt(Instant windowEnd) {
        return windowEnd.plusSeconds(90);
    }

    private Map<String, Object> summary(String type, Instant start, Instant end) {
        List<Post> posts = within(start, end);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("summary_key", type + ":" + end);
        summary.put("window_type", type);
        summary.put("window_start", start);
        summary.put("window_end", end);
        summary.put("generated_at", generatedAt(end));
        summary.put("post_count", posts.size());
        summary.put("significant_count", posts.stream().filter(p -> p.significance().isPresent()).count());
        Map<String, Long> tiers = new LinkedHashMap<>();
        TIERS.forEach(tier -> tiers.put(tier, posts.stream().filter(p -> p.account().tier().equals(tier)).count()));
        summary.put("tier_counts", tiers);
        List<Map.Entry<Topic, Long>> themes = ranked(posts, Post::topic, Topic::theme);
        summary.put("top_themes", themes.stream().limit(4).map(e -> theme(e.getKey(), e.getValue())).toList());
        List<Map<String, Object>> debates = new ArrayList<>();
        for (Topic topic : month.world().topics()) {
            List<Post> onTopic = posts.stream().filter(p -> p.topic() == topic).toList();
            if (topic.debate() != null && onTopic.size() >= 2) {
                debates.add(debate(topic, onTopic));
            }
        }
        summary.put("debates", debates);
        List<Map.Entry<String, Long>> authors = ranked(posts, p -> p.account().handle(), Function.identity());
        summary.put("top_authors", authors.stream().limit(3).map(e -> orderedMap("handle", e.getKey(), "posts", e.getValue())).toList());
        summary.put("notable_posts", posts.stream().filter(p -> p.significance().isPresent())
                .sorted(Comparator.comparing((Post p) -> p.latest().counts().likes()).reversed().thenComparing(Post::statusId))
                .limit(3)
                .map(p -> orderedMap("status_id", p.statusId(), "author_handle", p.account().handle(), "text", p.text(),
                        "reason", p.significance().orElseThrow().reason()))
                .toList());
        summary.put("summary_text", summaryText(type, start, end, posts, themes, debates, authors));
        return summary;
    }

    private String summaryText(String type, Instant start, Instant end, List<Post> posts, List<Map.Entry<Topic, Long>> themes,
                               List<Map<String, Object>> debates, List<Map.Entry<String, Long>> authors) {
        String hours = type.equals("rolling_2h") ? "two hours" : "twelve hours";
        if (posts.isEmpty()) {
            return "A quiet " + hours + ": no posts from watched accounts.";
        }
        long significant = posts.stream().filter(p -> p.significance().isPresent()).count();
        StringBuilder text = new StringBuilder(plural(posts.size(), "post") + " in " + hours + ", " + significant + " significant. ");
        Map.Entry<Topic, Long> first = themes.getFirst();
        text.append(capitalised(first.getKey().theme())).append(" led with ").append(plural(first.getValue(), "post"));
        recentEvent(first.getKey(), start, end).ifPresent(event -> text.append(" after ").append(event.headline()));
        if (themes.size() > 1) {
            text.append("; ").append(themes.get(1).getKey().theme()).append(" followed with ").append(themes.get(1).getValue());
        }
        text.append('.');
        if (!debates.isEmpty()) {
            Map<String, Object> debate = debates.getFirst();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> sides = (List<Map<String, Object>>) debate.get("sides");
            text.append(" On \u201c").append(debate.get("topic")).append("\u201d ").append(sides.get(0).get("posts")).append(" backed \u201c")
                    .append(sides.get(0).get("label")).append("\u201d and ").append(sides.get(1).get("posts")).append(" \u201c")
                    .append(sides.get(1).get("label")).append("\u201d.");
        }
        Map.Entry<String, Long> author = authors.getFirst();
        text.append(" Most active: @").append(author.getKey()).append(" (").append(author.getValue()).append(").");
        return text.toString();
    }

    /** The latest event behind a topic's attention that happened up to three days before the window, or in it. */
    private Optional<Event> recentEvent(Topic topic, Instant start, Instant end) {
        return topic.heat().stream().map(h -> month.world().event(h.event()))
                .filter(e -> !e.at(month.origin()).isAfter(end) && !e.at(month.origin()).isBefore(start.minus(3, ChronoUnit.DAYS)))
                .max(Comparator.comparing(e -> e.at(month.origin())));
    }

    private static Map<String, Object> debate(Topic topic, List<Post> onTopic) {
        List<Map<String, Object>> sides = new ArrayList<>();
        for (Side side : topic.debate().sides()) {
            sides.add(orderedMap("label", side.label(), "posts", onTopic.stream().filter(p -> side.id().equals(p.side())).count()));
        }
        String summary = plural(onTopic.size(), "post") + " on " + topic.theme() + ": " + sides.get(0).get("posts") + " for \u201c"
                + sides.get(0).get("label") + "\u201d, " + sides.get(1).get("posts") + " for \u201c" + sides.get(1).get("label") + "\u201d.";
        return orderedMap("topic", topic.debate().question(), "summary", summary, "sides", sides, "term", topic.term());
    }

    /**
     * A shift for each of the last five-day periods that end at 00:00 UTC (the latest ending
     * today), against the five days before it: which themes rose and fell, how hot each debate
     * ran, and which way its sides moved.
     */
    public List<Map<String, Object>> narrativeShifts() {
        List<Map<String, Object>> shifts = new ArrayList<>();
        Instant today = month.now().truncatedTo(ChronoUnit.DAYS);
        for (int k = SHIFTS - 1; k >= 0; k--) {
            Instant end = today.minus(SHIFT_PERIOD.multipliedBy(k));
            Instant start = end.minus(SHIFT_PERIOD);
            Instant generated = end.plus(5, ChronoUnit.MINUTES);
            if (start.minus(SHIFT_PERIOD).isBefore(month.origin()) || generated.isAfter(month.now())) {
                continue;
            }
            shifts.add(shift(start, end, generated));
        }
        return shifts;
    }

    private Map<String, Object> shift(Instant start, Instant end, Instant generated) {
        List<Post> now = within(start, end);
        List<Post> before = within(start.minus(SHIFT_PERIOD), start);
        List<Map<String, Object>> changes = new ArrayList<>();
        for (Topic topic : month.world().topics()) {
            long posts = now.stream().filter(p -> p.topic() == topic).count();
            long previous = before.stream().filter(p -> p.topic() == topic).count();
            Map<String, Object> change = theme(topic, posts);
            change.put("previous", previous);
            changes.add(change);
        }
        Comparator<Map<String, Object>> byChange = Comparator.comparingLong(c -> (long) c.get("posts") - (long) c.get("previous"));
        List<Map<String, Object>> emerging = changes.stream().filter(c -> (long) c.get("posts") > (long) c.get("previous"))
                .sorted(byChange.reversed().thenComparing(c -> (String) c.get("theme"))).limit(3).toList();
        List<Map<String, Object>> declining = changes.stream().filter(c -> (long) c.get("posts") < (long) c.get("previous"))
                .sorted(byChange.thenComparing(c -> (String) c.get("theme"))).limit(3).toList();
        List<Map<String, Object>> intensity = new ArrayList<>();
        Map<String, Object> positions = new LinkedHashMap<>();
        for (Topic topic : month.world().topics()) {
            if (topic.debate() == null) {
                continue;
            }
            Map<String, Object> debate = orderedMap("topic", topic.debate().question(), "theme", topic.theme(), "term", topic.term());
            debate.put("posts", now.stream().filter(p -> p.topic() == topic).count());
            debate.put("previous", before.stream().filter(p -> p.topic() == topic).count());
            intensity.add(debate);
            positions.put(topic.debate().question(), orderedMap("before", sides(topic, before), "now", sides(topic, now)));
        }
        List<String> sourceKeys = new ArrayList<>();
        for (Instant windowEnd = start.plus(12, ChronoUnit.HOURS); !windowEnd.isAfter(end); windowEnd = windowEnd.plus(12, ChronoUnit.HOURS)) {
            sourceKeys.add("rolling_12h:" + windowEnd);
        }
        Map<String, Object> shift = new LinkedHashMap<>();
        shift.put("shift_key", "rolling_12h:5d:" + end);
        shift.put("basis_window_type", "rolling_12h");
        shift.put("period_start", start);
        shift.put("period_end", end);
        shift.put("generated_at", generated);
        shift.put("source_summary_keys", sourceKeys);
        shift.put("emerging_themes", emerging);
        shift.put("declining_themes", declining);
        shift.put("debate_intensity", intensity);
        shift.put("position_shifts", positions);
        shift.put("summary_text", shiftText(start, end, emerging, declining, positions));
        return shift;
    }

    private Map<String, Long> sides(Topic topic, List<Post> posts) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Side side : topic.debate().sides()) {
            counts.put(side.label(), posts.stream().filter(p -> p.topic() == topic && side.id().equals(p.side())).count());
        }
        return counts;
    }

    private String shiftText(Instant start, Instant end, List<Map<String, Object>> emerging, List<Map<String, Object>> declining,
                             Map<String, Object> positions) {
        StringBuilder text = new StringBuilder("Five days to " + DAY.format(end) + ": ");
        if (emerging.isEmpty() && declining.isEmpty()) {
            text.append("attention held steady.");
        }
        if (!emerging.isEmpty()) {
            Map<String, Object> rise = emerging.getFirst();
            text.append(capitalised((String) rise.get("theme"))).append(" rose from ").append(rise.get("previous")).append(" to ")
                    .append(plural((long) rise.get("posts"), "post"));
            Topic topic = topicOf(rise);
            recentEvent(topic, start, end).ifPresent(event -> text.append(" with ").append(event.headline()));
            text.append(declining.isEmpty() ? "." : "; ");
        }
        if (!declining.isEmpty()) {
            Map<String, Object> fall = declining.getFirst();
            String theme = (String) fall.get("theme");
            text.append(emerging.isEmpty() ? capitalised(theme) : theme).append(" fell from ").append(fall.get("previous")).append(" to ")
                    .append(fall.get("posts")).append('.');
        }
        for (Map.Entry<String, Object> debate : positions.entrySet()) {
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Long>> sides = (Map<String, Map<String, Long>>) debate.getValue();
            List<String> labels = List.copyOf(sides.get("now").keySet());
            long first = sides.get("now").get(labels.get(0));
            long second = sides.get("now").get(labels.get(1));
            if (first + second == 0) {
                continue;
            }
            String leader = first >= second ? labels.get(0) : labels.get(1);
            text.append(" On \u201c").append(debate.getKey()).append("\u201d \u201c").append(leader).append("\u201d ")
                    .append(first == second ? "is level" : "leads").append(' ').append(Math.max(first, second)).append(" to ")
                    .append(Math.min(first, second)).append(" (before: ").append(sides.get("before").get(labels.get(0))).append(" to ")
                    .append(sides.get("before").get(labels.get(1))).append(").");
        }
        return text.toString();
    }

    private Topic topicOf(Map<String, Object> theme) {
        return month.world().topics().stream().filter(t -> t.theme().equals(theme.get("theme"))).findFirst().orElseThrow();
    }

    /**
     * A record of every run up to now: what it fetched (posts found plus posts seen again, or
     * posts refreshed), how many posts it found significant and how many of those it reported.
     */
    public List<Map<String, Object>> runs() {
        Map<Run, Long> fetched = new LinkedHashMap<>();
        Map<Run, Long> found = new LinkedHashMap<>();
        Map<Run, Long> significant = new LinkedHashMap<>();
        Map<Run, Long> reported = new LinkedHashMap<>();
        for (Post post : month.posts()) {
            found.merge(post.discovery().run(), 1L, Long::sum);
            post.observations().forEach(o -> fetched.merge(o.run(), 1L, Long::sum));
            post.refresh().ifPresent(o -> fetched.merge(o.run(), 1L, Long::sum));
            post.significance().ifPresent(s -> {
                significant.merge(s.detected().run(), 1L, Long::sum);
                if (post.report().isPresent()) {
                    reported.merge(s.detected().run(), 1L, Long::sum);
                }
            });
        }
        List<Map<String, Object>> runs = new ArrayList<>();
        for (Run run : month.runs()) {
            long all = fetched.getOrDefault(run, 0L);
            long fresh = found.getOrDefault(run, 0L);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("run_at", run.at());
            item.put("mode", run.mode());
            item.put("fetched_count", all);
            item.put("significant_count", significant.getOrDefault(run, 0L));
            item.put("reported_count", reported.getOrDefault(run, 0L));
            item.put("note", run.mode().equals("refresh24h") ? plural(all, "post") + " refreshed at 24 h"
                    : fresh + " new, " + (all - fresh) + " seen again");
            runs.add(item);
        }
        return runs;
    }

    /** The posts discovered in a window, both ends included. */
    public List<Post> within(Instant start, Instant end) {
        return month.posts().stream().filter(p -> !p.discoveredAt().isBefore(start) && !p.discoveredAt().isAfter(end)).toList();
    }

    private static Map<String, Object> theme(Topic topic, long posts) {
        return orderedMap("theme", topic.theme(), "posts", posts, "term", topic.term());
    }

    /** Keys by how many posts they have, most first, then by name; only keys with posts. */
    private static <K> List<Map.Entry<K, Long>> ranked(List<Post> posts, Function<Post, K> key, Function<K, String> name) {
        return posts.stream().collect(Collectors.groupingBy(key, Collectors.counting())).entrySet().stream()
                .sorted(Map.Entry.<K, Long>comparingByValue().reversed().thenComparing(e -> name.apply(e.getKey())))
                .toList();
    }

    private static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> orderedMap(Object... keysAndValues) {
        Map<String, V> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], (V) keysAndValues[i + 1]);
        }
        return map;
    }
}
