package io.xmonitor.feed;

import java.util.List;
import java.util.Optional;

/**
 * How the feed finds a literal, case-insensitive substring among a million posts quickly.
 *
 * <p>The trigram index is searched for a segment of the term rather than the whole term: pg_trgm
 * reads the posting list of every trigram it is given, and a term made of common trigrams (every
 * post says "topic-") makes it read most of the index to find a handful of posts. The segment is
 * the one whose trigrams are rarest together, judged by {@link TrigramShares}; the whole term is
 * then checked on the few posts the segment finds, so the result is exactly the substring match.
 *
 * <p>When the term is common, the newest posts hold a page of matches, and reading them newest
 * first beats fetching every match through the index: the search first reads a window of the
 * newest {@link #PROBE_ROWS} posts and stops there when it holds a full page. A wrong guess costs that bounded read, never a walk of the table. The read is bounded
 * because tier, significance and a single handle each have an index in feed order: the newest
 * posts passing one of them are read, and the other filters are checked on those. Several
 * handles are separate runs of their index, so with them the index is used at once.
 */
public record TextSearch(String term, Optional<String> indexSegment, boolean probeFirst) {

    /** Newest posts read before turning to the index: a few milliseconds of reading at most. */
    static final int PROBE_ROWS = 8_000;
    /**
     * Fetching and checking one candidate post costs about as much as reading this many
     * posting-list entries (measured at a million posts: ~9 ms per million entries, ~20 µs per candidate).
     */
    private static final double CANDIDATE_COST = 1_000;
    /** Longer segments only add trigrams to read; a term's rarest part is found within this many chars. */
    private static final int MAX_SEGMENT_CHARS = 24;

    public static TextSearch plan(String term, TrigramShares shares, int limit) {
        List<List<String>> termWords = Trigrams.ofContainedByWord(term);
        if (termWords.isEmpty()) {
            // No trigram at all ("ab", "5 %"): the index cannot narrow it; read newest first.
            return new TextSearch(term, Optional.empty(), true);
        }
        if (!shares.known()) {
            return new TextSearch(term, Optional.of(term), true);
        }
        String best = term;
        double bestCost = cost(termWords, shares);
        for (int start = 0; start < term.length(); start++) {
            if (Character.isLowSurrogate(term.charAt(start))) {
                continue;
            }
            for (int end = start + 1; end <= Math.min(term.length(), start + MAX_SEGMENT_CHARS); end++) {
                if (end < term.length() && Character.isLowSurrogate(term.charAt(end))) {
                    continue;
                }
                List<List<String>> words = Trigrams.ofContainedByWord(term.substring(start, end));
                if (words.isEmpty()) {
                    continue;
                }
                double cost = cost(words, shares);
                if (cost < bestCost) {
                    bestCost = cost;
                    best = term.substring(start, end);
                }
            }
        }
        // Worth a look at the newest posts only if, as common as its words could be, the term would fill a page there.
        boolean commonEnough = upperShare(termWords, shares) * PROBE_ROWS >= limit;
        return new TextSearch(term, Optional.of(best), commonEnough);
    }

    /**
     * What finding every post that holds {@code segment} through the index costs, per stored post,
     * in posting-list entries (reading the segment's lists, plus fetching and checking the posts they
     * are expected to find); infinite for a segment without trigrams, which the index cannot narrow.
     */
    public static double indexCostPerPost(String segment, TrigramShares shares) {
        List<List<String>> words = Trigrams.ofContainedByWord(segment);
        return words.isEmpty() ? Double.POSITIVE_INFINITY : cost(words, shares);
    }

    /** Reading the segment's posting lists, plus checking the posts they are expected to find. */
    private static double cost(List<List<String>> words, TrigramShares shares) {
        double read = words.stream().flatMap(List::stream).distinct().mapToDouble(shares::share).sum();
        return read + CANDIDATE_COST * estimatedShare(words, shares);
    }

    /** At most this share of posts holds all these words: none is more common than its rarest trigram. */
    private static double upperShare(List<List<String>> words, TrigramShares shares) {
        return words.stream().flatMap(List::stream).mapToDouble(shares::share).min().orElse(1);
    }

    /**
     * The share of posts expected to hold all these words. Neighbouring trigrams of a word share
     * two characters, so they are far from independent ("top", "opi", "pic" nearly always come
     * together): a word is taken as common as its rarest trigram, each other trigram adding one
     * character at the cube root of its share (its share spread over its three characters); words
     * are taken as independent.
     */
    private static double estimatedShare(List<List<String>> words, TrigramShares shares) {
        double share = 1;
        for (List<String> word : words) {
            double rarest = word.stream().mapToDouble(shares::share).min().orElse(1);
            double others = word.stream().mapToDouble(shares::share).map(Math::cbrt).reduce(1, (a, b) -> a * b);
            share *= rarest * others / Math.cbrt(rarest);
        }
        return share;
    }
}
