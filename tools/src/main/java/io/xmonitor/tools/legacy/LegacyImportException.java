package io.xmonitor.tools.legacy;

/** The snapshot cannot be imported at all; the message is the one line the CLI prints. */
public final class LegacyImportException extends Exception {

    public LegacyImportException(String message) {
        super(message);
    }
}
