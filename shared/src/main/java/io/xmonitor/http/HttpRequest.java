package io.xmonitor.http;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A request as the functions see it, whatever carried it (API Gateway or the local server).
 * {@code verifiedClaims} are the claims of the JWT the gateway's authorizer verified for the
 * route, empty when none did. The base path of the API this one replaces, {@code /api/v1},
 * reaches the same routes as {@code /v1}: collectors configured for it keep working.
 */
public record HttpRequest(String method, String path, Map<String, String> headers, Map<String, String> query,
                          byte[] body, Map<String, String> verifiedClaims) {

    public static final String LEGACY_BASE = "/api";

    public HttpRequest {
        method = method.toUpperCase(Locale.ROOT);
        path = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        path = path.startsWith(LEGACY_BASE + "/v1/") ? path.substring(LEGACY_BASE.length()) : path;
        headers = lowerCaseKeys(headers);
        query = Map.copyOf(query);
        body = body == null ? new byte[0] : body;
        verifiedClaims = Map.copyOf(verifiedClaims);
    }

    /** A request no authorizer looked at. */
    public HttpRequest(String method, String path, Map<String, String> headers, Map<String, String> query, byte[] body) {
        this(method, path, headers, query, body, Map.of());
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    public Optional<String> queryParameter(String name) {
        return Optional.ofNullable(query.get(name));
    }

    private static Map<String, String> lowerCaseKeys(Map<String, String> headers) {
        var copy = new HashMap<String, String>();
        headers.forEach((k, v) -> copy.put(k.toLowerCase(Locale.ROOT), v));
        return Map.copyOf(copy);
    }
}
