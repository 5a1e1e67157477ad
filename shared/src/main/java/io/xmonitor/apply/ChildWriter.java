package io.xmonitor.apply;

import io.xmonitor.ingest.IngestItem;
import io.xmonitor.ingest.IngestKind;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Rows that reference a post (metrics, reports, embeddings): those whose post is stored are
 * written with the kind's upsert; the others are parked until their post arrives. Only parking
 * needs a lock: a stored post stays stored.
 */
final class ChildWriter implements KindWriter {

    private final IngestKind kind;
    private final String upsertSql;
    private final ParkedItems parked;

    ChildWriter(IngestKind kind, String upsertSql, ParkedItems parked) {
        this.kind = kind;
        this.upsertSql = upsertSql;
        this.parked = parked;
    }

    @Override
    public WriteCount write(Connection connection, List<IngestItem> items, BatchRef batch) throws SQLException {
        Set<String> stored = PostLocks.existing(connection, statusIds(items));
        List<IngestItem> ready = new ArrayList<>();
        List<IngestItem> waiting = new ArrayList<>();
        split(items, stored, ready, waiting);
        if (!waiting.isEmpty()) {
            List<String> absent = statusIds(waiting);
            PostLocks.lockForParking(connection, absent);
            // Under the lock no writer of these posts is between storing one and releasing its rows.
            Set<String> arrived = PostLocks.existing(connection, absent);
            List<IngestItem> stillWaiting = new ArrayList<>();
            split(waiting, arrived, ready, stillWaiting);
            waiting = stillWaiting;
        }
        int written = JsonRows.execute(connection, upsertSql, ready);
        return new WriteCount(written, parked.park(connection, kind, waiting, batch));
    }

    private static List<String> statusIds(List<IngestItem> items) {
        return items.stream().map(ParkedItems::statusId).distinct().toList();
    }

    private static void split(List<IngestItem> items, Set<String> stored, List<IngestItem> ready, List<IngestItem> waiting) {
        for (IngestItem item : items) {
            (stored.contains(ParkedItems.statusId(item)) ? ready : waiting).add(item);
        }
    }
}
