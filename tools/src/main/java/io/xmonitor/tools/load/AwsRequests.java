package io.xmonitor.tools.load;

import io.xmonitor.config.AppConfig;
import io.xmonitor.queue.CompressedBody;

/**
 * What a run would be billed in AWS requests, from the size of each batch's queue message: SQS
 * bills every started 64 KiB of a message as one request (sent once, received once, deleted
 * once), and a batch over the claim-check threshold adds one S3 PUT and one GET. The message is
 * estimated from the request body (the queued envelope holds the same items, normalised: within a
 * few per cent of it), compressed as ingest-accept compresses it by default: an estimate.
 */
final class AwsRequests {

    private static final int SQS_CHUNK = 64 * 1024;
    /** The S3 pointer message the SQS Extended Client sends instead of a large body. */
    private static final int POINTER_BYTES = 200;

    private final int threshold;
    private long sqs;
    private long s3Put;
    private long s3Get;

    AwsRequests(int threshold) {
        this.threshold = threshold;
    }

    void batch(byte[] requestBody) {
        queued(CompressedBody.forQueue(requestBody, AppConfig.DEFAULT_COMPRESS_ABOVE).text().length());
    }

    private synchronized void queued(int messageBytes) {
        boolean claimChecked = messageBytes > threshold;
        int queued = claimChecked ? POINTER_BYTES : messageBytes;
        long chunks = (queued + SQS_CHUNK - 1) / SQS_CHUNK;
        // Send and receive are billed by size; the delete is one request.
        sqs += 2 * chunks + 1;
        if (claimChecked) {
            s3Put++;
            s3Get++;
        }
    }

    /** {@code SQS n · S3 PUT n · S3 GET n} per million posts. */
    synchronized String perMillion(long posts) {
        double scale = 1_000_000.0 / Math.max(1, posts);
        return String.format("SQS %,.0f · S3 PUT %,.0f · S3 GET %,.0f (per million posts, at a %,d-byte claim-check threshold)",
                sqs * scale, s3Put * scale, s3Get * scale, threshold);
    }
}
