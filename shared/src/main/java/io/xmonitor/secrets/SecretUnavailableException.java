package io.xmonitor.secrets;

/** No secret could be read at all (never a refresh failure with a cached value to fall back on). */
public final class SecretUnavailableException extends RuntimeException {

    public SecretUnavailableException(String message) {
        super(message);
    }
}
