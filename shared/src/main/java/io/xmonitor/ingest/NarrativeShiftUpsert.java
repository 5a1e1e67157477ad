package io.xmonitor.ingest;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** How the conversation moved between windows; versioned by {@code generated_at}. */
public record NarrativeShiftUpsert(
        String shiftKey,
        String basisWindowType,
        Instant periodStart,
        Instant periodEnd,
        Instant generatedAt,
        ArrayNode sourceSummaryKeys,
        ArrayNode emergingThemes,
        ArrayNode decliningThemes,
        ArrayNode debateIntensity,
        ObjectNode positionShifts,
        String summaryText,
        String sourceVersion,
        @JsonUnwrapped EmbeddingFields embedding) implements IngestItem {

    @Override
    public String key() {
        return shiftKey;
    }

    @Override
    public Instant version() {
        return generatedAt;
    }
}
