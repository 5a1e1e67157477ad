package io.xmonitor.feed;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque, tamper-evident feed cursors: the position of the last item served
 * ({@code discovered_at}, {@code status_id}) and the filters it was served for, signed with an
 * HMAC whose key is derived from the server's secret. A cursor that was altered, forged, or
 * reused with other filters is refused rather than silently restarting at page 1.
 */
public final class FeedCursor {

    /** Where the previous page ended. */
    public record Position(Instant discoveredAt, String statusId) {
    }

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int MAX_CURSOR_CHARS = 512;

    private final Supplier<List<String>> secrets;

    /** @param secrets the current secret first, then any still accepted (rotation); may be empty */
    public FeedCursor(List<String> secrets) {
        this(() -> secrets);
    }

    private FeedCursor(Supplier<List<String>> secrets) {
        this.secrets = secrets;
    }

    /** Keys from {@code secrets}, asked on every use: a rotation is followed, and nothing is read before the first cursor. */
    public static FeedCursor signedWith(Supplier<List<String>> secrets) {
        return new FeedCursor(secrets);
    }

    private List<byte[]> keys() {
        List<String> current = secrets.get();
        return (current.isEmpty() ? List.of("xmonitor-unconfigured") : current).stream()
                .map(FeedCursor::deriveKey)
                .toList();
    }

    public String encode(Position position, String filters) {
        String payload = position.discoveredAt().toString() + "|" + position.statusId();
        String body = ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return body + "." + ENCODER.encodeToString(sign(keys().getFirst(), body, filters));
    }

    /** The position, or empty when the cursor is malformed, forged or for other filters. */
    public Optional<Position> decode(String cursor, String filters) {
        if (cursor.length() > MAX_CURSOR_CHARS) {
            return Optional.empty();
        }
        int dot = cursor.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String body = cursor.substring(0, dot);
        byte[] signature;
        String payload;
        try {
            signature = DECODER.decode(cursor.substring(dot + 1));
            payload = new String(DECODER.decode(body), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        boolean valid = false;
        for (byte[] key : keys()) {
            valid |= MessageDigest.isEqual(signature, sign(key, body, filters));
        }
        int bar = payload.indexOf('|');
        if (!valid || bar <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Position(Instant.parse(payload.substring(0, bar)), payload.substring(bar + 1)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static byte[] sign(byte[] key, String body, String filters) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(body.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(filters.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required by every JVM", e);
        }
    }

    private static byte[] deriveKey(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(("xmonitor feed cursor\0" + secret).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
