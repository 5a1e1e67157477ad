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

    private DatabaseModule() {
    }

    @Provides
    static DatabaseCredentials credentials(SecretSource secrets) {
        return secrets.current().database()
                .orElseThrow(() -> new ConfigException("no database configured: set " + AppConfig.DATABASE_SECRET_ARN
                        + " or " + AppConfig.DATABASE_URL));
    }

    /** Rebuilt with fresh credentials when the database refuses the current ones (rotation). */
    @Provides
    @Singleton
    static DataSource dataSource(SecretSource secrets, DatabaseCredentials credentials, AppConfig config) {
        return new RenewingDataSource(secrets, credentials, config, config.serviceName());
    }
}
