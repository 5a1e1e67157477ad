package io.xmonitor.tools.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.xmonitor.config.AppConfig;
import io.xmonitor.config.Environment;
import io.xmonitor.db.Migrations;
import io.xmonitor.local.LocalEventSource;
import io.xmonitor.local.LocalIssuer;
import io.xmonitor.local.PostgresGuard;
import io.xmonitor.local.StandIns;
import io.xmonitor.secrets.DatabaseCredentials;
import io.xmonitor.tools.invoke.FunctionInvoker;
import io.xmonitor.tools.template.SamTemplate;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.gaul.s3proxy.S3Proxy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The whole pipeline on one machine: embedded PostgreSQL (or a given database), ElasticMQ with the
 * ingest queue and DLQ as template.yaml defines them, S3Proxy, the four functions created from
 * template.yaml's handlers, the HTTP API in front of them and pollers that feed the consumer like
 * the SQS event source mapping does: as many concurrent consumers as the template's
 * MaximumConcurrency allows, each with its own single database connection as on Lambda. With a data directory the database, the queues and the
 * payloads all live there and survive a restart, a hard kill included. With sign-in, a local
 * OpenID Connect issuer stands in for Cognito and the routes the template guards with its JWT
 * authorizer need one of its tokens.
 */
public final class LocalStack implements AutoCloseable {

    public static final String QUEUE_NAME = "xmonitor-local-ingest";
    public static final String BUCKET = "xmonitor-local-payloads";

    /** How to run it. */
    public record Options(int port, Path dataDirectory, String databaseUrl, String databaseUser,
                          String databasePassword, String ingestKey, int visibilityTimeoutSeconds, Path webDirectory,
                          Optional<SignIn> signIn) {
    }

    /** Sign-in as a deployed stack with JwtOnReads has it: the issuer's port (0: any) and its tokens' lifetime. */
    public record SignIn(int issuerPort, Duration tokenLifetime) {
    }

    /** The template condition that puts the read routes behind the JWT authorizer. */
    private static final String READS_NEED_JWT = "ReadsNeedJwt";
    /** The local stack's CorsAllowedOrigins: a dashboard served elsewhere during development. */
    private static final List<String> CORS_ORIGINS = List.of("http://localhost:3000", "http://localhost:5173", "http://127.0.0.1:3000");

    private final DataDirectoryLock dataLock;
    private final EmbeddedPostgres postgres;
    private final StandIns.Running<SQSRestServer> sqsServer;
    private final StandIns.Running<S3Proxy> s3Server;
    private final SqsClient sqs;
    private final S3Client s3;
    private final StandIns.IngestQueues queues;
    private final ApiServer api;
    private final List<Thread> pollers = new ArrayList<>();
    private final int consumers;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final StackState state;
    private final int maxReceiveCount;
    private final int templateVisibilityTimeout;

