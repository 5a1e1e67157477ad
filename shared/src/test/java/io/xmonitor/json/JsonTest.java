package io.xmonitor.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonTest {

    private static JsonDocument parse(String text) {
        return Json.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parsesAnObject() {
        assertThat(parse("{\"items\":[1,2]}")).isInstanceOf(JsonDocument.Parsed.class);
    }

    @Test
    void rejectsDuplicateKeysNamingTheKey() {
        assertThat(parse("{\"a\":1,\"a\":2}")).isEqualTo(new JsonDocument.Rejected("duplicate key 'a'"));
    }

    @Test
    void rejectsDuplicateKeysInNestedObjects() {
        assertThat(parse("{\"items\":[{\"status_id\":\"1\",\"status_id\":\"2\"}]}"))
                .isEqualTo(new JsonDocument.Rejected("duplicate key 'status_id'"));
    }

    @Test
    void keepingDuplicatesMarksTheObjectThatHeldOneAndOnlyThatOne() {
        JsonDocument document = Json.parseKeepingDuplicates("""
                {"items":[{"status_id":"1"},{"status_id":"2","likes":1,"likes":2},{"a":{"b":1,"b":1}}]}"""
                .getBytes(StandardCharsets.UTF_8));
        var root = ((JsonDocument.Parsed) document).root();
        assertThat(Json.ownDuplicateKey(root)).isEmpty();
        assertThat(Json.duplicateKeyIn(root.get("items").get(0))).isEmpty();
        assertThat(Json.duplicateKeyIn(root.get("items").get(1))).contains("likes");
        assertThat(Json.ownDuplicateKey(root.get("items").get(2))).isEmpty();
        assertThat(Json.duplicateKeyIn(root.get("items").get(2))).contains("b");

        var twice = ((JsonDocument.Parsed) Json.parseKeepingDuplicates("{\"items\":[],\"items\":[]}".getBytes(StandardCharsets.UTF_8))).root();
        assertThat(Json.ownDuplicateKey(twice)).contains("items");
        // The strict parse still refuses the document.
        assertThat(parse("{\"items\":[],\"items\":[]}")).isInstanceOf(JsonDocument.Rejected.class);
    }

    @Test
    void rejectsNestingBeyondTheLimit() {
        String deep = "[".repeat(Json.MAX_NESTING_DEPTH + 1) + "]".repeat(Json.MAX_NESTING_DEPTH + 1);
        assertThat(parse(deep)).isInstanceOf(JsonDocument.Rejected.class);
        String allowed = "[".repeat(Json.MAX_NESTING_DEPTH) + "]".repeat(Json.MAX_NESTING_DEPTH);
        assertThat(parse(allowed)).isInstanceOf(JsonDocument.Parsed.class);
    }

    @Test
    void rejectsInvalidUtf8() {
        byte[] bytes = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertThat(Json.parse(bytes)).isEqualTo(new JsonDocument.Rejected("body is not valid UTF-8"));
    }

    @Test
    void rejectsNonJsonTrailingContentAndEmptyBodies() {
        assertThat(parse("hello")).isEqualTo(new JsonDocument.Rejected("body is not valid JSON"));
        assertThat(parse("{} {}")).isEqualTo(new JsonDocument.Rejected("unexpected content after the JSON document"));
        assertThat(parse("")).isEqualTo(new JsonDocument.Rejected("body is empty"));
        assertThat(parse("{\"a\":1 // comment\n}")).isInstanceOf(JsonDocument.Rejected.class);
    }

    @Test
    void writesSnakeCaseAndMillisecondUtcInstants() {
        record Sample(String statusId, java.time.Instant seenAt, String omitted) {
        }
        String json = Json.write(new Sample("1", java.time.Instant.parse("2026-02-25T19:39:12Z"), null));
        assertThat(json).isEqualTo("{\"status_id\":\"1\",\"seen_at\":\"2026-02-25T19:39:12.000Z\"}");
    }
}
