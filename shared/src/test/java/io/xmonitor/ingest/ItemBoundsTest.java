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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bounds that keep whatever is answered 202 queueable and storable, one field at a time. */
class ItemBoundsTest {

    private static final Instant ACCEPTED_AT = Instant.parse("2026-03-01T12:00:00Z");

    private static List<ItemError> errors(IngestKind kind, String item) {
        JsonNode root = ((JsonDocument.Parsed) Json.parse(item.getBytes(StandardCharsets.UTF_8))).root();
        return BatchValidation.of(kind, List.of(root), ACCEPTED_AT).errors();
    }

    /** A valid post with one field set to the given raw JSON. */
    private static String post(String field, String json) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("status_id", "\"1\"");
        fields.put("url", "\"https://x.com/a/status/1\"");
        fields.put("author_handle", "\"a\"");
        fields.put("discovered_at", "\"2026-02-01T00:00:00Z\"");
        fields.put("last_seen_at", "\"2026-02-01T00:00:00Z\"");
        fields.put(field, json);
        StringJoiner object = new StringJoiner(",", "{", "}");
        fields.forEach((name, value) -> object.add("\"" + name + "\":" + value));
        return object.toString();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "discovered_at | \"+300000-01-01T00:00:00Z\" | items[0].discovered_at: must lie between 2006-01-01T00:00:00.000Z and one day after acceptance (2026-03-02T12:00:00.000Z)",
            "discovered_at | \"2005-12-31T23:59:59Z\"    | items[0].discovered_at: must lie between",
            "discovered_at | \"2026-03-02T12:00:01Z\"    | items[0].discovered_at: must lie between",
            "body_text     | \"a\\uFFFFb\"              | items[0].body_text: contains U+FFFF, which is not a character",
            "body_text     | \"a\\uD800b\"              | items[0].body_text: contains a lone surrogate U+D800, which is not a character",
            "body_text     | \"bell\\u0007\"            | items[0].body_text: contains the control character U+0007; only tab, line feed and carriage return are accepted",
            "body_text     | \"c1\\u0085\"              | items[0].body_text: contains the control character U+0085",
            "body_text     | \"nul\\u0000\"             | items[0].body_text: contains a NUL character",
            "status_id     | \"12345678901234567890\"   | items[0].status_id: must be a string of 1 to 19 decimal digits",
            "posted_relative | \"0123456789012345678901234567890123456789012345678901234567890123456789\" | items[0].posted_relative: is longer than 64 characters",
            "likes_24h     | 5                          | items[0].likes_24h: requires refresh_24h_at",
    })
    void refusesWhatTheQueueOrTheDatabaseWouldRefuse(String field, String json, String message) {
        assertThat(errors(IngestKind.POSTS, post(field, json))).singleElement()
                .satisfies(error -> assertThat(error.message()).startsWith(message));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "discovered_at | \"2006-01-01T00:00:00Z\"",
            "discovered_at | \"2026-03-02T12:00:00Z\"",
            "body_text     | \"tab\\tline\\nreturn\\r emoji \\uD83D\\uDE80 private \\uE000 last \\uFFFD\"",
            "status_id     | \"9223372036854775807\"",
    })
    void acceptsTheEdgesThatCanBeStored(String field, String json) {
        assertThat(errors(IngestKind.POSTS, post(field, json))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "[1e400]     | items[0].embedding_vector: holds the number 1E+400, which is not a finite 64-bit float",
            "[-1e309]    | items[0].embedding_vector: holds the number -1E+309",
            "[1e-400]    | items[0].embedding_vector: holds the number 1E-400",
    })
    void refusesNumbersNoFloatCanHold(String vector, String message) {
        String summary = """
                {"summary_key":"k","window_type":"rolling_2h","window_start":"2026-02-25T18:00:00Z",
                 "window_end":"2026-02-25T20:00:00Z","generated_at":"2026-02-25T20:01:00Z","summary_text":"x",
                 "embedding_vector":%s}""".formatted(vector);
        assertThat(errors(IngestKind.WINDOW_SUMMARIES, summary)).singleElement()
                .satisfies(error -> assertThat(error.message()).startsWith(message));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"teammate\":1e400}         | items[0].tier_counts: holds the number 1E+400, which is not a finite 64-bit float",
            "{\"a\\u0000\":1}              | items[0].tier_counts: holds a string that contains a NUL character",
            "{\"a\":[{\"b\":\"\\uFFFE\"}]} | items[0].tier_counts: holds a string that contains U+FFFE, which is not a character",
    })
    void checksEveryKeyStringAndNumberInsideJsonFields(String tierCounts, String message) {
        String summary = """
                {"summary_key":"k","window_type":"rolling_2h","window_start":"2026-02-25T18:00:00Z",
                 "window_end":"2026-02-25T20:00:00Z","generated_at":"2026-02-25T20:01:00Z","summary_text":"x",
                 "tier_counts":%s}""".formatted(tierCounts);
        assertThat(errors(IngestKind.WINDOW_SUMMARIES, summary)).singleElement()
                .satisfies(error -> assertThat(error.message()).startsWith(message));
    }

    @org.junit.jupiter.api.Test
    void timestampsAreKeptToTheMillisecondTheContractWrites() {
        JsonNode root = ((JsonDocument.Parsed) Json.parse(post("refresh_24h_at", "\"2026-02-02T00:00:00.123456789Z\"")
                .getBytes(StandardCharsets.UTF_8))).root();
        PostUpsert post = (PostUpsert) BatchValidation.of(IngestKind.POSTS, List.of(root), ACCEPTED_AT).accepted().getFirst();
        assertThat(post.refresh24hAt()).isEqualTo(Instant.parse("2026-02-02T00:00:00.123Z"));
    }
}
