package io.xmonitor.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * Buckets follow the viewer's clock: every boundary is where the local day, six-hour block or
 * hour (at its offset) changes, found here by reading the clock every quarter hour and at each of
 * the zone's clock changes (Newfoundland and Labrador changed theirs at 00:01 until 2011).
 */
class BucketsTest {

    private static final List<String> ZONES = ZoneId.getAvailableZoneIds().stream().sorted().toList();
    private static final Duration STEP = Duration.ofMinutes(15);

    @Test
    void aDayOfTheSpringChangeLasts23HoursAndOneOfTheAutumnChange25() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        Buckets march = Buckets.of(AnalyticsRange.MONTH, berlin, Instant.parse("2026-04-10T12:00:00Z"));
        assertThat(march.count()).isEqualTo(30);
        assertThat(lengthOfDay(march, berlin, LocalDate.parse("2026-03-29"))).isEqualTo(Duration.ofHours(23));
        assertThat(lengthOfDay(march, berlin, LocalDate.parse("2026-03-30"))).isEqualTo(Duration.ofHours(24));
        Buckets october = Buckets.of(AnalyticsRange.QUARTER, berlin, Instant.parse("2026-11-01T08:00:00Z"));
        assertThat(october.count()).isEqualTo(90);
        assertThat(lengthOfDay(october, berlin, LocalDate.parse("2026-10-25"))).isEqualTo(Duration.ofHours(25));
        // A day starts at local midnight: 22:00 UTC in summer, 23:00 UTC in winter.
        assertThat(october.boundaries()).contains(Instant.parse("2026-10-24T22:00:00Z"), Instant.parse("2026-10-25T23:00:00Z"));
    }

    @Test
    void anHourShownTwiceWhenClocksGoBackIsTwoBuckets() {
        Buckets day = Buckets.of(AnalyticsRange.DAY, ZoneId.of("Europe/Berlin"), Instant.parse("2026-10-25T10:30:00Z"));
        assertThat(day.count()).isEqualTo(24);
        // 02:00 CEST (00:00 UTC) and 02:00 CET (01:00 UTC) each start an hour.
        assertThat(day.boundaries()).contains(Instant.parse("2026-10-25T00:00:00Z"), Instant.parse("2026-10-25T01:00:00Z"),
                Instant.parse("2026-10-25T02:00:00Z"));
        assertThat(day.end()).isEqualTo(Instant.parse("2026-10-25T11:00:00Z"));
        assertThat(day.start()).isEqualTo(Instant.parse("2026-10-24T11:00:00Z"));
    }

    @Test
    void aHalfHourClockChangeStartsABucketAtTheChange() {
        ZoneId lordHowe = ZoneId.of("Australia/Lord_Howe");
        // 02:00 (+11:00) becomes 01:30 (+10:30): 01:30–02:00 is shown twice, at two offsets.
        Buckets autumn = Buckets.of(AnalyticsRange.DAY, lordHowe, Instant.parse("2026-04-04T16:10:00Z"));
        assertThat(autumn.boundaries()).containsSequence(Instant.parse("2026-04-04T14:00:00Z"), Instant.parse("2026-04-04T15:00:00Z"),
                Instant.parse("2026-04-04T15:30:00Z"), Instant.parse("2026-04-04T16:30:00Z"));
        // 02:00 (+10:30) becomes 02:30 (+11:00): the hour from 02:30 to 03:00 is half an hour long.
        Buckets spring = Buckets.of(AnalyticsRange.DAY, lordHowe, Instant.parse("2026-10-03T16:10:00Z"));
        assertThat(spring.boundaries()).containsSequence(Instant.parse("2026-10-03T14:30:00Z"), Instant.parse("2026-10-03T15:30:00Z"),
                Instant.parse("2026-10-03T16:00:00Z"), Instant.parse("2026-10-03T17:00:00Z"));
    }

    @Test
    void bucketsOfAHalfHourZoneStartAtItsHalfHours() {
        Buckets day = Buckets.of(AnalyticsRange.DAY, ZoneId.of("Asia/Kolkata"), Instant.parse("2026-03-01T10:10:00Z"));
        assertThat(day.end()).isEqualTo(Instant.parse("2026-03-01T10:30:00Z"));
        assertThat(day.boundaries()).allMatch(b -> b.getEpochSecond() % 3600 == 1800);
        assertThat(day.onQuarterHours()).isTrue();
        Buckets week = Buckets.of(AnalyticsRange.WEEK, ZoneId.of("Asia/Kathmandu"), Instant.parse("2026-03-01T10:10:00Z"));
        assertThat(week.count()).isEqualTo(28);
        // 12:00 in Kathmandu (+05:45) is 06:15 UTC.
        assertThat(week.boundaries()).contains(Instant.parse("2026-03-01T06:15:00Z"));
    }

    @Test
    void theRangeEndsWithTheBucketHoldingNow() {
        Instant now = Instant.parse("2026-06-15T13:59:59.999Z");
        Buckets week = Buckets.of(AnalyticsRange.WEEK, ZoneId.of("UTC"), now);
        assertThat(week.end()).isEqualTo(Instant.parse("2026-06-15T18:00:00Z"));
        assertThat(week.start()).isEqualTo(Instant.parse("2026-06-08T18:00:00Z"));
        Buckets atBoundary = Buckets.of(AnalyticsRange.DAY, ZoneId.of("UTC"), Instant.parse("2026-06-15T14:00:00Z"));
        assertThat(atBoundary.start(23)).isEqualTo(Instant.parse("2026-06-15T14:00:00Z"));
    }

    @Test
    void aBucketStartsNoLaterThanAnyInstantItHoldsNearEveryClockChangeOfEveryZone() {
        List<String> wrong = new ArrayList<>();
        forEveryClockChange((zone, change) -> {
            for (long minutes = -180; minutes <= 180; minutes += 5) {
                Instant instant = change.getInstant().plus(Duration.ofMinutes(minutes));
                for (BucketUnit unit : BucketUnit.values()) {
                    Instant start = unit.floor(instant, zone);
                    if (start.isAfter(instant) || !unit.floor(start, zone).equals(start)) {
                        wrong.add(zone + " " + unit + " " + instant + " -> " + start);
                    }
                }
            }
        });
        assertThat(wrong).isEmpty();
    }

    @Test
    void aClockChangeOffTheQuarterHourStartsABucketAtTheChangeAndTheRollupIsNotUsed() {
        // Goose Bay went from -04:00 to -03:00 at 00:01 local time on 1 April 1990.
        Buckets day = Buckets.of(AnalyticsRange.DAY, ZoneId.of("America/Goose_Bay"), Instant.parse("1990-04-01T04:30:00Z"));
        assertThat(day.boundaries()).containsSequence(Instant.parse("1990-04-01T04:00:00Z"), Instant.parse("1990-04-01T04:01:00Z"),
                Instant.parse("1990-04-01T05:00:00Z"));
        assertThat(day.onQuarterHours()).isFalse();
    }

    @Test
    void aChangeThatMovesTheClockBackAcrossADaysStartMakesTheRepeatedStretchABucketOfItsOwn() {
        // Goose Bay, 28 October 1990: at 00:01 (-03:00) the clock went back to 23:01 (-04:00) on the 27th.
        Buckets month = Buckets.of(AnalyticsRange.MONTH, ZoneId.of("America/Goose_Bay"), Instant.parse("1990-10-29T12:00:00Z"));
        assertThat(month.boundaries()).containsSequence(Instant.parse("1990-10-27T03:00:00Z"), Instant.parse("1990-10-28T03:00:00Z"),
                Instant.parse("1990-10-28T03:01:00Z"), Instant.parse("1990-10-28T04:00:00Z"), Instant.parse("1990-10-29T04:00:00Z"));
        // Tunis, 30 September 1990: 01:00 (+02:00) went back to 00:00 (+01:00); the clock stayed in the same day and block.
        Buckets week = Buckets.of(AnalyticsRange.WEEK, ZoneId.of("Africa/Tunis"), Instant.parse("1990-09-30T02:00:00Z"));
        assertThat(week.boundaries()).containsSequence(Instant.parse("1990-09-29T22:00:00Z"), Instant.parse("1990-09-30T05:00:00Z"));
    }

    @Test
    void aDayLongerThanADayAndAnHourStillEndsTheRange() {
        // Antarctica/Vostok, 1 February 1994: at midnight (+07:00) the clock went back to 17:00 (+00:00)
        // on 31 January, so that day lasted 31 hours.
        Instant now = Instant.parse("1994-01-30T20:59:00Z");
        Buckets month = Buckets.of(AnalyticsRange.MONTH, ZoneId.of("Antarctica/Vostok"), now);
        assertThat(month.start(month.count() - 1)).isEqualTo(Instant.parse("1994-01-30T17:00:00Z"));
        assertThat(month.end()).isEqualTo(Instant.parse("1994-02-01T00:00:00Z"));
    }

    @Test
    void theNextBucketStartsRightAfterTheOneHoldingAnInstantNearEveryClockChangeOfEveryZone() {
        List<String> wrong = new ArrayList<>();
        forEveryClockChange((zone, change) -> {
            for (BucketUnit unit : BucketUnit.values()) {
                // Just after the start of a bucket holding the change, or ending at it, is where a
                // bucket has the most of its length still ahead.
                for (Instant start : List.of(unit.floor(change.getInstant(), zone), unit.floor(change.getInstant().minusNanos(1), zone))) {
                    Instant instant = start.plusSeconds(60);
                    Instant next = unit.next(instant, zone);
                    if (!next.isAfter(instant) || !unit.floor(next.minusNanos(1), zone).equals(unit.floor(instant, zone))) {
                        wrong.add(zone + " " + unit + " " + instant + " -> " + next);
                    }
                }
            }
        });
        assertThat(wrong).isEmpty();
    }

    /** Every clock change of every zone from 1970 to 2040. */
    private static void forEveryClockChange(BiConsumer<ZoneId, ZoneOffsetTransition> check) {
        Instant from = Instant.parse("1970-01-01T00:00:00Z");
        Instant to = Instant.parse("2040-01-01T00:00:00Z");
        for (String id : ZONES) {
            ZoneId zone = ZoneId.of(id);
            for (ZoneOffsetTransition change = zone.getRules().nextTransition(from);
                    change != null && change.getInstant().isBefore(to); change = zone.getRules().nextTransition(change.getInstant())) {
                check.accept(zone, change);
            }
        }
    }

    @Test
    void everyBoundaryIsWhereTheLocalClockEntersAnotherBucketInEveryZone() {
        qt().withExamples(2000).forAll(integers().between(0, ZONES.size() - 1), integers().between(0, 3),
                longs().between(Instant.parse("1990-01-01T00:00:00Z").getEpochSecond(), Instant.parse("2037-12-31T00:00:00Z").getEpochSecond()),
                integers().between(-30 * 60, 30 * 60))
                .checkAssert((zoneIndex, rangeIndex, epochSecond, minutesFromAChange) -> {
                    ZoneId zone = ZoneId.of(ZONES.get(zoneIndex));
                    AnalyticsRange range = AnalyticsRange.values()[rangeIndex];
                    // Half the cases are within 30 hours of one of the zone's clock changes.
                    ZoneOffsetTransition change = zone.getRules().nextTransition(Instant.ofEpochSecond(epochSecond));
                    Instant now = epochSecond % 2 == 0 && change != null
                            ? change.getInstant().plus(Duration.ofMinutes(minutesFromAChange)) : Instant.ofEpochSecond(epochSecond);
                    Buckets buckets = Buckets.of(range, zone, now);
                    assertThat(buckets.count()).isEqualTo(range.buckets());
                    assertThat(buckets.boundaries()).as("%s %s at %s", zone, range, now)
                            .isEqualTo(clockReadings(zone, range.unit(), buckets.start().minus(Duration.ofHours(30)),
                                    buckets.end().plus(Duration.ofHours(30))).stream()
                                    .filter(b -> !b.isBefore(buckets.start()) && !b.isAfter(buckets.end())).toList());
                    assertThat(now).isBetween(buckets.start(buckets.count() - 1), buckets.end().minusNanos(1));
                    assertThat(buckets.onQuarterHours())
                            .isEqualTo(buckets.boundaries().stream().allMatch(b -> b.getEpochSecond() % STEP.toSeconds() == 0));
                });
    }

    /**
     * The instants from {@code from} to {@code to}, read every quarter hour and at each clock change,
     * at which the local clock enters another bucket.
     */
    private static List<Instant> clockReadings(ZoneId zone, BucketUnit unit, Instant from, Instant to) {
        TreeSet<Instant> readings = new TreeSet<>();
        for (Instant t = Instant.ofEpochSecond(Math.floorDiv(from.getEpochSecond(), STEP.toSeconds()) * STEP.toSeconds());
                !t.isAfter(to); t = t.plus(STEP)) {
            readings.add(t);
        }
        for (ZoneOffsetTransition change = zone.getRules().nextTransition(from);
                change != null && !change.getInstant().isAfter(to); change = zone.getRules().nextTransition(change.getInstant())) {
            readings.add(change.getInstant());
        }
        List<Instant> boundaries = new ArrayList<>();
        Object previous = label(zone, unit, readings.first().minus(STEP));
        for (Instant t : readings) {
            Object current = label(zone, unit, t);
            if (!Objects.equals(current, previous)) {
                boundaries.add(t);
            }
            previous = current;
        }
        return boundaries;
    }

    /** What the local clock shows at {@code t}, to the precision of the unit (an hour with its offset). */
    private static Object label(ZoneId zone, BucketUnit unit, Instant t) {
        ZonedDateTime local = t.atZone(zone);
        return switch (unit) {
            case DAY -> local.toLocalDate();
            case SIX_HOURS -> List.of(local.toLocalDate(), local.getHour() / 6);
            case HOUR -> List.of(local.toLocalDate(), local.getHour(), local.getOffset());
        };
    }

    private static Duration lengthOfDay(Buckets buckets, ZoneId zone, LocalDate day) {
        for (int i = 0; i < buckets.count(); i++) {
            if (buckets.start(i).atZone(zone).toLocalDate().equals(day)) {
                return Duration.between(buckets.start(i), buckets.end(i));
            }
        }
        throw new AssertionError(day + " is not in the buckets");
    }
}
