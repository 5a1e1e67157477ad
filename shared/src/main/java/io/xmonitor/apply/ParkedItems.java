package io.xmonitor.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.xmonitor.ingest.BatchValidation;
import io.xmonitor.ingest.EmbeddingUpsert;
import io.xmonitor.ingest.IngestItem;
import io.xmonitor.ingest.IngestKind;
import io.xmonitor.ingest.MetricsSnapshotUpsert;
import io.xmonitor.ingest.ReportUpsert;
import io.xmonitor.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Rows whose post has not arrived yet. They are kept in {@code parked_items} rather than failing
 * their message, and applied in the same transaction that stores their post. Every distinct
 * observation is kept (identical copies once): which one wins is decided by the kind's upsert
 * when they are applied, exactly as if they had arrived after their post.
 */
final class ParkedItems {

    private static final String PARK = """
            INSERT INTO parked_items (kind, item_key, status_id, item, item_version, batch_id, accepted_at)
            SELECT ?, r.item_key, r.status_id, r.item, r.item_version, ?::uuid, ?
            FROM json_to_recordset(?::json) AS r(item_key text, status_id text, item jsonb, item_version timestamptz)
            ORDER BY r.item_key
            ON CONFLICT (kind, item_key, item_digest) DO NOTHING
            """;

    private static final String TAKE = """
            DELETE FROM parked_items
            WHERE status_id = ANY(?::text[])
            RETURNING kind, item, accepted_at
            """;

    private final Map<IngestKind, KindWriter> childWriters = new EnumMap<>(IngestKind.class);

    void register(IngestKind kind, KindWriter writer) {
        childWriters.put(kind, writer);
    }

    int park(Connection connection, IngestKind kind, List<IngestItem> items, BatchRef batch) throws SQLException {
        if (items.isEmpty()) {
            return 0;
        }
        List<ParkedRow> rows = items.stream()
                .map(item -> new ParkedRow(item.key(), statusId(item), Json.mapper().valueToTree(item), item.version()))
                .toList();
        try (PreparedStatement statement = connection.prepareStatement(PARK)) {
            statement.setString(1, kind.wireName());
            statement.setString(2, batch.batchId().toString());
            statement.setTimestamp(3, Timestamp.from(batch.acceptedAt()));
            statement.setString(4, Json.write(rows));
            statement.executeUpdate();
        }
        return items.size();
    }

    /** Applies and removes every parked row waiting for one of {@code statusIds}. */
    KindWriter.WriteCount release(Connection connection, List<String> statusIds, BatchRef batch) throws SQLException {
        Map<IngestKind, List<IngestItem>> waiting = new EnumMap<>(IngestKind.class);
        try (PreparedStatement statement = connection.prepareStatement(TAKE)) {
            statement.setArray(1, PostLocks.textArray(connection, statusIds));
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    IngestKind kind = IngestKind.forWireName(rows.getString("kind")).orElseThrow();
                    waiting.computeIfAbsent(kind, k -> new ArrayList<>()).addAll(readBack(kind, rows.getString("item"),
                            rows.getTimestamp("accepted_at").toInstant()));
                }
            }
        }
        KindWriter.WriteCount total = new KindWriter.WriteCount(0, 0);
        for (var entry : waiting.entrySet()) {
            total = total.plus(childWriters.get(entry.getKey()).write(connection, entry.getValue(), batch));
        }
        return total;
    }

    /** A parked item as its record: read with the rules (and the acceptance time) it was accepted under. */
    private static List<IngestItem> readBack(IngestKind kind, String json, Instant acceptedAt) throws SQLException {
        try {
            BatchValidation item = BatchValidation.of(kind, List.of(Json.mapper().readTree(json)), acceptedAt);
            if (!item.errors().isEmpty()) {
                throw new SQLException("parked " + kind.wireName() + " item no longer reads back: " + item.errors().getFirst().message());
            }
            return item.accepted();
        } catch (JsonProcessingException e) {
            throw new SQLException("parked item is not valid JSON", e);
        }
    }

    static String statusId(IngestItem item) {
        return switch (item) {
            case MetricsSnapshotUpsert m -> m.statusId();
            case ReportUpsert r -> r.statusId();
            case EmbeddingUpsert e -> e.statusId();
            default -> throw new IllegalArgumentException(item.getClass().getSimpleName() + " does not reference a post");
        };
    }

    private record ParkedRow(String itemKey, String statusId, JsonNode item, Instant itemVersion) {
    }
}
