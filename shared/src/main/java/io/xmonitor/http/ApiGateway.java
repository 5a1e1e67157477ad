package io.xmonitor.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
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
                body));
    }

    public static APIGatewayV2HTTPResponse response(HttpResponse response) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(response.headers())
                .withBody(response.body())
                .withIsBase64Encoded(false)
                .build();
    }

    /** Decodes the event, lets {@code service} answer, encodes the answer: a handler's whole job. */
    public static APIGatewayV2HTTPResponse serve(APIGatewayV2HTTPEvent event, Function<HttpRequest, HttpResponse> service) {
        return request(event)
                .map(service)
                .map(ApiGateway::response)
                .orElseGet(() -> response(HttpResponse.error(400, "body is marked base64 but is not valid base64")));
    }
}
