package io.xmonitor.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.xmonitor.json.Json;
import io.xmonitor.local.LocalIssuer;
import io.xmonitor.tools.local.JwtAuthorizer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The local issuer behaves like the dashboard's Cognito app client: it knows one client, sends the
 * browser back only to the registered addresses, and issues both shapes of access token that the
 * authorizer rule distinguishes, through the real code + PKCE flow with its sign-in page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalIssuerTest {

    private static final String DASHBOARD = "http://127.0.0.1:3000";
    private static final String CALLBACK = DASHBOARD + "/signed-in";
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private final HttpClient http = HttpClient.newHttpClient();
    private LocalIssuer cognito;
    private LocalIssuer audience;

    @BeforeAll
    void start() {
        cognito = LocalIssuer.start(0, Duration.ofMinutes(5), LocalIssuer.AccessTokens.COGNITO);
        audience = LocalIssuer.start(0, Duration.ofMinutes(5), LocalIssuer.AccessTokens.AUDIENCE);
        for (LocalIssuer issuer : List.of(cognito, audience)) {
            issuer.registerDashboard(List.of(DASHBOARD));
        }
    }

    @AfterAll
    void stop() {
        cognito.close();
        audience.close();
    }

    @Test
    void cognitoShapedAccessTokensNameTheirClientWithClientIdAndHaveNoAudienceAndTheAuthorizerAcceptsThem() throws Exception {
        JsonNode tokens = signIn(cognito, "ada", "nonce-cognito");
        JWTClaimsSet access = claims(tokens, "access_token");
        assertThat(access.getAudience()).isEmpty();
        assertThat(access.getClaim("aud")).isNull();
        assertThat(access.getStringClaim("client_id")).isEqualTo(LocalIssuer.CLIENT_ID);
        assertThat(access.getSubject()).isEqualTo("ada");
        JWTClaimsSet id = claims(tokens, "id_token");
        assertThat(id.getAudience()).containsExactly(LocalIssuer.CLIENT_ID);
        assertThat(id.getStringClaim("nonce")).isEqualTo("nonce-cognito");

        JwtAuthorizer authorizer = JwtAuthorizer.forIssuer(cognito.issuerUrl(), Set.of(LocalIssuer.CLIENT_ID));
        assertThat(authorizer.authorize("Bearer " + tokens.path("access_token").asText()))
                .isInstanceOfSatisfying(JwtAuthorizer.Decision.Allowed.class,
                        allowed -> assertThat(allowed.claims()).containsEntry("client_id", LocalIssuer.CLIENT_ID).doesNotContainKey("aud"));
        assertThat(JwtAuthorizer.forIssuer(cognito.issuerUrl(), Set.of("another-app")).authorize(tokens.path("access_token").asText()))
                .as("client_id is checked when there is no aud").isInstanceOf(JwtAuthorizer.Decision.Denied.class);
    }

    @Test
    void audienceShapedAccessTokensNameTheirClientAsAudAndTheAuthorizerAcceptsThem() throws Exception {
        JsonNode tokens = signIn(audience, "grace", "nonce-audience");
        JWTClaimsSet access = claims(tokens, "access_token");
        assertThat(access.getAudience()).containsExactly(LocalIssuer.CLIENT_ID);
        assertThat(access.getClaim("client_id")).isNull();
        assertThat(claims(tokens, "id_token").getStringClaim("nonce")).isEqualTo("nonce-audience");

        assertThat(JwtAuthorizer.forIssuer(audience.issuerUrl(), Set.of(LocalIssuer.CLIENT_ID)).authorize(tokens.path("access_token").asText()))
                .isInstanceOf(JwtAuthorizer.Decision.Allowed.class);
        assertThat(JwtAuthorizer.forIssuer(audience.issuerUrl(), Set.of("another-app")).authorize(tokens.path("access_token").asText()))
                .isInstanceOf(JwtAuthorizer.Decision.Denied.class);
    }

    @Test
    void anUnknownClientGetsNoSignInPageAndNoToken() throws Exception {
        HttpResponse<String> page = get(authorizeUrl(cognito, "another-app", CALLBACK, "n"));
        assertRefused(page, "invalid_client", "unknown client another-app");
        for (String grant : List.of("client_credentials", "refresh_token", "authorization_code")) {
            HttpResponse<String> token = post(cognito.issuerUrl() + "/token", Map.of("grant_type", grant, "client_id", "another-app",
                    "client_secret", "x", "refresh_token", "r", "code", "c", "redirect_uri", CALLBACK));
            assertRefused(token, "invalid_client", "unknown client another-app");
        }
        HttpResponse<String> basic = http.send(HttpRequest.newBuilder(URI.create(cognito.issuerUrl() + "/token"))
                .header("content-type", "application/x-www-form-urlencoded")
                .header("authorization", "Basic " + Base64.getEncoder().encodeToString("another-app:secret".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=openid")).build(), HttpResponse.BodyHandlers.ofString());
        assertRefused(basic, "invalid_client", "another-app");
        assertRefused(post(cognito.issuerUrl() + "/revoke", Map.of("token", "t", "client_id", "another-app")), "invalid_client", "another-app");

        HttpResponse<String> known = post(cognito.issuerUrl() + "/token",
                Map.of("grant_type", "client_credentials", "client_id", LocalIssuer.CLIENT_ID, "client_secret", "local", "scope", "openid"));
        assertThat(known.statusCode()).as(known.body()).isEqualTo(200);
    }

    @Test
    void aRedirectUriOutsideTheRegisteredCallbacksIsRefusedWhereverItIsSent() {
        qt().withExamples(60).forAll(integers().between(0, 6), integers().between(1, 65_535), strings().betweenCodePoints('a', 'z').ofLengthBetween(1, 8))
                .assuming((mutation, port, word) -> !nearMiss(mutation, port, word).equals(CALLBACK))
                .checkAssert((mutation, port, word) -> {
                    String uri = nearMiss(mutation, port, word);
                    try {
                        assertRefused(get(authorizeUrl(cognito, LocalIssuer.CLIENT_ID, uri, "n")), "invalid_request", "redirect_uri " + uri);
                        assertRefused(post(cognito.issuerUrl() + "/token", Map.of("grant_type", "authorization_code", "client_id", LocalIssuer.CLIENT_ID,
                                "code", "c", "redirect_uri", uri, "code_verifier", VERIFIER)), "invalid_request", "redirect_uri " + uri);
                        assertRefused(get(cognito.issuerUrl() + "/endsession?client_id=" + LocalIssuer.CLIENT_ID + "&post_logout_redirect_uri="
                                + encode(uri)), "invalid_request", "post_logout_redirect_uri " + uri);
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
    }

    /** The registered callback, changed in one place: path, port, query, fragment, host, scheme or case. */
    private static String nearMiss(int mutation, int port, String word) {
        return switch (mutation) {
            case 0 -> CALLBACK + "/" + word;
            case 1 -> "http://127.0.0.1:" + port + "/signed-in";
            case 2 -> CALLBACK + "?" + word + "=1";
            case 3 -> CALLBACK + "#" + word;
            case 4 -> "http://127.0.0.1:3000." + word + ".example/signed-in";
            case 5 -> "https://127.0.0.1:3000/signed-in";
            default -> DASHBOARD + "/" + word.toUpperCase(java.util.Locale.ROOT).charAt(0) + "igned-in";
        };
    }

    @Test
    void signingOutReturnsOnlyToTheDashboard() throws Exception {
        HttpResponse<String> back = get(cognito.issuerUrl() + "/endsession?client_id=" + LocalIssuer.CLIENT_ID
                + "&post_logout_redirect_uri=" + encode(DASHBOARD + "/"));
        assertThat(back.statusCode()).isEqualTo(302);
        assertThat(back.headers().firstValue("location")).contains(DASHBOARD + "/");
    }

    @Test
    void beforeTheDashboardIsRegisteredNoSignInComesBackAnywhere() throws Exception {
        try (LocalIssuer fresh = LocalIssuer.start(0, Duration.ofMinutes(1), LocalIssuer.AccessTokens.COGNITO)) {
            assertRefused(get(authorizeUrl(fresh, LocalIssuer.CLIENT_ID, CALLBACK, "n")), "invalid_request", "registered: ");
        }
    }

    /** The browser's part of a sign-in: the issuer's page, the form posted, the code exchanged with its PKCE verifier. */
    private JsonNode signIn(LocalIssuer issuer, String user, String nonce) throws Exception {
        String authorize = authorizeUrl(issuer, LocalIssuer.CLIENT_ID, CALLBACK, nonce);
        HttpResponse<String> page = get(authorize);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("name=\"username\"");
        HttpResponse<String> submitted = http.send(HttpRequest.newBuilder(URI.create(authorize))
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&claims=")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(302);
        URI back = URI.create(submitted.headers().firstValue("location").orElseThrow());
        assertThat(back.getScheme() + "://" + back.getAuthority() + back.getPath()).isEqualTo(CALLBACK);
        String code = query(back).get("code");
        HttpResponse<String> tokens = post(issuer.issuerUrl() + "/token", Map.of("grant_type", "authorization_code", "code", code,
                "client_id", LocalIssuer.CLIENT_ID, "redirect_uri", CALLBACK, "code_verifier", VERIFIER));
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        return Json.mapper().readTree(tokens.body());
    }

    private static String authorizeUrl(LocalIssuer issuer, String clientId, String redirectUri, String nonce) throws Exception {
        String challenge = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(VERIFIER.getBytes(StandardCharsets.US_ASCII)));
        return issuer.issuerUrl() + "/authorize?response_type=code&scope=openid&state=s&client_id=" + encode(clientId)
                + "&redirect_uri=" + encode(redirectUri) + "&nonce=" + encode(nonce)
                + "&code_challenge=" + challenge + "&code_challenge_method=S256";
    }

    private static JWTClaimsSet claims(JsonNode tokens, String name) throws Exception {
        return SignedJWT.parse(tokens.path(name).asText()).getJWTClaimsSet();
    }

    private static void assertRefused(HttpResponse<String> response, String error, String description) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode body = Json.mapper().readTree(response.body());
        assertThat(body.path("error").asText()).isEqualTo(error);
        assertThat(body.path("error_description").asText()).contains(description);
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            parameters.put(parts[0], java.net.URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return parameters;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
