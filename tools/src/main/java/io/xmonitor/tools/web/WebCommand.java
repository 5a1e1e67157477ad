package io.xmonitor.tools.web;

import io.xmonitor.tools.local.DashboardSite;
import io.xmonitor.tools.stack.StackOutputs;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.s3.S3Client;

/** The dashboard of a deployed stage. */
@Command(name = "web", mixinStandardHelpOptions = true, description = "Publish the dashboard to a deployed stage.",
        subcommands = WebCommand.Publish.class)
public final class WebCommand {

    @Command(name = "publish", mixinStandardHelpOptions = true,
            description = "Upload the built dashboard to the stage's bucket with its cache headers, write the stage's "
                    + "config.json from the stack's outputs, and invalidate CloudFront.")
    static final class Publish implements Callable<Integer> {
        @Option(names = "--stack", required = true, description = "The deployed CloudFormation stack.")
        String stack;
        @Option(names = "--dist", defaultValue = "web/dist", description = "The dashboard build (default ${DEFAULT-VALUE}).")
        Path dist;

        @Override
        public Integer call() throws Exception {
            StackOutputs outputs = StackOutputs.of(stack);
            DashboardSite.RuntimeConfig config = RuntimeConfigs.fromStack(outputs);
            try (S3Client s3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).build();
                 CloudFrontClient cloudFront = CloudFrontClient.builder().region(Region.AWS_GLOBAL)
                         .httpClient(UrlConnectionHttpClient.create()).build()) {
                System.out.println("Publishing " + dist + " to " + outputs.require("DashboardUrl") + " ...");
                DashboardPublisher.Published published = new DashboardPublisher(s3, cloudFront, System.out)
                        .publish(dist, outputs.require("DashboardBucketName"), outputs.require("DashboardDistributionId"), config);
                System.out.printf("Published %d files (%,d bytes); CloudFront invalidation %s is on its way (usually under a minute).%n",
                        published.files(), published.bytes(), published.invalidationId());
                System.out.println("Dashboard " + outputs.require("DashboardUrl") + "/");
            }
            return 0;
        }
    }
}
