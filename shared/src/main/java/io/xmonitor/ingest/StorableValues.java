package io.xmonitor.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

/**
 * What SQS can carry and PostgreSQL can store. SQS accepts tab, line feed, carriage return and
 * the Unicode ranges U+0020–U+D7FF, U+E000–U+FFFD and U+10000–U+10FFFF; PostgreSQL refuses NUL
 * in text and JSON. The other control characters (U+0001–U+001F, U+007F–U+009F) are refused
 * too: they are never meant as text. Numbers must be finite 64-bit floats, which is what every
 * consumer of a vector or a JSON field reads them as.
 */
public final class StorableValues {

    private StorableValues() {
    }

    /** Why {@code text} cannot be stored, or null when it can. */
    public static String textProblem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7F) {
                continue;
            }
            if (c == '\t' || c == '\n' || c == '\r') {
                continue;
            }
            if (c == 0) {
                return "contains a NUL character (\\u0000), which cannot be stored";
            }
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
                return "contains the control character " + codePoint(c) + "; only tab, line feed and carriage return are accepted";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
                continue;
            }
            if (Character.isSurrogate(c)) {
                return "contains a lone surrogate " + codePoint(c) + ", which is not a character";
            }
            if (c == '\uFFFE' || c == '\uFFFF') {
                return "contains " + codePoint(c) + ", which is not a character";
            }
        }
        return null;
    }

    /** Whether a JSON number is a finite 64-bit float that does not round to zero. */
    static boolean storableNumber(JsonNode number) {
        if (number.isInt() || number.isLong() || number.isShort()) {
            return true;
        }
        if (number.isBigInteger()) {
            return Double.isFinite(number.bigIntegerValue().doubleValue());
        }
        BigDecimal value = number.decimalValue();
        double asDouble = value.doubleValue();
        return Double.isFinite(asDouble) && (asDouble != 0 || value.signum() == 0);
    }

    /**
     * Why a nested JSON value (an object or array field) cannot be stored, or null: every key and
     * string inside it is checked as text, every number as a number.
     */
    static String nestedProblem(JsonNode node, int maxTextChars) {
        if (node.isTextual()) {
            return stringProblem(node.textValue(), maxTextChars);
        }
        if (node.isNumber()) {
            return storableNumber(node) ? null : "holds the number " + node.asText() + ", which is not a finite 64-bit float";
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String problem = stringProblem(field.getKey(), maxTextChars);
                if (problem == null) {
                    problem = nestedProblem(field.getValue(), maxTextChars);
                }
                if (problem != null) {
                    return problem;
                }
            }
            return null;
        }
        for (JsonNode element : node) {
            String problem = nestedProblem(element, maxTextChars);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static String stringProblem(String text, int maxTextChars) {
        if (text.length() > maxTextChars && text.codePointCount(0, text.length()) > maxTextChars) {
            return "holds a string longer than " + maxTextChars + " characters";
        }
        String problem = textProblem(text);
        return problem == null ? null : "holds a string that " + problem;
    }

    private static String codePoint(char c) {
        return String.format("U+%04X", (int) c);
    }
}
