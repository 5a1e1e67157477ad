package io.xmonitor.log;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Figures for CloudWatch in Embedded Metric Format: added to a {@link JsonLog} line as its
 * {@code _aws} directive, they turn that line into metrics when CloudWatch Logs ingests it, with
 * no call to CloudWatch and no agent (Powertools' metrics module would do the same at the cost of
 * a larger jar and a slower cold start). Every figure is published per environment and kind, and
 * per environment alone.
 */
public final class MetricFigures {

    public static final String NAMESPACE = "XMonitor";
    public static final String ITEMS_ACCEPTED = "ItemsAccepted";
    public static final String ITEMS_REFUSED = "ItemsRefused";
    /** Accepted items stored with a field dropped, cut or cleaned (the 202's warnings). */
    public static final String ITEMS_WITH_WARNINGS = "ItemsWithWarnings";
    public static final String ROWS_APPLIED = "RowsApplied";
    public static final String ROWS_PARKED = "RowsParked";
    public static final String APPLY_LAG = "ApplyLag";
    public static final String BATCHES_FAILED = "BatchesFailed";

    private final String environment;
    private final String kind;
    private final Map<String, Number> values = new LinkedHashMap<>();
    private final Map<String, String> units = new LinkedHashMap<>();

    public MetricFigures(String environment, String kind) {
        this.environment = environment;
        this.kind = kind == null ? "unknown" : kind;
    }

    public MetricFigures count(String name, long value) {
        values.put(name, value);
        units.put(name, "Count");
        return this;
    }

    public MetricFigures milliseconds(String name, long value) {
        values.put(name, value);
        units.put(name, "Milliseconds");
        return this;
    }

    /** The fields to add to a log line: the directive, the dimensions and the values. */
    public Map<String, Object> fields() {
        List<Map<String, String>> metrics = new ArrayList<>();
        units.forEach((name, unit) -> metrics.add(Map.of("Name", name, "Unit", unit)));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("_aws", Map.of(
                "Timestamp", Instant.now().toEpochMilli(),
                "CloudWatchMetrics", List.of(Map.of(
                        "Namespace", NAMESPACE,
                        // Per kind, and per environment for the alarm and the dashboard's totals.
                        "Dimensions", List.of(List.of("Environment", "Kind"), List.of("Environment")),
                        "Metrics", metrics))));
        fields.put("Environment", environment);
        fields.put("Kind", kind);
        fields.putAll(values);
        return fields;
    }
}
