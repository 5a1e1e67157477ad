package io.xmonitor.secrets;

import io.xmonitor.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

/**
 * Checks the collector's shared secret ({@code x-api-key} or {@code Authorization: Bearer}).
 * Both sides are digested before a constant-time comparison, so neither the length nor a
 * prefix of the secret leaks through timing; the current and the previous key are both
 * accepted so rotation needs no downtime.
 */
public final class IngestKeyVerifier {

    public enum Verdict { ALLOWED, DENIED, NOT_CONFIGURED }

    private final SecretSource secrets;

    public IngestKeyVerifier(SecretSource secrets) {
        this.secrets = secrets;
    }

    public Verdict verify(HttpRequest request) {
        List<String> keys = secrets.ingestKeys();
        if (keys.isEmpty()) {
            return Verdict.NOT_CONFIGURED;
        }
        Optional<String> presented = presentedKey(request);
        if (presented.isEmpty()) {
            return Verdict.DENIED;
        }
        byte[] presentedDigest = sha256(presented.get());
        boolean match = false;
        for (String key : keys) {
            match |= MessageDigest.isEqual(presentedDigest, sha256(key));
        }
        return match ? Verdict.ALLOWED : Verdict.DENIED;
    }

    private static Optional<String> presentedKey(HttpRequest request) {
        Optional<String> apiKey = request.header("x-api-key").map(String::trim).filter(k -> !k.isEmpty());
        if (apiKey.isPresent()) {
            return apiKey;
        }
        return request.header("authorization")
                .map(String::trim)
                .filter(v -> v.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(v -> v.substring(7).trim())
                .filter(k -> !k.isEmpty());
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
