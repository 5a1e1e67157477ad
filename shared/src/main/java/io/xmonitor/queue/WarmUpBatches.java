package io.xmonitor.queue;

import com.fasterxml.jackson.databind.JsonNode;
import io.xmonitor.ingest.BatchValidation;
import io.xmonitor.ingest.IngestKind;
import io.xmonitor.json.Json;
import io.xmonitor.json.JsonDocument;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A small valid batch of every ingest kind, built the way ingest-accept builds one (strict parse,
 * validation, envelope), for warming a function before its SnapStart snapshot. The batch id is
 * fixed: a random one would seed the UUID generator inside the snapshot.
 */
public final class WarmUpBatches {

    private static final String ITEMS = "warm-up-items.json";
    private static final UUID BATCH_ID = new UUID(0, 0);

    private WarmUpBatches() {
    }

    /** One envelope per kind, with the sample items of {@code warm-up-items.json} validated at {@code acceptedAt}. */
    public static List<BatchEnvelope> everyKind(Instant acceptedAt) {
        JsonNode samples = samples();
        List<BatchEnvelope> batches = new ArrayList<>();
        for (IngestKind kind : IngestKind.values()) {
            List<JsonNode> items = new ArrayList<>();
            samples.path(kind.wireName()).forEach(items::add);
            BatchValidation validation = BatchValidation.of(kind, items, acceptedAt);
            if (!validation.errors().isEmpty()) {
                throw new IllegalStateException("warm-up " + kind.wireName() + " items are invalid: " + validation.errors());
            }
            batches.add(new BatchEnvelope(BATCH_ID, kind, acceptedAt, validation.accepted()));
        }
        return batches;
    }

    private static JsonNode samples() {
        try (InputStream in = WarmUpBatches.class.getResourceAsStream(ITEMS)) {
            if (in == null) {
                throw new IllegalStateException(ITEMS + " is missing from the jar");
            }
            return switch (Json.parse(in.readAllBytes())) {
                case JsonDocument.Parsed parsed -> parsed.root();
                case JsonDocument.Rejected rejected -> throw new IllegalStateException(ITEMS + ": " + rejected.reason());
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
