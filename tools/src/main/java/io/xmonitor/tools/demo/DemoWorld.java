package io.xmonitor.tools.demo;

import io.xmonitor.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The invented world the demo is drawn from (world.json beside this class): the watched accounts
 * with their voices and habits, the topics they post about with the parts their texts are
 * composed of, and a month of events that move attention from one topic to another. Days count
 * from the first day of the demo; the last day is today.
 */
public record DemoWorld(int days, List<Account> accounts, List<Event> events, Map<String, List<String>> slots, List<Topic> topics) {

    /** A watched account: how often and when it posts (UTC), how many likes a typical post of it gets, what about. */
    public record Account(String handle, String display, String tier, double postsPerDay, int peakHourUtc, int reach, String note,
                          Map<String, Double> topics, List<String> openers, List<String> closers) {
    }

    /** Something that happened; {@code vars} fill the {@code {event.…}} slots of the texts about it. */
    public record Event(String id, int day, int hour, int minute, String headline, Map<String, String> vars) {

        public Instant at(Instant origin) {
            return origin.plus(Duration.ofDays(day).plusHours(hour).plusMinutes(minute));
        }
    }

    /** Extra attention an event brings a topic: rising over {@code rampDays} before it, fading over {@code decayDays} after. */
    public record Heat(String event, double peak, Double rampDays, double decayDays) {
    }

    /** Two positions; the first one's share of the debate's posts moves from {@code firstSideShareFrom} to {@code firstSideShareTo}. */
    public record Debate(String question, List<Side> sides, double firstSideShareFrom, double firstSideShareTo) {
    }

    public record Side(String id, String label) {
    }

    /**
     * A text with {@code {slot}} parts. It may be limited to tiers or accounts, to a side of the
     * topic's debate, to the days around an event ({@code "deal-*"}: any event of that prefix) or
     * to before one, to a single use, and to the account that leads the event ({@code by_lead}: a
     * funding round's lead investor). A text whose topic makes a post significant names the
     * reason and the words in it that make it so ({@code evidence}).
     */
    public record Text(String text, List<String> tiers, List<String> accounts, String side, String event, Double fromDays, Double toDays,
                       String toEvent, boolean once, boolean byLead, String reason, String evidence) {
    }

    /**
     * A topic: its theme as summaries name it and the term every one of its texts contains (and no
     * other topic's text does), so the feed's text search finds exactly its posts.
     */
    public record Topic(String id, String theme, String term, double base, Double trendTo, List<Heat> heat, Debate debate,
                        Map<String, List<String>> slots, List<Text> texts) {

        public List<Heat> heat() {
            return heat == null ? List.of() : heat;
        }

        public Map<String, List<String>> slots() {
            return slots == null ? Map.of() : slots;
        }
    }

    private static final Pattern SLOT = Pattern.compile("\\{([a-z_.]+)}");

