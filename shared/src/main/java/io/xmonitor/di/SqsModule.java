package io.xmonitor.di;

import dagger.Module;
import dagger.Provides;
import io.xmonitor.config.AppConfig;

import javax.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The SQS client (the ingest queue; ElasticMQ locally). */
@Module
public final class SqsModule {

    private SqsModule() {
    }

    @Provides
    @Singleton
    static SqsClient sqs(AppConfig config, SdkHttpClient http, AwsCredentialsProvider credentials) {
        var builder = SqsClient.builder()
                .httpClient(http)
                .region(Region.of(config.awsRegion()))
                .credentialsProvider(credentials);
        config.sqsEndpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

}
