package io.xmonitor.tools.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Thread names as a running local stack's JVM shows them in /proc (15 characters at most). */
class CpuAccountTest {

    @Test
    void eachStandInsThreadsCountForThatStandIn() {
        for (String sqs : List.of("elasticmq-pekko", "xmonitor-sqs-pe", "xmonitor-sqs-sc", "H2-lob-cleaner")) {
            assertThat(CpuAccount.partOf(sqs)).as(sqs).isEqualTo("SQS stand-in");
        }
        assertThat(CpuAccount.partOf("S3Proxy-Jetty-4")).isEqualTo("S3 stand-in");
        assertThat(CpuAccount.partOf("sqs-event-sourc")).isEqualTo("consumers");
        assertThat(CpuAccount.partOf("api-3")).isEqualTo("API (accept and reads)");
        assertThat(CpuAccount.partOf("HTTP-Dispatcher")).isEqualTo("API (accept and reads)");
        for (String jvm : List.of("GC Thread#0", "C2 CompilerThre", "xmonitor:housek", "PostgreSQL-JDBC")) {
            assertThat(CpuAccount.partOf(jvm)).as(jvm).isEqualTo("stack JVM (GC, JIT, pools)");
        }
    }
}
