package io.xmonitor.ingest;

import java.time.Instant;

/** A metrics observation of a post: an immutable fact keyed by (status_id, snapshot_type, snapshot_at). */
public record MetricsSnapshotUpsert(
        String statusId,
        String snapshotType,
        Instant snapshotAt,
        int likes,
        int reposts,
        int replies,
        int views,
        String source) implements IngestItem {

    @Override
    public String key() {
        return statusId + '|' + snapshotType + '|' + Timestamps.format(snapshotAt);
    }

    @Override
    public Instant version() {
        return snapshotAt;
    }
}
