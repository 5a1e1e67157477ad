package io.xmonitor.di;

import dagger.Module;
import dagger.Provides;
import io.xmonitor.config.AppConfig;
import io.xmonitor.config.ConfigException;
import io.xmonitor.db.RenewingDataSource;
import io.xmonitor.secrets.SecretSource;
import javax.inject.Singleton;
import javax.sql.DataSource;

/** The container's pool (one connection unless configured otherwise), built from the secrets layer's credentials. */
@Module
public final class DatabaseModule {

    private DatabaseModule() {
    }

    /** Rebuilt with fresh credentials when the database refuses the current ones (rotation). */
    @Provides
    @Singleton
    static DataSource dataSource(SecretSource secrets, AppConfig config) {
        if (!secrets.databaseConfigured()) {
            throw new ConfigException(DatabaseCredentialsModule.NOT_CONFIGURED);
        }
        return new RenewingDataSource(secrets, config, config.serviceName());
    }
}
