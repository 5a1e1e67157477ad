package io.xmonitor.tools.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.xmonitor.http.HttpRequest;
import io.xmonitor.tools.template.SamTemplate;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * What API Gateway does in front of the functions, locally: real HTTP on 127.0.0.1, each request
 * turned into the HTTP API (payload 2.0) event that template.yaml's route sends to its function,
 * the function's response turned back into HTTP. Outside {@code /v1} it serves the dashboard, as
 * CloudFront does in front of a deployed stack, and like CloudFront it adds the template's response
 * headers policy to every answer. Routes the template guards with its JWT authorizer are guarded
 * here by the same rule when the stack runs with sign-in, and CORS is answered from the template's
 * CORS configuration, as API Gateway does: preflights without a function, an allowed origin's
 * headers on every answer under {@code /v1}.
 */
public final class ApiServer implements AutoCloseable {

    private final HttpServer server;
    /** Named, so that `xmonitor load` can tell the API's CPU from the consumers' and the stand-ins'. */
    private final ExecutorService executor = Executors.newFixedThreadPool(8, Thread.ofPlatform().name("api-", 0).factory());
    private final List<SamTemplate.Route> routes;
    private final Map<String, Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> functions;
    private final Optional<DashboardSite> dashboard;
    private final Optional<JwtAuthorizer> authorizer;
    private final Optional<SamTemplate.Cors> cors;
    private final Map<String, String> edgeHeaders;

