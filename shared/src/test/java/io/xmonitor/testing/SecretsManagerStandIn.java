package io.xmonitor.testing;

import com.sun.net.httpserver.HttpServer;
import io.xmonitor.json.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Secrets Manager has no embeddable server, so this answers its JSON protocol
 * ({@code GetSecretValue}) from a loopback HTTP server: functions under test use the real SDK
 * client over real HTTP, and a test rotates a secret by putting a new value.
 */
public final class SecretsManagerStandIn implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile int status = 200;

    public SecretsManagerStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            calls.incrementAndGet();
            String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String id = Json.mapper().readTree(request).path("SecretId").asText();
            String value = secrets.get(id);
            int answer = status != 200 ? status : value == null ? 400 : 200;
            byte[] body = answer == 200
                    ? Json.writeBytes(Map.of("ARN", id, "Name", id, "SecretString", value))
                    : (answer == 400 ? "{\"__type\":\"ResourceNotFoundException\",\"message\":\"no such secret\"}"
                            : "{\"__type\":\"InternalServiceError\",\"message\":\"down\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(answer, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Sets (or rotates) a secret's value. */
    public void put(String secretId, String value) {
        secrets.put(secretId, value);
    }

    /** Answers every call with this HTTP status (200 to recover). */
    public void failWith(int httpStatus) {
        status = httpStatus;
    }

    public int calls() {
        return calls.get();
    }

    /** A client without retries, so a failure shows at once. */
    public SecretsManagerClient client() {
        return SecretsManagerClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
