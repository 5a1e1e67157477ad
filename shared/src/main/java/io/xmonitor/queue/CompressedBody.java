package io.xmonitor.queue;

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
 * message as one request, sent and received, so a body within 64 KiB stays plain JSON: compressing
 * it saves no request. Above, a 500-post envelope shrinks to about a quarter, and a batch that
 * would have gone through S3 often fits the message.
 */
public final class CompressedBody {

    /** The value of {@link MessageAttributes#CONTENT_ENCODING} on a compressed body. */
    public static final String GZIP_BASE64 = "gzip+base64";
    public static final int COMPRESS_ABOVE_BYTES = 64 * 1024;
    /**
     * The most a compressed body may expand to. A body is untrusted: without a bound a few
     * kilobytes could inflate to gigabytes. Accepted requests are at most 6 MB and their
     * envelope holds the same items, normalised.
     */
    static final int MAX_DECODED_BYTES = 16 * 1024 * 1024;

    private CompressedBody() {
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

    /** The document a compressed body holds; empty when it is not base64 of gzip or expands past the bound. */
    public static Optional<byte[]> decode(String body) {
        byte[] compressed;
        try {
            compressed = Base64.getDecoder().decode(body.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            byte[] document = in.readNBytes(MAX_DECODED_BYTES + 1);
            return document.length > MAX_DECODED_BYTES ? Optional.empty() : Optional.of(document);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
