package io.xmonitor.local;

import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.TokenRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.extensions.NimbusExtensionsKt;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponseKt;
import no.nav.security.mock.oauth2.http.Route;
import no.nav.security.mock.oauth2.token.OAuth2TokenCallback;
import okhttp3.Headers;
import okhttp3.HttpUrl;

/**
 * The stand-in for Cognito (or any OpenID Connect provider): a real issuer on 127.0.0.1 with
 * discovery, JWKS, a sign-in page (a plain user-name form in the dashboard's style; any user name
 * signs in), authorization code with PKCE, refresh tokens,
 * revocation and end session. Like Cognito it knows one client, the dashboard ({@link #CLIENT_ID}),
 * and sends the browser back only to the dashboard's registered addresses: an unknown client or a
 * redirect URI outside them is refused, so a wrong callback shows up here rather than after a
 * deployment. Its tokens live as long as asked, so a test can watch one expire, and its access
 * tokens have the shape of the issuer a deployed stage trusts ({@link AccessTokens}).
 */
public final class LocalIssuer implements AutoCloseable {

    /** The dashboard's client id, and the audience the local authorizer accepts. */
    public static final String CLIENT_ID = "xmonitor-dashboard";
    /** Where the issuer sends the browser back after a sign-in, below a dashboard origin. */
    public static final String CALLBACK_PATH = "/signed-in";
    private static final String ISSUER_ID = "xmonitor";
    private static final String SUBJECT_WITHOUT_LOGIN = "local-reader";

    /** What an access token names its client with; ID tokens always carry it as {@code aud}. */
    public enum AccessTokens {
        /** Cognito's: {@code client_id} and no {@code aud} (the authorizer then checks {@code client_id}). */
        COGNITO,
        /** Most other issuers': {@code aud} is the client id. */
        AUDIENCE
    }

    private final MockOAuth2Server server;
    private final Path signInPage;
    private volatile List<String> dashboardOrigins = List.of();

    private LocalIssuer(OAuth2Config config, Path signInPage) {
        this.server = new MockOAuth2Server(config, new Refusals());
        this.signInPage = signInPage;
    }

    /** Starts the issuer on {@code port} (0 picks a free one), issuing access tokens of {@code shape}. */
    public static LocalIssuer start(int port, Duration tokenLifetime, AccessTokens shape) {
        Path signInPage = signInPage();
        OAuth2Config base = OAuth2Config.Companion.fromJson("{\"interactiveLogin\": true, \"httpServer\": \"NettyWrapper\", "
                + "\"loginPagePath\": " + quoted(signInPage.toString()) + "}");
        LocalIssuer issuer = new LocalIssuer(new OAuth2Config(base.getInteractiveLogin(), base.getLoginPagePath(),
                base.getStaticAssetsPath(), base.getRotateRefreshToken(), base.getTokenProvider(),
                Set.of(new DashboardTokens(shape, tokenLifetime.toSeconds())), base.getHttpServer()), signInPage);
        try {
            issuer.server.start(InetAddress.getLoopbackAddress(), port);
        } catch (RuntimeException e) {
            deleteQuietly(signInPage);
            throw new UncheckedIOException(new IOException("the local sign-in issuer could not start on port " + port, e));
        }
        return issuer;
    }

