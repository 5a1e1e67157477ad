package io.xmonitor.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.NodeAddress;
import org.elasticmq.StrictSQSLimits$;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.persistence.sql.SqlQueuePersistenceActor;
import org.elasticmq.persistence.sql.SqlQueuePersistenceConfig;
import org.elasticmq.util.NowProvider;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import scala.Option;
import scala.collection.immutable.List$;
import scala.util.Left;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * The embedded stand-ins for AWS and RDS, shared by the local stack and the tests: PostgreSQL 16
 * (real binaries), ElasticMQ (SQS protocol) and S3Proxy (S3 protocol), all on 127.0.0.1.
 */
public final class StandIns {

    public static final String REGION = "us-east-1";
    public static final String ACCESS_KEY = "local-access-key";
    public static final String SECRET_KEY = "local-secret-key";
    /** What SQS takes once a queue allows it, as template.yaml's queues do. */
    public static final int MAXIMUM_MESSAGE_BYTES = 1024 * 1024;

    private StandIns() {
    }

    /** A started server and how to stop it. */
    public record Running<T>(T server, URI endpoint, AutoCloseable stop) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            stop.close();
        }
    }

    /**
     * PostgreSQL on 127.0.0.1. Without a data directory it is a throwaway server (no fsync,
     * asynchronous commit) in a temporary directory removed when it stops; with one, what it
     * committed survives a restart and a hard kill. Either way it stops when this process ends,
     * however it ends ({@link PostgresGuard}).
     */
    public static EmbeddedPostgres postgres(Path dataDirectory, int port) throws IOException {
        // Its own shutdown hook would stop the server while the stack's stop still applies queued
        // batches; the stack closes it last, and the watchdog covers every other end.
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setRegisterShutdownHook(false)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200");
        boolean temporary = dataDirectory == null;
        Path directory = temporary ? Files.createTempDirectory("xmonitor-postgres-") : dataDirectory;
        builder.setDataDirectory(directory).setCleanDataDirectory(temporary);
        if (!temporary) {
            builder.setServerConfig("synchronous_commit", "on").setServerConfig("fsync", "on");
        }
        if (port > 0) {
            builder.setPort(port);
        }
        EmbeddedPostgres postgres = builder.start();
        PostgresGuard.stopWithThisProcess(directory, temporary);
        return postgres;
    }

    /** ElasticMQ holding its queues in memory. */
    public static Running<SQSRestServer> sqs() throws IOException {
        return sqs(null);
    }

    /**
     * ElasticMQ on 127.0.0.1. With a directory, queues and messages are kept in an H2 database
     * there (ElasticMQ's SQL message storage) and restored on the next start: a message SQS
     * acknowledged survives a hard kill of the process.
     */
    public static Running<SQSRestServer> sqs(Path storageDirectory) throws IOException {
        int port = freePort();
        var builder = SQSRestServerBuilder.withInterface("127.0.0.1")
                .withPort(port)
                .withServerAddress(new NodeAddress("http", "127.0.0.1", port, ""))
                .withAWSRegion(REGION);
        ActorSystem actors = null;
        if (storageDirectory != null) {
            actors = ActorSystem.create("xmonitor-sqs");
            Files.createDirectories(storageDirectory);
            var storage = new SqlQueuePersistenceConfig(true, "org.h2.Driver",
                    "jdbc:h2:file:" + storageDirectory.toAbsolutePath().resolve("queues") + ";WRITE_DELAY=0", "", "", false);
            ActorRef store = actors.actorOf(Props.create(SqlQueuePersistenceActor.class, storage, List$.MODULE$.empty()));
            ActorRef queues = actors.actorOf(Props.create(QueueManagerActor.class, new NowProvider(), StrictSQSLimits$.MODULE$,
                    Option.apply(store)));
            restore(store, queues);
            builder = builder.withActorSystem(actors).withQueueManagerActor(queues);
        }
        SQSRestServer server = builder.start();
        server.waitUntilStarted();
        ActorSystem ownActors = actors;
        return new Running<>(server, URI.create("http://127.0.0.1:" + port), () -> {
            server.stopAndWait();
            if (ownActors != null) {
                ownActors.terminate();
                ownActors.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        });
    }

    /** Recreates the stored queues and their messages before the server takes a request. */
    private static void restore(ActorRef store, ActorRef queues) throws IOException {
        try {
            Object restored = Patterns.ask(store, new QueueEvent.Restore(queues), Duration.ofSeconds(60))
                    .toCompletableFuture().get(60, TimeUnit.SECONDS);
            if (restored instanceof Left<?, ?> errors) {
                throw new IOException("the stored queues could not be restored: " + errors.value());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while restoring the stored queues", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("the stored queues could not be restored", e);
        }
    }

    /** S3Proxy in memory, or on disk under {@code directory}. */
    public static Running<S3Proxy> s3(Path directory) throws Exception {
        BlobStore store = directory == null ? new TransientNio2BlobStore()
                : new FilesystemNio2BlobStore(directory.toAbsolutePath().toString());
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(10);
        }
        return new Running<>(proxy, URI.create("http://127.0.0.1:" + proxy.getPort()), proxy::stop);
    }

    public static SqsClient sqsClient(URI endpoint) {
        return SqsClient.builder().endpointOverride(endpoint).region(Region.of(REGION))
                .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    public static S3Client s3Client(URI endpoint) {
        return S3Client.builder().endpointOverride(endpoint).region(Region.of(REGION))
                .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create())
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    /**
     * The ingest queue and its DLQ, wired with a redrive policy as template.yaml wires them; queues
     * that already exist (restored from storage) keep their messages and take these settings.
     */
    public static IngestQueues createIngestQueues(SqsClient sqs, String name, QueueSettings settings) {
        String dlqUrl = ensureQueue(sqs, name + "-dlq", Map.of(
                QueueAttributeName.MESSAGE_RETENTION_PERIOD, Integer.toString(settings.dlqRetentionSeconds()),
                QueueAttributeName.MAXIMUM_MESSAGE_SIZE, Integer.toString(MAXIMUM_MESSAGE_BYTES)));
        String dlqArn = arn(sqs, dlqUrl);
        String queueUrl = ensureQueue(sqs, name, Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(settings.visibilityTimeoutSeconds()),
                QueueAttributeName.MAXIMUM_MESSAGE_SIZE, Integer.toString(MAXIMUM_MESSAGE_BYTES),
                QueueAttributeName.MESSAGE_RETENTION_PERIOD, Integer.toString(settings.retentionSeconds()),
                QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlqArn
                        + "\",\"maxReceiveCount\":\"" + settings.maxReceiveCount() + "\"}"));
        return new IngestQueues(queueUrl, arn(sqs, queueUrl), dlqUrl, dlqArn);
    }

    private static String ensureQueue(SqsClient sqs, String name, Map<QueueAttributeName, String> attributes) {
        try {
            String url = sqs.getQueueUrl(b -> b.queueName(name)).queueUrl();
            sqs.setQueueAttributes(b -> b.queueUrl(url).attributes(attributes));
            return url;
        } catch (QueueDoesNotExistException e) {
            return sqs.createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
        }
    }

    public static String arn(SqsClient sqs, String queueUrl) {
        return sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    }

    /** Queue timing and redrive settings. */
    public record QueueSettings(int visibilityTimeoutSeconds, int retentionSeconds, int dlqRetentionSeconds,
                                int maxReceiveCount) {
    }

    /** URLs and ARNs of an ingest queue and its DLQ. */
    public record IngestQueues(String queueUrl, String queueArn, String dlqUrl, String dlqArn) {
    }
}
