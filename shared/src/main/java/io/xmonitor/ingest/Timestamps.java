package io.xmonitor.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Instants as the contract writes them: ISO-8601 (and the forms older senders used) in, {@code 2026-02-25T19:39:12.000Z} out. */
public final class Timestamps {

    private static final DateTimeFormatter OUTPUT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /**
     * ISO-8601 as collectors write it, and the looser forms JavaScript's {@code Date} read for the
     * system this one replaces: a date alone (midnight UTC), 'T' or space, time with or without
     * seconds and fraction, and an optional zone ("Z", "+00:00", "+0000", "+00", " UTC", " GMT").
     */
    private static final DateTimeFormatter INPUT = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart()
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .optionalStart().appendLiteral("UTC").parseDefaulting(ChronoField.OFFSET_SECONDS, 0).optionalEnd()
            .optionalStart().appendLiteral("GMT").parseDefaulting(ChronoField.OFFSET_SECONDS, 0).optionalEnd()
            .optionalEnd()
            .toFormatter(Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);

    /**
     * The text forms of an instant other programs print: RFC 1123 / 2822 ({@code Wed, 25 Feb 2026
     * 19:39:12 GMT}), the one X's API writes ({@code Wed Feb 25 19:39:12 +0000 2026}) and
     * JavaScript's {@code Date.toString()} ({@code Wed Feb 25 2026 20:39:12 GMT+0100 (…)}).
     */
    private static final List<DateTimeFormatter> OTHER_FORMS = List.of(
            DateTimeFormatter.RFC_1123_DATE_TIME.withResolverStyle(ResolverStyle.STRICT),
            DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss xx uuuu", Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT),
            DateTimeFormatter.ofPattern("EEE MMM d uuuu HH:mm:ss 'GMT'xx", Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT));

    /** Query parameters (since, until) may reach beyond the data but not beyond what PostgreSQL and the JDBC driver handle. */
    private static final Instant QUERY_MIN = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant QUERY_MAX = Instant.parse("9999-12-31T23:59:59.999Z");
    public static final String QUERY_BOUND_RULE = "must be an ISO-8601 timestamp from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z";

    private static final int[] SCALE = {0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    private Timestamps() {
    }

    public static String format(Instant instant) {
        return OUTPUT.format(instant);
    }

    /** A timestamp bounding a query ({@link #QUERY_BOUND_RULE}); empty when it is not one. */
    public static Optional<Instant> parseQueryBound(String text) {
        return parse(text).filter(instant -> !instant.isBefore(QUERY_MIN) && !instant.isAfter(QUERY_MAX));
    }

    /** Parses an instant in any form {@link #parseGeneral} reads; a value without a zone is UTC. Empty when the text is not one. */
    public static Optional<Instant> parse(String text) {
        if (text == null || text.isBlank() || text.length() > 100) {
            return Optional.empty();
        }
        Instant common = parseCommonForm(text);
        return common != null ? Optional.of(common) : parseGeneral(text);
    }

    /** Every form {@link #parse} accepts, through the general parsers. */
    static Optional<Instant> parseGeneral(String text) {
        String trimmed = text.trim();
        try {
            var parsed = INPUT.parseBest(trimmed, OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
            return Optional.of(switch (parsed) {
                case OffsetDateTime offset -> offset.toInstant();
                case LocalDateTime local -> local.toInstant(ZoneOffset.UTC);
                default -> ((LocalDate) parsed).atStartOfDay(ZoneOffset.UTC).toInstant();
            });
        } catch (DateTimeParseException e) {
            // one of the other forms, or none
        }
        // JavaScript appends the zone's name in brackets: "(Central European Standard Time)".
        int bracket = trimmed.indexOf(" (");
        String unnamed = bracket > 0 && trimmed.endsWith(")") ? trimmed.substring(0, bracket) : trimmed;
        for (DateTimeFormatter form : OTHER_FORMS) {
            try {
                return Optional.of(OffsetDateTime.parse(unnamed, form).toInstant());
            } catch (DateTimeParseException e) {
                // the next form
            }
        }
        return Optional.empty();
    }

    /**
     * The forms collectors and the legacy snapshot send, {@code 2026-11-27T11:18:12.584Z} and
     * {@code 2026-11-27 11:18:12+00:00} ('T' or space, any fraction or none, "Z", "+00:00" or no
     * zone), read without the general parser, which costs a quarter of accepting a batch; anything
     * else, an impossible date included, is left to the general parser (null).
     */
    static Instant parseCommonForm(String text) {
        int length = text.length();
        if (length < 19 || text.charAt(4) != '-' || text.charAt(7) != '-' || (text.charAt(10) != 'T' && text.charAt(10) != ' ')
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int end = text.charAt(length - 1) == 'Z' ? length - 1 : text.endsWith("+00:00") ? length - 6 : length;
        int nanos = 0;
        if (end > 19) {
            int digits = end - 20;
            if (text.charAt(19) != '.' || digits < 1 || digits > 9) {
                return null;
            }
            int fraction = digits(text, 20, end);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction * SCALE[digits];
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > YearMonth.of(year, month).lengthOfMonth()
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(ZoneOffset.UTC);
    }

    /** The decimal number in {@code text[from, to)}, or -1 when a character is not an ASCII digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
