package io.xmonitor.accept;

import dagger.BindsInstance;
import dagger.Component;
import io.xmonitor.config.Environment;
import io.xmonitor.di.AcceptModule;
import io.xmonitor.di.AwsModule;
import io.xmonitor.di.ConfigModule;
import io.xmonitor.di.S3Module;
import io.xmonitor.di.SecretsModule;
import io.xmonitor.di.SqsModule;
import io.xmonitor.ingest.IngestAcceptService;
import javax.inject.Singleton;

/** What ingest-accept is made of: no database module, so it keeps accepting while the database is down. */
@Singleton
@Component(modules = {ConfigModule.class, AwsModule.class, SqsModule.class, S3Module.class, SecretsModule.class, AcceptModule.class})
public interface IngestAcceptComponent {

    IngestAcceptService acceptService();

    @Component.Factory
    interface Factory {
        IngestAcceptComponent create(@BindsInstance Environment environment);
    }
}
