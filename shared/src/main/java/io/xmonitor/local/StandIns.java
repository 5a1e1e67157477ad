package io.xmonitor.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.elasticmq.NodeAddress;
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
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The embedded stand-ins for AWS and RDS, shared by the local stack and the tests: PostgreSQL 16
 * (real binaries), ElasticMQ (SQS protocol) and S3Proxy (S3 protocol), all on 127.0.0.1.
 */
public final class StandIns {

    public static final String REGION = "us-east-1";
    public static final String ACCESS_KEY = "local-access-key";
    public static final String SECRET_KEY = "local-secret-key";

    private StandIns() {
    }

    /** A started server and how to stop it. */
    public record Running<T>(T server, URI endpoint, AutoCloseable stop) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            stop.close();
        }
    }

    /** PostgreSQL on 127.0.0.1; with a data directory the data survives a restart. */
    public static EmbeddedPostgres postgres(Path dataDirectory, int port) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200");
        if (dataDirectory != null) {
            builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
        }
        if (port > 0) {
            builder.setPort(port);
        }
        return builder.start();
    }

    public static Running<SQSRestServer> sqs() throws IOException {
        int port = freePort();
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1")
                .withPort(port)
                .withServerAddress(new NodeAddress("http", "127.0.0.1", port, ""))
                .withAWSRegion(REGION)
                .start();
        server.waitUntilStarted();
        return new Running<>(server, URI.create("http://127.0.0.1:" + port), server::stopAndWait);
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

    /** The ingest queue and its DLQ, wired with a redrive policy as template.yaml wires them. */
    public static IngestQueues createIngestQueues(SqsClient sqs, String name, QueueSettings settings) {
        String dlqUrl = sqs.createQueue(b -> b.queueName(name + "-dlq").attributes(Map.of(
                QueueAttributeName.MESSAGE_RETENTION_PERIOD, Integer.toString(settings.dlqRetentionSeconds()))))
                .queueUrl();
        String dlqArn = arn(sqs, dlqUrl);
        String queueUrl = sqs.createQueue(b -> b.queueName(name).attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(settings.visibilityTimeoutSeconds()),
                QueueAttributeName.MESSAGE_RETENTION_PERIOD, Integer.toString(settings.retentionSeconds()),
                QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlqArn
                        + "\",\"maxReceiveCount\":\"" + settings.maxReceiveCount() + "\"}")))
                .queueUrl();
        return new IngestQueues(queueUrl, arn(sqs, queueUrl), dlqUrl, dlqArn);
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
