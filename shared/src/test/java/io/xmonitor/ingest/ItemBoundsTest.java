package io.xmonitor.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.xmonitor.json.Json;
import io.xmonitor.json.JsonDocument;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The bounds that keep whatever is answered 202 queueable and storable, one field at a time: an
 * identifying value beyond them refuses its item, any other is dropped, cut or cleaned with a
 * warning.
 */
class ItemBoundsTest {

    private static final Instant ACCEPTED_AT = Instant.parse("2026-03-01T12:00:00Z");

    private static BatchValidation validate(IngestKind kind, String item) {
        JsonNode root = ((JsonDocument.Parsed) Json.parse(item.getBytes(StandardCharsets.UTF_8))).root();
        return BatchValidation.of(kind, List.of(root), ACCEPTED_AT);
    }

    /** A valid post with one field set to the given raw JSON. */
    private static String post(String field, String json) {
        return object(field, json, "status_id", "\"1\"", "url", "\"https://x.com/a/status/1\"", "author_handle", "\"a\"",
                "discovered_at", "\"2026-02-01T00:00:00Z\"", "last_seen_at", "\"2026-02-01T00:00:00Z\"");
    }

    /** A valid window summary with one field set to the given raw JSON. */
    private static String summary(String field, String json) {
        return object(field, json, "summary_key", "\"k\"", "window_type", "\"rolling_2h\"", "window_start", "\"2026-02-25T18:00:00Z\"",
                "window_end", "\"2026-02-25T20:00:00Z\"", "generated_at", "\"2026-02-25T20:01:00Z\"", "summary_text", "\"x\"");
    }

