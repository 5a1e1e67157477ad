package io.xmonitor.tools.demo;

import io.xmonitor.tools.demo.DemoWorld.Account;
import io.xmonitor.tools.demo.DemoWorld.Event;
import io.xmonitor.tools.demo.DemoWorld.Heat;
import io.xmonitor.tools.demo.DemoWorld.Text;
import io.xmonitor.tools.demo.DemoWorld.Topic;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's posts as the collector recorded them over the world's month, ending now: each
 * account posts on its own daily rhythm (fewer at weekends) about its topics as their attention
 * rises and falls with the events; every text is composed from the account's voice and the
 * topic's parts, and no two are the same. The collector's run, every two hours, finds a post (a
 * snapshot at discovery), sees it again in the next runs (a snapshot each time) and refreshes it
 * about 24 h later; its counts grow along saturating curves, each metric at its own pace. A post
 * is significant when its text says something that matters (the reason quotes it) or when its
 * likes run far above its author's usual; each significant post is reported a few minutes later.
 *
 * <p>The same month comes out for every {@code now} of one UTC day: what lies after {@code now}
 * is cut off, never drawn differently.
 */
public final class DemoPosts {

    private static final long SEED = 2026;
    /** X's snowflake epoch: a status id carries the millisecond its post was written. */
    private static final long SNOWFLAKE_EPOCH = 1_288_834_974_657L;
    private static final int MAX_POST_CHARS = 280;
    /** Likes this many times the author's usual make a post significant. */
    static final double UNUSUAL_ENGAGEMENT = 2.5;
    private static final Pattern SLOT = Pattern.compile("\\{([a-z_.]+)}");
    /** A text that opens with its own label ("Reminder:") takes no opener; a numbered thread takes no closer. */
    private static final Pattern LABELLED = Pattern.compile("^[A-Z][A-Za-z' ]{0,24}:.*");
    private static final Pattern THREAD_COUNTER = Pattern.compile(".*\\d+/\\d+$");

    public record Counts(int likes, int reposts, int replies, int views) {
    }

    /** One run of the collector: {@code priority} every two hours ({@code both} with the keyword search) and {@code refresh24h} every six. */
    public record Run(Instant at, String mode) {
    }

    /** What one run saw of a post. */
    public record Observation(Run run, Instant at, Counts counts) {
    }

    public record Significance(String reason, Observation detected) {
    }

    public record Report(Instant reportedAt, String channel, String destination, String summary) {
    }

    /**
     * A post with what was observed of it up to now: the discovery first, then each later
     * sighting, the 24 h refresh when it has happened, its significance and report if any.
     */
    public record Post(String statusId, Account account, Topic topic, String side, String text, Instant postedAt,
                       String sourceQuery, List<Observation> observations, Optional<Observation> refresh,
                       Optional<Significance> significance, Optional<Report> report) {

        public Observation discovery() {
            return observations.getFirst();
        }

        public Observation latest() {
            return observations.getLast();
        }

        public Instant discoveredAt() {
            return discovery().at();
        }

        public String url() {
            return "https://x.com/" + account.handle() + "/status/" + statusId;
        }
    }

    /** The month: where it starts (00:00 UTC), the collector's runs and the posts, both up to now. */
    public record Month(DemoWorld world, Instant origin, Instant now, List<Run> runs, List<Post> posts) {
    }

    private final DemoWorld world;
    private final Instant origin;
    private final Duration span;
    private final Random random = new Random(SEED);
    private final Set<String> texts = new HashSet<>();
    private final Set<Text> usedOnce = new HashSet<>();
    /** An account posts a text about one event at most once: handle, text and event. */
    private final Set<List<Object>> toldOnce = new HashSet<>();

    private DemoPosts(DemoWorld world, Instant origin) {
        this.world = world;
        this.origin = origin;
        this.span = Duration.ofDays(world.days());
    }

    /** The month that ends at {@code now}: its first day starts {@code days - 1} days before today. */
    public static Month generate(DemoWorld world, Instant now) {
        Instant origin = now.truncatedTo(ChronoUnit.DAYS).minus(world.days() - 1L, ChronoUnit.DAYS);
        return new DemoPosts(world, origin).month(now);
    }

