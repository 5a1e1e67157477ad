package io.xmonitor.tools;

import io.xmonitor.tools.local.DemoData;
import io.xmonitor.tools.local.LocalStack;
import io.xmonitor.tools.local.StackState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "local", mixinStandardHelpOptions = true,
        description = "Start the whole pipeline on 127.0.0.1: PostgreSQL, SQS (ElasticMQ), S3 (S3Proxy), the functions and the HTTP API.")
final class LocalCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "3000", description = "HTTP API port (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--demo", description = "Load a realistic sample through the ingest API once the stack is up.")
    boolean demo;

    @Option(names = "--data-dir", description = "Keep the database and payloads here, so they survive a restart.")
    Path dataDirectory;

    @Option(names = "--database-url", description = "Use this PostgreSQL (jdbc:postgresql://...) instead of an embedded one; "
            + "credentials from the URL or XMONITOR_DATABASE_USER / XMONITOR_DATABASE_PASSWORD.")
    String databaseUrl;

    @Option(names = "--visibility-timeout", defaultValue = "5",
            description = "Seconds before a failed message is retried (default ${DEFAULT-VALUE}; the deployed queue uses template.yaml's).")
    int visibilityTimeout;

    @Override
    public Integer call() throws Exception {
        if (StackState.read().isPresent()) {
            System.err.println("xmonitor local is already running (" + StackState.file() + "); stop it first");
            return 1;
        }
        String key = System.getenv().getOrDefault("XMONITOR_INGEST_SHARED_SECRET", "");
        boolean generated = key.isBlank();
        if (generated) {
            key = LocalStack.generateKey();
        }
        long started = System.nanoTime();
        System.out.println("Starting the XMonitor pipeline on 127.0.0.1 ...");
        LocalStack stack = LocalStack.start(new LocalStack.Options(port, dataDirectory, databaseUrl,
                System.getenv("XMONITOR_DATABASE_USER"), System.getenv("XMONITOR_DATABASE_PASSWORD"), key, visibilityTimeout));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping: finishing queued batches, then the API, queue, storage and database ...");
            try {
                stack.close();
            } catch (Exception e) {
                System.err.println("stop: " + e.getMessage());
            }
            stopped.countDown();
        }, "xmonitor-local-stop"));

        StackState state = stack.state();
        System.out.printf("Ready in %.1f s.%n%n", (System.nanoTime() - started) / 1e9);
        System.out.println("  API        " + state.apiUrl() + "/v1");
        System.out.println("  ingest key " + state.ingestKey() + (generated ? "   (generated; set XMONITOR_INGEST_SHARED_SECRET to choose one)" : ""));
        System.out.println("  database   " + state.jdbcUrl() + (state.databaseUser() == null ? "" : "   user " + state.databaseUser()));
        System.out.println("  queue      " + state.queueUrl());
        System.out.println("  DLQ        " + state.dlqUrl() + "   (after " + stack.maxReceiveCount() + " receives; retry every "
                + visibilityTimeout + " s here, " + stack.templateVisibilityTimeout() + " s deployed)");
        System.out.println("  S3         " + state.s3Endpoint() + "/" + state.payloadBucket());
        System.out.println("  state      " + StackState.file());
        System.out.println();
        System.out.println("Try:");
        System.out.println("  curl -s -X POST " + state.apiUrl() + "/v1/ingest/posts/batch -H 'x-api-key: " + state.ingestKey() + "' \\");
        System.out.println("    -H 'content-type: application/json' -d '{\"items\":[{\"status_id\":\"1\",\"url\":\"https://x.com/me/status/1\","
                + "\"author_handle\":\"@me\",\"body_text\":\"hello\",\"discovered_at\":\"" + Instant.now() + "\",\"last_seen_at\":\"" + Instant.now() + "\"}]}'");
        System.out.println("  curl -s '" + state.apiUrl() + "/v1/feed?limit=5'");
        System.out.println("  curl -s '" + state.apiUrl() + "/v1/health'");
        System.out.println("  java -jar tools/target/xmonitor.jar dlq status");
        if (demo) {
            Map<String, Integer> loaded = new DemoData(state.apiUrl(), state.ingestKey()).load(Instant.now());
            stack.awaitDrained(Duration.ofSeconds(30));
            System.out.println();
            System.out.println("Demo data accepted and applied: " + loaded);
        }
        System.out.println();
        System.out.println("Press Ctrl-C to stop.");
        stopped.await();
        return 0;
    }
}
