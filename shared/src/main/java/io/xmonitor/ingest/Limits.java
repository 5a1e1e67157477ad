package io.xmonitor.ingest;

import java.time.Duration;
import java.time.Instant;

/**
 * The bounds every accepted item is held to, so that whatever is answered 202 can travel on the
 * queue and be stored by PostgreSQL. Lengths are in characters (code points) and generous: no
 * value a collector really sends reaches them. A text field beyond its length is cut to it (with
 * a warning); an identifying text beyond it refuses its item. docs/openapi.v1.yaml states them.
 */
public final class Limits {

    /** X opened in 2006: nothing the collector observes can be older. */
    public static final Instant EARLIEST_TIMESTAMP = Instant.parse("2006-01-01T00:00:00Z");
    /** Clocks drift and time zones get mislabelled; more than a day ahead of acceptance is a bug. */
    public static final Duration FUTURE_ALLOWANCE = Duration.ofDays(1);

    /** X status ids are 64-bit integers. */
    public static final int STATUS_ID_DIGITS = 19;

    /**
     * Keys and every other text a btree index holds (summary and shift keys, window types, a
     * run's source): 500 characters are at most 2,000 bytes of UTF-8, under PostgreSQL's index
     * entry limit of 2,704 bytes with the other columns of the index beside them.
     */
    public static final int KEY_CHARS = 500;
    /**
     * Labels and names: posted_relative, source_query, significance_version, refresh_24h_status,
     * source, source_version, author_display, channel, destination, backend, model, text_hash.
     */
    public static final int LABEL_CHARS = 2_000;
    public static final int URL_CHARS = 8_192;
    /** A reason or a note: significance_reason, watch account notes, run notes. */
    public static final int NOTE_CHARS = 20_000;
    /** A post's text (X allows 25,000 characters in a long post) and a report's summary. */
    public static final int BODY_CHARS = 100_000;
    /** Generated window summaries and narrative shifts. */
    public static final int SUMMARY_TEXT_CHARS = 1_000_000;
    /** Every string inside a JSON field (themes, debates, tier counts, ...), keys included. */
    public static final int NESTED_TEXT_CHARS = 100_000;

    public static final int VECTOR_DIMENSIONS = 16_384;

    private Limits() {
    }

    public static Instant latestTimestamp(Instant acceptedAt) {
        return acceptedAt.plus(FUTURE_ALLOWANCE);
    }
}
