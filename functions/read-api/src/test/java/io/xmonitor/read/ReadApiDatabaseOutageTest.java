package io.xmonitor.read;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.xmonitor.config.AppConfig;
import io.xmonitor.config.Environment;
import io.xmonitor.db.Migrations;
import io.xmonitor.json.Json;
import io.xmonitor.local.StandIns;
import io.xmonitor.testing.ApiEvents;
import io.xmonitor.testing.TestEnvironment;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The database goes away under the read API and comes back: health says so, data routes answer
 * 503 with Retry-After instead of an error page, and everything recovers without a restart.
 */
class ReadApiDatabaseOutageTest {

    @Test
    void readsAnswer503WhileTheDatabaseIsDownAndRecoverByThemselves() throws Exception {
        Path files = Files.createTempDirectory("xmonitor-read-outage");
        int port = StandIns.freePort();
        EmbeddedPostgres postgres = StandIns.postgres(files, port);
        var database = new TestEnvironment.TestDatabase("postgres", "jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                "postgres", "postgres");
        Migrations.apply(database.credentials());
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), "postgres", "postgres")) {
            connection.createStatement().execute("INSERT INTO posts (status_id, url, author_handle, discovered_at, last_seen_at) "
                    + "VALUES ('1', 'https://x.com/a/status/1', 'a', now(), now())");
        }
        Map<String, String> variables = new HashMap<>(TestEnvironment.get().variables(database, null, "outage-key"));
        variables.put(AppConfig.DB_CONNECT_TIMEOUT_MS, "500");
        ReadApiHandler handler = new ReadApiHandler(new Environment(variables));
        try {
            assertThat(get(handler, "/v1/feed").getStatusCode()).isEqualTo(200);
            assertThat(database(handler)).isEqualTo("ok");

            postgres.close();
            for (String route : new String[] {"/v1/feed", "/v1/posts/1", "/v1/feed/latest", "/v1/window-summaries/latest"}) {
                APIGatewayV2HTTPResponse down = get(handler, route);
                assertThat(down.getStatusCode()).as(route).isEqualTo(503);
                assertThat(down.getHeaders()).as(route).containsEntry("retry-after", "5");
                assertThat(Json.mapper().readTree(down.getBody()).path("error").asText()).isEqualTo("database is unavailable; retry later");
            }
            awaitHealth(handler, "error");

            postgres = StandIns.postgres(files, port);
            awaitHealth(handler, "ok");
            assertThat(get(handler, "/v1/posts/1").getStatusCode()).isEqualTo(200);
            assertThat(get(handler, "/v1/feed").getStatusCode()).isEqualTo(200);
        } finally {
            postgres.close();
        }
    }

    private static APIGatewayV2HTTPResponse get(ReadApiHandler handler, String path) {
        return handler.handleRequest(ApiEvents.get(path, Map.of()), null);
    }

    private static String database(ReadApiHandler handler) throws Exception {
        return Json.mapper().readTree(get(handler, "/v1/health").getBody()).path("database").asText();
    }

    /** Health reuses a database check for a few seconds, so a change shows within that time. */
    private static void awaitHealth(ReadApiHandler handler, String expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        String state = database(handler);
        while (!state.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            state = database(handler);
        }
        assertThat(state).isEqualTo(expected);
    }
}
