package io.xmonitor.analytics;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;

/**
 * A bucket's length in the viewer's local time. A bucket is a stretch of time over which the
 * local clock stays within one day, one six-hour block (00–06, 06–12, 12–18, 18–24) or one hour:
 * a day of a daylight-saving change lasts 23 or 25 hours, a six-hour block 5 or 7, and an hour
 * shown twice when clocks go back is two hourly buckets (the hour is shown at two offsets).
 */
public enum BucketUnit {
    HOUR("hour", 1),
    SIX_HOURS("6h", 6),
    DAY("day", 24);

    private final String wireName;
    private final int hours;

    BucketUnit(String wireName, int hours) {
        this.wireName = wireName;
        this.hours = hours;
    }

    public String wireName() {
        return wireName;
    }

    /** The start of the bucket holding {@code instant}. */
    Instant floor(Instant instant, ZoneId zone) {
        ZonedDateTime local = instant.atZone(zone);
        if (this == DAY) {
            // The first instant of the local day (not always midnight: some zones skip it).
            return local.toLocalDate().atStartOfDay(zone).toInstant();
        }
        LocalDateTime hour = local.toLocalDateTime().truncatedTo(ChronoUnit.HOURS);
        if (this == SIX_HOURS) {
            // A block's start shown twice is its first showing; one skipped is the end of the gap
            // (the clock change itself: ZonedDateTime.of would move it later by the gap's length).
            LocalDateTime blockStart = hour.withHour(hour.getHour() / hours * hours);
            ZoneOffsetTransition change = zone.getRules().getTransition(blockStart);
            return change != null && change.isGap() ? change.getInstant() : ZonedDateTime.of(blockStart, zone).toInstant();
        }
        // An hour is one local hour at one offset: it starts at the top of the hour, or at the
        // clock change within it.
        Instant top = hour.toInstant(local.getOffset());
        ZoneOffsetTransition change = zone.getRules().previousTransition(instant.plusNanos(1));
        return change != null && change.getInstant().isAfter(top) ? change.getInstant() : top;
    }
}
