package io.xmonitor.ingest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Instant;

/**
 * The embedding of a post's text, versioned by {@code updated_at} when the sender gives one; one
 * without it ranks below every one with it, and two of one version rank by their values, so
 * sending the same embeddings in any order gives the same row. {@code created_at} keeps the
 * earliest sent (the legacy snapshot's); without one the row's insertion time stands.
 */
public record EmbeddingUpsert(
        String statusId,
        String backend,
        String model,
        int dims,
        ArrayNode vector,
        String textHash,
        Instant updatedAt,
        Instant createdAt) implements IngestItem {

    @Override
    public String key() {
        return statusId;
    }

    @Override
    public Instant version() {
        return updatedAt;
    }
}
