package io.xmonitor.feed;

import java.util.Map;
import java.util.Optional;

/**
 * How common each tier and each significance value is among posts (the most common values
 * ANALYZE keeps): how much of a window of newest posts the filters checked on it let through.
 * A tier without statistics passes everything, which only makes a window look more promising.
 */
record FilterShares(Map<String, Double> tiers, Map<Boolean, Double> significance) {

    static final FilterShares UNKNOWN = new FilterShares(Map.of(), Map.of());

    FilterShares {
        tiers = Map.copyOf(tiers);
        significance = Map.copyOf(significance);
    }

    /** The share of posts passing both filters, taken as independent. */
    double passing(Optional<String> tier, Optional<Boolean> significant) {
        double tierShare = tier.map(value -> tiers.getOrDefault(value, 1.0)).orElse(1.0);
        // ANALYZE may keep only the more common of the two values; the other is then the rest.
        double significanceShare = significant.map(value -> significance.getOrDefault(value,
                significance.containsKey(!value) ? 1 - significance.get(!value) : 1.0)).orElse(1.0);
        return tierShare * significanceShare;
    }
}
