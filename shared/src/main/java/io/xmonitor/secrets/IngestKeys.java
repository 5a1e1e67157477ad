package io.xmonitor.secrets;

import java.util.List;
import java.util.stream.Stream;

/** The ingest shared secrets as configured: the current one and, during a rotation, the previous one. */
final class IngestKeys {

    private IngestKeys() {
    }

    /** The keys that are set; blank ones are left out, so none configured is an empty list. */
    static List<String> of(String current, String previous) {
        return Stream.of(current, previous).filter(key -> key != null && !key.isBlank()).toList();
    }
}
