package io.xmonitor.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.xmonitor.json.Json;
import io.xmonitor.json.JsonDocument;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Reads the fields of one untrusted JSON object, collecting a problem for every rule a field
 * breaks instead of stopping at the first. Readers return null for a missing optional field
 * and for a broken one; {@link #problems()} tells which.
 */
public final class FieldReader {

    private static final Pattern STATUS_ID = Pattern.compile("[0-9]{1,30}");
    private static final Pattern HANDLE = Pattern.compile("[a-z0-9_]{1,50}");
    private static final int MAX_TEXT_CHARS = 100_000;

    private final JsonNode object;
    private final String path;
    private final List<String> problems = new ArrayList<>();

    public FieldReader(JsonNode object, String path) {
        this.object = object;
        this.path = path;
        if (!object.isObject()) {
            problems.add((path.isEmpty() ? "body" : path) + ": must be a JSON object");
        }
    }

    public List<String> problems() {
        return problems;
    }

    public boolean valid() {
        return problems.isEmpty();
    }

    public void problem(String field, String message) {
        problems.add(where(field) + ": " + message);
    }

    public boolean has(String field) {
        JsonNode value = object.get(field);
        return value != null && !value.isNull();
    }

    public String requiredText(String field) {
        return text(field, true);
    }

    public String optionalText(String field) {
        return text(field, false);
    }

    public String optionalText(String field, String fallback) {
        String value = text(field, false);
        return value == null && !has(field) ? fallback : value;
    }

    public String requiredStatusId(String field) {
        String value = text(field, true);
        if (value != null && !STATUS_ID.matcher(value).matches()) {
            problem(field, "must be a string of decimal digits");
            return null;
        }
        return value;
    }

    /** A handle stored lower-case without a leading {@code @}. */
    public String requiredHandle(String field) {
        String value = text(field, true);
        if (value == null) {
            return null;
        }
        String handle = normaliseHandle(value);
        if (!HANDLE.matcher(handle).matches()) {
            problem(field, "must be an X handle (letters, digits, underscore; optional leading @)");
            return null;
        }
        return handle;
    }

    public static String normaliseHandle(String raw) {
        String trimmed = raw.trim();
        return (trimmed.startsWith("@") ? trimmed.substring(1) : trimmed).toLowerCase(Locale.ROOT);
    }

    public String requiredUrl(String field) {
        String value = text(field, true);
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            if (("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && uri.getHost() != null) {
                return value;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        problem(field, "must be an http(s) URL");
        return null;
    }

    public Instant requiredInstant(String field) {
        return instant(field, true);
    }

    public Instant optionalInstant(String field) {
        return instant(field, false);
    }

    /** A count: a whole number from 0 to 2147483647; missing means {@code fallback}. */
    public int count(String field, int fallback) {
        Integer value = integer(field, false, true);
        return value == null ? fallback : value;
    }

    public Integer requiredCount(String field) {
        return integer(field, true, true);
    }

    public Integer optionalCount(String field) {
        return integer(field, false, true);
    }

    /** A whole number that may be negative (deltas). */
    public Integer optionalSignedInteger(String field) {
        return integer(field, false, false);
    }

    public boolean optionalBoolean(String field, boolean fallback) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            problem(field, "must be true or false");
            return fallback;
        }
        return value.booleanValue();
    }

    /** One of {@code allowed} after mapping aliases (keys of {@code aliases}) to their canonical value. */
    public String requiredChoice(String field, List<String> allowed, Map<String, String> aliases) {
        return choice(field, allowed, aliases, true);
    }

    public String optionalChoice(String field, List<String> allowed) {
        return choice(field, allowed, Map.of(), false);
    }

    public ObjectNode optionalObject(String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            problem(field, "must be a JSON object");
            return null;
        }
        rejectNulCharacters(field, value);
        return (ObjectNode) value;
    }

    public ArrayNode optionalArrayOfObjects(String field) {
        return array(field, JsonNode::isObject, "must be an array of objects");
    }

    public ArrayNode optionalArrayOfStrings(String field) {
        return array(field, JsonNode::isTextual, "must be an array of strings");
    }

    /** A non-empty array of finite numbers. */
    public ArrayNode optionalVector(String field) {
        ArrayNode vector = array(field, JsonNode::isNumber, "must be an array of numbers");
        if (vector != null && vector.isEmpty()) {
            problem(field, "must not be empty");
            return null;
        }
        return vector;
    }

    /** A vector given as a JSON array or as text holding one (the legacy {@code vector_json} form). */
    public ArrayNode optionalVectorOrJsonText(String field) {
        JsonNode value = object.get(field);
        if (value != null && value.isTextual()) {
            var parsed = Json.parse(value.textValue().getBytes(StandardCharsets.UTF_8));
            if (parsed instanceof JsonDocument.Parsed p && p.root().isArray()
                    && !p.root().isEmpty() && allMatch((ArrayNode) p.root(), JsonNode::isNumber)) {
                return (ArrayNode) p.root();
            }
            problem(field, "must be an array of numbers or JSON text holding one");
            return null;
        }
        return optionalVector(field);
    }

    private String where(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private String text(String field, boolean required) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                problem(field, "is required");
            }
            return null;
        }
        if (!value.isTextual()) {
            problem(field, "must be a string");
            return null;
        }
        String text = value.textValue();
        if (required && text.isBlank()) {
            problem(field, "must not be empty");
            return null;
        }
        if (text.indexOf('\u0000') >= 0) {
            problem(field, "contains a NUL character (\\u0000), which cannot be stored");
            return null;
        }
        if (text.length() > MAX_TEXT_CHARS) {
            problem(field, "is longer than " + MAX_TEXT_CHARS + " characters");
            return null;
        }
        return text;
    }

    private Instant instant(String field, boolean required) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                problem(field, "is required");
            }
            return null;
        }
        if (!value.isTextual()) {
            problem(field, "not an ISO-8601 timestamp");
            return null;
        }
        var parsed = Timestamps.parse(value.textValue());
        if (parsed.isEmpty()) {
            problem(field, "not an ISO-8601 timestamp");
            return null;
        }
        return parsed.get();
    }

    private Integer integer(String field, boolean required, boolean nonNegative) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                problem(field, "is required");
            }
            return null;
        }
        String expectation = nonNegative
                ? "must be a whole number from 0 to 2147483647"
                : "must be a whole number from -2147483648 to 2147483647";
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            problem(field, expectation);
            return null;
        }
        int number = value.intValue();
        if (nonNegative && number < 0) {
            problem(field, expectation);
            return null;
        }
        return number;
    }

    private String choice(String field, List<String> allowed, Map<String, String> aliases, boolean required) {
        String value = text(field, required);
        if (value == null) {
            return null;
        }
        String normalised = value.trim().toLowerCase(Locale.ROOT);
        normalised = aliases.getOrDefault(normalised, normalised);
        if (!allowed.contains(normalised)) {
            problem(field, "must be one of " + String.join(", ", allowed));
            return null;
        }
        return normalised;
    }

    private ArrayNode array(String field, Predicate<JsonNode> element, String message) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray() || !allMatch((ArrayNode) value, element)) {
            problem(field, message);
            return null;
        }
        rejectNulCharacters(field, value);
        return (ArrayNode) value;
    }

    private static boolean allMatch(ArrayNode array, Predicate<JsonNode> element) {
        for (JsonNode item : array) {
            if (!element.test(item)) {
                return false;
            }
        }
        return true;
    }

    private void rejectNulCharacters(String field, JsonNode value) {
        if (containsNul(value)) {
            problem(field, "contains a NUL character (\\u0000), which cannot be stored");
        }
    }

    private static boolean containsNul(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue().indexOf('\u0000') >= 0;
        }
        if (node.isObject()) {
            var fields = node.fields();
            while (fields.hasNext()) {
                var entry = fields.next();
                if (entry.getKey().indexOf('\u0000') >= 0 || containsNul(entry.getValue())) {
                    return true;
                }
            }
            return false;
        }
        for (JsonNode child : node) {
            if (containsNul(child)) {
                return true;
            }
        }
        return false;
    }
}
