package io.xmonitor.consumer;

import static io.xmonitor.consumer.Pipeline.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.xmonitor.db.Migrations;
import io.xmonitor.testing.TestEnvironment;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The failure the project exists for: the database goes away while batches arrive. Ingest keeps
 * answering 202, the consumer reports every message as failed (nothing is lost, nothing is
 * half-applied), and once the database is back every item is applied exactly once.
 */
class DatabaseOutageTest {

    private static EmbeddedPostgres start(Path dataDirectory, int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .start();
    }

    @Test
    void batchesAcceptedDuringAnOutageAreAppliedOnceTheDatabaseIsBack() throws Exception {
        Path dataDirectory = Files.createTempDirectory("xmonitor-outage");
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        EmbeddedPostgres postgres = start(dataDirectory, port);
        var database = new TestEnvironment.TestDatabase("postgres",
                "jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "postgres");
        Migrations.apply(database.credentials());
        Pipeline pipeline = new Pipeline(database, Map.of("XMONITOR_DB_CONNECT_TIMEOUT_MS", "500"));
        pipeline.sendItems("/v1/ingest/posts/batch", post("1", "2026-02-25T20:00:00Z", 1));
        assertThat(pipeline.drain()).isZero();

        postgres.close();
        for (int batch = 0; batch < 3; batch++) {
            String base = Integer.toString(10 + batch * 2);
            String next = Integer.toString(11 + batch * 2);
            pipeline.sendItems("/v1/ingest/posts/batch", post(base, "2026-02-25T20:00:00Z", 1), post(next, "2026-02-25T20:00:00Z", 1));
        }
        pipeline.sendItems("/v1/ingest/reports/batch", """
                {"status_id":"1","reported_at":"2026-02-25T20:05:00Z","summary":"during outage"}""");
        var duringOutage = pipeline.eventSource.pollOnce(10, 1);
        assertThat(duringOutage.received()).isEqualTo(4);
        assertThat(duringOutage.failed()).as("every message fails while the database is down").isEqualTo(4);
        assertThat(pipeline.depth(pipeline.queues.queueUrl())).as("nothing is lost").isEqualTo(4);

        postgres = start(dataDirectory, port);
        try {
            assertThat(pipeline.drain()).as("no delivery fails once the database is back").isZero();
            try (var db = database.open()) {
                assertThat(Rows.count(db, "SELECT count(*) FROM posts")).isEqualTo(7);
                assertThat(Rows.count(db, "SELECT count(*) FROM ingest_batches")).isEqualTo(5);
                assertThat(Rows.one(db, "SELECT summary FROM reports")).containsEntry("summary", "during outage");
            }
            assertThat(pipeline.depth(pipeline.queues.queueUrl())).isZero();
            assertThat(pipeline.depth(pipeline.queues.dlqUrl())).isZero();
        } finally {
            postgres.close();
        }
    }
}
