package io.xmonitor.analytics;

import io.xmonitor.ingest.Vocabulary;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The tiers a breakdown lists, in the contract's order, then {@link #NONE} for posts without one. */
final class Tiers {

    static final String NONE = "none";
    static final List<String> ALL;

    static {
        List<String> all = new ArrayList<>(Vocabulary.WATCH_TIERS);
        all.add(NONE);
        ALL = Collections.unmodifiableList(all);
    }

    private Tiers() {
    }

    /** Every tier, in order, with its tally (zero when it has none). */
    static <T> Map<String, T> each(Map<String, Tally> tallies, Function<Tally, T> shape) {
        Map<String, T> out = new LinkedHashMap<>();
        ALL.forEach(tier -> out.put(tier, shape.apply(tallies.getOrDefault(tier, Tally.ZERO))));
        return out;
    }
}
