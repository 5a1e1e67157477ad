package io.xmonitor.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import io.xmonitor.log.JsonLog;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.Optional;
import java.util.function.Function;

/** Converts API Gateway HTTP API (payload 2.0) events to {@link HttpRequest} and responses back. */
public final class ApiGateway {

    private ApiGateway() {
    }

    /** The request, or empty when the event's body claims base64 but is not. */
    public static Optional<HttpRequest> request(APIGatewayV2HTTPEvent event) {
        var http = event.getRequestContext() == null ? null : event.getRequestContext().getHttp();
        String method = http != null && http.getMethod() != null ? http.getMethod() : "GET";
        String path = event.getRawPath() != null ? event.getRawPath() : (http != null ? http.getPath() : "/");
        byte[] body;
        if (event.getBody() == null) {
            body = new byte[0];
        } else if (event.getIsBase64Encoded()) {
            try {
                body = Base64.getDecoder().decode(event.getBody());
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        } else {
            body = event.getBody().getBytes(StandardCharsets.UTF_8);
        }
        return Optional.of(new HttpRequest(method, path,
                event.getHeaders() == null ? Map.of() : event.getHeaders(),
                event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters(),
                body, verifiedClaims(event)));
    }

    /**
     * How many bytes the request's body takes in the event API Gateway passes to Lambda, whose
     * invocation payload is limited to 6 MB: a JSON or text body as a JSON string (each quote and
     * backslash escaped, a control character as a six-character escape), any other as base64. A
     * body's own length is not what the path limits: a body of quotes doubles.
     */
    public static long eventBodyBytes(HttpRequest request) {
        String contentType = request.header("content-type").orElse("").toLowerCase(Locale.ROOT);
        byte[] body = request.body();
        if (!contentType.contains("json") && !contentType.startsWith("text/")) {
            return (body.length + 2L) / 3 * 4;
        }
        long size = body.length;
        for (byte b : body) {
            if (b == '"' || b == '\\' || b == '\n' || b == '\r' || b == '\t' || b == '\b' || b == '\f') {
                size += 1;
            } else if (b >= 0 && b < 0x20) {
                size += 5;
            }
        }
        return size;
    }

    /** What the route's JWT authorizer put in {@code requestContext.authorizer.jwt.claims}; empty without one. */
    private static Map<String, String> verifiedClaims(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        if (context == null || context.getAuthorizer() == null || context.getAuthorizer().getJwt() == null
                || context.getAuthorizer().getJwt().getClaims() == null) {
            return Map.of();
        }
        Map<String, String> claims = new LinkedHashMap<>();
        context.getAuthorizer().getJwt().getClaims().forEach((name, value) -> {
            if (name != null && value != null) {
                claims.put(name, value);
            }
        });
        return claims;
    }

    /**
     * What every answer carries unless its route says otherwise: its content type is never sniffed,
     * and no cache keeps it (the data sits behind a sign-in and changes by the second).
     */
    public static final Map<String, String> DEFAULT_HEADERS = Map.of(
            "x-content-type-options", "nosniff",
            "cache-control", "no-store");

    public static APIGatewayV2HTTPResponse response(HttpResponse response) {
        Map<String, String> headers = new LinkedHashMap<>(DEFAULT_HEADERS);
        headers.putAll(response.headers());
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(headers)
                .withBody(response.body())
                .withIsBase64Encoded(false)
                .build();
    }

    /**
     * Decodes the event, lets {@code service} answer, encodes the answer: a handler's whole job.
     * Whatever the service did not expect becomes a logged JSON 500 that names the request, never
     * a runtime error page or an empty body.
     */
    public static APIGatewayV2HTTPResponse serve(APIGatewayV2HTTPEvent event, Function<HttpRequest, HttpResponse> service) {
        try {
            return request(event)
                    .map(service)
                    .map(ApiGateway::response)
                    .orElseGet(() -> response(HttpResponse.error(400, "body is marked base64 but is not valid base64")));
        } catch (RuntimeException unexpected) {
            String requestId = requestId(event);
            Map<String, Object> log = new LinkedHashMap<>();
            log.put("request_id", requestId);
            log.put("route", event.getRawPath());
            log.put("error", unexpected.getClass().getName());
            StackTraceElement[] trace = unexpected.getStackTrace();
            if (trace.length > 0) {
                log.put("at", trace[0].toString());
            }
            JsonLog.error("unexpected_error", log);
            return response(HttpResponse.json(500, new HttpResponse.ErrorBody(
                    "internal error; quote request id " + requestId + " when reporting it", requestId)));
        }
    }

    private static String requestId(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        return context != null && context.getRequestId() != null ? context.getRequestId() : UUID.randomUUID().toString();
    }
}
