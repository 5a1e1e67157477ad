package io.xmonitor.http;

import io.xmonitor.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A response with a JSON body (or none). Errors always have the one shape of the contract:
 * {@code {"error": "<message>"}}.
 */
public record HttpResponse(int status, Map<String, String> headers, String body) {

    public HttpResponse {
        headers = Map.copyOf(headers);
    }

    public static HttpResponse json(int status, Object body) {
        return new HttpResponse(status, Map.of("content-type", "application/json"), Json.write(body));
    }

    public static HttpResponse error(int status, String message) {
        return json(status, new ErrorBody(message, null));
    }

    public static HttpResponse empty(int status) {
        return new HttpResponse(status, Map.of(), "");
    }

    public HttpResponse withHeader(String name, String value) {
        Map<String, String> merged = new LinkedHashMap<>(headers);
        merged.put(name, value);
        return new HttpResponse(status, merged, body);
    }

    public HttpResponse withHeaders(Map<String, String> extra) {
        Map<String, String> merged = new LinkedHashMap<>(headers);
        merged.putAll(extra);
        return new HttpResponse(status, merged, body);
    }

    /** The one error shape; {@code request_id} only on a 500, for the operator to find the log line. */
    public record ErrorBody(String error, String requestId) {
    }
}
