package io.xmonitor.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What SQS can carry and PostgreSQL can store. SQS accepts tab, line feed, carriage return and
 * the Unicode ranges U+0020–U+D7FF, U+E000–U+FFFD and U+10000–U+10FFFF; PostgreSQL refuses NUL
 * in text and JSON. Text keeps everything both accept; the rest (NUL, the other C0 controls,
 * lone surrogates, U+FFFE and U+FFFF) is removed. Numbers inside JSON fields become what every
 * reader of them reads: a 64-bit integer, or else the nearest 64-bit float, so that PostgreSQL's
 * plain rendering of a stored number stays short enough for any JSON parser to read back.
 */
public final class StorableValues {

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private StorableValues() {
    }

    /** Why {@code text} cannot be stored as it is, or null when it can. For values that identify an item. */
    public static String textProblem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (storable(text, i)) {
                if (Character.isHighSurrogate(c)) {
                    i++;
                }
                continue;
            }
            if (c == 0) {
                return "contains a NUL character (\\u0000), which cannot be stored";
            }
            if (c < 0x20) {
                return "contains the control character " + codePoint(c) + "; only tab, line feed and carriage return are stored";
            }
            if (Character.isSurrogate(c)) {
                return "contains a lone surrogate " + codePoint(c) + ", which is not a character";
            }
            return "contains " + codePoint(c) + ", which is not a character";
        }
        return null;
    }

    /** {@code text} without the characters that cannot be stored; the same instance when there were none. */
    public static String withoutUnstorable(String text) {
        int first = firstUnstorable(text);
        if (first < 0) {
            return text;
        }
        StringBuilder kept = new StringBuilder(text.length()).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (storable(text, i)) {
                kept.append(c);
                if (Character.isHighSurrogate(c)) {
                    kept.append(text.charAt(++i));
                }
            }
        }
        return kept.toString();
    }

    private static int firstUnstorable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0xD800) {
                continue;
            }
            if (!storable(text, i)) {
                return i;
            }
            if (Character.isHighSurrogate(c)) {
                i++;
            }
        }
        return -1;
    }

    /** Whether the character at {@code i} can be stored; a high surrogate counts with the low one after it. */
    private static boolean storable(String text, int i) {
        char c = text.charAt(i);
        if (c >= 0x20 && c < 0xD800) {
            return true;
        }
        if (c == '\t' || c == '\n' || c == '\r') {
            return true;
        }
        if (c < 0x20) {
            return false;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return false;
        }
        return c != '\uFFFE' && c != '\uFFFF';
    }

    /**
     * {@code text} cut to {@code maxChars} code points (never between the two halves of a pair);
     * the same instance when it is not longer.
     */
    public static String cut(String text, int maxChars) {
        if (text.length() <= maxChars || text.codePointCount(0, text.length()) <= maxChars) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, maxChars));
    }

    /**
     * A JSON number as it is stored: itself when it is a 64-bit integer, else the nearest 64-bit
     * float; null when no float holds it (beyond ±1.8e308).
     */
    static JsonNode storableNumber(JsonNode number) {
        if (number.isInt() || number.isLong() || number.isShort()) {
            return number;
        }
        if (number.isBigInteger()) {
            BigInteger value = number.bigIntegerValue();
            if (value.compareTo(LONG_MIN) >= 0 && value.compareTo(LONG_MAX) <= 0) {
                return LongNode.valueOf(value.longValue());
            }
            return finite(value.doubleValue());
        }
        if (number.isDouble() || number.isFloat()) {
            return finite(number.doubleValue());
        }
        BigDecimal value = number.decimalValue();
        return finite(value.doubleValue());
    }

    private static JsonNode finite(double value) {
        return Double.isFinite(value) ? DoubleNode.valueOf(value) : null;
    }

    /**
     * A nested JSON value (the contents of an object or array field) made storable: strings and
     * keys without unstorable characters and cut to {@code maxTextChars}, numbers as
     * {@link #storableNumber}, a number no float holds replaced by null. What was changed is
     * added to {@code changes}, once per kind of change.
     */
    static JsonNode storableNested(JsonNode node, int maxTextChars, List<String> changes) {
        if (node.isTextual()) {
            String text = storableString(node.textValue(), maxTextChars, changes);
            return text == node.textValue() ? node : TextNode.valueOf(text);
        }
        if (node.isNumber()) {
            JsonNode number = storableNumber(node);
            if (number == null) {
                note(changes, "a number beyond the range of a 64-bit float was replaced by null");
                return JsonNodeFactory.instance.nullNode();
            }
            return number;
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                copy.set(storableString(field.getKey(), maxTextChars, changes), storableNested(field.getValue(), maxTextChars, changes));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode(node.size());
            for (JsonNode element : node) {
                copy.add(storableNested(element, maxTextChars, changes));
            }
            return copy;
        }
        return node;
    }

    private static String storableString(String text, int maxTextChars, List<String> changes) {
        String kept = withoutUnstorable(text);
        if (kept != text) {
            note(changes, "characters that cannot be stored were removed from its strings");
        }
        String cut = cut(kept, maxTextChars);
        if (cut != kept) {
            note(changes, "strings longer than " + maxTextChars + " characters were cut");
        }
        return cut;
    }

    private static void note(List<String> changes, String change) {
        if (!changes.contains(change)) {
            changes.add(change);
        }
    }

    private static String codePoint(char c) {
        return String.format("U+%04X", (int) c);
    }
}
