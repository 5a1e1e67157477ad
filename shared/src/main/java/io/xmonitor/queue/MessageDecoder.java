package io.xmonitor.queue;

import com.fasterxml.jackson.databind.JsonNode;
import io.xmonitor.ingest.BatchValidation;
import io.xmonitor.ingest.IngestKind;
import io.xmonitor.ingest.Timestamps;
import io.xmonitor.json.Json;
import io.xmonitor.json.JsonDocument;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.payloadoffloading.PayloadS3Pointer;

/**
 * Turns a queue message body into a batch. Bodies are untrusted: a claim-check pointer is
 * followed only to the payloads the accepting side writes (the configured bucket, under
 * {@link BatchEnvelope#PAYLOAD_PREFIX}), and every item is validated again with the same rules the
 * accepting side used. S3 failures propagate (they are worth a retry);
 * everything else about a bad message is an {@link DecodedMessage.Unusable} value.
 */
public final class MessageDecoder {

    private static final String POINTER_PREFIX = "[\"software.amazon.payloadoffloading.PayloadS3Pointer\"";

    private final S3Client s3;
    private final String payloadBucket;

    public MessageDecoder(S3Client s3, String payloadBucket) {
        this.s3 = s3;
        this.payloadBucket = payloadBucket;
    }

    /** A message without a content encoding attribute (null) holds JSON, as every body did before compression. */
    public DecodedMessage decode(String body, String contentEncoding) {
        if (body == null) {
            return new DecodedMessage.Unusable("message has no body");
        }
        if (contentEncoding != null && !CompressedBody.GZIP_BASE64.equals(contentEncoding)) {
            return new DecodedMessage.Unusable("content encoding " + contentEncoding + " is not supported");
        }
        byte[] stored;
        if (body.startsWith(POINTER_PREFIX)) {
            PayloadS3Pointer pointer;
            try {
                pointer = PayloadS3Pointer.fromJson(body);
            } catch (RuntimeException e) {
                return new DecodedMessage.Unusable("S3 pointer is malformed");
            }
            if (!payloadBucket.equals(pointer.getS3BucketName())) {
                return new DecodedMessage.Unusable("S3 pointer names a bucket other than the payload bucket");
            }
            String key = pointer.getS3Key();
            if (key == null || !key.startsWith(BatchEnvelope.PAYLOAD_PREFIX) || key.contains("..")) {
                return new DecodedMessage.Unusable("S3 pointer names an object outside " + BatchEnvelope.PAYLOAD_PREFIX);
            }
            ResponseBytes<?> bytes = s3.getObjectAsBytes(b -> b.bucket(payloadBucket).key(key));
            stored = bytes.asByteArray();
        } else {
            stored = body.getBytes(StandardCharsets.UTF_8);
        }
        if (contentEncoding == null) {
            return decodeDocument(stored);
        }
        return CompressedBody.decode(stored)
                .map(MessageDecoder::decodeDocument)
                .orElseGet(() -> new DecodedMessage.Unusable("compressed body is not base64 of gzip within "
                        + Json.MAX_DOCUMENT_BYTES + " bytes"));
    }

    private static DecodedMessage decodeDocument(byte[] document) {
        if (!(Json.parse(document) instanceof JsonDocument.Parsed parsed) || !parsed.root().isObject()) {
            return new DecodedMessage.Unusable("body is not a JSON batch envelope");
        }
        JsonNode root = parsed.root();
        if (root.path("version").asInt(-1) != BatchEnvelope.VERSION) {
            return new DecodedMessage.Unusable("envelope version " + root.path("version") + " is not supported");
        }
        Optional<IngestKind> kind = IngestKind.forWireName(root.path("kind").asText(""));
        Optional<UUID> batchId = uuid(root.path("batch_id").asText(""));
        Optional<Instant> acceptedAt = Timestamps.parse(root.path("accepted_at").asText(""));
        JsonNode items = root.path("items");
        if (kind.isEmpty() || batchId.isEmpty() || acceptedAt.isEmpty() || !items.isArray()) {
            return new DecodedMessage.Unusable("envelope lacks a valid kind, batch_id, accepted_at or items");
        }
        List<JsonNode> elements = new ArrayList<>(items.size());
        items.forEach(elements::add);
        BatchValidation validation = BatchValidation.of(kind.get(), elements, acceptedAt.get());
        if (!validation.errors().isEmpty()) {
            return new DecodedMessage.Unusable("envelope holds invalid items: " + validation.errors().getFirst().message());
        }
        return new DecodedMessage.Batch(batchId.get(), kind.get(), acceptedAt.get(), validation.accepted());
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
