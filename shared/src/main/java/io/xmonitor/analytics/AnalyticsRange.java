package io.xmonitor.analytics;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The ranges trends and engagement cover: whole buckets ending with the one that holds now. */
public enum AnalyticsRange {
    DAY("24h", BucketUnit.HOUR, 24),
    WEEK("7d", BucketUnit.SIX_HOURS, 28),
    MONTH("30d", BucketUnit.DAY, 30),
    QUARTER("90d", BucketUnit.DAY, 90);

    public static final AnalyticsRange DEFAULT = WEEK;
    static final String RULE = "must be one of " + Arrays.stream(values()).map(AnalyticsRange::wireName)
            .collect(Collectors.joining(", "));

    private final String wireName;
    private final BucketUnit unit;
    private final int buckets;

    AnalyticsRange(String wireName, BucketUnit unit, int buckets) {
        this.wireName = wireName;
        this.unit = unit;
        this.buckets = buckets;
    }

    public String wireName() {
        return wireName;
    }

    public BucketUnit unit() {
        return unit;
    }

    public int buckets() {
        return buckets;
    }

    public static Optional<AnalyticsRange> forWireName(String name) {
        return Arrays.stream(values()).filter(r -> r.wireName.equals(name)).findFirst();
    }
}
