package io.xmonitor.config;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every setting the functions read, loaded from environment variables in this one place.
 * Names are listed in {@link #DEPLOYED_VARIABLES} and {@link #LOCAL_VARIABLES} so the SAM
 * template can be checked against them.
 */
public record AppConfig(
        String serviceName,
        String version,
        String environmentName,
        String awsRegion,
        Optional<URI> sqsEndpoint,
        Optional<URI> s3Endpoint,
        Optional<URI> secretsManagerEndpoint,
        Optional<String> ingestQueueUrl,
        Optional<String> payloadBucket,
        int payloadThresholdBytes,
        int compressAboveBytes,
        int maxRequestBytes,
        Optional<String> databaseSecretArn,
        Optional<String> ingestSecretArn,
        DatabaseLocation databaseLocation,
        Duration secretTtl,
        int dbPoolSize,
        Duration dbConnectTimeout,
        int defaultFeedLimit,
        int maxFeedLimit,
        Set<String> jwtRoutes) {

    public static final String SERVICE_NAME = "XMONITOR_SERVICE_NAME";
    public static final String VERSION = "XMONITOR_VERSION";
    public static final String ENVIRONMENT = "XMONITOR_ENVIRONMENT";
    public static final String AWS_REGION = "AWS_REGION";
    public static final String SQS_ENDPOINT = "XMONITOR_SQS_ENDPOINT";
    public static final String S3_ENDPOINT = "XMONITOR_S3_ENDPOINT";
    public static final String SECRETS_MANAGER_ENDPOINT = "XMONITOR_SECRETS_MANAGER_ENDPOINT";
    public static final String INGEST_QUEUE_URL = "XMONITOR_INGEST_QUEUE_URL";
    public static final String PAYLOAD_BUCKET = "XMONITOR_PAYLOAD_BUCKET";
    public static final String PAYLOAD_THRESHOLD_BYTES = "XMONITOR_PAYLOAD_THRESHOLD_BYTES";
    /** Queue bodies larger than this travel compressed (ADR 0013); 0 sends every body as JSON. */
    public static final String COMPRESS_ABOVE_BYTES = "XMONITOR_COMPRESS_ABOVE_BYTES";
    public static final String MAX_REQUEST_BYTES = "XMONITOR_MAX_REQUEST_BYTES";
    public static final String DATABASE_SECRET_ARN = "XMONITOR_DATABASE_SECRET_ARN";
    public static final String INGEST_SECRET_ARN = "XMONITOR_INGEST_SECRET_ARN";
    public static final String DATABASE_HOST = "XMONITOR_DATABASE_HOST";
    public static final String DATABASE_PORT = "XMONITOR_DATABASE_PORT";
    public static final String DATABASE_NAME = "XMONITOR_DATABASE_NAME";
    public static final String SECRET_TTL_SECONDS = "XMONITOR_SECRET_TTL_SECONDS";
    public static final String DB_POOL_SIZE = "XMONITOR_DB_POOL_SIZE";
    public static final String DB_CONNECT_TIMEOUT_MS = "XMONITOR_DB_CONNECT_TIMEOUT_MS";
    public static final String DEFAULT_FEED_LIMIT = "XMONITOR_DEFAULT_FEED_LIMIT";
    public static final String MAX_FEED_LIMIT = "XMONITOR_MAX_FEED_LIMIT";
    /**
     * Route keys ({@code GET /v1/feed}, comma separated) the stage guards with its JWT authorizer;
     * the read API refuses them itself when a request arrives without verified claims.
     */
    public static final String JWT_ROUTES = "XMONITOR_JWT_ROUTES";

    /** Variables read by the environment secrets source (local runs, tests). */
    public static final String DATABASE_URL = "XMONITOR_DATABASE_URL";
    public static final String DATABASE_USER = "XMONITOR_DATABASE_USER";
    public static final String DATABASE_PASSWORD = "XMONITOR_DATABASE_PASSWORD";
    public static final String INGEST_SHARED_SECRET = "XMONITOR_INGEST_SHARED_SECRET";
    public static final String INGEST_SHARED_SECRET_PREVIOUS = "XMONITOR_INGEST_SHARED_SECRET_PREVIOUS";

    /** What a deployed stack sets (template.yaml); AWS_REGION comes from Lambda itself. */
    public static final List<String> DEPLOYED_VARIABLES = List.of(
            SERVICE_NAME, VERSION, ENVIRONMENT, INGEST_QUEUE_URL, PAYLOAD_BUCKET, PAYLOAD_THRESHOLD_BYTES,
            COMPRESS_ABOVE_BYTES, MAX_REQUEST_BYTES, DATABASE_SECRET_ARN, INGEST_SECRET_ARN, DATABASE_HOST, DATABASE_PORT, DATABASE_NAME,
            SECRET_TTL_SECONDS, DB_POOL_SIZE, DB_CONNECT_TIMEOUT_MS, DEFAULT_FEED_LIMIT, MAX_FEED_LIMIT, JWT_ROUTES);

    /** What only the local stack and tests set: stand-in endpoints and secrets without Secrets Manager. */
    public static final List<String> LOCAL_VARIABLES = List.of(
            SQS_ENDPOINT, S3_ENDPOINT, SECRETS_MANAGER_ENDPOINT, DATABASE_URL, DATABASE_USER, DATABASE_PASSWORD,
            INGEST_SHARED_SECRET, INGEST_SHARED_SECRET_PREVIOUS);

    /** SQS takes messages up to 1 MiB, body and attributes together, once the queue allows it (template.yaml does). */
    static final int SQS_MAX_MESSAGE_BYTES = 1024 * 1024;
    /**
     * The SQS Extended Client compares a message's body and attributes together with the
     * threshold: at 1 MiB every message it sends inline fits SQS, and a 500-post batch never
     * touches S3.
     */
    static final int DEFAULT_PAYLOAD_THRESHOLD = SQS_MAX_MESSAGE_BYTES;
    /**
     * SQS bills every started 64 KiB of a message, body and attributes, as one request: a body
     * that fits the first 64 KiB with its attributes (a few hundred bytes) saves nothing compressed.
     */
    public static final int DEFAULT_COMPRESS_ABOVE = 63 * 1024;

    public static AppConfig load(Environment env) {
        int threshold = integer(env, PAYLOAD_THRESHOLD_BYTES, DEFAULT_PAYLOAD_THRESHOLD, 1024, SQS_MAX_MESSAGE_BYTES);
        int defaultLimit = integer(env, DEFAULT_FEED_LIMIT, 50, 1, 1000);
        int maxLimit = integer(env, MAX_FEED_LIMIT, 200, 1, 1000);
        if (defaultLimit > maxLimit) {
            throw new ConfigException(DEFAULT_FEED_LIMIT + " must not exceed " + MAX_FEED_LIMIT);
        }
        return new AppConfig(
                env.get(SERVICE_NAME).orElse("xmonitor"),
                env.get(VERSION).orElse("dev"),
                env.get(ENVIRONMENT).orElse("local"),
                env.get(AWS_REGION).orElse("us-east-1"),
                uri(env, SQS_ENDPOINT),
                uri(env, S3_ENDPOINT),
                uri(env, SECRETS_MANAGER_ENDPOINT),
                env.get(INGEST_QUEUE_URL),
                env.get(PAYLOAD_BUCKET),
                threshold,
                integer(env, COMPRESS_ABOVE_BYTES, DEFAULT_COMPRESS_ABOVE, 0, SQS_MAX_MESSAGE_BYTES),
                // Lambda takes events up to 6 MB (6,291,556 bytes); what remains is room for the headers.
                integer(env, MAX_REQUEST_BYTES, 6_000_000, 1024, 6_000_000),
                env.get(DATABASE_SECRET_ARN),
                env.get(INGEST_SECRET_ARN),
                new DatabaseLocation(env.get(DATABASE_HOST),
                        env.get(DATABASE_PORT).map(port -> integer(env, DATABASE_PORT, 0, 1, 65_535)),
                        env.get(DATABASE_NAME)),
                Duration.ofSeconds(integer(env, SECRET_TTL_SECONDS, 300, 0, 86_400)),
                integer(env, DB_POOL_SIZE, 1, 1, 50),
                Duration.ofMillis(integer(env, DB_CONNECT_TIMEOUT_MS, 3000, 250, 60_000)),
                defaultLimit,
                maxLimit,
                env.get(JWT_ROUTES).map(AppConfig::routeKeys).orElse(Set.of()));
    }

    public String requireIngestQueueUrl() {
        return ingestQueueUrl.orElseThrow(() -> new ConfigException(INGEST_QUEUE_URL + " is not set"));
    }

    /** Whether secrets come from Secrets Manager (a deployed stack) rather than environment variables. */
    public boolean secretsInSecretsManager() {
        return databaseSecretArn.isPresent() || ingestSecretArn.isPresent();
    }

    public String requirePayloadBucket() {
        return payloadBucket.orElseThrow(() -> new ConfigException(PAYLOAD_BUCKET + " is not set"));
    }

    private static Set<String> routeKeys(String value) {
        Set<String> keys = new LinkedHashSet<>();
        for (String key : value.split(",")) {
            if (!key.isBlank()) {
                keys.add(key.strip().replaceAll("\\s+", " "));
            }
        }
        return Collections.unmodifiableSet(keys);
    }

    private static Optional<URI> uri(Environment env, String name) {
        return env.get(name).map(value -> {
            try {
                URI uri = URI.create(value);
                if (uri.getScheme() == null || uri.getHost() == null) {
                    throw new IllegalArgumentException();
                }
                return uri;
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name + " must be an absolute URL");
            }
        });
    }

    private static int integer(Environment env, String name, int fallback, int min, int max) {
        Optional<String> raw = env.get(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(name + " must be a whole number from " + min + " to " + max);
    }
}
