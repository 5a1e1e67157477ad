package io.xmonitor.secrets;

import java.util.List;
import java.util.Optional;

/**
 * Supplies the current secrets; implementations may cache, so callers ask on every use. Each
 * secret is read only when asked for: a function that checks ingest keys never depends on the
 * database secret being readable, nor the feed on the ingest secret.
 */
public interface SecretSource {

    /** The database credentials; empty when no database is configured. */
    Optional<DatabaseCredentials> database();

    /**
     * The ingest shared secret and, during a rotation, the previous one; empty when none is
     * configured (ingest fails closed). Blank entries are left out.
     */
    List<String> ingestKeys();

    /** Whether a database is configured at all, known without reading a secret. */
    boolean databaseConfigured();

    /**
     * The database credentials read again, bypassing any cache: call it when the database has
     * refused the cached ones (the password was rotated).
     */
    Optional<DatabaseCredentials> refreshDatabase();
}
