package io.xmonitor.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.HashMap;
import java.util.Map;

/** API Gateway HTTP API (payload 2.0) events as the deployed API sends them. */
public final class ApiEvents {

    private ApiEvents() {
    }

    public static APIGatewayV2HTTPEvent request(String method, String path, Map<String, String> headers,
                                                Map<String, String> query, String body, boolean base64) {
        var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod(method)
                .withPath(path)
                .withProtocol("HTTP/1.1")
                .withSourceIp("127.0.0.1")
                .withUserAgent("xmonitor-test")
                .build();
        var context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withHttp(http)
                .withRouteKey(method + " " + path)
                .withStage("$default")
                .withRequestId("test-request")
                .withTimeEpoch(System.currentTimeMillis())
                .build();
        Map<String, String> allHeaders = new HashMap<>(headers);
        allHeaders.putIfAbsent("content-type", "application/json");
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(method + " " + path)
                .withRawPath(path)
                .withRawQueryString("")
                .withHeaders(allHeaders)
                .withQueryStringParameters(query.isEmpty() ? null : query)
                .withRequestContext(context)
                .withBody(body)
                .withIsBase64Encoded(base64)
                .build();
    }

    public static APIGatewayV2HTTPEvent post(String path, String apiKey, String body) {
        return request("POST", path, apiKey == null ? Map.of() : Map.of("x-api-key", apiKey), Map.of(), body, false);
    }

    public static APIGatewayV2HTTPEvent get(String path, Map<String, String> query) {
        return request("GET", path, Map.of(), query, null, false);
    }
}