    private static String object(String field, String json, String... valid) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < valid.length; i += 2) {
            fields.put(valid[i], valid[i + 1]);
        }
        fields.put(field, json);
        StringJoiner object = new StringJoiner(",", "{", "}");
        fields.forEach((name, value) -> object.add("\"" + name + "\":" + value));
        return object.toString();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "discovered_at | \"+300000-01-01T00:00:00Z\" | items[0].discovered_at: must lie between",
            "discovered_at | \"2005-12-31T23:59:59Z\"    | items[0].discovered_at: must lie between 2006-01-01T00:00:00.000Z and one day after acceptance (2026-03-02T12:00:00.000Z)",
            "discovered_at | \"2026-03-02T12:00:01Z\"    | items[0].discovered_at: must lie between",
            "discovered_at | \"2026-02-30T00:00:00Z\"    | items[0].discovered_at: is not a timestamp",
            "status_id     | \"12345678901234567890\"   | items[0].status_id: must be a string of 1 to 19 decimal digits",
            "status_id     | \"1\\u0000\"               | items[0].status_id: contains a NUL character",
            "author_handle | \"a\\uD800\"               | items[0].author_handle: contains a lone surrogate U+D800",
    })
    void refusesAnItemWhoseIdentityCannotBeStored(String field, String json, String message) {
        assertThat(validate(IngestKind.POSTS, post(field, json)).errors()).singleElement()
                .satisfies(error -> assertThat(error.message()).startsWith(message));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "body_text       | \"a\\uFFFFb\"       | held characters that cannot be stored",
            "body_text       | \"a\\uD800b\"       | held characters that cannot be stored",
            "body_text       | \"bell\\u0007\"     | held characters that cannot be stored",
            "body_text       | \"nul\\u0000\"      | held characters that cannot be stored",
            "refresh_24h_at  | \"2005-12-31T23:59:59Z\" | must lie between 2006-01-01T00:00:00.000Z and one day after acceptance (2026-03-02T12:00:00.000Z); dropped",
            "likes           | 2147483648          | is out of range (2147483648); dropped",
            "likes           | \"n/a\"             | is not a whole number (\"n/a\"); dropped",
            "refresh_24h_delta_likes | -2147483649 | is out of range (-2147483649); dropped",
            "watch_tier      | \"none\"            | is not one of teammate, influencer, ecosystem, investor (\"none\"); dropped",
            "is_significant  | 2                   | is not true or false (2); dropped",
            "url             | \"javascript:alert(1)\" | is not an http(s) URL; dropped",
    })
    void dropsOrCleansAFieldThatCannotBeStoredAndSaysSo(String field, String json, String message) {
        BatchValidation result = validate(IngestKind.POSTS, post(field, json));
        assertThat(result.errors()).isEmpty();
        assertThat(result.accepted()).hasSize(1);
        assertThat(result.warnings()).singleElement().satisfies(warning -> {
            assertThat(warning.field()).isEqualTo(field);
            assertThat(warning.message()).startsWith(message);
        });
    }

    @Test
    void cutsTextBeyondItsLimitAtACharacterNotInsideAPair() {
        String rockets = "\uD83D\uDE80".repeat(Limits.LABEL_CHARS + 5);
        BatchValidation result = validate(IngestKind.POSTS, post("source_query", "\"" + rockets + "\""));
        PostUpsert stored = (PostUpsert) result.accepted().getFirst();
        assertThat(stored.sourceQuery().codePointCount(0, stored.sourceQuery().length())).isEqualTo(Limits.LABEL_CHARS);
        assertThat(StorableValues.textProblem(stored.sourceQuery())).isNull();
        assertThat(result.warnings()).singleElement()
                .satisfies(w -> assertThat(w.message()).isEqualTo("is longer than 2000 characters; cut to 2000"));
    }

    @Test
    void aKeyLongerThanAnIndexHoldsRefusesItsItem() {
        String key = "k".repeat(Limits.KEY_CHARS + 1);
        BatchValidation result = validate(IngestKind.WINDOW_SUMMARIES, summary("summary_key", "\"" + key + "\""));
        assertThat(result.errors()).singleElement()
                .satisfies(e -> assertThat(e.message()).isEqualTo("items[0].summary_key: is longer than 500 characters"));
        // 500 characters of four UTF-8 bytes each stay under PostgreSQL's btree entry limit (2,704 bytes).
        assertThat("\uD83D\uDE80".repeat(Limits.KEY_CHARS).getBytes(StandardCharsets.UTF_8).length).isLessThan(2_704 - 200);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "discovered_at | \"2006-01-01T00:00:00Z\"",
            "discovered_at | \"2026-03-02T12:00:00Z\"",
            "discovered_at | 1772000000000",
            "body_text     | \"tab\\tline\\nreturn\\r emoji \\uD83D\\uDE80 private \\uE000 c1 \\u0085 last \\uFFFD\"",
            "status_id     | \"9223372036854775807\"",
            "status_id     | 1893456789012345678",
    })
    void acceptsTheEdgesThatCanBeStored(String field, String json) {
        BatchValidation result = validate(IngestKind.POSTS, post(field, json));
        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "[1e400]     | holds 1E+400, which is not a finite 64-bit float; dropped",
            "[-1e309]    | holds -1E+309, which is not a finite 64-bit float; dropped",
            "[1, \"a\"]  | holds \"a\", which is not a finite 64-bit float; dropped",
    })
    void dropsAVectorNoFloatCanHold(String vector, String message) {
        BatchValidation result = validate(IngestKind.WINDOW_SUMMARIES, summary("embedding_vector", vector));
        assertThat(result.accepted()).hasSize(1);
        assertThat(((WindowSummaryUpsert) result.accepted().getFirst()).embedding().vector()).isNull();
        assertThat(result.warnings()).singleElement().satisfies(w -> assertThat(w.message()).isEqualTo(message));
    }

    @Test
    void numbersBecomeTheNearestFloatSoTheyReadBackAnywhere() {
        // 995 digits at exponent -1000: under Jackson's 1,000-digit limit, but PostgreSQL would print it in
        // plain notation with over 1,000 digits, which no reader takes back.
        String tiny = "1" + "2".repeat(993) + "3e-1000";
        BatchValidation result = validate(IngestKind.WINDOW_SUMMARIES, summary("top_themes", "[{\"weight\":" + tiny + "}, 1e-400, 12345678901234567890123]"));
        WindowSummaryUpsert summary = (WindowSummaryUpsert) result.accepted().getFirst();
        assertThat(summary.topThemes().get(0).get("weight").isDouble()).isTrue();
        assertThat(summary.topThemes().get(1).doubleValue()).isZero();
        assertThat(summary.topThemes().get(2).doubleValue()).isEqualTo(1.2345678901234568e22);
        assertThat(Json.write(summary.topThemes()).length()).isLessThan(100);
        assertThat(result.warnings()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"teammate\":1e400}         | a number beyond the range of a 64-bit float was replaced by null",
            "{\"a\\u0000\":1}              | characters that cannot be stored were removed from its strings",
            "{\"a\":[{\"b\":\"\\uFFFE\"}]} | characters that cannot be stored were removed from its strings",
    })
    void cleansEveryKeyStringAndNumberInsideJsonFields(String tierCounts, String message) {
        BatchValidation result = validate(IngestKind.WINDOW_SUMMARIES, summary("tier_counts", tierCounts));
        assertThat(result.accepted()).hasSize(1);
        assertThat(result.warnings()).singleElement().satisfies(w -> {
            assertThat(w.field()).isEqualTo("tier_counts");
            assertThat(w.message()).isEqualTo(message);
        });
    }

    @Test
    void timestampsAreKeptToTheMillisecondTheContractWrites() {
        PostUpsert post = (PostUpsert) validate(IngestKind.POSTS, post("refresh_24h_at", "\"2026-02-02T00:00:00.123456789Z\""))
                .accepted().getFirst();
        assertThat(post.refresh24hAt()).isEqualTo(Instant.parse("2026-02-02T00:00:00.123Z"));
    }
}