    /**
     * The sign-in page, a plain user-name form in the dashboard's style, written where the issuer
     * reads it from (it serves a login page from a file).
     */
    private static Path signInPage() {
        try (InputStream page = LocalIssuer.class.getResourceAsStream("sign-in.html")) {
            if (page == null) {
                throw new IllegalStateException("sign-in.html is missing beside " + LocalIssuer.class.getName());
            }
            Path file = Files.createTempFile("xmonitor-sign-in-", ".html");
            Files.copy(page, file, StandardCopyOption.REPLACE_EXISTING);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }

    /**
     * The issuer URL: the {@code iss} of its tokens, with discovery under
     * {@code /.well-known/openid-configuration}. The issuer names itself after the host it was
     * reached on, so everyone uses this one spelling.
     */
    public String issuerUrl() {
        return "http://127.0.0.1:" + server.baseUrl().port() + "/" + ISSUER_ID;
    }

    /**
     * Registers where the dashboard runs, as a Cognito app client's callback and sign-out URLs:
     * {@code <origin>/signed-in} and {@code <origin>/} for each origin. Until then no sign-in can
     * come back anywhere.
     */
    public void registerDashboard(List<String> origins) {
        dashboardOrigins = List.copyOf(origins);
    }

    @Override
    public void close() {
        server.shutdown();
        deleteQuietly(signInPage);
    }

    /** An OAuth 2.0 error answer: its code and what was wrong. */
    private record Refusal(String error, String description) {
    }

    /** What Cognito refuses and the mock server would let through; these requests never reach it. */
    private final class Refusals implements Route {

        @Override
        public boolean match(OAuth2HttpRequest request) {
            return refusal(request).isPresent();
        }

        @Override
        public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
            Refusal refusal = refusal(request).orElseThrow();
            // The error as OAuth 2.0 spells it (the mock server's own helper lower-cases descriptions).
            OAuth2HttpResponse json = OAuth2HttpResponseKt.json(Map.of("error", refusal.error(), "error_description", refusal.description()));
            Headers.Builder headers = json.getHeaders().newBuilder();
            // The dashboard reads the token endpoint's answer from another origin, refusals included.
            String origin = request.getHeaders().get("origin");
            if (origin != null) {
                headers.set("access-control-allow-origin", origin).set("access-control-allow-credentials", "true");
            }
            return new OAuth2HttpResponse(headers.build(), 400, json.getBody(), json.getBytesBody());
        }

        private Optional<Refusal> refusal(OAuth2HttpRequest request) {
            HttpUrl url = request.getOriginalUrl();
            List<String> path = url.pathSegments();
            if (path.size() != 2 || !path.get(0).equals(ISSUER_ID) || request.getMethod().equals("OPTIONS")) {
                return Optional.empty();
            }
            Map<String, String> form = request.getMethod().equals("POST") && request.getBody() != null
                    ? request.getFormParameters().getMap() : Map.of();
            return switch (path.get(1)) {
                // The sign-in page posts its form back to the same address, query and all.
                case "authorize" -> unknownClient(url.queryParameter("client_id"))
                        .or(() -> unregistered(url.queryParameter("redirect_uri"), CALLBACK_PATH, "redirect_uri"));
                case "token" -> unknownClient(clientOf(request, form)).or(() -> GrantType.AUTHORIZATION_CODE.getValue().equals(form.get("grant_type"))
                        ? unregistered(form.get("redirect_uri"), CALLBACK_PATH, "redirect_uri") : Optional.empty());
                case "revoke" -> unknownClient(clientOf(request, form));
                case "endsession" -> Optional.ofNullable(url.queryParameter("client_id")).flatMap(this::unknownClient)
                        .or(() -> Optional.ofNullable(url.queryParameter("post_logout_redirect_uri"))
                                .flatMap(uri -> unregistered(uri, "/", "post_logout_redirect_uri")));
                default -> Optional.empty();
            };
        }

        private Optional<Refusal> unknownClient(String clientId) {
            return CLIENT_ID.equals(clientId) ? Optional.empty()
                    : Optional.of(new Refusal("invalid_client", "unknown client " + (clientId == null ? "(none given)" : clientId)
                    + "; the local issuer knows " + CLIENT_ID));
        }

        private Optional<Refusal> unregistered(String uri, String path, String parameter) {
            List<String> registered = dashboardOrigins.stream().map(origin -> origin + path).toList();
            return registered.contains(uri) ? Optional.empty()
                    : Optional.of(new Refusal("invalid_request", parameter + " " + (uri == null ? "(none given)" : uri) + " is not registered for "
                    + CLIENT_ID + "; registered: " + String.join(", ", registered)));
        }

        /** The client of a token or revocation request: its form, or HTTP Basic authentication. */
        private static String clientOf(OAuth2HttpRequest request, Map<String, String> form) {
            String basic = request.getHeaders().get("authorization");
            if (basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6)) {
                try {
                    String pair = new String(Base64.getDecoder().decode(basic.substring(6).strip()), StandardCharsets.UTF_8);
                    return URLDecoder.decode(pair.substring(0, Math.max(0, pair.indexOf(':'))), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
            return form.get("client_id");
        }
    }

    /**
     * The claims of the tokens, whichever grant asked: the user name of the sign-in page as
     * {@code sub} (the page adds it and its JSON claims), the client as the access token's
     * {@code aud} or {@code client_id}.
     */
    private record DashboardTokens(AccessTokens shape, long lifetimeSeconds) implements OAuth2TokenCallback {

        @Override
        public String issuerId() {
            return ISSUER_ID;
        }

        @Override
        public String subject(TokenRequest request) {
            return GrantType.CLIENT_CREDENTIALS.equals(request.getAuthorizationGrant().getType())
                    ? clientId(request) : SUBJECT_WITHOUT_LOGIN;
        }

        @Override
        public String typeHeader(TokenRequest request) {
            return "JWT";
        }

        @Override
        public List<String> audience(TokenRequest request) {
            return shape == AccessTokens.AUDIENCE ? List.of(clientId(request)) : List.of();
        }

        @Override
        public Map<String, Object> addClaims(TokenRequest request) {
            return shape == AccessTokens.COGNITO ? Map.of("client_id", clientId(request)) : Map.of();
        }

        @Override
        public long tokenExpiry() {
            return lifetimeSeconds;
        }

        private static String clientId(TokenRequest request) {
            return NimbusExtensionsKt.clientIdAsString(request);
        }
    }
}
