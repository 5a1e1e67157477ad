package io.xmonitor.read;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.xmonitor.config.AppConfig;
import io.xmonitor.config.Environment;
import io.xmonitor.json.Json;
import io.xmonitor.testing.ApiEvents;
import io.xmonitor.testing.SecretsManagerStandIn;
import io.xmonitor.testing.TestEnvironment;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each secret is read only by what needs it: the read function's data routes, cursors included,
 * need only the database secret, so an unreadable ingest secret costs only the ingest-key routes.
 */
class ReadApiSecretsTest {

    private static final String DATABASE = "arn:aws:secretsmanager:us-east-1:000000000000:secret:db";
    private static final String INGEST = "arn:aws:secretsmanager:us-east-1:000000000000:secret:ingest";

    @Test
    void anUnreadableIngestSecretLeavesTheFeedAndItsCursorsWorking() throws Exception {
        var database = TestEnvironment.get().freshDatabase();
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password())) {
            for (int i = 1; i <= 3; i++) {
                connection.createStatement().execute("INSERT INTO posts (status_id, url, author_handle, discovered_at, last_seen_at) "
                        + "VALUES ('" + i + "', 'https://x.com/a/status/" + i + "', 'a', now(), now())");
            }
        }
        URI jdbc = URI.create(database.jdbcUrl().substring("jdbc:".length()));
        try (SecretsManagerStandIn secretsManager = new SecretsManagerStandIn()) {
            secretsManager.put(DATABASE, Json.write(Map.of("host", jdbc.getHost(), "port", jdbc.getPort(),
                    "dbname", jdbc.getPath().substring(1), "username", database.user(), "password", database.password())));
            Map<String, String> variables = new HashMap<>(TestEnvironment.get().variables(null, null, ""));
            variables.put(AppConfig.DATABASE_SECRET_ARN, DATABASE);
            variables.put(AppConfig.INGEST_SECRET_ARN, INGEST);
            variables.put(AppConfig.SECRETS_MANAGER_ENDPOINT, secretsManager.endpoint().toString());
            variables.values().removeIf(String::isEmpty);
            ReadApiHandler handler = new ReadApiHandler(new Environment(variables));

            APIGatewayV2HTTPResponse first = handler.handleRequest(ApiEvents.get("/v1/feed", Map.of("limit", "2")), null);
            assertThat(first.getStatusCode()).as(first.getBody()).isEqualTo(200);
            String cursor = Json.mapper().readTree(first.getBody()).path("next_cursor").asText();
            assertThat(cursor).isNotBlank();
            APIGatewayV2HTTPResponse second = handler.handleRequest(ApiEvents.get("/v1/feed", Map.of("cursor", cursor)), null);
            assertThat(second.getStatusCode()).as(second.getBody()).isEqualTo(200);
            assertThat(Json.mapper().readTree(second.getBody()).path("items")).hasSize(1);

            APIGatewayV2HTTPResponse reconcile = handler.handleRequest(
                    ApiEvents.request("GET", "/v1/ops/reconcile-counts", Map.of("x-api-key", "any"), Map.of(), null, false), null);
            assertThat(reconcile.getStatusCode()).as("the ingest-key routes need the ingest secret").isEqualTo(503);
        }
    }
}