    private LocalStack(Options options, Deque<AutoCloseable> started) throws Exception {
        SamTemplate template = SamTemplate.packaged();
        JsonNode queue = template.resource("IngestQueue").path("Properties");
        JsonNode dlq = template.resource("IngestDeadLetterQueue").path("Properties");
        maxReceiveCount = queue.path("RedrivePolicy").path("maxReceiveCount").asInt();
        templateVisibilityTimeout = queue.path("VisibilityTimeout").asInt();

        Path data = options.dataDirectory();
        dataLock = data == null ? null : DataDirectoryLock.take(data);
        if (dataLock != null) {
            started.push(dataLock);
        }
        DatabaseCredentials database;
        if (options.databaseUrl() != null) {
            postgres = null;
            database = new DatabaseCredentials(options.databaseUrl(), options.databaseUser(), options.databasePassword());
        } else {
            if (data != null) {
                PostgresGuard.takeOverOrphan(data.resolve("postgres"), Duration.ofSeconds(15), notice -> System.err.println("xmonitor local: " + notice));
            }
            postgres = StandIns.postgres(data == null ? null : data.resolve("postgres"), 0);
            started.push(postgres);
            database = new DatabaseCredentials("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres", "postgres", "postgres");
        }
        Migrations.apply(database);

        // With a data directory the queues live there too: a hard kill loses no accepted batch.
        sqsServer = StandIns.sqs(data == null ? null : data.resolve("queues"));
        started.push(sqsServer);
        sqs = StandIns.sqsClient(sqsServer.endpoint());
        queues = StandIns.createIngestQueues(sqs, QUEUE_NAME, new StandIns.QueueSettings(
                options.visibilityTimeoutSeconds(),
                queue.path("MessageRetentionPeriod").asInt(),
                dlq.path("MessageRetentionPeriod").asInt(),
                maxReceiveCount));
        Path blobs = data == null ? null : Files.createDirectories(data.resolve("s3"));
        s3Server = StandIns.s3(blobs);
        started.push(s3Server);
        s3 = StandIns.s3Client(s3Server.endpoint());
        if (!s3.listBuckets().buckets().stream().anyMatch(b -> b.name().equals(BUCKET))) {
            s3.createBucket(b -> b.bucket(BUCKET));
        }

        Map<String, String> variables = functionVariables(sqsServer.endpoint().toString(), s3Server.endpoint().toString(),
                queues.queueUrl(), BUCKET, database, options.ingestKey());
        variables.put(AppConfig.DB_POOL_SIZE, "4");
        Environment environment = new Environment(variables);

        Optional<LocalIssuer> issuer = options.signIn().map(s -> LocalIssuer.start(s.issuerPort(), s.tokenLifetime()));
        issuer.ifPresent(started::push);
        List<SamTemplate.Route> routes = template.routes(Map.of(READS_NEED_JWT, issuer.isPresent()));
        Optional<JwtAuthorizer> authorizer = issuer.map(i -> JwtAuthorizer.forIssuer(i.issuerUrl(), Set.of(LocalIssuer.CLIENT_ID)));
        Optional<DashboardSite.RuntimeConfig.Oidc> oidc = issuer.map(i -> new DashboardSite.RuntimeConfig.Oidc(
                i.issuerUrl(), LocalIssuer.CLIENT_ID, DashboardSite.RuntimeConfig.Oidc.SCOPE, null));

        Map<String, Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> httpFunctions = new HashMap<>();
        for (SamTemplate.Route route : routes) {
            httpFunctions.computeIfAbsent(route.functionId(), id -> httpFunction(template, id, environment));
        }
        JsonNode consumerFunction = template.resource("IngestConsumerFunction").path("Properties");
        JsonNode mapping = consumerFunction.path("Events").path("IngestQueue").path("Properties");
        consumers = template.literal(mapping.path("ScalingConfig").path("MaximumConcurrency")).asInt();
        int batchSize = template.literal(mapping.path("BatchSize")).asInt();
        Map<String, String> consumerVariables = new HashMap<>(variables);
        consumerVariables.put(AppConfig.DB_POOL_SIZE, consumerFunction.path("Environment").path("Variables").path(AppConfig.DB_POOL_SIZE).asText());
        for (int i = 0; i < consumers; i++) {
            RequestHandler<SQSEvent, SQSBatchResponse> consumer = requestHandler(
                    new FunctionInvoker(template, "IngestConsumerFunction", new Environment(consumerVariables)).handler());
            LocalEventSource eventSource = new LocalEventSource(sqs, queues.queueUrl(), queues.queueArn(),
                    event -> consumer.handleRequest(event, null));
            pollers.add(Thread.ofPlatform().name("sqs-event-source-" + i).daemon().start(() -> poll(eventSource, batchSize)));
        }
        started.push(() -> running.set(false));

        api = new ApiServer(options.port(), routes, httpFunctions,
                dashboard(options.webDirectory(), new DashboardSite.RuntimeConfig("", oidc.orElse(null))), authorizer,
                template.cors(CORS_ORIGINS));
        started.push(api);
        state = new StackState("http://127.0.0.1:" + api.port(), options.ingestKey(), database.jdbcUrl(),
                database.username(), database.password(), sqsServer.endpoint().toString(), queues.queueUrl(),
                queues.dlqUrl(), s3Server.endpoint().toString(), BUCKET, issuer.map(LocalIssuer::issuerUrl).orElse(null),
                ProcessHandle.current().pid());
        state.write();
    }

