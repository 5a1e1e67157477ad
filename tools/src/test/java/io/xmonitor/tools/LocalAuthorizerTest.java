package io.xmonitor.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.xmonitor.json.Json;
import io.xmonitor.local.LocalIssuer;
import io.xmonitor.tools.local.LocalStack;
import io.xmonitor.tools.local.StackState;
import io.xmonitor.tools.template.SamTemplate;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * `xmonitor local --auth`: the local API guards exactly the routes template.yaml puts behind its
 * JWT authorizer, with API Gateway's rule, against tokens from the real local issuer.
 */
class LocalAuthorizerTest {

    private static final String KEY = "authorizer-test-key";
    private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(3);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalStack stack;
    private static StackState state;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.start(new LocalStack.Options(0, null, null, null, null, KEY, 1, null,
                Optional.of(new LocalStack.SignIn(0, TOKEN_LIFETIME, LocalIssuer.AccessTokens.COGNITO))));
        state = stack.state();
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    @Test
    void theGuardedRoutesAreExactlyTheTemplatesAndHealthAndIngestRoutesStayAsTheyWere() throws Exception {
        List<SamTemplate.Route> routes = SamTemplate.parse(Repository.read("template.yaml")).routes(Map.of("ReadsNeedJwt", true));
        Set<String> guardedOnTheWire = new TreeSet<>();
        for (SamTemplate.Route route : routes) {
            String path = route.path().replaceAll("\\{[^/}]+}", "1");
            HttpResponse<String> anonymous = send(route.method(), path, Map.of("x-api-key", KEY));
            boolean refusedByTheAuthorizer = anonymous.statusCode() == 401 && isAuthorizerRefusal(anonymous);
            if (refusedByTheAuthorizer) {
                HttpResponse<String> signedIn = send(route.method(), path, Map.of("authorization", "Bearer " + token(LocalIssuer.CLIENT_ID)));
                assertThat(signedIn.statusCode()).as(route.routeKey() + " with a valid token: " + signedIn.body()).isNotEqualTo(401);
                guardedOnTheWire.add(route.routeKey());
            }
        }
        Set<String> guardedInTheTemplate = routes.stream().filter(SamTemplate.Route::jwt).map(SamTemplate.Route::routeKey)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(guardedOnTheWire).isEqualTo(guardedInTheTemplate).hasSize(9).doesNotContain("GET /v1/health");

        assertThat(send("GET", "/v1/health", Map.of()).statusCode()).isEqualTo(200);
        HttpResponse<String> ingestWithoutKey = send("POST", "/v1/ingest/posts/batch", Map.of());
        assertThat(ingestWithoutKey.statusCode()).isEqualTo(401);
        assertThat(isAuthorizerRefusal(ingestWithoutKey)).as("the ingest key is the function's check, not the authorizer's").isFalse();
    }

    @Test
    void theContentSecurityPolicyLetsTheDashboardReachTheLocalIssuer() throws Exception {
        String issuerOrigin = URI.create(state.issuerUrl()).getScheme() + "://" + URI.create(state.issuerUrl()).getAuthority();
        assertThat(issuerOrigin).matches("http://127\\.0\\.0\\.1:\\d+");
        for (String path : List.of("/", "/v1/health")) {
            String policy = send("GET", path, Map.of()).headers().firstValue("content-security-policy").orElseThrow();
            assertThat(TemplateTest.directives(policy).get("connect-src")).as(path).containsExactly("'self'", issuerOrigin);
        }
    }

    @Test
    void aValidTokenReadsTheFeedWithOrWithoutTheBearerPrefix() throws Exception {
        HttpResponse<String> feed = send("GET", "/v1/feed", Map.of("authorization", "Bearer " + token(LocalIssuer.CLIENT_ID)));
        assertThat(feed.statusCode()).as(feed.body()).isEqualTo(200);
        assertThat(Json.mapper().readTree(feed.body()).has("items")).isTrue();
        assertThat(send("GET", "/v1/feed", Map.of("authorization", token(LocalIssuer.CLIENT_ID))).statusCode()).isEqualTo(200);
    }

