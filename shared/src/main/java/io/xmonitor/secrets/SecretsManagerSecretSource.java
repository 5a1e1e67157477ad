package io.xmonitor.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import io.xmonitor.json.Json;
import io.xmonitor.log.JsonLog;
import io.xmonitor.json.JsonDocument;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Reads one JSON secret from AWS Secrets Manager and keeps it for a TTL, so a warm function
 * makes no call per request yet picks up a rotation within the TTL. The secret holds
 * {@code host, port, dbname, username, password} (the RDS layout) plus
 * {@code ingest_shared_secret} and optionally {@code ingest_shared_secret_previous}.
 * When a refresh fails the last good value is kept: a Secrets Manager blip must not take
 * the API down.
 */
public final class SecretsManagerSecretSource implements SecretSource {

    private final SecretsManagerClient client;
    private final String secretId;
    private final Duration ttl;
    private final Clock clock;
    private AppSecrets cached;
    private Instant fetchedAt = Instant.MIN;

    public SecretsManagerSecretSource(SecretsManagerClient client, String secretId, Duration ttl, Clock clock) {
        this.client = client;
        this.secretId = secretId;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public synchronized AppSecrets current() {
        Instant now = clock.instant();
        if (cached != null && fetchedAt.plus(ttl).isAfter(now)) {
            return cached;
        }
        try {
            String text = client.getSecretValue(b -> b.secretId(secretId)).secretString();
            cached = parse(text);
            fetchedAt = now;
        } catch (SdkException | IllegalArgumentException e) {
            if (cached == null) {
                throw new SecretUnavailableException("secret " + secretId + " could not be read: " + e.getClass().getSimpleName());
            }
            JsonLog.warn("secret_refresh_failed", Map.of("error", e.getClass().getSimpleName(), "action", "kept last good value"));
        }
        return cached;
    }

    static AppSecrets parse(String text) {
        if (text == null || !(Json.parse(text.getBytes(StandardCharsets.UTF_8)) instanceof JsonDocument.Parsed parsed)
                || !parsed.root().isObject()) {
            throw new IllegalArgumentException("secret is not a JSON object");
        }
        JsonNode root = parsed.root();
        Optional<DatabaseCredentials> database = Optional.empty();
        if (root.hasNonNull("host")) {
            String url = "jdbc:postgresql://" + root.path("host").asText() + ":" + root.path("port").asInt(5432)
                    + "/" + root.path("dbname").asText("postgres");
            database = Optional.of(new DatabaseCredentials(url, root.path("username").asText(null), root.path("password").asText(null)));
        }
        return new AppSecrets(database, List.of(
                root.path("ingest_shared_secret").asText(""),
                root.path("ingest_shared_secret_previous").asText("")));
    }
}
