package io.xmonitor.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.stream.Stream;

/**
 * A bucket's length in the viewer's local time. A bucket is a stretch of time over which the
 * local clock stays within one day, one six-hour block (00–06, 06–12, 12–18, 18–24) or one hour:
 * a day of a daylight-saving change lasts 23 or 25 hours (other changes make it shorter or longer:
 * Antarctica/Vostok's 31 January 1994 lasted 31), a six-hour block 5 or 7, and an hour
 * shown twice when clocks go back is two hourly buckets (the hour is shown at two offsets). The
 * same rule in every unit: a bucket starts wherever the local clock enters another one.
 */
public enum BucketUnit {
    HOUR("hour", 1),
    SIX_HOURS("6h", 6),
    DAY("day", 24);

    private static final Duration LOOK_AHEAD = Duration.ofHours(26);

    private final String wireName;
    private final int hours;

    BucketUnit(String wireName, int hours) {
        this.wireName = wireName;
        this.hours = hours;
    }

    public String wireName() {
        return wireName;
    }

    /**
     * The start of the bucket holding {@code instant}: the last time, not after it, that the local
     * clock entered its day, block or hour, either by reaching the start (a start shown twice is
     * entered at each showing that comes from another bucket) or by a clock change (one that
     * skips the start, or moves the clock back across it, starts a bucket at the change).
     */
    Instant floor(Instant instant, ZoneId zone) {
        LocalDateTime local = LocalDateTime.ofInstant(instant, zone);
        LocalDateTime start = switch (this) {
            case DAY -> local.toLocalDate().atStartOfDay();
            case SIX_HOURS -> local.truncatedTo(ChronoUnit.HOURS).withHour(local.getHour() / hours * hours);
            case HOUR -> local.truncatedTo(ChronoUnit.HOURS);
        };
        ZoneRules rules = zone.getRules();
        Stream<Instant> showings = rules.isValidOffset(start, rules.getOffset(start))
                ? rules.getValidOffsets(start).stream().map(start::toInstant) : Stream.of(rules.getTransition(start).getInstant());
        ZoneOffsetTransition change = rules.previousTransition(instant.plusNanos(1));
        Stream<Instant> changes = change == null ? Stream.empty() : Stream.of(change.getInstant());
        return Stream.concat(showings, changes)
                .filter(t -> !t.isAfter(instant) && !label(t.minusNanos(1), zone).equals(label(t, zone)))
                .max(Instant::compareTo)
                .orElseThrow(() -> new IllegalStateException("no bucket start found for " + instant + " in " + zone));
    }

    /** The start of the bucket after the one holding {@code instant}. */
    Instant next(Instant instant, ZoneId zone) {
        // Find a start beyond the instant, then step back while the start before it is beyond too.
        // Most buckets are at most 25 hours long, but not all: Antarctica/Vostok's clock went back
        // seven hours at midnight on 1 February 1994, so its 31 January lasted 31 hours.
        Instant ahead = instant;
        Instant next;
        do {
            ahead = ahead.plus(LOOK_AHEAD);
            next = floor(ahead, zone);
        } while (!next.isAfter(instant));
        Instant before;
        while ((before = floor(next.minusNanos(1), zone)).isAfter(instant)) {
            next = before;
        }
        return next;
    }

    /** What the local clock shows at {@code instant}, to this unit's precision (an hour with its offset). */
    private Object label(Instant instant, ZoneId zone) {
        ZonedDateTime local = instant.atZone(zone);
        return switch (this) {
            case DAY -> local.toLocalDate();
            case SIX_HOURS -> List.of(local.toLocalDate(), local.getHour() / hours);
            case HOUR -> List.of(local.toLocalDate(), local.getHour(), local.getOffset());
        };
    }
}
