package io.xmonitor.ingest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Instant;

/** The embedding of a post's text; versioned by {@code updated_at}. */
public record EmbeddingUpsert(
        String statusId,
        String backend,
        String model,
        int dims,
        ArrayNode vector,
        String textHash,
        Instant updatedAt) implements IngestItem {

    @Override
    public String key() {
        return statusId;
    }

    @Override
    public Instant version() {
        return updatedAt;
    }
}
