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
 * written with the kind's upsert; the others are parked until their post arrives.
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
        List<String> statusIds = items.stream().map(ParkedItems::statusId).distinct().toList();
        PostLocks.lock(connection, statusIds);
        Set<String> stored = PostLocks.existing(connection, statusIds);
        List<IngestItem> ready = new ArrayList<>();
        List<IngestItem> waiting = new ArrayList<>();
        for (IngestItem item : items) {
            (stored.contains(ParkedItems.statusId(item)) ? ready : waiting).add(item);
        }
        int written = JsonRows.execute(connection, upsertSql, ready);
        return new WriteCount(written, parked.park(connection, kind, waiting, batch));
    }
}
