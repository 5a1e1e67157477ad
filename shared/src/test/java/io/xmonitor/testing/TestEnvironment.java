package io.xmonitor.testing;

import com.zaxxer.hikari.HikariDataSource;
import io.xmonitor.config.AppConfig;
import io.xmonitor.db.DataSourceFactory;
import io.xmonitor.db.Migrations;
import io.xmonitor.local.StandIns;
import io.xmonitor.secrets.DatabaseCredentials;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The one test environment: real PostgreSQL 16 (embedded binaries), the SQS protocol
 * (ElasticMQ) and the S3 protocol (S3Proxy), all on 127.0.0.1 with dynamic ports, started once
 * per test JVM. With {@code -Dxmonitor.test.aws=localstack} ({@code ./mvnw verify -Plocalstack})
 * SQS and S3 come from LocalStack in Docker instead; asked for without Docker, that fails the
 * suite rather than skipping it green. Tests get isolation cheaply: a database cloned from a
 * migrated template, and their own queue, DLQ and bucket.
 */
public final class TestEnvironment {

    public static final String REGION = StandIns.REGION;
    /** As in template.yaml: after this many receives a message moves to the DLQ. */
    public static final int MAX_RECEIVE_COUNT = 5;

    private static final String TEMPLATE_DATABASE = "xmonitor_template";
    private static volatile TestEnvironment instance;

    private final EmbeddedPostgres postgres;
    private final AwsStandIn aws;
    private final SqsClient sqs;
    private final S3Client s3;
    private final AtomicInteger databases = new AtomicInteger();

    private TestEnvironment(AwsStandIn aws) throws Exception {
        this.aws = aws;
        postgres = StandIns.postgres(null, 0);
        createTemplate();
        sqs = StandIns.sqsClient(aws.sqsEndpoint());
        s3 = StandIns.s3Client(aws.s3Endpoint());
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "test-environment-stop"));
    }

    public static TestEnvironment get() {
        if (instance == null) {
            synchronized (TestEnvironment.class) {
                if (instance == null) {
                    boolean localStack = "localstack".equals(System.getProperty("xmonitor.test.aws", "embedded"));
                    if (localStack && !AwsStandIn.dockerAvailable()) {
                        // Asked for explicitly: a suite that skipped everything would pass without testing anything.
                        throw new IllegalStateException("-Plocalstack (xmonitor.test.aws=localstack) needs Docker, which is not "
                                + "available here; run without -Plocalstack to use the embedded stand-ins");
                    }
                    try {
                        instance = new TestEnvironment(localStack ? AwsStandIn.localStack() : AwsStandIn.embedded());
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
        return aws.sqsEndpoint();
    }

    public URI s3Endpoint() {
        return aws.s3Endpoint();
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
        StandIns.IngestQueues queues = StandIns.createIngestQueues(sqs, "xmonitor-ingest-" + suffix,
                new StandIns.QueueSettings(1, 345_600, 1_209_600, MAX_RECEIVE_COUNT));
        String bucket = "xmonitor-payloads-" + suffix;
        s3.createBucket(b -> b.bucket(bucket));
        return new TestQueues(queues.queueUrl(), queues.dlqUrl(), queues.dlqArn(), bucket);
    }

    /** The variables a function component is built with to run against this environment. */
    public Map<String, String> variables(TestDatabase database, TestQueues queues, String ingestSecret) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", REGION);
        env.put("AWS_ACCESS_KEY_ID", StandIns.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", StandIns.SECRET_KEY);
        env.put(AppConfig.ENVIRONMENT, "test");
        env.put(AppConfig.SQS_ENDPOINT, sqsEndpoint().toString());
        env.put(AppConfig.S3_ENDPOINT, s3Endpoint().toString());
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

    private void stop() {
        try {
            aws.close();
            postgres.close();
        } catch (Exception ignored) {
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
            return DataSourceFactory.forTools(credentials(), 4, "test-" + name);
        }
    }

    /** Queue, DLQ and payload bucket of one test. */
    public record TestQueues(String queueUrl, String dlqUrl, String dlqArn, String bucket) {
    }
}
