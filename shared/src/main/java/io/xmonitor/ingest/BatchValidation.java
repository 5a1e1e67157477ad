package io.xmonitor.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The accepted items of a request, normalised, an error for every problem of the refused ones,
 * and a warning for every field an accepted item is stored without or with a changed value.
 */
public record BatchValidation(IngestKind kind, int received, List<IngestItem> accepted, List<ItemError> errors,
                              int skipped, List<ItemWarning> warnings) {

    /**
     * Validates every element of {@code items}. For a single-object kind the array holds that
     * one object and messages name its fields without an {@code items[i]} prefix.
     */
    public static BatchValidation of(IngestKind kind, List<JsonNode> items, Instant acceptedAt) {
        List<IngestItem> accepted = new ArrayList<>();
        List<ItemError> errors = new ArrayList<>();
        List<ItemWarning> warnings = new ArrayList<>();
        int skipped = 0;
        for (int index = 0; index < items.size(); index++) {
            String path = kind.singleObject() ? "" : "items[" + index + "]";
            FieldReader fields = new FieldReader(items.get(index), path, acceptedAt);
            IngestItem item = fields.valid() ? kind.read(fields, acceptedAt) : null;
            if (fields.valid()) {
                accepted.add(item);
                for (FieldReader.Warning warning : fields.warnings()) {
                    warnings.add(new ItemWarning(index, warning.field(), warning.message()));
                }
            } else {
                skipped++;
                for (String problem : fields.problems()) {
                    errors.add(new ItemError(index, problem));
                }
            }
        }
        return new BatchValidation(kind, items.size(), List.copyOf(accepted), List.copyOf(errors), skipped,
                List.copyOf(warnings));
    }

    /** How many accepted items carry at least one warning. */
    public int itemsWithWarnings() {
        return (int) warnings.stream().mapToInt(ItemWarning::index).distinct().count();
    }
}