    @Test
    void aMissingOrUnreadableTokenIsRefused() throws Exception {
        assertRefused(send("GET", "/v1/feed", Map.of()), "no token");
        assertRefused(send("GET", "/v1/feed", Map.of("authorization", "Bearer ")), "no token");
        assertRefused(send("GET", "/v1/feed", Map.of("authorization", "Bearer not-a-jwt")), "not a JWT");
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        String token = token(LocalIssuer.CLIENT_ID);
        assertThat(send("GET", "/v1/feed", Map.of("authorization", "Bearer " + token)).statusCode()).isEqualTo(200);
        Instant expiry = SignedJWT.parse(token).getJWTClaimsSet().getExpirationTime().toInstant();
        assertThat(Duration.between(Instant.now(), expiry)).isLessThanOrEqualTo(TOKEN_LIFETIME);
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), expiry).toMillis()) + 1_100);
        assertRefused(send("GET", "/v1/feed", Map.of("authorization", "Bearer " + token)), "Expired JWT");
    }

    @Test
    void aTokenFromAnotherIssuerIsRefusedThoughItsSignatureIsGood() throws Exception {
        // The issuer names itself after the host it is reached on: same keys, another iss.
        String elsewhere = state.issuerUrl().replace("127.0.0.1", "localhost");
        String token = token(elsewhere, LocalIssuer.CLIENT_ID);
        assertThat(SignedJWT.parse(token).getJWTClaimsSet().getIssuer()).isEqualTo(elsewhere);
        assertRefused(send("GET", "/v1/feed", Map.of("authorization", "Bearer " + token)), "iss");
    }

    @Test
    void aTokenWithAlteredClaimsFailsItsSignature() throws Exception {
        SignedJWT valid = SignedJWT.parse(token(LocalIssuer.CLIENT_ID));
        JWTClaimsSet altered = new JWTClaimsSet.Builder(valid.getJWTClaimsSet()).subject("someone-else").build();
        String forged = valid.getHeader().toBase64URL() + "." + Base64URL.encode(altered.toString()) + "." + valid.getSignature();
        assertRefused(send("GET", "/v1/feed", Map.of("authorization", "Bearer " + forged)), "signature");
    }

    @Test
    void anUnsignedTokenIsRefused() throws Exception {
        JWTClaimsSet claims = SignedJWT.parse(token(LocalIssuer.CLIENT_ID)).getJWTClaimsSet();
        String unsigned = new PlainJWT(new JWTClaimsSet.Builder(claims).expirationTime(Date.from(Instant.now().plusSeconds(600))).build()).serialize();
        assertThat(unsigned).endsWith(".");
        assertRefused(send("GET", "/v1/feed", Map.of("authorization", "Bearer " + unsigned)), "signature");
    }

    private static void assertRefused(HttpResponse<String> response, String reason) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(isAuthorizerRefusal(response)).isTrue();
        assertThat(response.headers().firstValue("www-authenticate")).get().asString().containsIgnoringCase(reason);
    }

    /** API Gateway's own 401: JSON with just a message, the reason in WWW-Authenticate. */
    private static boolean isAuthorizerRefusal(HttpResponse<String> response) throws Exception {
        JsonNode body = Json.mapper().readTree(response.body().isEmpty() ? "{}" : response.body());
        return response.headers().firstValue("content-type").orElse("").startsWith("application/json")
                && body.size() == 1 && body.path("message").asText().equals("Unauthorized")
                && response.headers().firstValue("www-authenticate").orElse("").startsWith("Bearer error=\"invalid_token\"");
    }

    private static String token(String clientId) throws Exception {
        return token(state.issuerUrl(), clientId);
    }

    /** A token from the local issuer for {@code clientId} (client credentials, which the local issuer grants its one client). */
    private static String token(String issuerUrl, String clientId) throws Exception {
        String form = "grant_type=client_credentials&scope=openid&client_secret=local&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(issuerUrl + "/token"))
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.mapper().readTree(response.body()).path("access_token").asText();
    }

    private static HttpResponse<String> send(String method, String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(state.apiUrl() + path))
                .method(method, method.equals("POST") ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        if (method.equals("POST")) {
            request.header("content-type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
