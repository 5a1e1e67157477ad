package io.xmonitor.tools.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.xmonitor.json.Json;
import io.xmonitor.json.JsonDocument;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the HTTP API's JWT authorizer does in front of a protected route, locally: the token from
 * the Authorization header (with or without "Bearer "), signed RS256 with a key from the issuer's
 * JWKS (the key named by its {@code kid}), {@code iss} equal to the issuer, {@code aud} (or,
 * without one, {@code client_id}) among the audiences, {@code exp} in the future and {@code nbf}
 * and {@code iat} not in it. Anything else, another algorithm of the RSA family and
 * {@code alg: none} included, is denied.
 */
public final class JwtAuthorizer {

    /** The outcome for one request: the claims the route's function sees, or why it got 401. */
    public sealed interface Decision {
        record Allowed(Map<String, String> claims, List<String> scopes) implements Decision {
        }

        record Denied(String reason) implements Decision {
        }
    }

    private static final Pattern BEARER = Pattern.compile("^(?i:bearer)(\\s+|$)");

    private final String issuer;
    private final Set<String> audiences;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    private JwtAuthorizer(String issuer, Set<String> audiences, JWKSource<SecurityContext> keys) {
        this.issuer = issuer;
        this.audiences = audiences;
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        // AWS documents "RSA-based algorithms"; every issuer this stack trusts signs RS256, and a
        // narrower rule here means a token accepted locally is one API Gateway accepts.
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("exp"));
        claims.setMaxClockSkew(0);
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** An authorizer for tokens of {@code issuer}, its keys found through its OpenID discovery document. */
    public static JwtAuthorizer forIssuer(String issuer, Set<String> audiences) {
        URI discovery = URI.create(issuer + "/.well-known/openid-configuration");
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200 || !(Json.parse(response.body()) instanceof JsonDocument.Parsed parsed)) {
                throw new IllegalStateException(discovery + " answered " + response.statusCode() + " without a discovery document");
            }
            JsonNode jwksUri = parsed.root().path("jwks_uri");
            if (!jwksUri.isTextual()) {
                throw new IllegalStateException(discovery + " names no jwks_uri");
            }
            URL keys = URI.create(jwksUri.asText()).toURL();
            return withKeys(issuer, audiences, JWKSourceBuilder.<SecurityContext>create(keys).build());
        } catch (IOException e) {
            throw new IllegalStateException("the issuer's discovery document " + discovery + " could not be read: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + discovery, e);
        }
    }

    /** An authorizer for tokens of {@code issuer} signed with {@code keys}. */
    public static JwtAuthorizer withKeys(String issuer, Set<String> audiences, JWKSource<SecurityContext> keys) {
        return new JwtAuthorizer(issuer, Set.copyOf(audiences), keys);
    }

    public String issuer() {
        return issuer;
    }

    public Decision authorize(String authorizationHeader) {
        String token = authorizationHeader == null ? "" : BEARER.matcher(authorizationHeader.strip()).replaceFirst("");
        if (token.isBlank()) {
            return new Decision.Denied("no token in the Authorization header");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException e) {
            return new Decision.Denied("the token is not a JWT");
        } catch (BadJWTException e) {
            return new Decision.Denied(e.getMessage());
        } catch (BadJOSEException e) {
            return new Decision.Denied("the token's signature is not the issuer's: " + e.getMessage());
        } catch (JOSEException e) {
            return new Decision.Denied("the token could not be verified: " + e.getMessage());
        }
        if (!hasAcceptedAudience(claims)) {
            return new Decision.Denied("the token is for another audience");
        }
        if (claims.getIssueTime() != null && claims.getIssueTime().after(new Date())) {
            return new Decision.Denied("the token's iat is in the future");
        }
        Map<String, String> flat = new LinkedHashMap<>();
        claims.getClaims().forEach((name, value) -> flat.put(name, String.valueOf(value instanceof Date date
                ? date.toInstant().getEpochSecond() : value)));
        String scope = claims.getClaims().get("scope") instanceof String s ? s : "";
        return new Decision.Allowed(flat, scope.isBlank() ? List.of() : List.of(scope.split(" ")));
    }

    /** API Gateway's rule: one of {@code aud} is accepted, or there is no {@code aud} and {@code client_id} is. */
    private boolean hasAcceptedAudience(JWTClaimsSet claims) {
        List<String> audience = claims.getAudience();
        if (!audience.isEmpty()) {
            return audience.stream().anyMatch(audiences::contains);
        }
        return claims.getClaims().get("client_id") instanceof String clientId && audiences.contains(clientId);
    }
}
