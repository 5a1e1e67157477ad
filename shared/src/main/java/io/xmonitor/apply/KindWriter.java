package io.xmonitor.apply;

import io.xmonitor.ingest.IngestItem;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Writes the items of one kind with set-based statements inside the caller's transaction. */
interface KindWriter {

    /**
     * @param items as the batch holds them: the statements rank duplicates of a key and write in key order
     * @return rows inserted or changed, and rows parked to wait for their post
     */
    WriteCount write(Connection connection, List<IngestItem> items, BatchRef batch) throws SQLException;

    record WriteCount(int written, int parked) {

        WriteCount plus(WriteCount other) {
            return new WriteCount(written + other.written, parked + other.parked);
        }
    }
}
