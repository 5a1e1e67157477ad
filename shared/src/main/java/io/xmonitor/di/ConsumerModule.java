package io.xmonitor.di;

import dagger.Module;
import dagger.Provides;
import io.xmonitor.apply.BatchApplier;
import io.xmonitor.apply.BatchConsumer;
import io.xmonitor.config.AppConfig;
import io.xmonitor.queue.FailureRecords;
import io.xmonitor.queue.MessageDecoder;
import java.time.Clock;
import javax.inject.Singleton;
import javax.sql.DataSource;
import software.amazon.awssdk.services.s3.S3Client;

/** The applying end of the ingest queue. */
@Module
public final class ConsumerModule {

    private ConsumerModule() {
    }

    @Provides
    @Singleton
    static BatchConsumer consumer(S3Client s3, DataSource dataSource, AppConfig config, Clock clock) {
        String bucket = config.requirePayloadBucket();
        return new BatchConsumer(new MessageDecoder(s3, bucket), new BatchApplier(dataSource),
                new FailureRecords(s3, bucket, clock), config.environmentName(), clock);
    }
}