    private Month month(Instant now) {
        List<Run> finding = new ArrayList<>();
        List<Run> refreshing = new ArrayList<>();
        for (int hour = 0; hour < world.days() * 24; hour += 2) {
            Instant top = origin.plus(hour, ChronoUnit.HOURS);
            finding.add(new Run(top.plus(Duration.ofMinutes(5).plusSeconds(random.nextInt(50))), hour % 6 == 0 ? "both" : "priority"));
            if (hour % 6 == 0) {
                refreshing.add(new Run(top.plus(Duration.ofMinutes(40).plusSeconds(random.nextInt(50))), "refresh24h"));
            }
        }

        record Draft(Account account, Instant postedAt) {
        }
        List<Draft> drafts = new ArrayList<>();
        for (int day = 0; day < world.days(); day++) {
            Instant start = origin.plus(day, ChronoUnit.DAYS);
            DayOfWeek weekday = start.atZone(ZoneOffset.UTC).getDayOfWeek();
            double rhythm = weekday == DayOfWeek.SATURDAY || weekday == DayOfWeek.SUNDAY ? 0.55 : 1.0;
            for (Account account : world.accounts()) {
                int count = poisson(account.postsPerDay() * rhythm);
                for (int i = 0; i < count; i++) {
                    drafts.add(new Draft(account, start.plus(Duration.ofHours(hourOfDay(account.peakHourUtc()))
                            .plusSeconds(random.nextInt(3600)).plusMillis(random.nextInt(1000)))));
                }
            }
        }
        drafts.sort(Comparator.comparing(Draft::postedAt).thenComparing(d -> d.account().handle()));

        Map<Run, Integer> foundInRun = new HashMap<>();
        Map<Run, Integer> refreshedInRun = new HashMap<>();
        List<Post> posts = new ArrayList<>();
        int sequence = 0;
        for (Draft draft : drafts) {
            Optional<Composed> composed = compose(draft.account(), draft.postedAt());
            // Every draw below happens for every draft, so a later now never changes an earlier post.
            long idBits = random.nextInt(1 << 10);
            Engagement engagement = engagement(draft.account(), composed.map(Composed::topic).orElse(null), draft.postedAt(),
                    composed.map(c -> c.reason() != null).orElse(false));
            int sightings = 1 + Math.min(5, poisson(1.8));
            double searchFound = random.nextDouble();
            int reportDelaySeconds = 40 + random.nextInt(180);
            if (composed.isEmpty()) {
                continue;
            }
            Composed post = composed.get();
            int found = indexOfFirst(finding, draft.postedAt().plusSeconds(45));
            if (found < 0) {
                continue;
            }
            int position = foundInRun.merge(finding.get(found), 1, Integer::sum);
            List<Observation> observations = new ArrayList<>();
            Instant discoveredAt = finding.get(found).at().plusMillis(2_000 + position * 1_300L);
            observations.add(new Observation(finding.get(found), discoveredAt, engagement.at(discoveredAt)));
            for (int k = 1; k <= sightings && found + k < finding.size(); k++) {
                Run run = finding.get(found + k);
                Instant seen = run.at().plusMillis(20_000 + (sequence % 97) * 1_900L);
                observations.add(new Observation(run, seen, engagement.at(seen)));
            }
            observations.removeIf(o -> o.at().isAfter(now));
            String statusId = Long.toString(((draft.postedAt().toEpochMilli() - SNOWFLAKE_EPOCH) << 22) | (idBits << 12) | (sequence++ & 0xFFF));
            if (observations.isEmpty()) {
                continue;
            }
            Optional<Observation> refresh = Optional.empty();
            int refreshRun = indexOfFirst(refreshing, discoveredAt.plus(24, ChronoUnit.HOURS));
            if (refreshRun >= 0) {
                Run run = refreshing.get(refreshRun);
                Instant at = run.at().plusMillis(8_000 + refreshedInRun.merge(run, 1, Integer::sum) * 800L);
                if (!at.isAfter(now)) {
                    refresh = Optional.of(new Observation(run, at, engagement.at(at)));
                }
            }
            Optional<Significance> significance = post.reason() == null
                    ? unusualEngagement(draft.account(), draft.postedAt(), observations)
                    : Optional.of(new Significance(post.reason(), observations.getFirst()));
            Optional<Report> report = significance
                    .map(s -> report(draft.account(), s, s.detected().at().plusSeconds(reportDelaySeconds)))
                    .filter(r -> !r.reportedAt().isAfter(now));
            String sourceQuery = finding.get(found).mode().equals("both") && (post.reason() != null || searchFound < 0.4) ? "both" : "priority";
            posts.add(new Post(statusId, draft.account(), post.topic(), post.side(), post.text(), draft.postedAt(), sourceQuery,
                    List.copyOf(observations), refresh, significance, report));
        }
        List<Run> runs = new ArrayList<>(finding);
        runs.addAll(refreshing);
        runs.removeIf(r -> r.at().isAfter(now));
        runs.sort(Comparator.comparing(Run::at));
        return new Month(world, origin, now, List.copyOf(runs), List.copyOf(posts));
    }

