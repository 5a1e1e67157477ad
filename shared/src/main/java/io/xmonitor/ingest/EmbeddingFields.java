package io.xmonitor.ingest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ArrayNode;

/** The optional embedding columns that summaries and narrative shifts share. */
public record EmbeddingFields(
        @JsonProperty("embedding_backend") String backend,
        @JsonProperty("embedding_model") String model,
        @JsonProperty("embedding_dims") Integer dims,
        @JsonProperty("embedding_vector") ArrayNode vector) {

    public static final EmbeddingFields NONE = new EmbeddingFields(null, null, null, null);
}
