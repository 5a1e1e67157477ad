package io.xmonitor.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.api.client.runtimeapi.JniHelper;
import io.xmonitor.accept.IngestAcceptHandler;
import io.xmonitor.config.AppConfig;
import io.xmonitor.config.Environment;
import io.xmonitor.consumer.IngestConsumerHandler;
import io.xmonitor.json.Json;
import io.xmonitor.migrate.DbMigrateHandler;
import io.xmonitor.read.ReadApiHandler;
import io.xmonitor.testing.CapturedOutput;
import io.xmonitor.testing.SecretsManagerStandIn;
import java.io.IOException;
import java.lang.ref.Reference;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What a SnapStart snapshot holds: each function's init and its priming hooks, the hooks run by
 * Lambda's own runtime client context as SnapStart runs them before the snapshot. Neither may
 * read a secret or reach the database, SQS or S3: whatever they fetched would be frozen into every
 * restored copy, credentials included.
 */
class SnapStartPrimingTest {

    private static final String DATABASE_SECRET = "arn:aws:secretsmanager:us-east-1:1:secret:database";
    private static final String INGEST_SECRET = "arn:aws:secretsmanager:us-east-1:1:secret:ingest";

    @Test
    void initAndPrimingReadNoSecretAndReachNothing() throws Exception {
        try (SecretsManagerStandIn secretsManager = new SecretsManagerStandIn(); CountingListener everythingElse = new CountingListener()) {
            String elsewhere = "http://127.0.0.1:" + everythingElse.port();
            secretsManager.put(INGEST_SECRET, Json.write(Map.of("ingest_shared_secret", "k1")));
            secretsManager.put(DATABASE_SECRET, Json.write(Map.of("host", "127.0.0.1", "port", everythingElse.port(),
                    "dbname", "xmonitor", "username", "app", "password", "pw")));
            Environment environment = new Environment(Map.ofEntries(
                    Map.entry("AWS_REGION", "us-east-1"),
                    Map.entry("AWS_ACCESS_KEY_ID", "test"),
                    Map.entry("AWS_SECRET_ACCESS_KEY", "test"),
                    Map.entry(AppConfig.ENVIRONMENT, "snapstart-test"),
                    Map.entry(AppConfig.SECRETS_MANAGER_ENDPOINT, secretsManager.endpoint().toString()),
                    Map.entry(AppConfig.DATABASE_SECRET_ARN, DATABASE_SECRET),
                    Map.entry(AppConfig.INGEST_SECRET_ARN, INGEST_SECRET),
                    Map.entry(AppConfig.SQS_ENDPOINT, elsewhere),
                    Map.entry(AppConfig.S3_ENDPOINT, elsewhere),
                    Map.entry(AppConfig.INGEST_QUEUE_URL, elsewhere + "/000000000000/ingest"),
                    Map.entry(AppConfig.PAYLOAD_BUCKET, "payloads"),
                    Map.entry(AppConfig.JWT_ROUTES, "GET /v1/feed,GET /v1/feed/latest,GET /v1/posts/{statusId}")));

            List<Object> functions = List.of(new IngestAcceptHandler(environment), new IngestConsumerHandler(environment),
                    new ReadApiHandler(environment), new DbMigrateHandler(environment));
            assertThat(secretsManager.calls()).as("secrets read while the functions started").isZero();

            String logged;
            try (CapturedOutput output = new CapturedOutput()) {
                // The runtime client's native part, which its context uses after the hooks (a DNS cache reset).
                JniHelper.load();
                com.amazonaws.services.lambda.crac.Core.getGlobalContext().beforeCheckpoint(null);
                logged = output.text();
            }
            assertThat(logged).contains("\"event\":\"snapshot_primed\",\"function\":\"ingest-accept\"",
                    "\"event\":\"snapshot_primed\",\"function\":\"ingest-consumer\"",
                    "\"event\":\"snapshot_primed\",\"function\":\"read-api\"")
                    .doesNotContain("snapshot_priming_failed");
            assertThat(secretsManager.calls()).as("secrets read while priming").isZero();
            assertThat(everythingElse.connections()).as("connections to the database, SQS or S3 while starting and priming").isZero();
            Reference.reachabilityFence(functions);
        }
    }

    /** A port that accepts and counts connections: the database, SQS and S3 of the test. */
    private static final class CountingListener implements AutoCloseable {

        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final AtomicInteger connections = new AtomicInteger();

        CountingListener() throws IOException {
            Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try (Socket accepted = socket.accept()) {
                        connections.incrementAndGet();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        int port() {
            return socket.getLocalPort();
        }

        int connections() {
            return connections.get();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
