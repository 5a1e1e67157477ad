package io.xmonitor.feed;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The trigrams pg_trgm takes from text, so the feed can reason about its index: words are runs of
 * letters and digits, lower-cased, padded with two spaces in front and one behind, and cut into
 * every three-character window. In a {@code LIKE '%segment%'} pattern a word that touches a
 * wildcard is not padded on that side, since the text may go on there.
 */
final class Trigrams {

    private Trigrams() {
    }

    /** What {@code show_trgm(text)} returns (as a set; multibyte trigrams as their characters, not pg_trgm's hash). */
    static Set<String> of(String text) {
        Set<String> trigrams = new LinkedHashSet<>();
        forEachWord(text, (start, end) -> addWindows("  " + lower(text, start, end) + " ", trigrams));
        return trigrams;
    }

    /**
     * The trigrams the index is searched for with {@code LIKE '%segment%'}, word by word and in
     * order (the i-th trigram of a word starts at its i-th character); a word too short to give
     * one is left out.
     */
    static List<List<String>> ofContainedByWord(String segment) {
        List<List<String>> words = new ArrayList<>();
        forEachWord(segment, (start, end) -> {
            List<String> trigrams = new ArrayList<>();
            addWindows((start == 0 ? "" : "  ") + lower(segment, start, end) + (end == segment.length() ? "" : " "), trigrams);
            if (!trigrams.isEmpty()) {
                words.add(trigrams);
            }
        });
        return words;
    }

    /** The words of {@code text} (start inclusive, end exclusive, in chars). */
    private static void forEachWord(String text, WordVisitor visitor) {
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && !isWordChar(text.codePointAt(i))) {
                i += Character.charCount(text.codePointAt(i));
            }
            int start = i;
            while (i < text.length() && isWordChar(text.codePointAt(i))) {
                i += Character.charCount(text.codePointAt(i));
            }
            if (i > start) {
                visitor.word(start, i);
            }
        }
    }

    @FunctionalInterface
    private interface WordVisitor {
        void word(int start, int end);
    }

    private static boolean isWordChar(int codePoint) {
        return Character.isLetterOrDigit(codePoint);
    }

    private static String lower(String text, int start, int end) {
        return text.substring(start, end).toLowerCase(Locale.ROOT);
    }

    private static void addWindows(String padded, Collection<String> trigrams) {
        int[] codePoints = padded.codePoints().toArray();
        for (int i = 0; i + 3 <= codePoints.length; i++) {
            trigrams.add(new String(codePoints, i, 3));
        }
    }
}
