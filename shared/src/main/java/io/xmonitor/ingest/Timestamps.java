package io.xmonitor.ingest;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Optional;

/** Instants as the contract writes them: ISO-8601 in, {@code 2026-02-25T19:39:12.000Z} out. */
public final class Timestamps {

    private static final DateTimeFormatter OUTPUT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** Date, 'T' or space, time with optional fraction, optional offset ("Z", "+00:00", "+0000"). */
    private static final DateTimeFormatter INPUT = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT);

    /** Query parameters (since, until) may reach beyond the data but not beyond what PostgreSQL and the JDBC driver handle. */
    private static final Instant QUERY_MIN = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant QUERY_MAX = Instant.parse("9999-12-31T23:59:59.999Z");
    public static final String QUERY_BOUND_RULE = "must be an ISO-8601 timestamp from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z";

    private Timestamps() {
    }

    public static String format(Instant instant) {
        return OUTPUT.format(instant);
    }

    /** A timestamp bounding a query ({@link #QUERY_BOUND_RULE}); empty when it is not one. */
    public static Optional<Instant> parseQueryBound(String text) {
        return parse(text).filter(instant -> !instant.isBefore(QUERY_MIN) && !instant.isAfter(QUERY_MAX));
    }

    /** Parses an ISO-8601 instant; a value without a zone is UTC. Empty when the text is not one. */
    public static Optional<Instant> parse(String text) {
        if (text == null || text.isBlank() || text.length() > 40) {
            return Optional.empty();
        }
        try {
            var parsed = INPUT.parseBest(text.trim(), OffsetDateTime::from, LocalDateTime::from);
            Instant instant = parsed instanceof OffsetDateTime odt
                    ? odt.toInstant()
                    : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
            return Optional.of(instant);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
