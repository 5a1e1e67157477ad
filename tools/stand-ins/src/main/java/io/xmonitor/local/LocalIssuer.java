package io.xmonitor.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;

/**
 * The stand-in for Cognito (or any OpenID Connect provider): a real issuer on 127.0.0.1 with
 * discovery, JWKS, an interactive sign-in page, authorization code with PKCE and refresh tokens.
 * Its tokens name the client that asked for them as audience ({@link #CLIENT_ID} for the
 * dashboard) and live as long as asked, so a test can watch one expire.
 */
public final class LocalIssuer implements AutoCloseable {

    /** The dashboard's client id, and the audience the local authorizer accepts. */
    public static final String CLIENT_ID = "xmonitor-dashboard";
    private static final String ISSUER_ID = "xmonitor";

    private final MockOAuth2Server server;

    private LocalIssuer(MockOAuth2Server server) {
        this.server = server;
    }

    /** Starts the issuer on {@code port} (0 picks a free one). */
    public static LocalIssuer start(int port, Duration tokenLifetime) {
        String config = """
                {"interactiveLogin": true, "httpServer": "NettyWrapper",
                 "tokenCallbacks": [{"issuerId": "%s", "tokenExpiry": %d,
                   "requestMappings": [{"requestParam": "grant_type", "match": "*", "claims": {"aud": ["${clientId}"]}}]}]}
                """.formatted(ISSUER_ID, tokenLifetime.toSeconds());
        MockOAuth2Server server = new MockOAuth2Server(OAuth2Config.Companion.fromJson(config));
        try {
            server.start(InetAddress.getLoopbackAddress(), port);
        } catch (RuntimeException e) {
            throw new UncheckedIOException(new IOException("the local sign-in issuer could not start on port " + port, e));
        }
        return new LocalIssuer(server);
    }

    /**
     * The issuer URL: the {@code iss} of its tokens, with discovery under
     * {@code /.well-known/openid-configuration}. The issuer names itself after the host it was
     * reached on, so everyone uses this one spelling.
     */
    public String issuerUrl() {
        return "http://127.0.0.1:" + server.baseUrl().port() + "/" + ISSUER_ID;
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
