package io.xmonitor.di;

import dagger.Module;
import dagger.Provides;
import io.xmonitor.config.AppConfig;
import io.xmonitor.config.Environment;
import java.time.Clock;
import javax.inject.Singleton;

/** Configuration, loaded once per container from the bound {@link Environment}. */
@Module
public final class ConfigModule {

    private ConfigModule() {
    }

    @Provides
    @Singleton
    static AppConfig config(Environment environment) {
        return AppConfig.load(environment);
    }

    @Provides
    static Clock clock() {
        return Clock.systemUTC();
    }
}
