package io.xmonitor.tools.legacy;

import io.xmonitor.ingest.IngestItem;
import io.xmonitor.ingest.IngestKind;
import java.util.List;

/** Where imported items go: straight into PostgreSQL, or through the ingest API. */
public interface ImportSink extends AutoCloseable {

    /** Writes normalised, valid items; answers rows written (direct) or items accepted (API). */
    int write(IngestKind kind, List<IngestItem> items) throws Exception;

    /** Rows in the PostgreSQL table now, when this sink can see the database. */
    Long rowCount(String postgresTable) throws Exception;

    /** Waits until everything written has been applied (the API sink's queue); a no-op for the database. */
    default void settle() throws Exception {
    }

    @Override
    void close() throws Exception;
}
