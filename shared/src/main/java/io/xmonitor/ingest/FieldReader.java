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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Reads the fields of one untrusted JSON object, collecting a problem for every rule a field
 * breaks instead of stopping at the first. Readers return null for a missing optional field
 * and for a broken one; {@link #problems()} tells which. Every value is held to {@link Limits}
 * and {@link StorableValues}: what passes can be queued and stored.
 */
public final class FieldReader {

    private static final Pattern STATUS_ID = Pattern.compile("[0-9]{1," + Limits.STATUS_ID_DIGITS + "}");
    private static final Pattern HANDLE = Pattern.compile("[a-z0-9_]{1,50}");

    private final JsonNode object;
    private final String path;
    private final Instant latestTimestamp;
    private final List<String> problems = new ArrayList<>();

    /** @param acceptedAt when the batch was accepted: timestamps may lie at most a day beyond it */
    public FieldReader(JsonNode object, String path, Instant acceptedAt) {
        this.object = object;
        this.path = path;
        this.latestTimestamp = Limits.latestTimestamp(acceptedAt);
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

    public String requiredText(String field, int maxChars) {
        return text(field, true, maxChars);
    }

    public String optionalText(String field, int maxChars) {
        return text(field, false, maxChars);
    }

    public String optionalText(String field, int maxChars, String fallback) {
        String value = text(field, false, maxChars);
        return value == null && !has(field) ? fallback : value;
    }

    public String requiredStatusId(String field) {
        String value = text(field, true, Limits.NAME_CHARS);
        if (value != null && !STATUS_ID.matcher(value).matches()) {
            problem(field, "must be a string of 1 to " + Limits.STATUS_ID_DIGITS + " decimal digits");
            return null;
        }
        return value;
    }

    /** A handle stored lower-case without a leading {@code @}. */
    public String requiredHandle(String field) {
        String value = text(field, true, Limits.NAME_CHARS);
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
        String value = text(field, true, Limits.URL_CHARS);
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
        return storableNested(field, value) ? (ObjectNode) value : null;
    }

    public ArrayNode optionalArrayOfObjects(String field) {
        return array(field, JsonNode::isObject, "must be an array of objects");
    }

    public ArrayNode optionalArrayOfStrings(String field) {
        return array(field, JsonNode::isTextual, "must be an array of strings");
    }

    /** A non-empty array of numbers, each a finite 64-bit float. */
    public ArrayNode optionalVector(String field) {
        ArrayNode vector = array(field, JsonNode::isNumber, "must be an array of numbers");
        return vector == null ? null : checkedVector(field, vector);
    }

    /** A vector given as a JSON array or as text holding one (the legacy {@code vector_json} form). */
    public ArrayNode optionalVectorOrJsonText(String field) {
        JsonNode value = object.get(field);
        if (value != null && value.isTextual()) {
            var parsed = Json.parse(value.textValue().getBytes(StandardCharsets.UTF_8));
            if (parsed instanceof JsonDocument.Parsed p && p.root().isArray() && allMatch((ArrayNode) p.root(), JsonNode::isNumber)) {
                return checkedVector(field, (ArrayNode) p.root());
            }
            problem(field, "must be an array of numbers or JSON text holding one");
            return null;
        }
        return optionalVector(field);
    }

    private ArrayNode checkedVector(String field, ArrayNode vector) {
        if (vector.isEmpty()) {
            problem(field, "must not be empty");
            return null;
        }
        if (vector.size() > Limits.VECTOR_DIMENSIONS) {
            problem(field, "has " + vector.size() + " numbers; at most " + Limits.VECTOR_DIMENSIONS + " are accepted");
            return null;
        }
        for (JsonNode number : vector) {
            if (!StorableValues.storableNumber(number)) {
                problem(field, "holds the number " + number.asText() + ", which is not a finite 64-bit float");
                return null;
            }
        }
        return vector;
    }

    private boolean storableNested(String field, JsonNode value) {
        String problem = StorableValues.nestedProblem(value, Limits.NESTED_TEXT_CHARS);
        if (problem != null) {
            problem(field, problem);
            return false;
        }
        return true;
    }

    private String where(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private String text(String field, boolean required, int maxChars) {
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
        String unstorable = StorableValues.textProblem(text);
        if (unstorable != null) {
            problem(field, unstorable);
            return null;
        }
        if (text.length() > maxChars && text.codePointCount(0, text.length()) > maxChars) {
            problem(field, "is longer than " + maxChars + " characters");
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
        Instant instant = parsed.get();
        if (instant.isBefore(Limits.EARLIEST_TIMESTAMP) || instant.isAfter(latestTimestamp)) {
            problem(field, "must lie between " + Timestamps.format(Limits.EARLIEST_TIMESTAMP) + " and one day after acceptance ("
                    + Timestamps.format(latestTimestamp) + ")");
            return null;
        }
        // Stored and compared as the contract writes instants: to the millisecond.
        return instant.truncatedTo(ChronoUnit.MILLIS);
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
        String value = text(field, required, Limits.LABEL_CHARS);
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
        return storableNested(field, value) ? (ArrayNode) value : null;
    }

    private static boolean allMatch(ArrayNode array, Predicate<JsonNode> element) {
        for (JsonNode item : array) {
            if (!element.test(item)) {
                return false;
            }
        }
        return true;
    }
}
