package io.xmonitor.secrets;

import java.util.Optional;

/** Supplies the current secrets; implementations may cache, so callers ask on every use. */
public interface SecretSource {

    AppSecrets current();

    /** Whether a database is configured at all, known without reading a secret. */
    boolean databaseConfigured();

    /**
     * The database credentials read again, bypassing any cache: call it when the database has
     * refused the cached ones (the password was rotated).
     */
    Optional<DatabaseCredentials> refreshDatabase();
}
