package io.xmonitor.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.xmonitor.json.Json;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Secrets Manager has no embeddable server, so this answers its JSON protocol
 * ({@code GetSecretValue}) from a loopback HTTP server: the real SDK client, real HTTP.
 */
class SecretsManagerSecretSourceTest {

    private HttpServer server;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicReference<String> secret = new AtomicReference<>();
    private final AtomicReference<Integer> status = new AtomicReference<>(200);
    private SecretsManagerClient client;
    private final MutableClock clock = new MutableClock();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            calls.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] body = status.get() == 200
                    ? Json.writeBytes(Map.of("ARN", "arn:aws:secretsmanager:us-east-1:1:secret:x", "Name", "x",
                            "SecretString", secret.get()))
                    : "{\"__type\":\"InternalServiceError\",\"message\":\"down\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(status.get(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        client = SecretsManagerClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static String secretJson(String current, String previous) {
        return Json.write(Map.of("host", "db.internal", "port", 5433, "dbname", "xmonitor", "username", "app",
                "password", "pw", "ingest_shared_secret", current, "ingest_shared_secret_previous", previous));
    }

    @Test
    void readsTheRdsLayoutAndBothIngestKeysAndCachesForTheTtl() {
        secret.set(secretJson("k2", "k1"));
        var source = new SecretsManagerSecretSource(client, "x", Duration.ofMinutes(5), clock);

        AppSecrets first = source.current();
        assertThat(first.ingestKeys()).containsExactly("k2", "k1");
        assertThat(first.database()).hasValueSatisfying(db -> {
            assertThat(db.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5433/xmonitor");
            assertThat(db.username()).isEqualTo("app");
            assertThat(db.toString()).doesNotContain("pw");
        });
        source.current();
        assertThat(calls).hasValue(1);

        secret.set(secretJson("k3", "k2"));
        clock.advance(Duration.ofMinutes(6));
        assertThat(source.current().ingestKeys()).containsExactly("k3", "k2");
        assertThat(calls).hasValue(2);
    }

    @Test
    void keepsTheLastGoodValueWhenARefreshFailsAndFailsWhenThereIsNone() {
        secret.set(secretJson("k1", ""));
        var source = new SecretsManagerSecretSource(client, "x", Duration.ofSeconds(1), clock);
        assertThat(source.current().ingestKeys()).containsExactly("k1");

        status.set(500);
        clock.advance(Duration.ofSeconds(2));
        assertThat(source.current().ingestKeys()).containsExactly("k1");

        var cold = new SecretsManagerSecretSource(client, "x", Duration.ofSeconds(1), clock);
        assertThatThrownBy(cold::current).isInstanceOf(SecretUnavailableException.class).hasMessageNotContaining("k1");
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-03-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
