package io.xmonitor.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The valid items of a request, normalised, and an error for every problem of the others. */
public record BatchValidation(IngestKind kind, int received, List<IngestItem> accepted, List<ItemError> errors,
                              int skipped) {

    /**
     * Validates every element of {@code items}. For a single-object kind the array holds that
     * one object and messages name its fields without an {@code items[i]} prefix.
     */
    public static BatchValidation of(IngestKind kind, List<JsonNode> items, Instant acceptedAt) {
        List<IngestItem> accepted = new ArrayList<>();
        List<ItemError> errors = new ArrayList<>();
        int skipped = 0;
        for (int index = 0; index < items.size(); index++) {
            String path = kind.singleObject() ? "" : "items[" + index + "]";
            FieldReader fields = new FieldReader(items.get(index), path, acceptedAt);
            IngestItem item = fields.valid() ? kind.read(fields, acceptedAt) : null;
            if (fields.valid()) {
                accepted.add(item);
            } else {
                skipped++;
                for (String problem : fields.problems()) {
                    errors.add(new ItemError(index, problem));
                }
            }
        }
        return new BatchValidation(kind, items.size(), List.copyOf(accepted), List.copyOf(errors), skipped);
    }
}
