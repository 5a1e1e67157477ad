package io.xmonitor.di;

import dagger.Module;
import dagger.Provides;
import io.xmonitor.config.AppConfig;
import io.xmonitor.config.ConfigException;
import io.xmonitor.db.DataSourceFactory;
import io.xmonitor.secrets.SecretSource;
import javax.inject.Singleton;
import javax.sql.DataSource;

/** The container's connection pool (one connection unless configured otherwise). */
@Module
public final class DatabaseModule {

    private DatabaseModule() {
    }

    @Provides
    @Singleton
    static DataSource dataSource(SecretSource secrets, AppConfig config) {
        var credentials = secrets.current().database()
                .orElseThrow(() -> new ConfigException("no database configured: set " + AppConfig.SECRET_ARN
                        + " or " + AppConfig.DATABASE_URL));
        return DataSourceFactory.create(credentials, config, config.serviceName());
    }
}
