package io.xmonitor.tools.coldstart;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The Lambda Runtime API (2018-06-01) for one function process, on 127.0.0.1: the runtime client
 * asks for the next event, posts its answer, reports init errors, and under SnapStart asks when
 * to go on once its before-checkpoint hooks have run ({@code /restore/next}, answered at once
 * here). Records when the runtime first asks for work, which is when its init ended.
 */
final class LambdaRuntimeApi implements AutoCloseable {

    private static final String PREFIX = "/2018-06-01/runtime/";

    /** An answer of the function, or its error report, and when it arrived. */
    record Answer(String body, boolean error, long atNanos) {
    }

    private record Invocation(String requestId, String event) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final BlockingQueue<Invocation> pending = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<Answer>> answers = new ConcurrentHashMap<>();
    private final CompletableFuture<Long> initEnded = new CompletableFuture<>();
    private final CompletableFuture<String> failure = new CompletableFuture<>();

    private LambdaRuntimeApi(HttpServer server) {
        this.server = server;
        server.createContext(PREFIX, this::serve);
        server.setExecutor(threads);
        server.start();
    }

    static LambdaRuntimeApi start() throws IOException {
        return new LambdaRuntimeApi(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    }

    /** The value of {@code AWS_LAMBDA_RUNTIME_API}. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues an event for the function; the answer completes when the function posts it. */
    CompletableFuture<Answer> invoke(String event) {
        String requestId = UUID.randomUUID().toString();
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        answers.put(requestId, answer);
        pending.add(new Invocation(requestId, event));
        return answer;
    }

    /** Completes with when the runtime first asked for work (or, under SnapStart, for the restore). */
    CompletableFuture<Long> initEnded() {
        return initEnded;
    }

    /** What the runtime reported as an init or restore error, if it did. */
    Optional<String> failure() {
        return Optional.ofNullable(failure.getNow(null));
    }

    private void serve(HttpExchange exchange) throws IOException {
        long now = System.nanoTime();
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            byte[] body = exchange.getRequestBody().readAllBytes();
            switch (exchange.getRequestMethod() + " " + path) {
                case "GET invocation/next" -> {
                    initEnded.complete(now);
                    Invocation next = pending.take();
                    exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", next.requestId());
                    exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 30_000));
                    exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn",
                            "arn:aws:lambda:us-east-1:000000000000:function:coldstart");
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    send(exchange, 200, next.event().getBytes(StandardCharsets.UTF_8));
                }
                case "GET restore/next" -> {
                    initEnded.complete(now);
                    send(exchange, 200, new byte[0]);
                }
                case "POST init/error", "POST restore/error" -> {
                    failure.complete(path + ": " + new String(body, StandardCharsets.UTF_8));
                    send(exchange, 202, new byte[0]);
                }
                default -> answer(exchange, path, body, now);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void answer(HttpExchange exchange, String path, byte[] body, long now) throws IOException {
        String[] parts = path.split("/");
        boolean known = parts.length == 3 && parts[0].equals("invocation") && answers.containsKey(parts[1]);
        if (!known || !(parts[2].equals("response") || parts[2].equals("error"))) {
            send(exchange, 404, "{\"errorMessage\":\"unknown path\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        answers.get(parts[1]).complete(new Answer(new String(body, StandardCharsets.UTF_8), parts[2].equals("error"), now));
        send(exchange, 202, new byte[0]);
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
