package io.xmonitor.di;

import dagger.Lazy;
import dagger.Module;
import dagger.Provides;
import io.xmonitor.config.AppConfig;
import io.xmonitor.config.Environment;
import io.xmonitor.secrets.EnvironmentSecretSource;
import io.xmonitor.secrets.IngestKeyVerifier;
import io.xmonitor.secrets.SecretSource;
import io.xmonitor.secrets.SecretsManagerSecretSource;
import java.time.Clock;
import javax.inject.Singleton;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Secrets Manager when a secret ARN is set (deployed: each function is given only the secrets it
 * may read), environment variables otherwise (local runs and tests).
 */
@Module
public final class SecretsModule {

    private SecretsModule() {
    }

    @Provides
    @Singleton
    static SecretSource secrets(AppConfig config, Environment environment, Lazy<SecretsManagerClient> client, Clock clock) {
        if (config.secretsInSecretsManager()) {
            return new SecretsManagerSecretSource(client.get(), config.databaseSecretArn(), config.databaseLocation(),
                    config.ingestSecretArn(), config.secretTtl(), clock);
        }
        return new EnvironmentSecretSource(environment);
    }

    @Provides
    static IngestKeyVerifier ingestKeys(SecretSource secrets) {
        return new IngestKeyVerifier(secrets);
    }
}
