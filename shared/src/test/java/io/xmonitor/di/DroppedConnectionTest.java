package io.xmonitor.di;

import static org.assertj.core.api.Assertions.assertThat;

import io.xmonitor.config.AppConfig;
import io.xmonitor.config.Environment;
import io.xmonitor.local.StandIns;
import io.xmonitor.testing.TestEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A connection the server closes before it answers (a pooled connection the far end has already
 * dropped, a load balancer recycling it) is sent again by the SDK's retry policy, not surfaced: the
 * claim-check upload that ingest-accept makes before it answers 202 goes through the same client.
 * The S3 put asks {@code Expect: 100-continue}, the path where older url-connection clients turned
 * the dropped connection into an unchecked exception the retry policy never saw.
 */
class DroppedConnectionTest {

    @Test
    void anS3PutWhoseConnectionIsDroppedBeforeTheAnswerIsSentAgain() throws Exception {
        TestEnvironment env = TestEnvironment.get();
        String bucket = env.freshQueues().bucket();
        byte[] body = "{\"items\":[]}".getBytes(StandardCharsets.UTF_8);
        try (DroppingProxy proxy = new DroppingProxy(env.s3Endpoint().getPort())) {
            AppConfig config = AppConfig.load(new Environment(Map.of(
                    AppConfig.AWS_REGION, StandIns.REGION,
                    AppConfig.S3_ENDPOINT, "http://127.0.0.1:" + proxy.port(),
                    "AWS_ACCESS_KEY_ID", StandIns.ACCESS_KEY,
                    "AWS_SECRET_ACCESS_KEY", StandIns.SECRET_KEY)));
            Environment environment = new Environment(Map.of("AWS_ACCESS_KEY_ID", StandIns.ACCESS_KEY,
                    "AWS_SECRET_ACCESS_KEY", StandIns.SECRET_KEY));
            try (S3Client s3 = S3Module.s3(config, AwsModule.httpClient(), AwsModule.credentials(config, environment))) {
                s3.putObject(b -> b.bucket(bucket).key("batch.json"), RequestBody.fromBytes(body));
            }
            assertThat(proxy.dropped()).as("connections closed before an answer").isEqualTo(1);
            assertThat(proxy.forwarded()).as("connections passed through to S3").isGreaterThanOrEqualTo(1);
        }
        assertThat(env.s3().getObjectAsBytes(b -> b.bucket(bucket).key("batch.json")).asByteArray()).isEqualTo(body);
    }

    /** Reads the first connection's request head and closes it unanswered; pipes every later one to S3. */
    private static final class DroppingProxy implements AutoCloseable {

        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final int targetPort;
        private final AtomicInteger dropped = new AtomicInteger();
        private final AtomicInteger forwarded = new AtomicInteger();

        DroppingProxy(int targetPort) throws IOException {
            this.targetPort = targetPort;
            Thread.ofVirtual().start(this::serve);
        }

        int port() {
            return server.getLocalPort();
        }

        int dropped() {
            return dropped.get();
        }

        int forwarded() {
            return forwarded.get();
        }

        private void serve() {
            try {
                while (true) {
                    Socket client = server.accept();
                    if (dropped.compareAndSet(0, 1)) {
                        readRequestHead(client.getInputStream());
                        client.close();
                    } else {
                        forwarded.incrementAndGet();
                        Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                        Thread.ofVirtual().start(() -> pipe(client, target));
                        Thread.ofVirtual().start(() -> pipe(target, client));
                    }
                }
            } catch (IOException closed) {
                // close() ends the accept loop
            }
        }

        private static void readRequestHead(InputStream in) throws IOException {
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            while (matched < end.length) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            }
        }

        private static void pipe(Socket from, Socket to) {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException ended) {
                // either side closing ends the pipe
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
