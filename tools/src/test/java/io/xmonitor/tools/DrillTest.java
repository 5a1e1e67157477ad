package io.xmonitor.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.xmonitor.testing.CapturedOutput;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reduced drill: 5,000 items of every kind, in every shape the contract describes (bounds,
 * the old collector's forms, ties), through a local stack of its own while every fault strikes
 * (duplicates, older versions, rows before their post, a database outage, a SIGKILL of the whole
 * stack, poison messages, the final redrive). Every item meant to be accepted is; every row of
 * every table holds, column by column, what the contract's model expects; every 202 warns about
 * the fields the model expects; the ledger holds every accepted batch; the DLQ holds exactly the
 * poison. `xmonitor drill` with its defaults is the full run (100,000 items).
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
        assertThat(output).containsPattern("answered 202 +[1-9]").containsPattern("refused +([0-9,]+) +\\(\\1 meant to be refused\\)")
                .containsPattern("refused +[1-9]").containsPattern("valid but refused +0\\n")
                .containsPattern("invalid but accepted +0\\n")
                .containsPattern("warned items +[1-9][0-9,]* +\\(0 not as the contract says\\)")
                .containsPattern("ledger applied = accepted +yes ")
                .containsPattern("DLQ holds exactly the poison +yes +\\(3 of 3 poison messages, 0 other messages\\)");
        assertThat(output).containsPattern("lost +0\\n").containsPattern("stale +0\\n")
                .containsPattern("duplicated +0\\n").containsPattern("unexpected +0\\n");
        for (String table : List.of("posts", "post_metrics_snapshots", "reports", "watch_accounts", "embeddings", "window_summaries",
                "narrative_shifts", "pipeline_runs")) {
            assertThat(output).as("every table compared").containsPattern("\\n +" + table + " +[1-9][0-9,]* × [1-9]");
        }
        assertThat(code).as(output).isZero();
    }
}
