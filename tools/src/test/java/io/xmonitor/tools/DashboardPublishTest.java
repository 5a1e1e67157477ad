package io.xmonitor.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.xmonitor.json.Json;
import io.xmonitor.testing.TestEnvironment;
import io.xmonitor.tools.local.DashboardSite;
import io.xmonitor.tools.web.DashboardPublisher;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;

/**
 * `xmonitor web publish` into the S3 protocol (S3Proxy) with CloudFront's invalidation API answered
 * by a loopback server (CloudFront has no local stand-in): the real SDK clients over real HTTP.
 */
class DashboardPublishTest {

    @TempDir
    Path build;

    @Test
    void uploadsWithCacheHeadersWritesTheStageConfigAndInvalidates() throws Exception {
        Files.writeString(build.resolve("index.html"), "<!doctype html><script src=\"/assets/app-3f9a1c.js\"></script>");
        Files.createDirectories(build.resolve("assets"));
        Files.writeString(build.resolve("assets/app-3f9a1c.js"), "console.log('dashboard')");
        Files.writeString(build.resolve("assets/app-77b0e2.css"), "body{}");
        Files.writeString(build.resolve("favicon.svg"), "<svg/>");
        Files.writeString(build.resolve("theme-boot.js"), "document.documentElement.dataset.theme = 'dark';");
        TestEnvironment env = TestEnvironment.get();
        String bucket = env.freshQueues().bucket();

        List<String> invalidations = new CopyOnWriteArrayList<>();
        HttpServer cloudFrontApi = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        cloudFrontApi.createContext("/", exchange -> {
            invalidations.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] answer = """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <Invalidation xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Id>I2J0I21PCUYOIK</Id>
                    <Status>InProgress</Status><CreateTime>2026-11-27T10:00:00Z</CreateTime><InvalidationBatch>
                    <Paths><Quantity>1</Quantity><Items><Path>/*</Path></Items></Paths><CallerReference>x</CallerReference>
                    </InvalidationBatch></Invalidation>""".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            exchange.sendResponseHeaders(201, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        cloudFrontApi.start();
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        try (CloudFrontClient cloudFront = CloudFrontClient.builder().region(Region.AWS_GLOBAL)
                .endpointOverride(URI.create("http://127.0.0.1:" + cloudFrontApi.getAddress().getPort()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            var published = new DashboardPublisher(env.s3(), cloudFront, new PrintStream(progress, true, StandardCharsets.UTF_8))
                    .publish(build, bucket, "E2EXAMPLE", new DashboardSite.RuntimeConfig("",
                            new DashboardSite.RuntimeConfig.Oidc("https://issuer.example", "client-1", "openid",
                                    "https://xm.auth.eu-west-1.amazoncognito.com/logout?client_id=client-1&logout_uri=https://d1.example/",
                                    "https://xm.auth.eu-west-1.amazoncognito.com/oauth2/revoke")));
            assertThat(published.files()).isEqualTo(6);
            assertThat(published.invalidationId()).isEqualTo("I2J0I21PCUYOIK");
        } finally {
            cloudFrontApi.stop(0);
        }

        var asset = env.s3().headObject(b -> b.bucket(bucket).key("assets/app-3f9a1c.js"));
        assertThat(asset.cacheControl()).isEqualTo("public, max-age=31536000, immutable");
        assertThat(asset.contentType()).isEqualToIgnoringWhitespace("text/javascript; charset=utf-8");
        var index = env.s3().headObject(b -> b.bucket(bucket).key("index.html"));
        assertThat(index.cacheControl()).isEqualTo("no-cache");
        assertThat(index.contentType()).isEqualToIgnoringWhitespace("text/html; charset=utf-8");
        assertThat(env.s3().headObject(b -> b.bucket(bucket).key("favicon.svg")).cacheControl()).isEqualTo("no-cache");
        // A script outside assets/ (the theme, set before the first paint) is a script that is asked again.
        var boot = env.s3().headObject(b -> b.bucket(bucket).key("theme-boot.js"));
        assertThat(boot.contentType()).isEqualToIgnoringWhitespace("text/javascript; charset=utf-8");
        assertThat(boot.cacheControl()).isEqualTo("no-cache");
        // Every file goes up with the headers `xmonitor local` serves it with.
        for (String key : List.of("index.html", "assets/app-3f9a1c.js", "assets/app-77b0e2.css", "favicon.svg", "theme-boot.js")) {
            var head = env.s3().headObject(b -> b.bucket(bucket).key(key));
            assertThat(head.contentType()).as(key).isEqualToIgnoringWhitespace(DashboardSite.contentType(key));
            assertThat(head.cacheControl()).as(key).isEqualTo(DashboardSite.cacheControl(key));
        }
        var config = Json.mapper().readTree(env.s3().getObjectAsBytes(b -> b.bucket(bucket).key("config.json")).asByteArray());
        assertThat(config.path("api_base").asText()).isEmpty();
        assertThat(config.path("oidc").path("issuer").asText()).isEqualTo("https://issuer.example");
        assertThat(config.path("oidc").path("revocation_url").asText()).isEqualTo("https://xm.auth.eu-west-1.amazoncognito.com/oauth2/revoke");
        assertThat(config.path("oidc").path("logout_url").asText()).startsWith("https://xm.auth.eu-west-1.amazoncognito.com/logout?");

        List<String> uploaded = progress.toString(StandardCharsets.UTF_8).lines().map(line -> line.strip().split(" ")[0]).toList();
        assertThat(uploaded.indexOf("index.html")).as("index.html goes up after the assets it names")
                .isGreaterThan(uploaded.indexOf("assets/app-3f9a1c.js")).isGreaterThan(uploaded.indexOf("assets/app-77b0e2.css"));
        assertThat(invalidations).singleElement().satisfies(request -> assertThat(request)
                .startsWith("POST /2020-05-31/distribution/E2EXAMPLE/invalidation").contains("<Path>/*</Path>"));
    }
}
