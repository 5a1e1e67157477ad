package io.xmonitor.di;

import dagger.Module;
import dagger.Provides;
import io.xmonitor.config.AppConfig;
import java.net.URI;
import java.util.Optional;
import javax.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 client (claim-checked payloads; S3Proxy locally, path-style). */
@Module
public final class S3Module {

    private S3Module() {
    }

    @Provides
    @Singleton
    static S3Client s3(AppConfig config, SdkHttpClient http, AwsCredentialsProvider credentials) {
        var builder = S3Client.builder()
                .httpClient(http)
                .region(Region.of(config.awsRegion()))
                .credentialsProvider(credentials);
        Optional<URI> endpoint = config.s3Endpoint();
        if (endpoint.isPresent()) {
            builder.endpointOverride(endpoint.get())
                    .forcePathStyle(true)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return builder.build();
    }

}
