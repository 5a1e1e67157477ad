package io.xmonitor.di;

import com.amazon.sqs.javamessaging.AmazonSQSExtendedClient;
import com.amazon.sqs.javamessaging.ExtendedClientConfiguration;
import dagger.Module;
import dagger.Provides;
import io.xmonitor.config.AppConfig;
import io.xmonitor.ingest.IngestAcceptService;
import io.xmonitor.queue.BatchEnvelope;
import io.xmonitor.queue.BatchPublisher;
import io.xmonitor.secrets.IngestKeyVerifier;
import java.time.Clock;
import javax.inject.Singleton;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The accepting end of the ingest queue. */
@Module
public final class AcceptModule {

    private AcceptModule() {
    }

    @Provides
    @Singleton
    static BatchPublisher publisher(SqsClient sqs, S3Client s3, AppConfig config) {
        // Payloads are kept after consumption: a redriven DLQ message must still find its body.
        // The bucket's lifecycle rule expires them after the DLQ retention.
        var claimCheck = new ExtendedClientConfiguration()
                .withPayloadSupportEnabled(s3, config.requirePayloadBucket(), false)
                .withS3KeyPrefix(BatchEnvelope.PAYLOAD_PREFIX)
                .withPayloadSizeThreshold(config.payloadThresholdBytes());
        return new BatchPublisher(new AmazonSQSExtendedClient(sqs, claimCheck), config.requireIngestQueueUrl(), config.compressAboveBytes());
    }

    @Provides
    @Singleton
    static IngestAcceptService acceptService(IngestKeyVerifier keys, BatchPublisher publisher, AppConfig config, Clock clock) {
        return new IngestAcceptService(keys, publisher, config, clock);
    }
}
