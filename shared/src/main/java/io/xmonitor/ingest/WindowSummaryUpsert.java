package io.xmonitor.ingest;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** A generated summary of a time window; versioned by {@code generated_at}. */
public record WindowSummaryUpsert(
        String summaryKey,
        String windowType,
        Instant windowStart,
        Instant windowEnd,
        Instant generatedAt,
        int postCount,
        int significantCount,
        ObjectNode tierCounts,
        ArrayNode topThemes,
        ArrayNode debates,
        ArrayNode topAuthors,
        ArrayNode notablePosts,
        String summaryText,
        String sourceVersion,
        @JsonUnwrapped EmbeddingFields embedding) implements IngestItem {

    @Override
    public String key() {
        return summaryKey;
    }

    @Override
    public Instant version() {
        return generatedAt;
    }
}
