package io.xmonitor.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.xmonitor.json.Json;
import io.xmonitor.json.JsonDocument;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the fields of one untrusted JSON object under the rule "strict on identity, lenient on
 * every other field, never silent". What identifies or orders an item is read with the
 * {@code required…} readers: a value they cannot use is a {@linkplain #problems() problem}, and
 * the item is refused. Every other field is read with a lenient reader: a value with one clear
 * meaning is normalised (trimmed, {@code ""} as absent, {@code "42"} and {@code 42.0} as 42,
 * {@code "yes"} as true, the timestamp forms {@link Timestamps} reads); a value that still cannot
 * be stored is dropped, or cut where a shorter text keeps its meaning, with a
 * {@linkplain #warnings() warning} naming the field. Every value is held to {@link Limits} and
 * {@link StorableValues}: what is read can be queued and stored, and reads back as itself.
 */
public final class FieldReader {

    private static final Pattern STATUS_ID = Pattern.compile("[0-9]{1," + Limits.STATUS_ID_DIGITS + "}");
    private static final Pattern HANDLE = Pattern.compile("[a-z0-9_]{1,50}");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]{1,9})?");
    private static final BigDecimal INT_MIN = BigDecimal.valueOf(Integer.MIN_VALUE);
    private static final BigDecimal INT_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);
    /** Epoch milliseconds of the instants a timestamp may be: JavaScript's {@code Date} read a number so. */
    private static final BigDecimal EPOCH_MILLIS_MAX = BigDecimal.valueOf(253_402_300_799_999L);

    private final JsonNode object;
    private final String path;
    private final Instant latestTimestamp;
    private final List<String> problems = new ArrayList<>();
    private final List<Warning> warnings = new ArrayList<>();

    /** A field left out or changed, and why. */
    public record Warning(String field, String message) {
    }

    /** @param acceptedAt when the batch was accepted: timestamps may lie at most a day beyond it */
    public FieldReader(JsonNode object, String path, Instant acceptedAt) {
        this.object = object;
        this.path = path;
        this.latestTimestamp = Limits.latestTimestamp(acceptedAt);
        if (!object.isObject()) {
            problems.add((path.isEmpty() ? "body" : path) + ": must be a JSON object");
            return;
        }
        Json.duplicateKeyIn(object).ifPresent(key ->
                problems.add((path.isEmpty() ? "body" : path) + ": holds the key \"" + key + "\" more than once"));
    }

    /** Why the item cannot be accepted: what identifies or orders it is missing or unusable. */
    public List<String> problems() {
        return problems;
    }

    /** Fields the item is accepted without (dropped) or with a changed value (cut, cleaned). */
    public List<Warning> warnings() {
        return warnings;
    }

    public boolean valid() {
        return problems.isEmpty();
    }

    public void problem(String field, String message) {
        problems.add(where(field) + ": " + message);
    }

    public void warn(String field, String message) {
        warnings.add(new Warning(field, message));
    }

    /** Whether the field holds a value ({@code null}, {@code ""} and whitespace count as absent). */
    public boolean has(String field) {
        JsonNode value = object.get(field);
        return value != null && !value.isNull() && !(value.isTextual() && value.textValue().isBlank());
    }

    // ---- what identifies or orders an item: unusable means refused ---------------------------

    public String requiredStatusId(String field) {
        String value = requiredText(field, Limits.KEY_CHARS);
        if (value != null && !STATUS_ID.matcher(value).matches()) {
            problem(field, "must be a string of 1 to " + Limits.STATUS_ID_DIGITS + " decimal digits");
            return null;
        }
        return value;
    }

    /** A handle stored lower-case without a leading {@code @}. */
    public String requiredHandle(String field) {
        String value = requiredText(field, Limits.KEY_CHARS);
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
        String trimmed = raw.strip();
        return (trimmed.startsWith("@") ? trimmed.substring(1) : trimmed).toLowerCase(Locale.ROOT);
    }

    /** Identifying text: trimmed, at most {@code maxChars}, nothing that cannot be stored. */
    public String requiredText(String field, int maxChars) {
        JsonNode value = object.get(field);
        if (absent(value)) {
            problem(field, "is required");
            return null;
        }
        if (!value.isTextual() && !value.isIntegralNumber()) {
            problem(field, "must be a string");
            return null;
        }
        String text = value.asText().strip();
        String unstorable = StorableValues.textProblem(text);
        if (unstorable != null) {
            problem(field, unstorable);
            return null;
        }
        if (StorableValues.cut(text, maxChars) != text) {
            problem(field, "is longer than " + maxChars + " characters");
            return null;
        }
        return text;
    }

    /** An identifying text that may be left out, in which case it is {@code fallback}. */
    public String keyOr(String field, int maxChars, String fallback) {
        return has(field) ? requiredText(field, maxChars) : fallback;
    }

    public Instant requiredInstant(String field) {
        JsonNode value = object.get(field);
        if (absent(value)) {
            problem(field, "is required");
            return null;
        }
        InstantReading reading = instant(value);
        if (reading.problem() != null) {
            problem(field, reading.problem());
        }
        return reading.instant();
    }

    /** One of {@code allowed} after mapping aliases (keys of {@code aliases}) to their canonical value. */
    public String requiredChoice(String field, List<String> allowed, Map<String, String> aliases) {
        String value = requiredText(field, Limits.KEY_CHARS);
        if (value == null) {
            return null;
        }
        String choice = choiceOf(value, allowed, aliases);
        if (choice == null) {
            problem(field, "must be one of " + String.join(", ", allowed));
        }
        return choice;
    }

    // ---- every other field: normalised, or dropped with a warning ----------------------------

    /**
     * Text: a number or boolean as its JSON text, trimmed, {@code ""} as absent, characters that
     * cannot be stored removed, cut to {@code maxChars}.
     */
    public String text(String field, int maxChars) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isContainerNode()) {
            warn(field, "must be text, not " + (value.isArray() ? "an array" : "an object") + "; dropped");
            return null;
        }
        String sent = value.isTextual() ? value.textValue() : value.asText();
        String kept = StorableValues.withoutUnstorable(sent);
        if (kept != sent) {
            warn(field, "held characters that cannot be stored (NUL, control characters, lone surrogates, U+FFFE/U+FFFF); removed");
        }
        String text = kept.strip();
        if (text.isEmpty()) {
            return null;
        }
        String cut = StorableValues.cut(text, maxChars);
        if (cut != text) {
            warn(field, "is longer than " + maxChars + " characters; cut to " + maxChars);
            return cut.strip();
        }
        return text;
    }

    /** {@link #text(String, int)}, or {@code fallback} when the field holds nothing usable. */
    public String text(String field, int maxChars, String fallback) {
        String value = text(field, maxChars);
        return value == null ? fallback : value;
    }

    /** An http(s) URL with a host, trimmed; anything else (characters that cannot be stored included) is dropped with a warning. */
    public String url(String field) {
        JsonNode sent = object.get(field);
        if (absent(sent)) {
            return null;
        }
        String value = sent.isTextual() ? sent.textValue().strip() : null;
        if (value != null && value.length() > Limits.URL_CHARS) {
            warn(field, "is longer than " + Limits.URL_CHARS + " characters; dropped");
            return null;
        }
        if (value != null && StorableValues.textProblem(value) == null) {
            try {
                URI uri = new URI(value);
                String scheme = uri.getScheme();
                if (("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && uri.getHost() != null) {
                    return value;
                }
            } catch (URISyntaxException e) {
                // dropped below
            }
        }
        warn(field, "is not an http(s) URL; dropped");
        return null;
    }

    public Instant instant(String field) {
        JsonNode value = object.get(field);
        if (absent(value)) {
            return null;
        }
        InstantReading reading = instant(value);
        if (reading.problem() != null) {
            warn(field, reading.problem() + "; dropped");
        }
        return reading.instant();
    }

    /** A count: a whole number from 0 to 2147483647, null when absent or dropped. */
    public Integer count(String field) {
        return integer(field, true);
    }

    /** A whole number that may be negative (the deltas). */
    public Integer signedInteger(String field) {
        return integer(field, false);
    }

    /** true/false, also as {@code "true"}, {@code "yes"}, {@code "1"}, {@code 1} and their opposites, in any case. */
    public Boolean flag(String field) {
        JsonNode value = object.get(field);
        if (absent(value)) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        String text = value.isTextual() ? value.textValue().trim().toLowerCase(Locale.ROOT)
                : value.isNumber() ? value.decimalValue().stripTrailingZeros().toPlainString() : "";
        return switch (text) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> {
                warn(field, "is not true or false (" + shown(value) + "); dropped");
                yield null;
            }
        };
    }

    /** One of {@code allowed} (any case, trimmed); anything else is dropped with a warning. */
    public String choice(String field, List<String> allowed) {
        int warned = warnings.size();
        String value = text(field, Limits.KEY_CHARS);
        if (value == null) {
            return null;
        }
        String choice = choiceOf(value, allowed, Map.of());
        if (choice == null) {
            warnings.subList(warned, warnings.size()).clear();
            warn(field, "is not one of " + String.join(", ", allowed) + " (" + shown(object.get(field)) + "); dropped");
        }
        return choice;
    }

    /** A JSON object (or text holding one), made storable; anything else is dropped with a warning. */
    public ObjectNode object(String field) {
        JsonNode value = container(field, true);
        return value == null ? null : (ObjectNode) storable(field, value);
    }

    /** A JSON array (or text holding one) of any values, made storable; anything else is dropped with a warning. */
    public ArrayNode array(String field) {
        JsonNode value = container(field, false);
        return value == null ? null : (ArrayNode) storable(field, value);
    }

    /** An array of strings: numbers become their text, other elements are dropped with a warning. */
    public ArrayNode stringArray(String field) {
        ArrayNode array = array(field);
        if (array == null) {
            return null;
        }
        ArrayNode strings = JsonNodeFactory.instance.arrayNode(array.size());
        int dropped = 0;
        for (JsonNode element : array) {
            if (element.isTextual()) {
                strings.add(element);
            } else if (element.isNumber()) {
                strings.add(element.asText());
            } else {
                dropped++;
            }
        }
        if (dropped > 0) {
            warn(field, dropped + " element(s) that are not strings dropped");
        }
        return strings;
    }

    /**
     * A vector: a non-empty array of numbers (or text holding one), each as the nearest 64-bit
     * float. Empty is absent; a vector with anything else, or too long, is dropped with a warning.
     */
    public ArrayNode vector(String field) {
        JsonNode value = container(field, false);
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.size() > Limits.VECTOR_DIMENSIONS) {
            warn(field, "has " + value.size() + " numbers; at most " + Limits.VECTOR_DIMENSIONS + " are stored; dropped");
            return null;
        }
        ArrayNode vector = JsonNodeFactory.instance.arrayNode(value.size());
        for (JsonNode element : value) {
            JsonNode number = element.isNumber() ? StorableValues.storableNumber(element) : null;
            if (number == null) {
                warn(field, "holds " + shown(element) + ", which is not a finite 64-bit float; dropped");
                return null;
            }
            vector.add(number);
        }
        return vector;
    }

    // ---- reading values ----------------------------------------------------------------------

    private record InstantReading(Instant instant, String problem) {
    }

    private InstantReading instant(JsonNode value) {
        Instant instant = null;
        if (value.isTextual()) {
            instant = Timestamps.parse(value.textValue()).orElse(null);
        } else if (value.isIntegralNumber() && value.decimalValue().abs().compareTo(EPOCH_MILLIS_MAX) <= 0) {
            instant = Instant.ofEpochMilli(value.longValue());
        }
        if (instant == null) {
            return new InstantReading(null, "is not a timestamp (" + shown(value) + ")");
        }
        if (instant.isBefore(Limits.EARLIEST_TIMESTAMP) || instant.isAfter(latestTimestamp)) {
            return new InstantReading(null, "must lie between " + Timestamps.format(Limits.EARLIEST_TIMESTAMP)
                    + " and one day after acceptance (" + Timestamps.format(latestTimestamp) + ")");
        }
        // Stored and compared as the contract writes instants: to the millisecond.
        return new InstantReading(instant.truncatedTo(ChronoUnit.MILLIS), null);
    }

    private Integer integer(String field, boolean nonNegative) {
        JsonNode value = object.get(field);
        if (absent(value)) {
            return null;
        }
        if (value.isInt() && (!nonNegative || value.intValue() >= 0)) {
            return value.intValue();
        }
        BigDecimal number = null;
        if (value.isNumber()) {
            number = value.decimalValue();
        } else if (value.isTextual() && value.textValue().length() <= 40 && DECIMAL.matcher(value.textValue().strip()).matches()) {
            number = new BigDecimal(value.textValue().strip());
        }
        if (number == null || number.signum() != 0 && number.stripTrailingZeros().scale() > 0) {
            warn(field, "is not a whole number (" + shown(value) + "); dropped");
            return null;
        }
        if (number.compareTo(INT_MIN) < 0 || number.compareTo(INT_MAX) > 0) {
            warn(field, "is out of range (" + shown(value) + "); dropped");
            return null;
        }
        int whole = number.intValue();
        if (nonNegative && whole < 0) {
            warn(field, "is negative (" + whole + ": unknown); dropped");
            return null;
        }
        return whole;
    }

    /** The field's object (or array), also when sent as JSON text; null when absent or dropped. */
    private JsonNode container(String field, boolean wantObject) {
        JsonNode value = object.get(field);
        if (absent(value)) {
            return null;
        }
        if (value.isTextual() && Json.parse(value.textValue().getBytes(StandardCharsets.UTF_8)) instanceof JsonDocument.Parsed p) {
            value = p.root();
        }
        if (wantObject ? value.isObject() : value.isArray()) {
            return value;
        }
        warn(field, "must be " + (wantObject ? "a JSON object" : "a JSON array") + " (" + shown(value) + "); dropped");
        return null;
    }

    private JsonNode storable(String field, JsonNode value) {
        List<String> changes = new ArrayList<>();
        JsonNode storable = StorableValues.storableNested(value, Limits.NESTED_TEXT_CHARS, changes);
        changes.forEach(change -> warn(field, change));
        return storable;
    }

    private static String choiceOf(String value, List<String> allowed, Map<String, String> aliases) {
        String normalised = value.trim().toLowerCase(Locale.ROOT);
        normalised = aliases.getOrDefault(normalised, normalised);
        return allowed.contains(normalised) ? normalised : null;
    }

    private static boolean absent(JsonNode value) {
        return value == null || value.isNull() || value.isTextual() && value.textValue().isBlank();
    }

    /** A short, storable rendering of a sent value for a message: never the whole of a long text. */
    private static String shown(JsonNode value) {
        if (value == null) {
            return "absent";
        }
        if (value.isContainerNode()) {
            return value.isArray() ? "an array" : "an object";
        }
        String text = value.isTextual() ? "\"" + value.textValue() + "\"" : value.asText();
        String clean = StorableValues.withoutUnstorable(text);
        return clean.length() > 40 ? StorableValues.cut(clean, 37) + "…" : clean;
    }

    private String where(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
