package io.xmonitor.secrets;

import io.xmonitor.config.AppConfig;
import io.xmonitor.config.Environment;
import java.util.List;
import java.util.Optional;

/** Secrets from environment variables: the local stack and tests, never a deployed stack. */
public final class EnvironmentSecretSource implements SecretSource {

    private final Optional<DatabaseCredentials> database;
    private final List<String> ingestKeys;

    public EnvironmentSecretSource(Environment env) {
        this.database = env.get(AppConfig.DATABASE_URL).map(url -> new DatabaseCredentials(
                url,
                env.get(AppConfig.DATABASE_USER).orElse(null),
                env.get(AppConfig.DATABASE_PASSWORD).orElse(null)));
        this.ingestKeys = IngestKeys.of(env.get(AppConfig.INGEST_SHARED_SECRET).orElse(""),
                env.get(AppConfig.INGEST_SHARED_SECRET_PREVIOUS).orElse(""));
    }

    @Override
    public Optional<DatabaseCredentials> database() {
        return database;
    }

    @Override
    public List<String> ingestKeys() {
        return ingestKeys;
    }

    @Override
    public boolean databaseConfigured() {
        return database.isPresent();
    }

    /** The environment cannot change under a running process: the same credentials. */
    @Override
    public Optional<DatabaseCredentials> refreshDatabase() {
        return database;
    }
}
