package io.xmonitor.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.xmonitor.testing.TestEnvironment;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/** A claim-check pointer is followed only to what ingest-accept writes: the payload bucket, under payloads/. */
class MessageDecoderTest {

    private static final String ENVELOPE = """
            {"version":1,"batch_id":"6f1d3a52-0c1e-4c64-9a8a-5b0f0e3e2a11","kind":"runs","accepted_at":"2026-03-01T00:00:00Z",
             "item_count":1,"items":[{"run_at":"2026-02-28T00:00:00Z","mode":"manual"}]}""";

    private static String pointer(String bucket, String key) {
        return "[\"software.amazon.payloadoffloading.PayloadS3Pointer\",{\"s3BucketName\":\"" + bucket + "\",\"s3Key\":\"" + key + "\"}]";
    }

    @Test
    void followsPointersOnlyIntoThePayloadPrefixOfThePayloadBucket() {
        TestEnvironment env = TestEnvironment.get();
        String bucket = env.freshQueues().bucket();
        for (String key : new String[] {"payloads/batch.json", "failures/batch.json", "payloads/../failures/batch.json"}) {
            env.s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(ENVELOPE));
        }
        MessageDecoder decoder = new MessageDecoder(env.s3(), bucket);

        assertThat(decoder.decode(pointer(bucket, "payloads/batch.json"), null)).isInstanceOf(DecodedMessage.Batch.class);
        assertThat(decoder.decode(pointer(bucket, "failures/batch.json"), null))
                .isEqualTo(new DecodedMessage.Unusable("S3 pointer names an object outside payloads/"));
        assertThat(decoder.decode(pointer(bucket, "payloads/../failures/batch.json"), null))
                .isEqualTo(new DecodedMessage.Unusable("S3 pointer names an object outside payloads/"));
        assertThat(decoder.decode(pointer("another-bucket", "payloads/batch.json"), null))
                .isEqualTo(new DecodedMessage.Unusable("S3 pointer names a bucket other than the payload bucket"));
    }
}
