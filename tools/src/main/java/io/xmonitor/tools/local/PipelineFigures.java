package io.xmonitor.tools.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.xmonitor.json.Json;
import io.xmonitor.json.JsonDocument;
import io.xmonitor.log.MetricFigures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures the functions emit for CloudWatch (Embedded Metric Format lines in their log),
 * added up the way a CloudWatch dashboard shows them: items accepted and refused per kind, items
 * stored with a field dropped, rows applied and parked, failed batches, and the apply lag's
 * percentiles. Thread-safe.
 */
public final class PipelineFigures {

    private final Map<String, Long> accepted = new TreeMap<>();
    private final Map<String, Long> refused = new TreeMap<>();
    private long withWarnings;
    private long rowsApplied;
    private long rowsParked;
    private long batchesFailed;
    private final List<Long> applyLags = new ArrayList<>();

    /** Adds a log line if it carries figures; other lines are ignored. */
    public synchronized void add(String line) {
        if (!line.contains("\"_aws\"") || !(Json.parse(line.getBytes(StandardCharsets.UTF_8)) instanceof JsonDocument.Parsed parsed)) {
            return;
        }
        JsonNode root = parsed.root();
        String kind = root.path("Kind").asText("unknown");
        if (root.has(MetricFigures.ITEMS_ACCEPTED)) {
            accepted.merge(kind, root.path(MetricFigures.ITEMS_ACCEPTED).asLong(), Long::sum);
        }
        if (root.has(MetricFigures.ITEMS_REFUSED)) {
            refused.merge(kind, root.path(MetricFigures.ITEMS_REFUSED).asLong(), Long::sum);
        }
        withWarnings += root.path(MetricFigures.ITEMS_WITH_WARNINGS).asLong(0);
        rowsApplied += root.path(MetricFigures.ROWS_APPLIED).asLong(0);
        rowsParked += root.path(MetricFigures.ROWS_PARKED).asLong(0);
        batchesFailed += root.path(MetricFigures.BATCHES_FAILED).asLong(0);
        if (root.has(MetricFigures.APPLY_LAG)) {
            applyLags.add(root.path(MetricFigures.APPLY_LAG).asLong());
        }
    }

    public synchronized long accepted() {
        return accepted.values().stream().mapToLong(Long::longValue).sum();
    }

    public synchronized long refused() {
        return refused.values().stream().mapToLong(Long::longValue).sum();
    }

    /** One line: {@code accepted 1,200 (posts 1,000, …) · refused 3 · with warnings 2 · rows applied … · apply lag p50 … · DLQ 0}. */
    public synchronized String summary(long dlqDepth) {
        List<Long> lags = new ArrayList<>(applyLags);
        Collections.sort(lags);
        return String.format("accepted %,d %s · refused %,d · with warnings %,d · rows applied %,d, parked %,d · "
                        + "failed batches %,d · apply lag p50 %s, p95 %s, max %s · DLQ %,d",
                accepted(), byKind(accepted), refused(), withWarnings, rowsApplied, rowsParked, batchesFailed,
                percentile(lags, 50), percentile(lags, 95), lags.isEmpty() ? "–" : lags.getLast() + " ms", dlqDepth);
    }

    private static String byKind(Map<String, Long> counts) {
        List<String> parts = new ArrayList<>();
        counts.forEach((kind, count) -> {
            if (count > 0) {
                parts.add(kind + " " + String.format("%,d", count));
            }
        });
        return parts.isEmpty() ? "" : "(" + String.join(", ", parts) + ")";
    }

    static String percentile(List<Long> sorted, int percent) {
        if (sorted.isEmpty()) {
            return "–";
        }
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) + " ms";
    }
}
