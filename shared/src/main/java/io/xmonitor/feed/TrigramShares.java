package io.xmonitor.feed;

import java.util.Map;

/**
 * How common trigrams are in the posts' search documents: the share of documents holding each
 * common one (from the statistics ANALYZE keeps), and a share for the rest, all rarer than the
 * rarest common one. Without statistics nothing is known and every trigram counts the same.
 */
public record TrigramShares(Map<String, Double> common, double rare) {

    public static final TrigramShares UNKNOWN = new TrigramShares(Map.of(), Double.NaN);

    public boolean known() {
        return !Double.isNaN(rare);
    }

    public double share(String trigram) {
        return common.getOrDefault(trigram, rare);
    }
}
