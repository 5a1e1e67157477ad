package io.xmonitor.ingest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/** An item of one ingest kind: identified by the entity's own key, ordered by its version. */
public sealed interface IngestItem
        permits PostUpsert, MetricsSnapshotUpsert, ReportUpsert, WatchAccountUpsert, EmbeddingUpsert,
        WindowSummaryUpsert, NarrativeShiftUpsert, PipelineRunUpsert {

    /** The entity's key: redelivery and duplicates collapse on it. */
    @JsonIgnore
    String key();

    /** The version that decides which of two items with one key wins; null when the kind has none. */
    @JsonIgnore
    Instant version();
}
