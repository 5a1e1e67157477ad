package io.xmonitor.di;

import dagger.Module;
import dagger.Provides;
import io.xmonitor.config.AppConfig;
import io.xmonitor.config.ConfigException;
import io.xmonitor.db.RenewingDataSource;
import io.xmonitor.secrets.DatabaseCredentials;
import io.xmonitor.secrets.SecretSource;
import javax.inject.Singleton;
import javax.sql.DataSource;

/** Database credentials from the secrets layer, and the container's pool (one connection unless configured otherwise). */
@Module
public final class DatabaseModule {

    private static final String NOT_CONFIGURED = "no database configured: set " + AppConfig.DATABASE_SECRET_ARN
            + " or " + AppConfig.DATABASE_URL;

    private DatabaseModule() {
    }

    /** Read from the secret on every {@code get()} of a {@code Provider}: never at start-up, never in a snapshot. */
    @Provides
    static DatabaseCredentials credentials(SecretSource secrets) {
        return secrets.current().database().orElseThrow(() -> new ConfigException(NOT_CONFIGURED));
    }

    /** Rebuilt with fresh credentials when the database refuses the current ones (rotation). */
    @Provides
    @Singleton
    static DataSource dataSource(SecretSource secrets, AppConfig config) {
        if (!secrets.databaseConfigured()) {
            throw new ConfigException(NOT_CONFIGURED);
        }
        return new RenewingDataSource(secrets, config, config.serviceName());
    }
}
