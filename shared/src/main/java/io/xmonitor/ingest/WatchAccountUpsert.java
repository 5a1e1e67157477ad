package io.xmonitor.ingest;

import java.time.Instant;

/**
 * An account the collector watches. It carries no version of its own, so the batch's
 * acceptance time versions it: the later accepted batch wins.
 */
public record WatchAccountUpsert(
        String handle,
        String tier,
        String note,
        Instant addedAt) implements IngestItem {

    @Override
    public String key() {
        return handle;
    }

    @Override
    public Instant version() {
        return null;
    }
}
