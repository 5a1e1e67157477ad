package io.xmonitor.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

    @ParameterizedTest
    @CsvSource({
            "2026-02-25T19:39:12.000Z, 2026-02-25T19:39:12Z",
            "2026-02-25T19:39:12Z, 2026-02-25T19:39:12Z",
            "2026-02-25T21:39:12+02:00, 2026-02-25T19:39:12Z",
            "2026-02-25T19:39:12+0000, 2026-02-25T19:39:12Z",
            "2026-02-25T19:39:12.123456, 2026-02-25T19:39:12.123456Z",
            "2026-02-25 19:39:12, 2026-02-25T19:39:12Z",
            "2026-02-25T19:39, 2026-02-25T19:39:00Z",
            "2026-02-25, 2026-02-25T00:00:00Z",
            "2026-02-25t19:39:12z, 2026-02-25T19:39:12Z",
            "2026-02-25 19:39:12 UTC, 2026-02-25T19:39:12Z",
            "2026-02-25 19:39:12 GMT, 2026-02-25T19:39:12Z",
            "2026-02-25 21:39:12 +02:00, 2026-02-25T19:39:12Z",
            "' 2026-02-25T19:39:12Z ', 2026-02-25T19:39:12Z",
            "'Wed, 25 Feb 2026 19:39:12 GMT', 2026-02-25T19:39:12Z",
            "'Wed, 25 Feb 2026 20:39:12 +0100', 2026-02-25T19:39:12Z",
            "Wed Feb 25 19:39:12 +0000 2026, 2026-02-25T19:39:12Z",
            "Wed Feb 25 2026 20:39:12 GMT+0100 (Central European Standard Time), 2026-02-25T19:39:12Z",
    })
    void parsesTheFormsTheOldApiReadAndTreatsZonelessAsUtc(String text, String expected) {
        assertThat(Timestamps.parse(text)).contains(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-02-30", "1700000000", "",
            "Mon, 30 Feb 2026 10:00:00 GMT", "Thu Feb 25 19:39:12 +0000 2026", "2026-02-25 25:00", "2026-02-25T19:39:12 PST"})
    void rejectsGarbage(String text) {
        assertThat(Timestamps.parse(text)).isEmpty();
    }

    @Test
    void theCommonFormsAreReadFastAndExactlyAsTheGeneralParserReadsThem() {
        // Texts of any instant from year 0 to 9999, with 0 to 9 fraction digits, 'T' or space, and "Z", "+00:00" or no zone.
        qt().withExamples(5_000).forAll(longs().between(-62_167_219_200L, 253_402_300_799L), integers().between(0, 999_999_999),
                integers().between(0, 9), integers().between(0, 5)).checkAssert((seconds, nanos, digits, form) -> {
                    String fraction = digits == 0 ? "" : "." + String.format("%09d", nanos).substring(0, digits);
                    String iso = Timestamps.format(Instant.ofEpochSecond(seconds)).substring(0, 19);
                    String text = (form % 2 == 0 ? iso : iso.replace('T', ' ')) + fraction + List.of("Z", "+00:00", "").get(form / 2);
                    assertThat(Timestamps.parseCommonForm(text)).as(text).isNotNull().isEqualTo(Timestamps.parseGeneral(text).orElseThrow());
                });
        // Near misses: one character changed anywhere, or one cut off; the fast path either agrees or steps aside.
        for (String form : List.of("2024-02-29T23:59:59.123Z", "2024-02-29 23:59:59+00:00")) {
            qt().withExamples(3_000).forAll(integers().between(0, form.length() - 1), integers().between(0, 17)).checkAssert((position, replacement) -> {
                char[] text = form.toCharArray();
                text[position] = "0123456789:-.TZ9 +".charAt(replacement);
                for (String changed : List.of(new String(text), form.substring(0, position))) {
                    Instant fast = Timestamps.parseCommonForm(changed);
                    if (fast != null) {
                        assertThat(Timestamps.parseGeneral(changed)).as(changed).contains(fast);
                    }
                }
            });
        }
        assertThat(Timestamps.parseCommonForm("2023-02-29T00:00:00Z")).isNull();
        assertThat(Timestamps.parse("2023-02-29T00:00:00Z")).isEmpty();
    }

    @Test
    void formatsWithMillisecondsInUtc() {
        assertThat(Timestamps.format(Instant.parse("2026-02-25T19:39:12.5Z"))).isEqualTo("2026-02-25T19:39:12.500Z");
    }
}