    /** A composed text, its topic, side and (when the text makes it significant) reason. */
    private record Composed(Topic topic, String side, String text, String reason) {
    }

    private Optional<Composed> compose(Account account, Instant at) {
        Map<Topic, Double> weights = new LinkedHashMap<>();
        account.topics().forEach((id, affinity) -> {
            Topic topic = world.topic(id);
            if (!available(topic, account, at).isEmpty()) {
                weights.put(topic, affinity * heat(topic, at));
            }
        });
        if (weights.isEmpty()) {
            return Optional.empty();
        }
        Topic topic = pick(weights);
        for (int attempt = 0; attempt < 40; attempt++) {
            List<Text> candidates = available(topic, account, at);
            String side = null;
            if (topic.debate() != null) {
                DemoWorld.Debate debate = topic.debate();
                double share = debate.firstSideShareFrom() + (debate.firstSideShareTo() - debate.firstSideShareFrom()) * fraction(at);
                String wanted = debate.sides().get(random.nextDouble() < share ? 0 : 1).id();
                List<Text> onSide = candidates.stream().filter(t -> t.side().equals(wanted)).toList();
                candidates = onSide.isEmpty() ? candidates : onSide;
            }
            Map<Text, Double> textWeights = new LinkedHashMap<>();
            candidates.forEach(t -> textWeights.put(t, t.event() == null ? 1.0 : 4.0));
            Text text = pick(textWeights);
            side = text.side();
            Event event = text.event() == null ? null : activeEvent(text, at).orElseThrow();
            Map<String, String> chosen = new HashMap<>();
            String core = fill(text.text(), topic, event, chosen);
            String composed = core;
            boolean opener = !LABELLED.matcher(core).matches() && random.nextDouble() < 0.3;
            boolean closer = !THREAD_COUNTER.matcher(core).matches() && random.nextDouble() < 0.25;
            if (opener) {
                composed = account.openers().get(random.nextInt(account.openers().size())) + " " + composed;
            }
            if (closer) {
                String withCloser = composed + " " + account.closers().get(random.nextInt(account.closers().size()));
                composed = withCloser.length() <= MAX_POST_CHARS ? withCloser : composed;
            }
            if (composed.length() > MAX_POST_CHARS || !texts.add(composed)) {
                continue;
            }
            if (text.once()) {
                usedOnce.add(text);
            }
            if (event != null) {
                toldOnce.add(List.of(account.handle(), text, event));
            }
            String reason = text.reason() == null ? null : text.reason() + ": \u201c" + fill(text.evidence(), topic, event, chosen) + "\u201d";
            return Optional.of(new Composed(topic, side, composed, reason));
        }
        return Optional.empty();
    }

