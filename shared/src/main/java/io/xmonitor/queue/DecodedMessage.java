package io.xmonitor.queue;

import io.xmonitor.ingest.IngestItem;
import io.xmonitor.ingest.IngestKind;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A queue message after decoding: a batch to apply, or the reason it never can be. */
public sealed interface DecodedMessage {

    record Batch(UUID batchId, IngestKind kind, Instant acceptedAt, List<IngestItem> items) implements DecodedMessage {
    }

    /** Corrupt, tampered or from an unknown version: retrying will not help, the DLQ will keep it. */
    record Unusable(String reason) implements DecodedMessage {
    }
}
