package io.xmonitor.analytics;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The boundaries of consecutive buckets, oldest first: bucket {@code i} holds the instants from
 * {@code boundaries[i]} (inclusive) to {@code boundaries[i + 1]} (exclusive).
 */
public record Buckets(List<Instant> boundaries) {

    private static final long QUARTER_HOUR_SECONDS = 15 * 60;

    public Buckets {
        if (boundaries.size() < 2) {
            throw new IllegalArgumentException("buckets need at least two boundaries");
        }
        for (int i = 1; i < boundaries.size(); i++) {
            if (!boundaries.get(i).isAfter(boundaries.get(i - 1))) {
                throw new IllegalArgumentException("bucket boundaries must increase");
            }
        }
        boundaries = List.copyOf(boundaries);
    }

    /** The range's buckets in {@code zone}: the one holding {@code now} and the ones before it. */
    public static Buckets of(AnalyticsRange range, ZoneId zone, Instant now) {
        BucketUnit unit = range.unit();
        List<Instant> boundaries = new ArrayList<>(range.buckets() + 1);
        boundaries.add(unit.next(now, zone));
        for (int i = 0; i < range.buckets(); i++) {
            boundaries.add(unit.floor(boundaries.getLast().minusNanos(1), zone));
        }
        Collections.reverse(boundaries);
        return new Buckets(boundaries);
    }

    public int count() {
        return boundaries.size() - 1;
    }

    public Instant start() {
        return boundaries.getFirst();
    }

    public Instant end() {
        return boundaries.getLast();
    }

    public Instant start(int bucket) {
        return boundaries.get(bucket);
    }

    public Instant end(int bucket) {
        return boundaries.get(bucket + 1);
    }

    /** Each bucket's start, as width_bucket(…) takes them: a value in bucket i (0-based) gets i + 1. */
    public List<Instant> starts() {
        return boundaries.subList(0, count());
    }

    /** True when every boundary falls on a quarter hour, so the quarter-hour rollup answers exactly. */
    public boolean onQuarterHours() {
        return boundaries.stream().allMatch(b -> b.getNano() == 0 && b.getEpochSecond() % QUARTER_HOUR_SECONDS == 0);
    }
}
