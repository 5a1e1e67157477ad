package io.xmonitor.tools.web;

import io.xmonitor.json.Json;
import io.xmonitor.tools.local.DashboardSite;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Puts a dashboard build into a stage's bucket and makes CloudFront serve it: content-hashed files
 * under {@code assets/} immutable for a year, everything else revalidated on each load, the
 * stage's {@code config.json} written from its outputs (one build serves every stage), and the
 * distribution's cached copies invalidated. Assets go up first and index.html last, so no reader
 * ever gets a page whose assets are not there yet.
 */
public final class DashboardPublisher {

    /** What a publish did. */
    public record Published(int files, long bytes, String invalidationId) {
    }

    private final S3Client s3;
    private final CloudFrontClient cloudFront;
    private final PrintStream progress;

    public DashboardPublisher(S3Client s3, CloudFrontClient cloudFront, PrintStream progress) {
        this.s3 = s3;
        this.cloudFront = cloudFront;
        this.progress = progress;
    }

    public Published publish(Path build, String bucket, String distributionId, DashboardSite.RuntimeConfig config) throws IOException {
        if (!Files.isRegularFile(build.resolve("index.html"))) {
            throw new IllegalArgumentException(build + " holds no index.html; build the dashboard first (./xmonitor mvnw package)");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(build)) {
            files = new ArrayList<>(walk.filter(Files::isRegularFile).toList());
        }
        // index.html last: it names the assets.
        files.sort(Comparator.comparing((Path file) -> file.getFileName().toString().equals("index.html"))
                .thenComparing(Path::toString));
        long bytes = 0;
        for (Path file : files) {
            String key = build.relativize(file).toString().replace('\\', '/');
            byte[] body = Files.readAllBytes(file);
            put(bucket, key, body, DashboardSite.cacheControl(key));
            bytes += body.length;
            progress.printf("  %-60s %,9d bytes  %s%n", key, body.length, DashboardSite.cacheControl(key));
        }
        byte[] runtimeConfig = Json.writeBytes(config);
        put(bucket, "config.json", runtimeConfig, DashboardSite.REVALIDATE);
        progress.printf("  %-60s %,9d bytes  %s%n", "config.json (this stage's runtime config)", runtimeConfig.length,
                DashboardSite.REVALIDATE);
        String invalidation = cloudFront.createInvalidation(b -> b.distributionId(distributionId).invalidationBatch(batch -> batch
                .callerReference(UUID.randomUUID().toString())
                .paths(paths -> paths.quantity(1).items("/*")))).invalidation().id();
        return new Published(files.size() + 1, bytes + runtimeConfig.length, invalidation);
    }

    private void put(String bucket, String key, byte[] body, String cacheControl) {
        // The same headers as `xmonitor local` serves the files with: one table in DashboardSite.
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(DashboardSite.contentType(key)).cacheControl(cacheControl),
                RequestBody.fromBytes(body));
    }

}
