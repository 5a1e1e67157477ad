package io.xmonitor.di;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.xmonitor.config.AppConfig;
import io.xmonitor.config.Environment;
import io.xmonitor.ingest.BatchValidation;
import io.xmonitor.ingest.IngestItem;
import io.xmonitor.ingest.IngestKind;
import io.xmonitor.json.Json;
import io.xmonitor.queue.BatchEnvelope;
import io.xmonitor.queue.CompressedBody;
import io.xmonitor.queue.DecodedMessage;
import io.xmonitor.queue.MessageAttributes;
import io.xmonitor.queue.MessageDecoder;
import io.xmonitor.testing.TestEnvironment;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Batches put on the queue by the production publisher (the SQS Extended Client over ElasticMQ and
 * S3Proxy) and read back as the consumer reads them: a large one travels compressed, inline or
 * through the claim check, a small one as plain JSON, and each decodes to the items published.
 */
class CompressedBatchTest {

    /** The default claim-check threshold: what SQS takes in one message. */
    private static final int SQS_MAXIMUM = 1024 * 1024;
    private static final Instant ACCEPTED_AT = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Test
    void aLargeBatchTravelsCompressedAndDecodesToTheSameItems() {
        Sent sent = publish(posts(500), SQS_MAXIMUM);
        assertThat(sent.message().messageAttributes().get(MessageAttributes.CONTENT_ENCODING).stringValue())
                .isEqualTo(CompressedBody.GZIP_BASE64);
        // What SQS carries and bills: a quarter of the JSON or less.
        assertThat(sent.message().body().length()).isLessThan(sent.jsonBytes() / 4);
        assertThat(sent.decoded()).isEqualTo(sent.expected());
    }

    @Test
    void aCompressedBatchOverTheThresholdGoesThroughS3AndDecodesToTheSameItems() {
        Sent sent = publish(posts(500), 1024);
        assertThat(sent.message().body()).startsWith("[\"software.amazon.payloadoffloading.PayloadS3Pointer\"");
        assertThat(sent.message().messageAttributes().get(MessageAttributes.CONTENT_ENCODING).stringValue())
                .isEqualTo(CompressedBody.GZIP_BASE64);
        assertThat(sent.decoded()).isEqualTo(sent.expected());
    }

    @Test
    void aBatchWithinOneSqsRequestStaysPlainJson() {
        Sent sent = publish(posts(20), SQS_MAXIMUM);
        assertThat(sent.jsonBytes()).isLessThanOrEqualTo(AppConfig.DEFAULT_COMPRESS_ABOVE);
        assertThat(sent.message().messageAttributes()).doesNotContainKey(MessageAttributes.CONTENT_ENCODING);
        assertThat(sent.message().body()).startsWith("{");
        assertThat(sent.decoded()).isEqualTo(sent.expected());
    }

    @Test
    void anUnknownContentEncodingIsRefused() {
        TestEnvironment env = TestEnvironment.get();
        MessageDecoder decoder = new MessageDecoder(env.s3(), env.freshQueues().bucket());
        assertThat(decoder.decode("{}", "br")).isEqualTo(new DecodedMessage.Unusable("content encoding br is not supported"));
        assertThat(decoder.decode("{\"version\":1}", CompressedBody.GZIP_BASE64)).isInstanceOf(DecodedMessage.Unusable.class);
    }

    private record Sent(Message message, int jsonBytes, DecodedMessage decoded, DecodedMessage expected) {
    }

    private static Sent publish(List<IngestItem> items, int threshold) {
        TestEnvironment env = TestEnvironment.get();
        TestEnvironment.TestQueues queues = env.freshQueues();
        Map<String, String> variables = new HashMap<>(env.variables(null, queues, null));
        variables.put(AppConfig.PAYLOAD_THRESHOLD_BYTES, Integer.toString(threshold));
        AppConfig config = AppConfig.load(new Environment(variables));
        BatchEnvelope envelope = new BatchEnvelope(UUID.randomUUID(), IngestKind.POSTS, ACCEPTED_AT, items);
        AcceptModule.publisher(env.sqs(), env.s3(), config).publish(envelope);
        Message message = env.sqs().receiveMessage(b -> b.queueUrl(queues.queueUrl()).messageAttributeNames("All")
                .waitTimeSeconds(5)).messages().getFirst();
        String encoding = message.messageAttributes().containsKey(MessageAttributes.CONTENT_ENCODING)
                ? message.messageAttributes().get(MessageAttributes.CONTENT_ENCODING).stringValue() : null;
        DecodedMessage decoded = new MessageDecoder(env.s3(), queues.bucket()).decode(message.body(), encoding);
        return new Sent(message, Json.writeBytes(envelope.wire()).length, decoded,
                new DecodedMessage.Batch(envelope.batchId(), IngestKind.POSTS, ACCEPTED_AT, items));
    }

    /** Posts with the text and fields a collector sends, validated as ingest-accept validates them. */
    private static List<IngestItem> posts(int count) {
        List<JsonNode> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ObjectNode post = Json.mapper().createObjectNode();
            String statusId = Long.toString(1_900_000_000_000_000_000L + i);
            post.put("status_id", statusId);
            post.put("url", "https://x.com/author" + i % 37 + "/status/" + statusId);
            post.put("author_handle", "@author" + i % 37);
            post.put("author_display", "Author " + i % 37);
            post.put("body_text", "Post " + i + " on the sequencer upgrade, fees and a bridge exploit write-up " + UUID.randomUUID());
            post.put("watch_tier", "ecosystem");
            post.put("is_significant", i % 10 == 0);
            post.put("likes", i * 7 % 5000);
            post.put("reposts", i % 300);
            post.put("replies", i % 40);
            post.put("views", i * 97);
            post.put("discovered_at", ACCEPTED_AT.minusSeconds(i).toString());
            post.put("last_seen_at", ACCEPTED_AT.toString());
            nodes.add(post);
        }
        BatchValidation validation = BatchValidation.of(IngestKind.POSTS, nodes, ACCEPTED_AT);
        assertThat(validation.errors()).isEmpty();
        return validation.accepted();
    }
}
