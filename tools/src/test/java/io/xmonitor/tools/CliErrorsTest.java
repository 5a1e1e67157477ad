package io.xmonitor.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.xmonitor.testing.CapturedOutput;
import io.xmonitor.testing.TestEnvironment;
import io.xmonitor.tools.legacy.SyntheticSnapshot;
import java.nio.file.Files;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Operator mistakes end in one line that says what is wrong, and a non-zero exit. */
class CliErrorsTest {

    @TempDir
    Path directory;

    private static String[] run(String... args) {
        try (CapturedOutput output = new CapturedOutput()) {
            int code = XmonitorCli.run(args);
            return new String[] {Integer.toString(code), output.text().strip()};
        }
    }

    @Test
    void anEventFileThatIsNotJson() throws Exception {
        Path notJson = Files.writeString(directory.resolve("event.json"), "# not json");
        String[] result = run("invoke", "ReadApiFunction", "-e", notJson.toString());
        assertThat(result[0]).isEqualTo("2");
        assertThat(result[1]).isEqualTo("event file " + notJson + " is not a JSON event: body is not valid JSON");
    }

    @Test
    void aStopTimeoutThatWouldEndTheStackBeforeItStopsIsRefusedBeforeItStarts() {
        for (String seconds : new String[] {"0", "-5"}) {
            String[] result = run("local", "--stop-timeout", seconds);
            assertThat(result[0]).isEqualTo("2");
            assertThat(result[1]).isEqualTo("--stop-timeout must be at least 1 second, not " + seconds).doesNotContain("Starting");
        }
    }

    @Test
    void aLoadTooLargeToPrepareIsRefusedBeforeAnythingIsSent() {
        String[] result = run("load", "--api", "http://127.0.0.1:9", "--api-key", "k", "--posts", "2000000000");
        assertThat(result[0]).isEqualTo("1");
        assertThat(result[1]).startsWith("xmonitor load: 2,000,000,000 posts need about ")
                .endsWith("send fewer posts or raise -Xmx (XMONITOR_JAVA_OPTS)").doesNotContain("Sending");
    }

    @Test
    void aDatabaseThatCannotBeReached() throws Exception {
        Path snapshot = directory.resolve("small.sqlite");
        SyntheticSnapshot.write(snapshot, 3, 10, 1);
        String[] result = run("import-sqlite", "--sqlite", snapshot.toString(), "--database-url", "jdbc:postgresql://127.0.0.1:9/none");
        assertThat(result[0]).isEqualTo("1");
        assertThat(result[1].lines()).hasSize(1);
        assertThat(result[1]).startsWith("xmonitor import-sqlite: ").contains("127.0.0.1:9").contains("refused");
    }

    @Test
    void everyDatabaseConnectionFailureSaysItsCauseAtOnce() throws Exception {
        var database = TestEnvironment.get().freshDatabase();
        URI server = URI.create(database.jdbcUrl().substring("jdbc:".length()));
        String base = "jdbc:postgresql://" + server.getHost() + ":" + server.getPort() + "/";
        try (Connection admin = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password())) {
            Roles.requirePassword(admin, "xmonitor_cli");
            admin.createStatement().execute("DROP ROLE IF EXISTS xmonitor_cli");
            admin.createStatement().execute("CREATE ROLE xmonitor_cli LOGIN PASSWORD 'right'");
            admin.createStatement().execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO xmonitor_cli");
        }
        Map<String, String> causes = Map.of(
                "jdbc:postgresql://127.0.0.1:9/none", "refused",
                base + "no_such_database?user=postgres&password=postgres", "database \"no_such_database\" does not exist",
                base + database.name() + "?user=xmonitor_cli&password=wrong", "password authentication failed for user \"xmonitor_cli\"");
        for (var cause : causes.entrySet()) {
            String[] result = run("parked", "--database-url", cause.getKey());
            assertThat(result[0]).isEqualTo("1");
            // The database's own reason, not a pool that gave up waiting: the tool did not sit out a timeout.
            assertThat(result[1]).as(cause.getKey()).doesNotContain("timed out").doesNotContain("Timeout");
            assertThat(result[1].lines()).as(result[1]).hasSize(1);
            assertThat(result[1]).startsWith("xmonitor parked: ").contains(cause.getValue()).doesNotContain("password=");
        }
        String[] working = run("parked", "--database-url", base + database.name() + "?user=xmonitor_cli&password=right");
        assertThat(working[0]).as(working[1]).isEqualTo("0");
    }

    @Test
    void anUnknownFunction() {
        String[] result = run("invoke", "NoSuchFunction", "-e", "events/api/health.json");
        assertThat(result[0]).isEqualTo("2");
        assertThat(result[1]).startsWith("no function NoSuchFunction in template.yaml");
    }
}
