package io.xmonitor.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.xmonitor.testing.CapturedOutput;
import io.xmonitor.tools.local.LocalStack;
import io.xmonitor.tools.local.StackState;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * `xmonitor load` against the local stack: every post it sends is applied, and it says how fast,
 * against a COPY of the same posts, what it would cost in AWS requests and where the CPU went.
 */
class LoadCommandTest {

    @Test
    void sendsWaitsForTheLedgerAndReportsLatencyAndThroughput() throws Exception {
        LocalStack stack = LocalStack.start(new LocalStack.Options(0, null, null, null, null, "load-key", 1, null, Optional.empty()));
        try {
            StackState state = stack.state();
            String text;
            int code;
            try (CapturedOutput output = new CapturedOutput()) {
                code = XmonitorCli.run("load", "--posts", "3000", "--collectors", "4", "--batch", "250");
                text = output.text();
            }
            assertThat(code).as(text).isZero();
            assertThat(text).contains("batches acknowledged     12 of 12 (250 posts each)")
                    .containsPattern("acknowledgement +p50 [0-9.]+ ms · p95 [0-9.]+ ms · p99 [0-9.]+ ms · max [0-9.]+ ms")
                    .containsPattern("accepted +[0-9,]+ posts/s")
                    .containsPattern("end to end +[0-9,]+ posts/s \\(.* every batch applied\\)")
                    .contains("errors (retried)         none");
            try (Connection connection = DriverManager.getConnection(state.jdbcUrl(), state.databaseUser(), state.databasePassword());
                 ResultSet rows = connection.createStatement().executeQuery(
                         "SELECT count(*), count(*) FILTER (WHERE body_text LIKE '%topic-%') FROM posts")) {
                rows.next();
                assertThat(rows.getLong(1)).isEqualTo(3000);
                assertThat(rows.getLong(2)).isEqualTo(3000);
            }

            try (CapturedOutput output = new CapturedOutput()) {
                code = XmonitorCli.run("load", "--rate", "2", "--duration", "3", "--collectors", "2", "--batch", "100", "--baseline");
                text = output.text();
            }
            assertThat(code).as(text).isZero();
            assertThat(text).contains("batches acknowledged     12 of 12 (100 posts each)")
                    .contains("(from each batch's scheduled send)")
                    .containsPattern("COPY baseline +[0-9,]+ rows/s")
                    .containsPattern("end to end / COPY +[0-9]+\\.[0-9]{2}")
                    .containsPattern("AWS requests +SQS [0-9,]+ · S3 PUT 0 · S3 GET 0 \\(per million posts")
                    .containsPattern("CPU per 1,000 posts +API \\(accept and reads\\) [0-9.]+ s · consumers [0-9.]+ s · .*PostgreSQL [0-9.]+ s");
            try (Connection connection = DriverManager.getConnection(state.jdbcUrl(), state.databaseUser(), state.databasePassword());
                 ResultSet rows = connection.createStatement().executeQuery("SELECT count(*) FROM posts")) {
                rows.next();
                assertThat(rows.getLong(1)).isEqualTo(3000 + 1200);
            }
        } finally {
            stack.close();
        }
    }
}