    /** @param edgeHeaders what CloudFront's response headers policy adds, replacing a function's header of the same name */
    public ApiServer(int port, List<SamTemplate.Route> routes,
                     Map<String, Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> functions,
                     Optional<DashboardSite> dashboard, Optional<JwtAuthorizer> authorizer,
                     Optional<SamTemplate.Cors> cors, Map<String, String> edgeHeaders) throws IOException {
        if (authorizer.isEmpty() && routes.stream().anyMatch(SamTemplate.Route::jwt)) {
            throw new IllegalArgumentException("routes need a JWT but no authorizer was given");
        }
        this.routes = routes;
        this.functions = functions;
        this.dashboard = dashboard;
        this.authorizer = authorizer;
        this.cors = cors;
        this.edgeHeaders = Map.copyOf(edgeHeaders);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String rawPath = exchange.getRequestURI().getRawPath();
            String path = URLDecoder.decode(rawPath, StandardCharsets.UTF_8);
            if (isApiPath(path)) {
                corsHeaders(exchange).forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
                if (cors.isPresent() && method.equals("OPTIONS") && exchange.getRequestHeaders().containsKey("access-control-request-method")) {
                    send(exchange, 204, preflightHeaders(exchange), new byte[0]);
                    return;
                }
            }
            Optional<Map.Entry<SamTemplate.Route, Map<String, String>>> match = routes.stream()
                    .flatMap(r -> r.match(method, path).map(p -> Map.entry(r, p)).stream())
                    .findFirst();
            if (match.isEmpty() && !isApiPath(path) && dashboard.isPresent()
                    && (method.equals("GET") || method.equals("HEAD"))) {
                Optional<DashboardSite.Asset> asset = dashboard.get().find(path);
                if (asset.isPresent()) {
                    send(exchange, 200, Map.of("content-type", asset.get().contentType(),
                            "cache-control", asset.get().cacheControl()), method.equals("HEAD") ? new byte[0] : asset.get().body());
                    return;
                }
            }
            if (match.isEmpty()) {
                send(exchange, 404, Map.of("content-type", "application/json"),
                        "{\"message\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            SamTemplate.Route route = match.get().getKey();
            APIGatewayV2HTTPEvent event = event(exchange, route, path, match.get().getValue());
            if (route.jwt()) {
                switch (authorizer.orElseThrow().authorize(exchange.getRequestHeaders().getFirst("authorization"))) {
                    case JwtAuthorizer.Decision.Denied denied -> {
                        // API Gateway's answer, with the reason in the header as it gives it.
                        send(exchange, 401, Map.of("content-type", "application/json", "www-authenticate",
                                        "Bearer error=\"invalid_token\", error_description=\"" + denied.reason().replace('"', '\'') + "\""),
                                "{\"message\":\"Unauthorized\"}".getBytes(StandardCharsets.UTF_8));
                        return;
                    }
                    case JwtAuthorizer.Decision.Allowed allowed -> event.getRequestContext().setAuthorizer(
                            APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                    .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                                            .withClaims(allowed.claims()).withScopes(allowed.scopes()).build())
                                    .build());
                }
            }
            APIGatewayV2HTTPResponse response;
            try {
                response = functions.get(route.functionId()).apply(event);
            } catch (RuntimeException e) {
                // API Gateway answers an unhandled function error this way, without details.
                send(exchange, 500, Map.of("content-type", "application/json"),
                        "{\"message\":\"Internal Server Error\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            byte[] body = response.getBody() == null ? new byte[0]
                    : response.getIsBase64Encoded() ? Base64.getDecoder().decode(response.getBody())
                    : response.getBody().getBytes(StandardCharsets.UTF_8);
            send(exchange, response.getStatusCode(), response.getHeaders() == null ? Map.of() : response.getHeaders(), body);
        }
    }

    /** What an allowed origin's answers carry; nothing for another origin or a request without one. */
    private Map<String, String> corsHeaders(HttpExchange exchange) {
        String origin = exchange.getRequestHeaders().getFirst("origin");
        if (cors.isEmpty() || origin == null || !cors.get().allowOrigins().contains(origin)) {
            return Map.of();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("access-control-allow-origin", origin);
        if (!cors.get().exposeHeaders().isEmpty()) {
            headers.put("access-control-expose-headers", String.join(",", cors.get().exposeHeaders()));
        }
        headers.put("vary", "origin");
        return headers;
    }

    private Map<String, String> preflightHeaders(HttpExchange exchange) {
        if (!exchange.getResponseHeaders().containsKey("access-control-allow-origin")) {
            return Map.of();
        }
        SamTemplate.Cors configuration = cors.orElseThrow();
        return Map.of("access-control-allow-methods", String.join(",", configuration.allowMethods()),
                "access-control-allow-headers", String.join(",", configuration.allowHeaders()),
                "access-control-max-age", String.valueOf(configuration.maxAgeSeconds()));
    }

    private static boolean isApiPath(String path) {
        return path.equals("/v1") || path.startsWith("/v1/") || path.startsWith(HttpRequest.LEGACY_BASE + "/v1/");
    }

    private static APIGatewayV2HTTPEvent event(HttpExchange exchange, SamTemplate.Route route, String path,
                                               Map<String, String> pathParameters) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        String rawQuery = exchange.getRequestURI().getRawQuery();
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int equals = pair.indexOf('=');
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                query.merge(name, value, (a, b) -> a + "," + b);
            }
        }
        byte[] body = exchange.getRequestBody().readAllBytes();
        String contentType = headers.getOrDefault("content-type", "");
        boolean text = contentType.contains("json") || contentType.startsWith("text/");
        var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod(route.method())
                .withPath(path)
                .withProtocol(exchange.getProtocol())
                .withSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress())
                .withUserAgent(headers.getOrDefault("user-agent", ""))
                .build();
        var context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withAccountId("000000000000")
                .withApiId("local")
                .withDomainName(headers.getOrDefault("host", "127.0.0.1"))
                .withHttp(http)
                .withRequestId(UUID.randomUUID().toString())
                .withRouteKey(route.routeKey())
                .withStage("$default")
                .withTimeEpoch(System.currentTimeMillis())
                .build();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(route.routeKey())
                .withRawPath(exchange.getRequestURI().getRawPath())
                .withRawQueryString(rawQuery == null ? "" : rawQuery)
                .withHeaders(headers)
                .withQueryStringParameters(query.isEmpty() ? null : query)
                .withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
                .withRequestContext(context)
                .withBody(body.length == 0 ? null : text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body))
                .withIsBase64Encoded(body.length > 0 && !text)
                .build();
    }

    private void send(HttpExchange exchange, int status, Map<String, String> headers, byte[] body) throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        edgeHeaders.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        boolean noBody = status == 204 || status == 304 || body.length == 0;
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
