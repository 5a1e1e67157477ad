package io.xmonitor.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.xmonitor.accept.IngestAcceptHandler;
import io.xmonitor.config.AppConfig;
import io.xmonitor.config.Environment;
import io.xmonitor.consumer.IngestConsumerHandler;
import io.xmonitor.json.Json;
import io.xmonitor.local.LocalEventSource;
import io.xmonitor.read.ReadApiHandler;
import io.xmonitor.testing.ApiEvents;
import io.xmonitor.testing.SecretsManagerStandIn;
import io.xmonitor.testing.TestEnvironment;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A database password rotation as Secrets Manager performs it: the role's password changes, the
 * secret gets the new one, and the connections the functions hold are renewed. The consumer and
 * the read API recover by themselves, without a restart, and no accepted batch is lost.
 */
class CredentialRotationTest {

    private static final String ROLE = "xmonitor_rotation";
    private static final String DATABASE_SECRET = "arn:aws:secretsmanager:us-east-1:1:secret:database";
    private static final String INGEST_SECRET = "arn:aws:secretsmanager:us-east-1:1:secret:ingest";
    private static final String KEY = "rotation-key";

    private final TestEnvironment env = TestEnvironment.get();

    @Test
    void consumerAndReadApiFollowAPasswordRotation() throws Exception {
        var database = env.freshDatabase();
        URI jdbc = URI.create(database.jdbcUrl().substring("jdbc:".length()));
        try (Connection admin = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password())) {
            Roles.requirePassword(admin, ROLE);
            admin.createStatement().execute("DROP ROLE IF EXISTS " + ROLE);
            admin.createStatement().execute("CREATE ROLE " + ROLE + " LOGIN PASSWORD 'first-password'");
            admin.createStatement().execute("GRANT ALL ON ALL TABLES IN SCHEMA public TO " + ROLE);
        }
        var queues = env.freshQueues();
        try (SecretsManagerStandIn secretsManager = new SecretsManagerStandIn()) {
            secretsManager.put(INGEST_SECRET, Json.write(Map.of("ingest_shared_secret", KEY)));
            secretsManager.put(DATABASE_SECRET, databaseSecret(jdbc, "first-password"));
            Map<String, String> variables = new HashMap<>(env.variables(null, queues, null));
            variables.put(AppConfig.SECRETS_MANAGER_ENDPOINT, secretsManager.endpoint().toString());
            variables.put(AppConfig.DB_CONNECT_TIMEOUT_MS, "1000");
            Map<String, String> acceptVariables = new HashMap<>(variables);
            acceptVariables.put(AppConfig.INGEST_SECRET_ARN, INGEST_SECRET);
            Map<String, String> consumerVariables = new HashMap<>(variables);
            consumerVariables.put(AppConfig.DATABASE_SECRET_ARN, DATABASE_SECRET);
            Map<String, String> readVariables = new HashMap<>(consumerVariables);
            readVariables.put(AppConfig.INGEST_SECRET_ARN, INGEST_SECRET);

            var accept = new IngestAcceptHandler(new Environment(acceptVariables));
            var consumer = new IngestConsumerHandler(new Environment(consumerVariables));
            var read = new ReadApiHandler(new Environment(readVariables));
            var eventSource = new LocalEventSource(env.sqs(), queues.queueUrl(), "arn:aws:sqs:us-east-1:000000000000:rotation",
                    event -> consumer.handleRequest(event, null));

            assertThat(send(accept, "1")).isEqualTo(202);
            assertThat(drain(eventSource)).isZero();
            assertThat(read.handleRequest(ApiEvents.get("/v1/posts/1", Map.of()), null).getStatusCode()).isEqualTo(200);

            try (Connection admin = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password())) {
                admin.createStatement().execute("ALTER ROLE " + ROLE + " PASSWORD 'second-password'");
                secretsManager.put(DATABASE_SECRET, databaseSecret(jdbc, "second-password"));
                // The pools' connections end, as they do when they reach their lifetime or the database restarts.
                admin.createStatement().execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + ROLE + "'");
            }
            assertThatThrownBy(() -> DriverManager.getConnection(database.jdbcUrl(), ROLE, "first-password").close())
                    .as("the old password no longer works").hasMessageContaining("password authentication failed");

            assertThat(send(accept, "2")).isEqualTo(202);
            assertThat(drain(eventSource)).as("the consumer renews its credentials instead of failing the batch").isZero();
            APIGatewayV2HTTPResponse post = read.handleRequest(ApiEvents.get("/v1/posts/2", Map.of()), null);
            assertThat(post.getStatusCode()).as(post.getBody()).isEqualTo(200);

            try (Connection admin = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
                 ResultSet ledger = admin.createStatement().executeQuery("SELECT count(*) FROM ingest_batches")) {
                ledger.next();
                assertThat(ledger.getInt(1)).isEqualTo(2);
            }
        }
    }

    private static String databaseSecret(URI jdbc, String password) {
        return Json.write(Map.of("host", jdbc.getHost(), "port", jdbc.getPort(), "dbname", jdbc.getPath().substring(1),
                "username", ROLE, "password", password));
    }

    private static int send(IngestAcceptHandler accept, String statusId) {
        String body = """
                {"items":[{"status_id":"%s","url":"https://x.com/a/status/%s","author_handle":"a","body_text":"rotation",
                  "discovered_at":"2026-02-25T19:00:00Z","last_seen_at":"2026-02-25T19:00:00Z"}]}""".formatted(statusId, statusId);
        return accept.handleRequest(ApiEvents.post("/v1/ingest/posts/batch", KEY, body), null).getStatusCode();
    }

    private static int drain(LocalEventSource eventSource) {
        int failed = 0;
        LocalEventSource.PollResult result;
        do {
            result = eventSource.pollOnce(10, 1);
            failed += result.failed();
        } while (result.received() > 0);
        return failed;
    }
}
