package io.xmonitor.read;

import dagger.BindsInstance;
import dagger.Component;
import io.xmonitor.config.Environment;
import io.xmonitor.di.AwsModule;
import io.xmonitor.di.ConfigModule;
import io.xmonitor.di.DatabaseModule;
import io.xmonitor.di.ReadModule;
import io.xmonitor.di.SecretsModule;
import io.xmonitor.feed.ReadApiService;
import javax.inject.Singleton;

/** What read-api is made of. */
@Singleton
@Component(modules = {ConfigModule.class, AwsModule.class, SecretsModule.class, DatabaseModule.class, ReadModule.class})
public interface ReadApiComponent {

    ReadApiService readApi();

    @Component.Factory
    interface Factory {
        ReadApiComponent create(@BindsInstance Environment environment);
    }
}
