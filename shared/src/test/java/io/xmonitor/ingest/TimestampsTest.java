package io.xmonitor.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
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
    })
    void parsesIsoInstantsAndTreatsZonelessAsUtc(String text, String expected) {
        assertThat(Timestamps.parse(text)).contains(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "1700000000", "2026-02-25", ""})
    void rejectsGarbage(String text) {
        assertThat(Timestamps.parse(text)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void formatsWithMillisecondsInUtc() {
        assertThat(Timestamps.format(Instant.parse("2026-02-25T19:39:12.5Z"))).isEqualTo("2026-02-25T19:39:12.500Z");
    }
}
