package io.xmonitor.tools.local;

import io.xmonitor.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The built dashboard ({@code web/dist}) served beside the API from one origin, with the cache
 * headers CloudFront gets in a deployed stack: content-hashed files under {@code /assets/} are
 * immutable, everything else (index.html first) is revalidated on every load. Paths that are not
 * files are the app's own routes and get index.html. {@code /config.json} is the runtime
 * configuration, written here from the running stack as {@code xmonitor web publish} writes it
 * from a deployed one.
 */
public final class DashboardSite {

    public static final String CLASSPATH_ROOT = "dashboard/";
    public static final String IMMUTABLE = "public, max-age=31536000, immutable";
    public static final String REVALIDATE = "no-cache";

    private static final Map<String, String> CONTENT_TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("webmanifest", "application/manifest+json"));

    /** {@code /config.json}: where the API is, and (when reads need a token) how to sign in. */
    public record RuntimeConfig(String apiBase, Oidc oidc) {

        /**
         * An OpenID Connect issuer and the dashboard's public client there. {@code logoutUrl} and
         * {@code revocationUrl} only for Cognito: its end-session endpoint takes other parameters
         * than OpenID Connect's (so the URL is complete), and its revocation endpoint is given
         * here rather than trusted to its discovery document.
         */
        public record Oidc(String issuer, String clientId, String scope, String logoutUrl, String revocationUrl) {

            /** What the dashboard asks of an issuer: who the reader is, nothing more. */
            public static final String SCOPE = "openid profile email";
        }
    }

    /** A file of the site and how to send it. */
    public record Asset(byte[] body, String contentType, String cacheControl) {
    }

    /** Where the files come from: a directory (development) or the tools jar (packaged build). */
    private interface FileSource {
        Optional<byte[]> read(String relativePath);
    }

    private final FileSource files;
    private final byte[] runtimeConfig;

    private DashboardSite(FileSource files, RuntimeConfig runtimeConfig) {
        this.files = files;
        this.runtimeConfig = Json.writeBytes(runtimeConfig);
    }

    /** The dashboard in {@code directory}, or empty when it holds no index.html. */
    public static Optional<DashboardSite> fromDirectory(Path directory, RuntimeConfig runtimeConfig) {
        Path root = directory.toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("index.html"))) {
            return Optional.empty();
        }
        return Optional.of(new DashboardSite(relative -> {
            Path file = root.resolve(relative).normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                return Optional.empty();
            }
            try {
                return Optional.of(Files.readAllBytes(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, runtimeConfig));
    }

    /** The dashboard packaged into the tools jar by the build, or empty when it was built without one. */
    public static Optional<DashboardSite> packaged(RuntimeConfig runtimeConfig) {
        ClassLoader loader = DashboardSite.class.getClassLoader();
        if (loader.getResource(CLASSPATH_ROOT + "index.html") == null) {
            return Optional.empty();
        }
        return Optional.of(new DashboardSite(relative -> {
            if (relative.contains("..")) {
                return Optional.empty();
            }
            try (InputStream in = loader.getResourceAsStream(CLASSPATH_ROOT + relative)) {
                return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, runtimeConfig));
    }

    /** What to answer for a GET of {@code path}; empty for a missing file that is not an app route. */
    public Optional<Asset> find(String path) {
        if (path.equals("/config.json")) {
            return Optional.of(new Asset(runtimeConfig, CONTENT_TYPES.get("json"), "no-store"));
        }
        String relative = path.startsWith("/") ? path.substring(1) : path;
        if (!relative.isEmpty() && !relative.endsWith("/")) {
            Optional<byte[]> file = files.read(relative);
            if (file.isPresent()) {
                return Optional.of(asset(relative, file.get()));
            }
            if (extension(relative).isPresent()) {
                return Optional.empty();
            }
        }
        return files.read("index.html").map(body -> asset("index.html", body));
    }

    private static Asset asset(String relative, byte[] body) {
        return new Asset(body, contentType(relative), cacheControl(relative));
    }

    /** The content type of a dashboard file by its path, here and in the published bucket alike. */
    public static String contentType(String relative) {
        return extension(relative).map(CONTENT_TYPES::get).orElse("application/octet-stream");
    }

    /** Hashed files under assets/ never change; everything else is asked again each time. */
    public static String cacheControl(String relative) {
        return relative.startsWith("assets/") ? IMMUTABLE : REVALIDATE;
    }

    private static Optional<String> extension(String relative) {
        String name = relative.substring(relative.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? Optional.empty() : Optional.of(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