    /** The texts of a topic this account could post at this moment. */
    private List<Text> available(Topic topic, Account account, Instant at) {
        return topic.texts().stream()
                .filter(t -> t.tiers() == null || t.tiers().contains(account.tier()))
                .filter(t -> t.accounts() == null || t.accounts().contains(account.handle()))
                .filter(t -> !t.once() || !usedOnce.contains(t))
                .filter(t -> t.toEvent() == null || at.isBefore(world.event(t.toEvent()).at(origin)))
                .filter(t -> t.event() == null || activeEvent(t, at).filter(e -> !toldOnce.contains(List.of(account.handle(), t, e))
                        && leadsOnly(t, e, account)).isPresent())
                .toList();
    }

    /** A text for an event's lead is the lead's alone, and no other text has an account name itself as the lead. */
    private static boolean leadsOnly(Text text, Event event, Account account) {
        boolean lead = event.vars() != null && account.display().equals(event.vars().get("lead"));
        return text.byLead() ? lead : !(lead && text.text().contains("{event.lead}"));
    }

    /** The latest event of a text's that this moment lies within the text's days of. */
    private Optional<Event> activeEvent(Text text, Instant at) {
        return world.eventsMatching(text.event()).stream()
                .filter(e -> !at.isBefore(e.at(origin).plus(days(text.fromDays()))) && !at.isAfter(e.at(origin).plus(days(text.toDays()))))
                .max(Comparator.comparing(e -> e.at(origin)));
    }

    /** How much attention a topic has at a moment: its base (moving along its trend) and what the events add. */
    double heat(Topic topic, Instant at) {
        double base = topic.base() + (topic.trendTo() == null ? 0 : (topic.trendTo() - topic.base()) * fraction(at));
        return base + eventHeat(topic, at);
    }

    private double eventHeat(Topic topic, Instant at) {
        double added = 0;
        for (Heat heat : topic.heat()) {
            double days = Duration.between(world.event(heat.event()).at(origin), at).toMinutes() / 1440.0;
            if (days >= 0) {
                added += heat.peak() * Math.exp(-days / heat.decayDays());
            } else if (heat.rampDays() != null && days > -heat.rampDays()) {
                added += 0.5 * heat.peak() * (1 + days / heat.rampDays());
            }
        }
        return added;
    }

