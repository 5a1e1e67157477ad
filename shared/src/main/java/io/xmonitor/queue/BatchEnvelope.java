package io.xmonitor.queue;

import io.xmonitor.ingest.IngestItem;
import io.xmonitor.ingest.IngestKind;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One accepted batch of one kind, as it travels on the ingest queue. The JSON form is
 * {@code {"version":1,"batch_id":…,"kind":"posts","accepted_at":…,"item_count":N,"items":[…]}}
 * with items in their normalised form.
 */
public record BatchEnvelope(UUID batchId, IngestKind kind, Instant acceptedAt, List<? extends IngestItem> items) {

    public static final int VERSION = 1;
    /** Where ingest-accept stores claim-checked bodies; the only objects the consumer follows a pointer to. */
    public static final String PAYLOAD_PREFIX = "payloads/";

    public BatchEnvelope {
        items = List.copyOf(items);
    }

    /** The JSON document put on the queue. */
    public Wire wire() {
        return new Wire(VERSION, batchId.toString(), kind.wireName(), acceptedAt, items.size(), items);
    }

    public record Wire(int version, String batchId, String kind, Instant acceptedAt, int itemCount,
                       List<? extends IngestItem> items) {
    }
}
