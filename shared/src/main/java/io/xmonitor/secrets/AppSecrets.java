package io.xmonitor.secrets;

import java.util.List;
import java.util.Optional;

/**
 * The secrets a function may need. {@code ingestKeys} holds the current shared secret and,
 * during a rotation, the previous one; empty means none is configured (ingest fails closed).
 */
public record AppSecrets(Optional<DatabaseCredentials> database, List<String> ingestKeys) {

    public AppSecrets {
        ingestKeys = ingestKeys.stream().filter(k -> k != null && !k.isBlank()).toList();
    }

    @Override
    public String toString() {
        return "AppSecrets[database=" + database + ", ingestKeys=" + ingestKeys.size() + " configured]";
    }
}
