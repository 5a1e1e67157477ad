package io.xmonitor.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.xmonitor.config.Environment;
import io.xmonitor.json.Json;
import io.xmonitor.testing.MigrationFiles;
import io.xmonitor.testing.TestEnvironment;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DbMigrateHandlerTest {

    private static JsonNode invoke(DbMigrateHandler handler) throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), output, null);
        return Json.mapper().readTree(output.toByteArray());
    }

    @Test
    void appliesEveryMigrationOnceAndReportsWhichVersions() throws Exception {
        TestEnvironment env = TestEnvironment.get();
        var database = env.emptyDatabase();
        var handler = new DbMigrateHandler(new Environment(env.variables(database, null, null)));

        JsonNode first = invoke(handler);
        assertThat(first.path("applied")).extracting(JsonNode::asText).isEqualTo(MigrationFiles.versions());
        assertThat(first.path("current_version").asText()).isEqualTo(MigrationFiles.latest());

        JsonNode second = invoke(handler);
        assertThat(second.path("applied")).isEmpty();
        assertThat(second.path("current_version").asText()).isEqualTo(MigrationFiles.latest());

        try (var db = database.open(); var connection = db.getConnection();
             var rows = connection.createStatement().executeQuery("SELECT count(*) FROM posts")) {
            rows.next();
            assertThat(rows.getInt(1)).isZero();
        }
    }
}
