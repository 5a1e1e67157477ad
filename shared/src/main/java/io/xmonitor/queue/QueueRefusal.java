package io.xmonitor.queue;

import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Why putting a batch on the queue (or its body in the payload bucket) failed, and what the
 * collector should do about it: retry later (unreachable, throttled, a server error) or not at
 * all (the contents or size were refused, or the service is misconfigured). Validation is meant
 * to keep the refusals from ever happening; this keeps a collector from retrying one forever.
 */
public record QueueRefusal(String code, int status, boolean retryable) {

    private static final Set<String> SIZE_REFUSALS = Set.of("MessageTooLong", "EntityTooLarge", "RequestEntityTooLarge");
    /** Refusals that say the service is set up wrong (queue, bucket, key, permissions), not the batch. */
    private static final Set<String> MISCONFIGURATIONS = Set.of(
            "AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExist", "NoSuchBucket", "AccessDenied",
            "AccessDeniedException", "InvalidSecurity", "InvalidClientTokenId", "UnrecognizedClientException",
            "SignatureDoesNotMatch", "InvalidAddress", "UnsupportedOperation", "AWS.SimpleQueueService.UnsupportedOperation");

    public static QueueRefusal of(SdkException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AwsServiceException service) {
                return of(service);
            }
        }
        // No answer from the service at all: unreachable or timed out.
        return new QueueRefusal(failure.getClass().getSimpleName(), 503, true);
    }

    private static QueueRefusal of(AwsServiceException service) {
        String code = service.awsErrorDetails() == null || service.awsErrorDetails().errorCode() == null
                ? "HTTP " + service.statusCode() : service.awsErrorDetails().errorCode();
        if (service.isThrottlingException() || service.statusCode() == 429 || service.statusCode() >= 500) {
            return new QueueRefusal(code, 503, true);
        }
        if (SIZE_REFUSALS.contains(code) || code.endsWith(".MessageTooLong")) {
            return new QueueRefusal(code, 413, false);
        }
        if (service.statusCode() == 403 || MISCONFIGURATIONS.contains(code) || code.startsWith("Kms")) {
            return new QueueRefusal(code, 500, false);
        }
        // Any other refusal is of what was sent (SQS: InvalidMessageContents, InvalidParameterValue).
        return new QueueRefusal(code, 422, false);
    }
}
