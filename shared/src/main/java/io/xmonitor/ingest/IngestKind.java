package io.xmonitor.ingest;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/** The eight kinds of data the collector sends, each with its route and its item reader. */
public enum IngestKind {
    POSTS("posts", "/v1/ingest/posts/batch", ItemReaders::post),
    METRICS("metrics", "/v1/ingest/metrics/batch", ItemReaders::metricsSnapshot),
    REPORTS("reports", "/v1/ingest/reports/batch", ItemReaders::report),
    WATCH_ACCOUNTS("watch_accounts", "/v1/ingest/watch-accounts/batch", ItemReaders::watchAccount),
    EMBEDDINGS("embeddings", "/v1/ingest/embeddings/batch", ItemReaders::embedding),
    WINDOW_SUMMARIES("window_summaries", "/v1/ingest/window-summaries/batch", ItemReaders::windowSummary),
    NARRATIVE_SHIFTS("narrative_shifts", "/v1/ingest/narrative-shifts/batch", ItemReaders::narrativeShift),
    /** The only route whose body is one object rather than {@code {"items": [...]}}. */
    RUNS("runs", "/v1/ingest/runs", ItemReaders::pipelineRun);

    private final String wireName;
    private final String route;
    private final BiFunction<FieldReader, Instant, ? extends IngestItem> reader;

    IngestKind(String wireName, String route, BiFunction<FieldReader, Instant, ? extends IngestItem> reader) {
        this.wireName = wireName;
        this.route = route;
        this.reader = reader;
    }

    /** The name used in queue messages and the batch ledger. */
    public String wireName() {
        return wireName;
    }

    public String route() {
        return route;
    }

    public boolean singleObject() {
        return this == RUNS;
    }

    /** Whether the kind's rows reference a post and so may arrive before it. */
    public boolean referencesPost() {
        return this == METRICS || this == REPORTS || this == EMBEDDINGS;
    }

    /**
     * The fields that identify or order an item of this kind: an item is refused only when one of
     * them is missing or unusable (docs/openapi.v1.yaml lists them the same way).
     */
    public List<String> identityFields() {
        return switch (this) {
            case POSTS -> List.of("status_id", "author_handle", "discovered_at", "last_seen_at");
            case METRICS -> List.of("status_id", "snapshot_type", "snapshot_at");
            case REPORTS -> List.of("status_id", "reported_at");
            case WATCH_ACCOUNTS -> List.of("handle", "tier");
            case EMBEDDINGS -> List.of("status_id", "backend", "model", "text_hash");
            case WINDOW_SUMMARIES -> List.of("summary_key", "window_type", "window_start", "window_end", "generated_at");
            case NARRATIVE_SHIFTS -> List.of("shift_key", "basis_window_type", "period_start", "period_end", "generated_at");
            case RUNS -> List.of("run_at", "mode", "source");
        };
    }

    IngestItem read(FieldReader fields, Instant acceptedAt) {
        return reader.apply(fields, acceptedAt);
    }

    public static Optional<IngestKind> forRoute(String path) {
        return Arrays.stream(values()).filter(k -> k.route.equals(path)).findFirst();
    }

    public static Optional<IngestKind> forWireName(String name) {
        return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst();
    }
}
