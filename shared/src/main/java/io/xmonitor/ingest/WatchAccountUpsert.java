package io.xmonitor.ingest;

import java.time.Instant;

/**
 * An account the collector watches, versioned by {@code updated_at}: when the collector does not
 * say when it changed the account, the batch's acceptance time does, and the later accepted batch
 * wins. {@code added_at} keeps the earliest.
 */
public record WatchAccountUpsert(
        String handle,
        String tier,
        String note,
        Instant addedAt,
        Instant updatedAt) implements IngestItem {

    @Override
    public String key() {
        return handle;
    }

    @Override
    public Instant version() {
        return updatedAt;
    }
}
