package io.xmonitor.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.xmonitor.testing.CapturedOutput;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reduced drill: 5,000 items of every kind through a local stack of its own while every fault
 * strikes (duplicates, older versions, rows before their post, a database outage, a SIGKILL of the
 * whole stack, poison messages, the final redrive); the oracle finds nothing lost, stale,
 * duplicated or unexpected. `xmonitor drill` with its defaults is the full run (100,000 items).
 */
class DrillTest {

    @TempDir
    Path data;

    @Test
    void aReducedDrillWithEveryFaultLosesNothing() {
        int code;
        String output;
        try (CapturedOutput captured = new CapturedOutput()) {
            code = XmonitorCli.run("drill", "--items", "5000", "--collectors", "8", "--outage-seconds", "10",
                    "--seed", "20261127", "--data-dir", data.toString(), "--timeout-minutes", "10");
            output = captured.text();
        }
        assertThat(output).contains("database stopped", "database started again", "killed with SIGKILL",
                "started again on the same data directory", "3 poison messages put on the ingest queue", "DLQ redriven");
        assertThat(output).containsPattern("answered 202 +[1-9]").containsPattern("refused +[1-9]")
                .containsPattern("in DLQ +3 ");
        assertThat(output).containsPattern("lost +0\\n").containsPattern("stale +0\\n")
                .containsPattern("duplicated +0\\n").containsPattern("unexpected +0\\n");
        assertThat(code).as(output).isZero();
    }
}
