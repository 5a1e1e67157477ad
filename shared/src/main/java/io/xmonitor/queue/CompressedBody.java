package io.xmonitor.queue;

import io.xmonitor.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A large envelope as it travels on the queue: gzip, then base64 (an SQS body is text), marked by
 * the {@link MessageAttributes#CONTENT_ENCODING} attribute. SQS bills every started 64 KiB of a
 * message as one request, sent and received: a 500-post envelope shrinks to about a quarter, and
 * a batch that would have gone through S3 often fits the message (ADR 0013).
 */
public final class CompressedBody {

    /** The value of {@link MessageAttributes#CONTENT_ENCODING} on a compressed body. */
    public static final String GZIP_BASE64 = "gzip+base64";

    /** A queue body and its content encoding (null: JSON). */
    public record QueueBody(String text, String contentEncoding) {
    }

    private CompressedBody() {
    }

    /**
     * The body an envelope travels as: compressed when its JSON is larger than
     * {@code compressAboveBytes} (0: never, as {@code XMONITOR_COMPRESS_ABOVE_BYTES=0} sets).
     */
    public static QueueBody forQueue(byte[] json, int compressAboveBytes) {
        return compressAboveBytes > 0 && json.length > compressAboveBytes
                ? new QueueBody(encode(json), GZIP_BASE64)
                : new QueueBody(new String(json, StandardCharsets.UTF_8), null);
    }

    /** Fastest gzip level: it keeps most of the saving for a fraction of the default level's time. */
    public static String encode(byte[] json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 4 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 64 * 1024) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            gzip.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException("gzip into memory failed", e);
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    /**
     * The document a compressed body holds; empty when it is not base64 of gzip (bytes after the
     * gzip stream are ignored, as gzip readers do) or expands past the largest document the
     * consumer parses ({@link Json#MAX_DOCUMENT_BYTES}): a body is untrusted, and without a bound
     * a few kilobytes could inflate to gigabytes.
     */
    public static Optional<byte[]> decode(byte[] body) {
        byte[] compressed;
        try {
            compressed = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            byte[] document = in.readNBytes((int) Json.MAX_DOCUMENT_BYTES + 1);
            return document.length > Json.MAX_DOCUMENT_BYTES ? Optional.empty() : Optional.of(document);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
