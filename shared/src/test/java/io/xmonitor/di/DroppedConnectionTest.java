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
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A connection the server closes before it answers (a pooled connection the far end has already
 * dropped, a load balancer recycling it) is sent again by the SDK's retry policy, not surfaced: the
 * claim-check upload that ingest-accept makes before it answers 202 goes through the same HTTP
 * client (here with the local stack's endpoint settings). The put is claim-check sized, so it asks
 * {@code Expect: 100-continue}, and the drop comes while the client waits for the go-ahead: the
 * path where older url-connection clients turned it into an unchecked exception the retry policy
 * never saw. A drop after the whole body has gone is not covered here.
 */
class DroppedConnectionTest {

    @Test
    void anS3PutWhoseConnectionIsDroppedBeforeTheAnswerIsSentAgain() throws Exception {
        TestEnvironment env = TestEnvironment.get();
        String bucket = env.freshQueues().bucket();
        // As large as the claim checks that go to S3 (over the queue's 1 MiB): puts that large ask for the go-ahead.
        byte[] body = ("{\"items\":[\"" + "x".repeat(2 << 20) + "\"]}").getBytes(StandardCharsets.UTF_8);
        try (DroppingProxy proxy = new DroppingProxy(env.s3Endpoint().getHost(), env.s3Endpoint().getPort())) {
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
            assertThat(proxy.droppedHead().toLowerCase(Locale.ROOT)).as("the dropped request")
                    .startsWith("put /" + bucket + "/batch.json").contains("expect: 100-continue");
            assertThat(proxy.forwarded()).as("connections passed through to S3: the put, sent once more").isEqualTo(1);
        }
        assertThat(env.s3().getObjectAsBytes(b -> b.bucket(bucket).key("batch.json")).asByteArray()).isEqualTo(body);
    }

    /** Reads the first connection's request head and closes it unanswered; pipes every later one to S3. */
    private static final class DroppingProxy implements AutoCloseable {

        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final String targetHost;
        private final int targetPort;
        private final Set<Socket> open = ConcurrentHashMap.newKeySet();
        private final AtomicInteger forwarded = new AtomicInteger();
        private volatile String droppedHead = "";

        DroppingProxy(String targetHost, int targetPort) throws IOException {
            this.targetHost = targetHost;
            this.targetPort = targetPort;
            Thread.ofVirtual().start(this::serve);
        }

        int port() {
            return server.getLocalPort();
        }

        String droppedHead() {
            return droppedHead;
        }

        int forwarded() {
            return forwarded.get();
        }

        private void serve() {
            try {
                for (boolean first = true; ; first = false) {
                    Socket client = server.accept();
                    open.add(client);
                    if (first) {
                        droppedHead = readRequestHead(client.getInputStream());
                        client.close();
                    } else {
                        forwarded.incrementAndGet();
                        Socket target = new Socket(targetHost, targetPort);
                        open.add(target);
                        Thread.ofVirtual().start(() -> pipe(client, target));
                        Thread.ofVirtual().start(() -> pipe(target, client));
                    }
                }
            } catch (IOException closed) {
                // close() ends the accept loop
            }
        }

        private static String readRequestHead(InputStream in) throws IOException {
            var head = new StringBuilder();
            while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.append((char) b);
            }
            return head.toString();
        }

        private static void pipe(Socket from, Socket to) {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException ended) {
                // either side closing ends the pipe (closing a socket's stream closes the socket)
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket socket : open) {
                socket.close();
            }
        }
    }
}
