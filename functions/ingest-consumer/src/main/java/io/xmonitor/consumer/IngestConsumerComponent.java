package io.xmonitor.consumer;

import dagger.BindsInstance;
import dagger.Component;
import io.xmonitor.apply.BatchConsumer;
import io.xmonitor.config.Environment;
import io.xmonitor.di.AwsModule;
import io.xmonitor.di.ConfigModule;
import io.xmonitor.di.ConsumerModule;
import io.xmonitor.di.DatabaseModule;
import io.xmonitor.di.S3Module;
import io.xmonitor.di.SecretsModule;
import javax.inject.Singleton;

/** What ingest-consumer is made of. */
@Singleton
@Component(modules = {ConfigModule.class, AwsModule.class, S3Module.class, SecretsModule.class, DatabaseModule.class, ConsumerModule.class})
public interface IngestConsumerComponent {

    BatchConsumer consumer();

    @Component.Factory
    interface Factory {
        IngestConsumerComponent create(@BindsInstance Environment environment);
    }
}
