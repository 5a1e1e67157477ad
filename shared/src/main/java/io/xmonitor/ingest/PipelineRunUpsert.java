package io.xmonitor.ingest;

import java.time.Instant;

/** One collector run, keyed by (run_at, mode, source): the same key always carries the same values. */
public record PipelineRunUpsert(
        Instant runAt,
        String mode,
        int fetchedCount,
        int significantCount,
        int reportedCount,
        String note,
        String source) implements IngestItem {

    @Override
    public String key() {
        return Timestamps.format(runAt) + '|' + mode + '|' + source;
    }

    @Override
    public Instant version() {
        return null;
    }
}
