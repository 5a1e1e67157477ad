package io.xmonitor.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import io.xmonitor.config.DatabaseLocation;
import io.xmonitor.json.Json;
import io.xmonitor.json.JsonDocument;
import io.xmonitor.log.JsonLog;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Reads the function's secrets from AWS Secrets Manager and keeps each for a TTL, so a warm
 * function makes no call per request yet picks up a rotation within the TTL (or at once, for
 * database credentials the database refused: {@link #refreshDatabase()}). Two secrets, so that
 * each function can be allowed only the one it needs: the database secret in either RDS layout
 * (see {@link DatabaseSecret}; what it leaves out comes from the {@link DatabaseLocation}) and the
 * ingest secret ({@code ingest_shared_secret}, optionally {@code ingest_shared_secret_previous}).
 * When a refresh fails the last good value is kept: a Secrets Manager blip must not take the API down.
 */
public final class SecretsManagerSecretSource implements SecretSource {

    private final Optional<CachedSecret> database;
    private final DatabaseLocation databaseLocation;
    private final Optional<CachedSecret> ingest;

    public SecretsManagerSecretSource(SecretsManagerClient client, Optional<String> databaseSecretId,
                                      DatabaseLocation databaseLocation, Optional<String> ingestSecretId, Duration ttl,
                                      Clock clock) {
        this.database = databaseSecretId.map(id -> new CachedSecret(client, id, ttl, clock));
        this.databaseLocation = databaseLocation;
        this.ingest = ingestSecretId.map(id -> new CachedSecret(client, id, ttl, clock));
    }

    @Override
    public Optional<DatabaseCredentials> database() {
        return database.map(secret -> databaseCredentials(secret.read(false)));
    }

    @Override
    public List<String> ingestKeys() {
        return ingest.map(secret -> ingestKeys(secret.read(false))).orElse(List.of());
    }

    @Override
    public boolean databaseConfigured() {
        return database.isPresent();
    }

    @Override
    public Optional<DatabaseCredentials> refreshDatabase() {
        return database.map(secret -> databaseCredentials(secret.read(true)));
    }

    private DatabaseCredentials databaseCredentials(JsonNode secret) {
        return switch (DatabaseSecret.read(secret, databaseLocation)) {
            case DatabaseSecret.Complete complete -> complete.credentials();
            case DatabaseSecret.Incomplete incomplete -> throw new SecretUnavailableException(incomplete.reason());
        };
    }

    static List<String> ingestKeys(JsonNode root) {
        return IngestKeys.of(root.path("ingest_shared_secret").asText(""), root.path("ingest_shared_secret_previous").asText(""));
    }

    /** One secret's JSON, re-read after its TTL (or on demand), the last good value kept through failures. */
    private static final class CachedSecret {

        private final SecretsManagerClient client;
        private final String secretId;
        private final Duration ttl;
        private final Clock clock;
        private JsonNode cached;
        private Instant fetchedAt = Instant.MIN;

        CachedSecret(SecretsManagerClient client, String secretId, Duration ttl, Clock clock) {
            this.client = client;
            this.secretId = secretId;
            this.ttl = ttl;
            this.clock = clock;
        }

        synchronized JsonNode read(boolean bypassCache) {
            Instant now = clock.instant();
            if (cached != null && !bypassCache && fetchedAt.plus(ttl).isAfter(now)) {
                return cached;
            }
            try {
                cached = parse(client.getSecretValue(b -> b.secretId(secretId)).secretString());
                fetchedAt = now;
            } catch (SdkException | IllegalArgumentException e) {
                if (cached == null) {
                    throw new SecretUnavailableException("secret " + secretId + " could not be read: " + e.getClass().getSimpleName());
                }
                JsonLog.warn("secret_refresh_failed", Map.of("error", e.getClass().getSimpleName(), "action", "kept last good value"));
            }
            return cached;
        }

        private static JsonNode parse(String text) {
            if (text == null || !(Json.parse(text.getBytes(StandardCharsets.UTF_8)) instanceof JsonDocument.Parsed parsed)
                    || !parsed.root().isObject()) {
                throw new IllegalArgumentException("secret is not a JSON object");
            }
            return parsed.root();
        }
    }
}
