package io.xmonitor.testing;

import io.xmonitor.local.StandIns;
import java.net.URI;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The SQS and S3 side of the test environment: ElasticMQ and S3Proxy in this JVM (everywhere),
 * or LocalStack in a container (where Docker runs; {@code -Dxmonitor.test.aws=localstack}).
 */
public record AwsStandIn(String name, URI sqsEndpoint, URI s3Endpoint, AutoCloseable stop) implements AutoCloseable {

    public static final String LOCALSTACK_IMAGE = "localstack/localstack:3.8";

    public static AwsStandIn embedded() throws Exception {
        var sqs = StandIns.sqs();
        var s3 = StandIns.s3(null);
        return new AwsStandIn("ElasticMQ + S3Proxy", sqs.endpoint(), s3.endpoint(), () -> {
            s3.close();
            sqs.close();
        });
    }

    public static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @SuppressWarnings("resource")
    public static AwsStandIn localStack() {
        LocalStackContainer container = new LocalStackContainer(DockerImageName.parse(LOCALSTACK_IMAGE))
                .withServices(LocalStackContainer.Service.SQS, LocalStackContainer.Service.S3);
        container.start();
        return new AwsStandIn("LocalStack", container.getEndpointOverride(LocalStackContainer.Service.SQS),
                container.getEndpointOverride(LocalStackContainer.Service.S3), container::stop);
    }

    @Override
    public void close() throws Exception {
        stop.close();
    }
}
