package io.xmonitor.apply;

import io.xmonitor.ingest.IngestItem;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Posts, then whatever was parked waiting for them. */
final class PostWriter implements KindWriter {

    private final ParkedItems parked;

    PostWriter(ParkedItems parked) {
        this.parked = parked;
    }

    @Override
    public WriteCount write(Connection connection, List<IngestItem> items, BatchRef batch) throws SQLException {
        List<String> statusIds = items.stream().map(IngestItem::key).distinct().toList();
        PostLocks.lockForWriting(connection, statusIds);
        // A status id is digits only, so ids that differ in Java differ in the database too.
        String upsert = statusIds.size() == items.size() ? UpsertStatements.POSTS_DISTINCT : UpsertStatements.POSTS;
        int written = JsonRows.execute(connection, upsert, items);
        return new WriteCount(written, 0).plus(parked.release(connection, statusIds, batch));
    }
}
