package io.xmonitor.ingest;

import java.time.Instant;

/** That a post was reported to a channel; versioned by {@code reported_at}. */
public record ReportUpsert(
        String statusId,
        Instant reportedAt,
        String channel,
        String summary,
        String destination) implements IngestItem {

    @Override
    public String key() {
        return statusId;
    }

    @Override
    public Instant version() {
        return reportedAt;
    }
}
