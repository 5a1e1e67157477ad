package io.xmonitor.testing;

import com.zaxxer.hikari.HikariDataSource;
import io.xmonitor.config.AppConfig;
import io.xmonitor.config.Environment;
import io.xmonitor.db.DataSourceFactory;
import io.xmonitor.db.Migrations;
import io.xmonitor.secrets.DatabaseCredentials;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The one test environment: real PostgreSQL 16 (embedded binaries), the SQS protocol
 * (ElasticMQ) and the S3 protocol (S3Proxy), all on 127.0.0.1 with dynamic ports, started once
 * per test JVM. Tests get isolation cheaply: a database cloned from a migrated template, and
 * their own queue, DLQ and bucket.
 */
public final class TestEnvironment {

    public static final String ACCESS_KEY = "test-access-key";
    public static final String SECRET_KEY = "test-secret-key";
    public static final String REGION = "us-east-1";
    /** As in template.yaml: after this many receives a message moves to the DLQ. */
    public static final int MAX_RECEIVE_COUNT = 5;

    private static final String TEMPLATE_DATABASE = "xmonitor_template";
    private static volatile TestEnvironment instance;

    private final EmbeddedPostgres postgres;
    private final SQSRestServer sqsServer;
    private final S3Proxy s3Proxy;
    private final URI sqsEndpoint;
    private final URI s3Endpoint;
    private final SqsClient sqs;
    private final S3Client s3;
    private final AtomicInteger databases = new AtomicInteger();

    private TestEnvironment() throws Exception {
        postgres = EmbeddedPostgres.builder()
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .setServerConfig("max_connections", "200")
                .start();
        createTemplate();

        int sqsPort = freePort();
        sqsServer = SQSRestServerBuilder.withInterface("127.0.0.1")
                .withPort(sqsPort)
                .withServerAddress(new NodeAddress("http", "127.0.0.1", sqsPort, ""))
                .withAWSRegion(REGION)
                .start();
        sqsServer.waitUntilStarted();
        sqsEndpoint = URI.create("http://127.0.0.1:" + sqsPort);

        s3Proxy = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        s3Proxy.start();
        while (!"STARTED".equals(s3Proxy.getState())) {
            Thread.sleep(10);
        }
        s3Endpoint = URI.create("http://127.0.0.1:" + s3Proxy.getPort());

        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
        var http = UrlConnectionHttpClient.create();
        sqs = SqsClient.builder().endpointOverride(sqsEndpoint).region(Region.of(REGION))
                .credentialsProvider(credentials).httpClient(http).build();
        s3 = S3Client.builder().endpointOverride(s3Endpoint).region(Region.of(REGION))
                .credentialsProvider(credentials).httpClient(http).forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "test-environment-stop"));
    }

    public static TestEnvironment get() {
        if (instance == null) {
            synchronized (TestEnvironment.class) {
                if (instance == null) {
                    try {
                        instance = new TestEnvironment();
                    } catch (Exception e) {
                        throw new IllegalStateException("test environment failed to start", e);
                    }
                }
            }
        }
        return instance;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public S3Client s3() {
        return s3;
    }

    public URI sqsEndpoint() {
        return sqsEndpoint;
    }

    public URI s3Endpoint() {
        return s3Endpoint;
    }

    public EmbeddedPostgres postgres() {
        return postgres;
    }

    /** A new, migrated database of its own (a clone of the migrated template: milliseconds). */
    public TestDatabase freshDatabase() {
        String name = "test_" + databases.incrementAndGet();
        execute("postgres", "CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE_DATABASE);
        return database(name);
    }

    /** A new, empty database with no migrations applied. */
    public TestDatabase emptyDatabase() {
        String name = "empty_" + databases.incrementAndGet();
        execute("postgres", "CREATE DATABASE " + name);
        return database(name);
    }

    /** An ingest queue with its DLQ wired as in template.yaml, and a payload bucket. */
    public TestQueues freshQueues() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String dlqUrl = sqs.createQueue(b -> b.queueName("xmonitor-ingest-dlq-" + suffix)).queueUrl();
        String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String queueUrl = sqs.createQueue(b -> b.queueName("xmonitor-ingest-" + suffix).attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, "1",
                QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + MAX_RECEIVE_COUNT + "\"}")))
                .queueUrl();
        String bucket = "xmonitor-payloads-" + suffix;
        s3.createBucket(b -> b.bucket(bucket));
        return new TestQueues(queueUrl, dlqUrl, dlqArn, bucket);
    }

    /** The variables a function component is built with to run against this environment. */
    public Map<String, String> variables(TestDatabase database, TestQueues queues, String ingestSecret) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", REGION);
        env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", SECRET_KEY);
        env.put(AppConfig.ENVIRONMENT, "test");
        env.put(AppConfig.SQS_ENDPOINT, sqsEndpoint.toString());
        env.put(AppConfig.S3_ENDPOINT, s3Endpoint.toString());
        if (queues != null) {
            env.put(AppConfig.INGEST_QUEUE_URL, queues.queueUrl());
            env.put(AppConfig.PAYLOAD_BUCKET, queues.bucket());
        }
        if (database != null) {
            env.put(AppConfig.DATABASE_URL, database.jdbcUrl());
            env.put(AppConfig.DATABASE_USER, database.user());
            env.put(AppConfig.DATABASE_PASSWORD, database.password());
        }
        if (ingestSecret != null) {
            env.put(AppConfig.INGEST_SHARED_SECRET, ingestSecret);
        }
        return env;
    }

    private TestDatabase database(String name) {
        String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + name;
        return new TestDatabase(name, url, "postgres", "postgres");
    }

    private void createTemplate() throws SQLException {
        execute("postgres", "CREATE DATABASE " + TEMPLATE_DATABASE);
        Migrations.apply(database(TEMPLATE_DATABASE).credentials());
    }

    private void execute(String database, String sql) {
        try (Connection connection = postgres.getDatabase("postgres", database).getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void stop() {
        try {
            s3Proxy.stop();
        } catch (Exception ignored) {
            // the JVM is exiting
        }
        sqsServer.stopAndWait();
        try {
            postgres.close();
        } catch (IOException ignored) {
            // the JVM is exiting
        }
    }

    /** A database of this environment. */
    public record TestDatabase(String name, String jdbcUrl, String user, String password) {

        public DatabaseCredentials credentials() {
            return new DatabaseCredentials(jdbcUrl, user, password);
        }

        /** A small pool for the test's own queries; close it when done. */
        public HikariDataSource open() {
            Map<String, String> settings = Map.of(AppConfig.DB_POOL_SIZE, "4");
            return DataSourceFactory.create(credentials(), AppConfig.load(new Environment(settings)), "test-" + name);
        }
    }

    /** Queue, DLQ and payload bucket of one test. */
    public record TestQueues(String queueUrl, String dlqUrl, String dlqArn, String bucket) {
    }
}
