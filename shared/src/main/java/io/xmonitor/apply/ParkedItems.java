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
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Rows whose post has not arrived yet. They are kept (newest version per key) in
 * {@code parked_items} rather than failing their message, and applied in the same
 * transaction that stores their post.
 */
final class ParkedItems {

    private static final String PARK = """
            INSERT INTO parked_items AS pi (kind, item_key, status_id, item, item_version, batch_id)
            SELECT ?, r.item_key, r.status_id, r.item, r.item_version, ?::uuid
            FROM jsonb_to_recordset(?::jsonb) AS r(item_key text, status_id text, item jsonb, item_version timestamptz)
            ORDER BY r.item_key
            ON CONFLICT (kind, item_key) DO UPDATE
                SET item = excluded.item, item_version = excluded.item_version,
                    batch_id = excluded.batch_id, parked_at = now()
                WHERE excluded.item_version >= pi.item_version
            """;

    private static final String TAKE = """
            DELETE FROM parked_items
            WHERE status_id = ANY(?::text[])
            RETURNING kind, item, batch_id, parked_at
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
            statement.setString(3, Json.write(rows));
            statement.executeUpdate();
        }
        return items.size();
    }

    /** Applies and removes every parked row waiting for one of {@code statusIds}. */
    KindWriter.WriteCount release(Connection connection, List<String> statusIds, BatchRef batch) throws SQLException {
        Map<IngestKind, List<JsonNode>> waiting = new EnumMap<>(IngestKind.class);
        Map<IngestKind, Instant> parkedAt = new EnumMap<>(IngestKind.class);
        try (PreparedStatement statement = connection.prepareStatement(TAKE)) {
            statement.setArray(1, PostLocks.textArray(connection, statusIds));
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    IngestKind kind = IngestKind.forWireName(rows.getString("kind")).orElseThrow();
                    waiting.computeIfAbsent(kind, k -> new ArrayList<>()).add(Json.mapper().readTree(rows.getString("item")));
                    parkedAt.putIfAbsent(kind, rows.getTimestamp("parked_at").toInstant());
                }
            } catch (JsonProcessingException e) {
                throw new SQLException("parked item is not valid JSON", e);
            }
        }
        KindWriter.WriteCount total = new KindWriter.WriteCount(0, 0);
        for (var entry : waiting.entrySet()) {
            BatchValidation items = BatchValidation.of(entry.getKey(), entry.getValue(), parkedAt.get(entry.getKey()));
            List<IngestItem> sorted = Deduplication.latestPerKey(items.accepted());
            total = total.plus(childWriters.get(entry.getKey()).write(connection, sorted, batch));
        }
        return total;
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
