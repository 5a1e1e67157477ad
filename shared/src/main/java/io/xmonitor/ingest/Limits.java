package io.xmonitor.ingest;

import java.time.Duration;
import java.time.Instant;

/**
 * The bounds every accepted item is held to, so that whatever is answered 202 can travel on the
 * queue and be stored by PostgreSQL. docs/openapi.v1.yaml states them for clients.
 */
public final class Limits {

    /** X opened in 2006: nothing the collector observes can be older. */
    public static final Instant EARLIEST_TIMESTAMP = Instant.parse("2006-01-01T00:00:00Z");
    /** Clocks drift and time zones get mislabelled; more than a day ahead of acceptance is a bug. */
    public static final Duration FUTURE_ALLOWANCE = Duration.ofDays(1);

    /** X status ids are 64-bit integers. */
    public static final int STATUS_ID_DIGITS = 19;

    /** Labels and codes: posted_relative, source_query, significance_version, refresh_24h_status, source, window types. */
    public static final int LABEL_CHARS = 64;
    /** Names and keys: author_display, channel, destination, backend, model, text_hash, summary and shift keys. */
    public static final int NAME_CHARS = 200;
    public static final int URL_CHARS = 2_048;
    /** A reason or a note: significance_reason, watch account notes, run notes. */
    public static final int NOTE_CHARS = 2_000;
    /** X allows 25,000 characters in a long post. */
    public static final int BODY_CHARS = 25_000;
    /** A report's summary. */
    public static final int REPORT_SUMMARY_CHARS = 10_000;
    /** Generated window summaries and narrative shifts. */
    public static final int SUMMARY_TEXT_CHARS = 100_000;
    /** Every string inside a JSON field (themes, debates, tier counts, ...), keys included. */
    public static final int NESTED_TEXT_CHARS = 10_000;

    public static final int VECTOR_DIMENSIONS = 16_384;

    private Limits() {
    }

    public static Instant latestTimestamp(Instant acceptedAt) {
        return acceptedAt.plus(FUTURE_ALLOWANCE);
    }
}
