package io.xmonitor.config;

/** A configuration value is missing or malformed; the message names the variable, never its value. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }
}