    /**
     * What a function of a local stack is configured with: the stand-ins' endpoints and
     * credentials, the queue, the bucket, the database and the ingest key.
     */
    static Map<String, String> functionVariables(String sqsEndpoint, String s3Endpoint, String queueUrl, String bucket,
                                                 DatabaseCredentials database, String ingestKey) {
        Map<String, String> variables = new HashMap<>();
        variables.put("AWS_REGION", StandIns.REGION);
        variables.put("AWS_ACCESS_KEY_ID", StandIns.ACCESS_KEY);
        variables.put("AWS_SECRET_ACCESS_KEY", StandIns.SECRET_KEY);
        variables.put(AppConfig.ENVIRONMENT, "local");
        variables.put(AppConfig.SQS_ENDPOINT, sqsEndpoint);
        variables.put(AppConfig.S3_ENDPOINT, s3Endpoint);
        variables.put(AppConfig.INGEST_QUEUE_URL, queueUrl);
        variables.put(AppConfig.PAYLOAD_BUCKET, bucket);
        variables.put(AppConfig.DATABASE_URL, database.jdbcUrl());
        if (database.username() != null) {
            variables.put(AppConfig.DATABASE_USER, database.username());
        }
        if (database.password() != null) {
            variables.put(AppConfig.DATABASE_PASSWORD, database.password());
        }
        variables.put(AppConfig.INGEST_SHARED_SECRET, ingestKey);
        return variables;
    }

    /** Starts everything, or (on any failure, a busy port first among them) stops what had started. */
    public static LocalStack start(Options options) throws Exception {
        if (options.port() != 0) {
            try (ServerSocket probe = new ServerSocket(options.port(), 1, InetAddress.getLoopbackAddress())) {
                probe.setReuseAddress(true);
            } catch (BindException e) {
                throw new IllegalStateException("port " + options.port() + " is in use; choose another with --port");
            }
        }
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            return new LocalStack(options, started);
        } catch (Exception | Error e) {
            while (!started.isEmpty()) {
                try {
                    started.pop().close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    /** The dashboard from {@code --web-dir}, else the one packaged into the tools jar (if it was built). */
    private static Optional<DashboardSite> dashboard(Path webDirectory, DashboardSite.RuntimeConfig config) {
        if (webDirectory == null) {
            return DashboardSite.packaged(config);
        }
        return Optional.of(DashboardSite.fromDirectory(webDirectory, config).orElseThrow(() ->
                new IllegalArgumentException(webDirectory + " holds no index.html; build the dashboard first (npm run build in web/)")));
    }

    /** A random key for a local run that was not given one. */
    public static String generateKey() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return "local-" + HexFormat.of().formatHex(bytes);
    }

    public StackState state() {
        return state;
    }

    public int maxReceiveCount() {
        return maxReceiveCount;
    }

    public int templateVisibilityTimeout() {
        return templateVisibilityTimeout;
    }

    /** Consumers applying batches at once: the template's MaximumConcurrency. */
    public int consumers() {
        return consumers;
    }

    public SqsClient sqs() {
        return sqs;
    }

    private void poll(LocalEventSource eventSource, int batchSize) {
        while (running.get()) {
            try {
                eventSource.pollOnce(batchSize, 1);
            } catch (RuntimeException e) {
                if (running.get()) {
                    System.err.println("event source: " + e.getClass().getSimpleName() + "; retrying in 1 s");
                    sleep(Duration.ofSeconds(1));
                }
            }
        }
    }

    /** Messages in the DLQ now. */
    public long dlqDepth() {
        return Long.parseLong(sqs.getQueueAttributes(b -> b.queueUrl(queues.dlqUrl())
                .attributeNamesWithStrings("ApproximateNumberOfMessages")).attributesAsStrings().get("ApproximateNumberOfMessages"));
    }

    /** Waits until no message is visible or in flight on the ingest queue, up to {@code timeout}. */
    public boolean awaitDrained(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            var attributes = sqs.getQueueAttributes(b -> b.queueUrl(queues.queueUrl()).attributeNamesWithStrings(
                    "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible")).attributesAsStrings();
            if ("0".equals(attributes.get("ApproximateNumberOfMessages"))
                    && "0".equals(attributes.get("ApproximateNumberOfMessagesNotVisible"))) {
                return true;
            }
            sleep(Duration.ofMillis(100));
        }
        return false;
    }

    @Override
    public void close() throws Exception {
        api.close();
        awaitDrained(Duration.ofSeconds(5));
        running.set(false);
        for (Thread poller : pollers) {
            poller.join(3000);
        }
        state.delete();
        s3Server.close();
        sqsServer.close();
        if (postgres != null) {
            postgres.close();
        }
        if (dataLock != null) {
            dataLock.close();
        }
    }

    @SuppressWarnings("unchecked")
    private static <I, O> RequestHandler<I, O> requestHandler(Object handler) {
        return (RequestHandler<I, O>) handler;
    }

    private static Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> httpFunction(
            SamTemplate template, String functionId, Environment environment) {
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler =
                requestHandler(new FunctionInvoker(template, functionId, environment).handler());
        return event -> handler.handleRequest(event, null);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