    /** The world shipped with the tools, checked. */
    public static DemoWorld load() {
        try (InputStream in = DemoWorld.class.getResourceAsStream("world.json")) {
            if (in == null) {
                throw new IllegalStateException("world.json is missing beside " + DemoWorld.class.getName());
            }
            DemoWorld world = Json.mapper().readValue(in, DemoWorld.class);
            List<String> problems = world.problems();
            if (!problems.isEmpty()) {
                throw new IllegalStateException("world.json: " + String.join("; ", problems));
            }
            return world;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Event event(String id) {
        return events.stream().filter(e -> e.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no event " + id));
    }

    public Topic topic(String id) {
        return topics.stream().filter(t -> t.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no topic " + id));
    }

    /** The events a text's {@code event} names: one id, or every id with the prefix before a {@code *}. */
    public List<Event> eventsMatching(String pattern) {
        if (pattern.endsWith("*")) {
            String prefix = pattern.substring(0, pattern.length() - 1);
            return events.stream().filter(e -> e.id().startsWith(prefix)).toList();
        }
        return List.of(event(pattern));
    }

    /** The values a slot of a topic's text can take; empty for {@code event.…} slots, which the event fills. */
    public Optional<List<String>> slotValues(Topic topic, String slot) {
        return Optional.ofNullable(topic.slots().getOrDefault(slot, slots.get(slot)));
    }

    /**
     * What is wrong with the world: a slot without values, an unknown event, tier or account, a
     * debate text without a side, a text without its topic's term, or any text part that holds
     * another topic's term (the themes' counts would then disagree with the feed's search).
     */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        List<String> handles = accounts.stream().map(Account::handle).toList();
        for (Account account : accounts) {
            for (String topic : account.topics().keySet()) {
                if (topics.stream().noneMatch(t -> t.id().equals(topic))) {
                    problems.add(account.handle() + " posts about an unknown topic " + topic);
                }
            }
            for (String part : concat(account.openers(), account.closers())) {
                termsIn(part, null).forEach(term -> problems.add(account.handle() + "'s \"" + part + "\" holds the term " + term));
            }
        }
        for (Topic topic : topics) {
            topic.heat().forEach(heat -> {
                if (events.stream().noneMatch(e -> e.id().equals(heat.event()))) {
                    problems.add(topic.id() + ": heat from an unknown event " + heat.event());
                }
            });
            for (Text text : topic.texts()) {
                String where = topic.id() + ": \"" + text.text() + "\"";
                if (!text.text().toLowerCase(Locale.ROOT).contains(topic.term())) {
                    problems.add(where + " lacks the term " + topic.term());
                }
                termsIn(literal(text.text()), topic).forEach(term -> problems.add(where + " holds the term " + term));
                Matcher slot = SLOT.matcher(text.text() + " " + (text.evidence() == null ? "" : text.evidence()));
                while (slot.find()) {
                    String name = slot.group(1);
                    if (name.startsWith("event.")) {
                        if (text.event() == null) {
                            problems.add(where + " uses " + name + " without an event");
                        } else {
                            for (Event event : eventsMatching(text.event())) {
                                if (event.vars() == null || !event.vars().containsKey(name.substring("event.".length()))) {
                                    problems.add(where + ": event " + event.id() + " has no " + name);
                                }
                            }
                        }
                    } else if (slotValues(topic, name).isEmpty()) {
                        problems.add(where + " uses the slot " + name + ", which has no values");
                    } else {
                        for (String value : slotValues(topic, name).orElseThrow()) {
                            termsIn(value, topic).forEach(term -> problems.add(where + ": slot value \"" + value + "\" holds the term " + term));
                        }
                    }
                }
                if (text.event() != null && !text.event().endsWith("*") && events.stream().noneMatch(e -> e.id().equals(text.event()))) {
                    problems.add(where + " names an unknown event " + text.event());
                }
                if (text.event() != null && (text.fromDays() == null || text.toDays() == null)) {
                    problems.add(where + " names an event without from_days and to_days");
                }
                if (text.toEvent() != null && events.stream().noneMatch(e -> e.id().equals(text.toEvent()))) {
                    problems.add(where + " names an unknown event " + text.toEvent());
                }
                if (text.tiers() != null && !List.of("teammate", "influencer", "ecosystem", "investor").containsAll(text.tiers())) {
                    problems.add(where + " names an unknown tier in " + text.tiers());
                }
                if (text.accounts() != null && !handles.containsAll(text.accounts())) {
                    problems.add(where + " names an unknown account in " + text.accounts());
                }
                if (topic.debate() != null && topic.debate().sides().stream().noneMatch(s -> s.id().equals(text.side()))) {
                    problems.add(where + " takes no side of the topic's debate");
                }
                if ((text.reason() == null) != (text.evidence() == null)) {
                    problems.add(where + " needs both a reason and its evidence, or neither");
                }
                if (text.evidence() != null && !text.text().contains(text.evidence())) {
                    problems.add(where + ": its evidence \"" + text.evidence() + "\" is not in it");
                }
            }
        }
        return problems;
    }

    /** The other topics' terms in a piece of text ({@code own} excepted). */
    private List<String> termsIn(String part, Topic own) {
        String lower = part.toLowerCase(Locale.ROOT);
        return topics.stream().filter(t -> t != own && lower.contains(t.term())).map(Topic::term).toList();
    }

    /** The text with its slots taken out. */
    private static String literal(String text) {
        return SLOT.matcher(text).replaceAll("\u0000");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a == null ? List.of() : a);
        all.addAll(b == null ? List.of() : b);
        return all;
    }
}
