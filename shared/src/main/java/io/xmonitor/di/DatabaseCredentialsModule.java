package io.xmonitor.di;

import dagger.Module;
import dagger.Provides;
import io.xmonitor.config.AppConfig;
import io.xmonitor.config.ConfigException;
import io.xmonitor.secrets.DatabaseCredentials;
import io.xmonitor.secrets.SecretSource;

/** Database credentials from the secrets layer, for what connects without the pool (migrations). */
@Module
public final class DatabaseCredentialsModule {

    static final String NOT_CONFIGURED = "no database configured: set " + AppConfig.DATABASE_SECRET_ARN
            + " or " + AppConfig.DATABASE_URL;

    private DatabaseCredentialsModule() {
    }

    /** Read from the secret on every {@code get()} of a {@code Provider}: never at start-up, never in a snapshot. */
    @Provides
    static DatabaseCredentials credentials(SecretSource secrets) {
        return secrets.database().orElseThrow(() -> new ConfigException(NOT_CONFIGURED));
    }
}
