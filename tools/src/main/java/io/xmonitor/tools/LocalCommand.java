package io.xmonitor.tools;

import io.xmonitor.ingest.Timestamps;
import io.xmonitor.local.LocalIssuer;
import io.xmonitor.tools.demo.DemoData;
import io.xmonitor.tools.local.LocalStack;
import io.xmonitor.tools.local.StackState;
import io.xmonitor.tools.local.LineTee;
import io.xmonitor.tools.local.PipelineFigures;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "local", mixinStandardHelpOptions = true,
        description = "Start the whole pipeline on 127.0.0.1: PostgreSQL, SQS (ElasticMQ), S3 (S3Proxy), the functions and the HTTP API.")
final class LocalCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "3000", description = "HTTP API port (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--demo", description = "Load a month of invented demo data (posts, snapshots, reports, summaries, runs) through the "
            + "ingest API once the stack is up; not again into a database that already has it.")
    boolean demo;

    @Option(names = "--data-dir", description = "Keep the database and payloads here, so they survive a restart.")
    Path dataDirectory;

    @Option(names = "--database-url", description = "Use this PostgreSQL (jdbc:postgresql://...) instead of an embedded one; "
            + "credentials from the URL or XMONITOR_DATABASE_USER / XMONITOR_DATABASE_PASSWORD.")
    String databaseUrl;

    @Option(names = "--show-logs", description = "Print the functions' JSON log lines here instead of to the log file.")
    boolean showLogs;

    @Option(names = "--web-dir", description = "Serve the dashboard from this directory (web/dist after npm run build) "
            + "instead of the one built into this jar.")
    Path webDirectory;

    @Option(names = "--auth", description = "Put the read routes the template guards behind a JWT, as a deployed stack does, "
            + "with a local OpenID Connect issuer standing in for Cognito; the dashboard signs in there.")
    boolean auth;

    @Option(names = "--issuer-port", defaultValue = "0", description = "Port of the local issuer with --auth (default: any free one).")
    int issuerPort;

    @Option(names = "--access-tokens", defaultValue = "cognito",
            description = "With --auth, the shape of the local issuer's access tokens: cognito (client_id and no aud, as the default "
                    + "stack's Cognito) or audience (aud = the client id, as most other issuers). Default ${DEFAULT-VALUE}.")
    LocalIssuer.AccessTokens accessTokens;

    @Option(names = "--token-lifetime", defaultValue = "3600",
            description = "Seconds the local issuer's tokens live with --auth (default ${DEFAULT-VALUE}, as Cognito's dashboard client).")
    int tokenLifetimeSeconds;

    @Option(names = "--visibility-timeout", defaultValue = "5",
            description = "Seconds before a failed message is retried (default ${DEFAULT-VALUE}; the deployed queue uses template.yaml's).")
    int visibilityTimeout;

    @Option(names = "--stop-timeout", defaultValue = "45",
            description = "Seconds Ctrl-C waits for the stack to stop cleanly; past them it names what it was waiting on and exits 1, "
                    + "and the database stops on its own (default ${DEFAULT-VALUE}).")
    int stopTimeoutSeconds;

    @Override
    public Integer call() throws Exception {
        if (stopTimeoutSeconds < 1) {
            System.err.println("--stop-timeout must be at least 1 second, not " + stopTimeoutSeconds);
            return 2;
        }
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
        PrintStream console = System.out;
        Path logFile = StackState.file().resolveSibling("local-functions.log");
        // The functions' log lines go to the log file (or the console), and their metric figures are added up on the way.
        PipelineFigures figures = new PipelineFigures();
        OutputStream functionLog = console;
        if (!showLogs) {
            Files.createDirectories(logFile.getParent());
            functionLog = Files.newOutputStream(logFile, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        System.setOut(new PrintStream(new LineTee(functionLog, figures::add), true, StandardCharsets.UTF_8));
        console.println("Starting the XMonitor pipeline on 127.0.0.1 ...");
        LocalStack stack = LocalStack.start(new LocalStack.Options(port, dataDirectory, databaseUrl,
                System.getenv("XMONITOR_DATABASE_USER"), System.getenv("XMONITOR_DATABASE_PASSWORD"), key, visibilityTimeout, webDirectory,
                auth ? Optional.of(new LocalStack.SignIn(issuerPort, Duration.ofSeconds(tokenLifetimeSeconds), accessTokens)) : Optional.empty()));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // A second Ctrl-C does nothing once the JVM is stopping, so the stop bounds itself, other
            // libraries' shutdown hooks included.
            stopDeadline(Thread.currentThread(), Duration.ofSeconds(stopTimeoutSeconds));
            console.println("\nFigures: " + figures.summary(stack.dlqDepth()));
            console.println("Stopping: finishing queued batches, then the API, queue, storage and database ...");
            try {
                stack.close();
            } catch (Exception e) {
                System.err.println("stop: " + e.getMessage());
            }
            stopped.countDown();
        }, "xmonitor-local-stop"));

        StackState state = stack.state();
        console.printf("Ready in %.1f s.%n%n", (System.nanoTime() - started) / 1e9);
        console.println("  Dashboard  " + state.apiUrl() + "/");
        console.println("  API        " + state.apiUrl() + "/v1"
                + (state.issuerUrl() == null ? "" : "   (feed, posts, summaries and watch accounts need a token)"));
        if (state.issuerUrl() != null) {
            console.println("  sign-in    " + state.issuerUrl() + "   (local issuer: any user name; tokens live "
                    + tokenLifetimeSeconds + " s)");
        }
        console.println("  ingest key " + state.ingestKey() + (generated ? "   (generated; set XMONITOR_INGEST_SHARED_SECRET to choose one)" : ""));
        console.println("  database   " + state.connectableJdbcUrl());
        state.psqlUrl().ifPresent(url -> console.println("             psql " + url));
        console.println("  queue      " + state.queueUrl() + "   (" + stack.consumers() + " consumers at once, as MaximumConcurrency)");
        console.println("  DLQ        " + state.dlqUrl() + "   (after " + stack.maxReceiveCount() + " receives; retry every "
                + visibilityTimeout + " s here, " + stack.templateVisibilityTimeout() + " s deployed)");
        console.println("  S3         " + state.s3Endpoint() + "/" + state.payloadBucket());
        console.println("  state      " + StackState.file());
        console.println("  logs       " + (showLogs ? "shown here" : logFile + "   (the functions' JSON log lines; --show-logs prints them here)"));
        console.println();
        String now = Timestamps.format(Instant.now());
        console.println("Try:");
        console.println("  curl -s -X POST " + state.apiUrl() + "/v1/ingest/posts/batch -H 'x-api-key: " + state.ingestKey() + "' \\");
        console.println("    -H 'content-type: application/json' -d '{\"items\":[{\"status_id\":\"1\",\"url\":\"https://x.com/me/status/1\","
                + "\"author_handle\":\"@me\",\"body_text\":\"hello\",\"discovered_at\":\"" + now + "\",\"last_seen_at\":\"" + now + "\"}]}'");
        if (state.issuerUrl() == null) {
            console.println("  curl -s '" + state.apiUrl() + "/v1/feed?limit=5'");
        } else {
            console.println("  TOKEN=$(curl -s " + state.issuerUrl() + "/token -d grant_type=client_credentials -d client_id="
                    + LocalIssuer.CLIENT_ID + " -d client_secret=local | jq -r .access_token)");
            console.println("  curl -s -H \"authorization: Bearer $TOKEN\" '" + state.apiUrl() + "/v1/feed?limit=5'");
        }
        console.println("  curl -s '" + state.apiUrl() + "/v1/health'");
        console.println("  ./xmonitor dlq status");
        if (demo) {
            console.println();
            if (DemoData.present(state)) {
                console.println("Demo data is already in this database; not loaded again (a new --data-dir gives a fresh month).");
            } else {
                long loading = System.nanoTime();
                Map<String, Integer> loaded = new DemoData(state.apiUrl(), state.ingestKey()).load(Instant.now());
                String counts = String.join(", ", loaded.entrySet().stream().map(e -> String.format("%,d %s", e.getValue(), e.getKey())).toList());
                boolean applied = stack.awaitDrained(Duration.ofSeconds(120));
                console.printf(applied ? "Demo data accepted and applied in %.1f s: %s (a month of invented accounts, up to now).%n"
                        : "Demo data accepted in %.1f s and still being applied: %s.%n", (System.nanoTime() - loading) / 1e9, counts);
            }
        }
        console.println();
        console.println("Press Ctrl-C to stop. Figures (as the CloudWatch dashboard shows them) appear here as they change.");
        String shown = "";
        while (!stopped.await(10, TimeUnit.SECONDS)) {
            String current = figures.summary(stack.dlqDepth());
            if (!current.equals(shown)) {
                console.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "  " + current);
                shown = current;
            }
        }
        return 0;
    }

    /**
     * Ends the JVM if it is still running {@code patience} after the stop began, naming where the
     * stop waits or, once it is done, what else still runs (other libraries' shutdown hooks are
     * non-daemon threads). The embedded database's own watchdog then stops the server.
     */
    private static void stopDeadline(Thread stopping, Duration patience) {
        Thread.ofPlatform().daemon().name("xmonitor-local-stop-deadline").start(() -> {
            try {
                Thread.sleep(patience);
            } catch (InterruptedException notExpected) {
                return;
            }
            boolean ourStopWaits = stopping.isAlive();
            Map<Thread, StackTraceElement[]> waiting = ourStopWaits ? Map.of(stopping, stopping.getStackTrace()) : Thread.getAllStackTraces();
            StringBuilder where = new StringBuilder();
            waiting.forEach((thread, frames) -> {
                // main waits in System.exit for the hooks: it says nothing about which one is slow.
                if (!thread.isDaemon() && !thread.getName().equals("main")) {
                    where.append("\n  ").append(thread.getName());
                    Arrays.stream(frames).limit(20).forEach(frame -> where.append("\n    at ").append(frame));
                }
            });
            System.err.println("xmonitor local: not stopped after " + patience.toSeconds() + " s (--stop-timeout); exiting anyway. "
                    + (ourStopWaits ? "The stop was waiting at:" : "The stack had stopped; still running:") + where);
            Runtime.getRuntime().halt(1);
        });
    }
}
