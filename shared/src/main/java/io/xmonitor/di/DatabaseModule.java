package io.xmonitor.di;

import dagger.Module;
import dagger.Provides;
import io.xmonitor.config.AppConfig;
import io.xmonitor.config.ConfigException;
import io.xmonitor.db.DataSourceFactory;
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
                .orElseThrow(() -> new ConfigException("no database configured: set " + AppConfig.SECRET_ARN
                        + " or " + AppConfig.DATABASE_URL));
    }

    @Provides
    @Singleton
    static DataSource dataSource(DatabaseCredentials credentials, AppConfig config) {
        return DataSourceFactory.create(credentials, config, config.serviceName());
    }
}