    private String fill(String template, Topic topic, Event event, Map<String, String> chosen) {
        Matcher slot = SLOT.matcher(template);
        StringBuilder out = new StringBuilder();
        while (slot.find()) {
            String name = slot.group(1);
            String value = name.startsWith("event.")
                    ? event.vars().get(name.substring("event.".length()))
                    : chosen.computeIfAbsent(name, n -> {
                        List<String> values = world.slotValues(topic, n).orElseThrow();
                        return values.get(random.nextInt(values.size()));
                    });
            slot.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        slot.appendTail(out);
        return out.toString();
    }

    /** How a post's counts grow: final values (about two days out) and a time constant per metric, in hours. */
    private record Engagement(Instant postedAt, Counts finals, double likesHours, double repostsHours, double repliesHours, double viewsHours) {

        Counts at(Instant when) {
            double hours = Math.max(0, Duration.between(postedAt, when).toSeconds() / 3600.0);
            return new Counts(grown(finals.likes(), hours, likesHours), grown(finals.reposts(), hours, repostsHours),
                    grown(finals.replies(), hours, repliesHours), grown(finals.views(), hours, viewsHours));
        }

        private static int grown(int last, double hours, double timeConstant) {
            return (int) Math.floor(last * (1 - Math.exp(-hours / timeConstant)));
        }
    }

    private Engagement engagement(Account account, Topic topic, Instant postedAt, boolean significantText) {
        double topical = topic == null ? 0 : Math.min(6, eventHeat(topic, postedAt));
        double boost = (1 + 0.25 * topical) * (significantText ? 1.6 : 1.0);
        int likes = (int) Math.max(1, Math.round(account.reach() * boost * Math.exp(0.7 * random.nextGaussian())));
        double repostRate = (0.05 + 0.17 * random.nextDouble()) * (significantText ? 1.5 : 1.0);
        double replyRate = (0.03 + 0.09 * random.nextDouble()) * (topic != null && topic.debate() != null ? 2.5 : 1.0);
        double viewRate = Math.clamp(Math.exp(Math.log(60) + 0.45 * random.nextGaussian()), 20, 250);
        double likesHours = 2.5 + 3.5 * random.nextDouble();
        return new Engagement(postedAt, new Counts(likes, (int) Math.round(likes * repostRate), (int) Math.round(likes * replyRate),
                (int) Math.round(likes * viewRate)), likesHours, likesHours * (1 + 0.5 * random.nextDouble()),
                likesHours * (0.5 + 0.3 * random.nextDouble()), likesHours * (1.6 + 0.9 * random.nextDouble()));
    }

    /** The first observation whose likes run far above the author's usual, in the post's first half day. */
    private static Optional<Significance> unusualEngagement(Account account, Instant postedAt, List<Observation> observations) {
        for (Observation observation : observations) {
            int likes = observation.counts().likes();
            Duration age = Duration.between(postedAt, observation.at());
            if (likes >= UNUSUAL_ENGAGEMENT * account.reach() && likes >= 30 && age.compareTo(Duration.ofHours(12)) <= 0) {
                return Optional.of(new Significance(String.format(Locale.ENGLISH, "unusual engagement: %,d likes within %s (%.1f\u00d7 @%s's usual)",
                        likes, age(age), (double) likes / account.reach(), account.handle()), observation));
            }
        }
        return Optional.empty();
    }

    /** Where a report of each kind of reason goes. */
    private static Report report(Account account, Significance significance, Instant reportedAt) {
        String reason = significance.reason();
        String summary = account.display() + " (@" + account.handle() + "): " + reason;
        if (reason.startsWith("mentions an exploit") || reason.startsWith("security")) {
            return new Report(reportedAt, "slack", "#security-alerts", summary);
        }
        if (reason.startsWith("protocol change")) {
            return new Report(reportedAt, "slack", "#protocol-watch", summary);
        }
        if (reason.startsWith("funding announcement")) {
            return new Report(reportedAt, "email", "deals@team.example", summary);
        }
        return new Report(reportedAt, "slack", "#social-pulse", summary);
    }

    static String age(Duration age) {
        return age.toMinutes() < 60 ? age.toMinutes() + " min" : age.toHours() + " h";
    }

    private double fraction(Instant at) {
        return Math.clamp(Duration.between(origin, at).toSeconds() / (double) span.toSeconds(), 0, 1);
    }

    /** An hour of the day (UTC) around the account's peak, with a little activity at any hour. */
    private int hourOfDay(int peak) {
        double[] weights = new double[24];
        double total = 0;
        for (int hour = 0; hour < 24; hour++) {
            int distance = Math.min(Math.abs(hour - peak), 24 - Math.abs(hour - peak));
            weights[hour] = 0.05 + Math.exp(-distance * distance / (2 * 3.5 * 3.5));
            total += weights[hour];
        }
        double draw = random.nextDouble() * total;
        for (int hour = 0; hour < 24; hour++) {
            draw -= weights[hour];
            if (draw < 0) {
                return hour;
            }
        }
        return 23;
    }

    private int poisson(double mean) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            product *= random.nextDouble();
            count++;
        }
        return count;
    }

    private <T> T pick(Map<T, Double> weights) {
        double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        double draw = random.nextDouble() * total;
        T last = null;
        for (Map.Entry<T, Double> entry : weights.entrySet()) {
            last = entry.getKey();
            draw -= entry.getValue();
            if (draw < 0) {
                return last;
            }
        }
        return last;
    }

    private static int indexOfFirst(List<Run> runs, Instant notBefore) {
        for (int i = 0; i < runs.size(); i++) {
            if (!runs.get(i).at().isBefore(notBefore)) {
                return i;
            }
        }
        return -1;
    }

    private static Duration days(double days) {
        return Duration.ofMinutes(Math.round(days * 1440));
    }
}
