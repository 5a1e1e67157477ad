package io.xmonitor.migrate;

import dagger.BindsInstance;
import dagger.Component;
import io.xmonitor.config.Environment;
import io.xmonitor.di.AwsModule;
import io.xmonitor.di.ConfigModule;
import io.xmonitor.di.DatabaseCredentialsModule;
import io.xmonitor.di.SecretsModule;
import io.xmonitor.secrets.DatabaseCredentials;
import javax.inject.Provider;
import javax.inject.Singleton;

/** What db-migrate is made of: database credentials from the secrets layer, nothing else. */
@Singleton
@Component(modules = {ConfigModule.class, AwsModule.class, SecretsModule.class, DatabaseCredentialsModule.class})
public interface DbMigrateComponent {

    /** Read from the secret when the migration runs, not at start-up. */
    Provider<DatabaseCredentials> database();

    @Component.Factory
    interface Factory {
        DbMigrateComponent create(@BindsInstance Environment environment);
    }
}
