package io.xmonitor.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.xmonitor.json.Json;
import io.xmonitor.testing.CapturedOutput;
import io.xmonitor.testing.TestEnvironment;
import io.xmonitor.tools.legacy.SyntheticSnapshot;
import io.xmonitor.tools.local.LocalStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class LegacyImportTest {

    @TempDir
    Path directory;

    private record Run(int exitCode, String out) {
    }

    private static Run cli(String... args) {
        try (CapturedOutput output = new CapturedOutput()) {
            int code = XmonitorCli.run(args);
            return new Run(code, output.text());
        }
    }

    private static JsonNode lastJson(String text) throws Exception {
        int start = text.lastIndexOf("\n{\n") >= 0 ? text.lastIndexOf("\n{\n") + 1 : text.indexOf("{\n");
        int end = text.lastIndexOf("\n}") + 2;
        return Json.mapper().readTree(text.substring(start, end));
    }

    /** Every user table's content, without the bookkeeping timestamps, in a stable order. */
    private static List<String> content(TestEnvironment.TestDatabase database) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password())) {
            for (String sql : List.of(
                    "SELECT to_jsonb(t) - 'created_at' - 'updated_at' FROM posts t ORDER BY status_id",
                    "SELECT to_jsonb(t) - 'created_at' - 'id' FROM post_metrics_snapshots t ORDER BY status_id, snapshot_type, snapshot_at",
                    "SELECT to_jsonb(t) - 'created_at' FROM reports t ORDER BY status_id",
                    "SELECT to_jsonb(t) - 'created_at' - 'updated_at' - 'added_at' FROM watch_accounts t ORDER BY handle",
                    "SELECT to_jsonb(t) - 'created_at' - 'id' FROM pipeline_runs t ORDER BY run_at, mode",
                    "SELECT to_jsonb(t) - 'created_at' FROM embeddings t ORDER BY status_id",
                    "SELECT to_jsonb(t) - 'parked_at' - 'batch_id' FROM parked_items t ORDER BY kind, item_key")) {
                try (ResultSet result = connection.createStatement().executeQuery(sql)) {
                    while (result.next()) {
                        rows.add(result.getString(1));
                    }
                }
            }
        }
        return rows;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void everyGenerationImportsWithNoUnexplainedDeltaAndASecondImportChangesNothing(int generation) throws Exception {
        Path snapshot = directory.resolve("gen" + generation + ".sqlite");
        SyntheticSnapshot.Written written = SyntheticSnapshot.write(snapshot, generation, 1500, generation);
        var database = TestEnvironment.get().emptyDatabase();
        Path rejects = directory.resolve("rejects" + generation + ".ndjson");
        Path warnings = directory.resolve("warnings" + generation + ".ndjson");
        String[] target = {"--database-url", database.jdbcUrl(), "--database-user", database.user(), "--database-password", database.password()};

        Run first = cli(concat(new String[] {"import-sqlite", "--sqlite", snapshot.toString(), "--reject-log", rejects.toString(),
                "--warning-log", warnings.toString()}, target));
        assertThat(first.exitCode()).as(first.out()).isZero();
        JsonNode summary = lastJson(first.out());
        JsonNode posts = table(summary, "posts");
        assertThat(posts.path("received").asInt()).isEqualTo(written.tweets());
        assertThat(posts.path("rejected").asInt()).as("only tweets without a usable identity are refused")
                .isEqualTo(written.refusedTweets());
        assertThat(posts.path("inserted").asInt()).isEqualTo(written.tweets() - written.refusedTweets());
        assertThat(posts.path("kept_with_warnings").asInt()).isEqualTo(written.tweetsWithWarnings());
        assertThat(posts.path("warnings_by_field").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("url", "watch_tier", "body_text", "views", "likes");
        assertThat(table(summary, "pipeline_runs").path("rejected").asInt()).isEqualTo(written.refusedRuns());
        assertThat(table(summary, "embeddings").path("rejected").asInt()).isZero();
        assertThat(table(summary, "post_metrics_snapshots (derived)").path("inserted").asInt())
                .isGreaterThanOrEqualTo(2 * (written.tweets() - written.refusedTweets()));
        assertThat(first.out()).contains("tweets: 1,500 / 1,500 rows (100%)")
                .contains("tweets: " + written.tweetsWithWarnings() + " rows kept without some of their fields");
        List<String> rejectLines = Files.readAllLines(rejects);
        assertThat(rejectLines).hasSize(written.refusedTweets() + written.refusedRuns());
        JsonNode oneReject = Json.mapper().readTree(rejectLines.getFirst());
        assertThat(oneReject.path("table").asText()).isEqualTo("tweets");
        assertThat(oneReject.path("reason").asText()).startsWith("discovered_at: is not a timestamp");
        assertThat(oneReject.has("row_index") && oneReject.has("row")).isTrue();
        List<String> warningLines = Files.readAllLines(warnings);
        assertThat(warningLines).hasSizeGreaterThanOrEqualTo(written.tweetsWithWarnings());
        assertThat(Json.mapper().readTree(warningLines.getFirst()).fieldNames()).toIterable()
                .containsExactly("table", "row_index", "field", "message");
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
             ResultSet created = connection.createStatement().executeQuery(
                     "SELECT count(*), count(*) FILTER (WHERE created_at < '2026-11-02') FROM embeddings")) {
            created.next();
            assertThat(created.getInt(2)).as("every embedding keeps the snapshot's created_at").isEqualTo(created.getInt(1))
                    .isGreaterThan(0);
        }
        if (generation == 3) {
            try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
                 ResultSet pending = connection.createStatement().executeQuery(
                         "SELECT count(*) FROM posts WHERE likes_24h IS NOT NULL AND refresh_24h_at IS NULL AND refresh_24h_status = 'pending'")) {
                pending.next();
                assertThat(pending.getInt(1)).as("24h counts without their refresh time are stored").isGreaterThan(400);
            }
        }

        Run validation = cli(concat(new String[] {"validate-import", "--sqlite", snapshot.toString(), "--reject-log", rejects.toString(), "--sample", "50"}, target));
        assertThat(validation.exitCode()).as(validation.out()).isZero();
        JsonNode report = lastJson(validation.out());
        assertThat(report.path("ok").asBoolean()).isTrue();
        assertThat(report.path("sampled").asInt()).isEqualTo(50);
        report.path("tables").forEach(t -> assertThat(t.path("unexplained_delta").asLong()).as(t.toString()).isZero());
        assertThat(table(report, "reports").path("waiting_for_post").asLong()).isGreaterThanOrEqualTo(written.orphanReports());

        Run parked = cli(concat(new String[] {"parked", "-n", "3"}, target));
        assertThat(parked.exitCode()).isZero();
        assertThat(parked.out()).containsPattern("reports +\\d+ waiting").contains("status_id");

        List<String> before = content(database);
        Run second = cli(concat(new String[] {"import-sqlite", "--sqlite", snapshot.toString()}, target));
        assertThat(second.exitCode()).isZero();
        lastJson(second.out()).path("tables").forEach(t -> assertThat(t.path("inserted").asLong()).as(t.toString()).isZero());
        assertThat(content(database)).as("a second import changes nothing").isEqualTo(before);
    }

    @Test
    void validationFailsWhenRowsAreMissingOrDiffer() throws Exception {
        Path snapshot = directory.resolve("tampered.sqlite");
        SyntheticSnapshot.write(snapshot, 3, 300, 9);
        var database = TestEnvironment.get().emptyDatabase();
        String[] target = {"--database-url", database.jdbcUrl(), "--database-user", database.user(), "--database-password", database.password()};
        assertThat(cli(concat(new String[] {"import-sqlite", "--sqlite", snapshot.toString()}, target)).exitCode()).isZero();
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password())) {
            connection.createStatement().execute("UPDATE posts SET body_text = 'changed'");
            connection.createStatement().execute("DELETE FROM reports WHERE status_id IN (SELECT status_id FROM reports LIMIT 3)");
        }
        Run validation = cli(concat(new String[] {"validate-import", "--sqlite", snapshot.toString(), "--sample", "10"}, target));
        assertThat(validation.exitCode()).isEqualTo(1);
        JsonNode report = lastJson(validation.out());
        assertThat(report.path("mismatches")).hasSize(10);
        assertThat(table(report, "reports").path("unexplained_delta").asLong()).isEqualTo(3);
    }

    @Test
    void importsThroughTheIngestApi() throws Exception {
        Path snapshot = directory.resolve("api.sqlite");
        SyntheticSnapshot.Written written = SyntheticSnapshot.write(snapshot, 2, 400, 5);
        LocalStack stack = LocalStack.start(new LocalStack.Options(0, null, null, null, null, "import-key", 1, null, Optional.empty()));
        try {
            Run run = cli("import-sqlite", "--sqlite", snapshot.toString(), "--api", stack.state().apiUrl(), "--api-key", "import-key");
            assertThat(run.exitCode()).as(run.out()).isZero();
            assertThat(table(lastJson(run.out()), "posts").path("accepted").asInt()).isEqualTo(written.tweets() - written.refusedTweets());
            assertThat(stack.awaitDrained(Duration.ofSeconds(30))).isTrue();
            Run validation = cli("validate-import", "--sqlite", snapshot.toString(), "--sample", "20");
            assertThat(validation.exitCode()).as(validation.out()).isZero();
        } finally {
            stack.close();
        }
    }

    @Test
    void badFilesGetOneClearLineAndANonZeroExit() throws Exception {
        Path notSqlite = Files.writeString(directory.resolve("notes.txt"), "just text");
        Path noTweets = directory.resolve("empty.sqlite");
        try (Connection sqlite = DriverManager.getConnection("jdbc:sqlite:" + noTweets)) {
            sqlite.createStatement().execute("CREATE TABLE settings (key TEXT)");
        }
        var database = TestEnvironment.get().emptyDatabase();
        String url = database.jdbcUrl();
        Run missing = cli("import-sqlite", "--sqlite", directory.resolve("nope.sqlite").toString(), "--database-url", url);
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.out().strip()).endsWith("nope.sqlite: no such file").doesNotContain("Exception");
        Run foreign = cli("import-sqlite", "--sqlite", notSqlite.toString(), "--database-url", url);
        assertThat(foreign.exitCode()).isEqualTo(2);
        assertThat(foreign.out().strip()).endsWith("notes.txt: not an SQLite database");
        Run tableless = cli("import-sqlite", "--sqlite", noTweets.toString(), "--database-url", url);
        assertThat(tableless.exitCode()).isEqualTo(2);
        assertThat(tableless.out()).contains("has no tweets table");
    }

    private static JsonNode table(JsonNode report, String name) {
        for (JsonNode table : report.path("tables")) {
            if (table.path("table").asText().equals(name)) {
                return table;
            }
        }
        throw new AssertionError("no table " + name + " in " + report);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
