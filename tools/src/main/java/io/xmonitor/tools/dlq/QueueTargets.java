package io.xmonitor.tools.dlq;

import io.xmonitor.local.StandIns;
import io.xmonitor.tools.local.StackState;
import io.xmonitor.tools.stack.StackOutputs;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Which ingest queue, DLQ and payload bucket the operator tools act on, from (first that applies)
 * flags, the environment ({@code XMONITOR_INGEST_QUEUE_URL}, {@code XMONITOR_DLQ_URL},
 * {@code XMONITOR_PAYLOAD_BUCKET}), the outputs of a deployed stack ({@code --stack}), or the
 * running {@code xmonitor local} stack.
 */
public record QueueTargets(SqsClient sqs, S3Client s3, String queueUrl, String dlqUrl, String bucket, String description) {

    public static QueueTargets resolve(String queueUrl, String dlqUrl, String bucket, String stackName) {
        Map<String, String> env = System.getenv();
        queueUrl = firstOf(queueUrl, env.get("XMONITOR_INGEST_QUEUE_URL"));
        dlqUrl = firstOf(dlqUrl, env.get("XMONITOR_DLQ_URL"));
        bucket = firstOf(bucket, env.get("XMONITOR_PAYLOAD_BUCKET"));
        if (stackName != null) {
            StackOutputs outputs = StackOutputs.of(stackName);
            return new QueueTargets(SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build(),
                    S3Client.builder().httpClient(UrlConnectionHttpClient.create()).build(),
                    outputs.require("IngestQueueUrl"), outputs.require("DeadLetterQueueUrl"),
                    outputs.require("PayloadBucketName"), "stack " + stackName);
        }
        if (queueUrl != null && dlqUrl != null) {
            return new QueueTargets(SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build(),
                    S3Client.builder().httpClient(UrlConnectionHttpClient.create()).build(),
                    queueUrl, dlqUrl, bucket, "queues from flags/environment");
        }
        Optional<StackState> local = StackState.read();
        if (local.isEmpty()) {
            throw new IllegalArgumentException("no queues given (--queue-url and --dlq-url, --stack NAME, or the "
                    + "XMONITOR_INGEST_QUEUE_URL / XMONITOR_DLQ_URL variables) and no `xmonitor local` is running");
        }
        return of(local.get());
    }

    /** The queues and bucket of a running local stack. */
    public static QueueTargets of(StackState state) {
        return new QueueTargets(StandIns.sqsClient(URI.create(state.sqsEndpoint())), StandIns.s3Client(URI.create(state.s3Endpoint())),
                state.queueUrl(), state.dlqUrl(), state.payloadBucket(), "local stack (" + state.apiUrl() + ")");
    }

    /** Visible plus in-flight messages of a queue. */
    public long depth(String url) {
        var attributes = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings(
                "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible")).attributesAsStrings();
        return Long.parseLong(attributes.get("ApproximateNumberOfMessages"))
                + Long.parseLong(attributes.get("ApproximateNumberOfMessagesNotVisible"));
    }

    public String queueArn() {
        return StandIns.arn(sqs, queueUrl);
    }

    public String dlqArn() {
        return StandIns.arn(sqs, dlqUrl);
    }

    private static String firstOf(String flag, String env) {
        return flag != null && !flag.isBlank() ? flag : env != null && !env.isBlank() ? env : null;
    }
}
