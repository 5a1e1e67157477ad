package io.xmonitor.ingest;

import java.util.List;
import java.util.Map;

/** The enumerations of the contract and the legacy spellings normalised onto them. */
public final class Vocabulary {

    public static final List<String> WATCH_TIERS = List.of("teammate", "influencer", "ecosystem", "investor");
    public static final List<String> RUN_MODES = List.of("priority", "discovery", "both", "refresh24h", "manual");
    public static final Map<String, String> RUN_MODE_ALIASES = Map.of("refresh-24h", "refresh24h", "refresh_24h", "refresh24h");
    public static final List<String> SNAPSHOT_TYPES = List.of("initial_capture", "latest_observed", "refresh_24h");
    public static final Map<String, String> SNAPSHOT_TYPE_ALIASES = Map.of("refresh-24h", "refresh_24h", "refresh24h", "refresh_24h");

    private Vocabulary() {
    }
}
