package io.xmonitor.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.xmonitor.testing.CapturedOutput;
import io.xmonitor.tools.legacy.SyntheticSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
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
    void aDatabaseThatCannotBeReached() throws Exception {
        Path snapshot = directory.resolve("small.sqlite");
        SyntheticSnapshot.write(snapshot, 3, 10, 1);
        String[] result = run("import-sqlite", "--sqlite", snapshot.toString(), "--database-url", "jdbc:postgresql://127.0.0.1:9/none");
        assertThat(result[0]).isEqualTo("1");
        assertThat(result[1].lines()).hasSize(1);
        assertThat(result[1]).startsWith("xmonitor import-sqlite: ").contains("127.0.0.1:9").contains("refused");
    }

    @Test
    void anUnknownFunction() {
        String[] result = run("invoke", "NoSuchFunction", "-e", "events/api/health.json");
        assertThat(result[0]).isEqualTo("2");
        assertThat(result[1]).startsWith("no function NoSuchFunction in template.yaml");
    }
}
