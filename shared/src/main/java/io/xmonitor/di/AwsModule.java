package io.xmonitor.di;

import dagger.Module;
import dagger.Provides;
import io.xmonitor.config.AppConfig;
import io.xmonitor.config.Environment;
import java.util.Optional;
import javax.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * What every AWS SDK client shares, built once per container: the URLConnection HTTP client
 * (no Apache or Netty to load at cold start) and credentials (static ones only for the local
 * stand-ins). Each service's client has its own module so a function's component, and its
 * jar, hold only the services it calls.
 */
@Module
public final class AwsModule {

    private AwsModule() {
    }

    @Provides
    @Singleton
    static SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.create();
    }

    @Provides
    @Singleton
    static AwsCredentialsProvider credentials(AppConfig config, Environment environment) {
        boolean local = config.sqsEndpoint().isPresent() || config.s3Endpoint().isPresent()
                || config.secretsManagerEndpoint().isPresent();
        Optional<String> keyId = environment.get("AWS_ACCESS_KEY_ID");
        if (local && keyId.isPresent()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    keyId.get(), environment.get("AWS_SECRET_ACCESS_KEY").orElse("")));
        }
        // Environment, then the container credentials endpoint that Lambda (and SnapStart) use.
        return DefaultCredentialsProvider.builder().build();
    }

    @Provides
    @Singleton
    static SecretsManagerClient secretsManager(AppConfig config, SdkHttpClient http, AwsCredentialsProvider credentials) {
        var builder = SecretsManagerClient.builder()
                .httpClient(http)
                .region(Region.of(config.awsRegion()))
                .credentialsProvider(credentials);
        config.secretsManagerEndpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
