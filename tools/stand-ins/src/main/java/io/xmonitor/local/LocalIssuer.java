package io.xmonitor.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;

/**
 * The stand-in for Cognito (or any OpenID Connect provider): a real issuer on 127.0.0.1 with
 * discovery, JWKS, a sign-in page (any user name), authorization code with PKCE and refresh tokens.
 * Its tokens name the client that asked for them as audience ({@link #CLIENT_ID} for the
 * dashboard) and live as long as asked, so a test can watch one expire.
 */
public final class LocalIssuer implements AutoCloseable {

    /** The dashboard's client id, and the audience the local authorizer accepts. */
    public static final String CLIENT_ID = "xmonitor-dashboard";
    private static final String ISSUER_ID = "xmonitor";

    private final MockOAuth2Server server;
    private final Path signInPage;

    private LocalIssuer(MockOAuth2Server server, Path signInPage) {
        this.server = server;
        this.signInPage = signInPage;
    }

    /** Starts the issuer on {@code port} (0 picks a free one). */
    public static LocalIssuer start(int port, Duration tokenLifetime) {
        Path signInPage = signInPage();
        String config = """
                {"interactiveLogin": true, "httpServer": "NettyWrapper", "loginPagePath": %s,
                 "tokenCallbacks": [{"issuerId": "%s", "tokenExpiry": %d,
                   "requestMappings": [{"requestParam": "grant_type", "match": "*", "claims": {"aud": ["${clientId}"]}}]}]}
                """.formatted(quoted(signInPage.toString()), ISSUER_ID, tokenLifetime.toSeconds());
        MockOAuth2Server server = new MockOAuth2Server(OAuth2Config.Companion.fromJson(config));
        try {
            server.start(InetAddress.getLoopbackAddress(), port);
        } catch (RuntimeException e) {
            deleteQuietly(signInPage);
            throw new UncheckedIOException(new IOException("the local sign-in issuer could not start on port " + port, e));
        }
        return new LocalIssuer(server, signInPage);
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

    @Override
    public void close() {
        server.shutdown();
        deleteQuietly(signInPage);
    }
}
