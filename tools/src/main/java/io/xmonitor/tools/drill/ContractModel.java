package io.xmonitor.tools.drill;

import com.fasterxml.jackson.databind.JsonNode;
import io.xmonitor.ingest.IngestKind;
import io.xmonitor.json.Json;
import io.xmonitor.json.JsonDocument;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What docs/openapi.v1.yaml ("What is accepted") says is stored for an item as it was sent, and
 * which of its fields the 202 names in {@code warnings}. It is written from that text, apart from
 * the service's readers on purpose: an oracle that called them would agree with any bug in them.
 * Values are typed as their columns compare: text as {@link String}, integers as {@link Long},
 * flags as {@link Boolean}, instants as {@link Instant}, JSON as its canonical text
 * ({@link #canonical}).
 */
final class ContractModel {

    /**
     * An item as stored: its columns (a row of its table before versions combine) and the fields
     * warned about; or, when what identifies or orders it is unusable, why it must be refused.
     */
    record Stored(Map<String, Object> columns, Set<String> warned, String refusal) {
    }

    static final Instant EARLIEST = Instant.parse("2006-01-01T00:00:00Z");
    static final int KEY = 500;
    static final int LABEL = 2_000;
    static final int URL = 8_192;
    static final int NOTE = 20_000;
    static final int BODY = 100_000;
    static final int SUMMARY_TEXT = 1_000_000;
    static final int NESTED_TEXT = 100_000;
    static final int VECTOR = 16_384;

    private static final List<String> TIERS = List.of("teammate", "influencer", "ecosystem", "investor");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");
    private static final Pattern HANDLE = Pattern.compile("[a-z0-9_]+");
    private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})"
            + "(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)? ?(Z|[+-]\\d{2}(?::?\\d{2})?|UTC|GMT)?)?",
            Pattern.CASE_INSENSITIVE);
    private static final List<DateTimeFormatter> NAMED_FORMS = List.of(
            DateTimeFormatter.RFC_1123_DATE_TIME,
            DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss xx uuuu", Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT),
            DateTimeFormatter.ofPattern("EEE MMM d uuuu HH:mm:ss 'GMT'xx", Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT));

    private ContractModel() {
    }

    /** The stored form of one item sent as {@code sent}, accepted at {@code acceptedAt}, or why it must be refused. */
    static Stored stored(IngestKind kind, JsonNode sent, Instant acceptedAt) {
        Item item = new Item(sent, acceptedAt);
        Map<String, Object> columns = switch (kind) {
            case POSTS -> item.post();
            case METRICS -> item.snapshot();
            case REPORTS -> item.report();
            case WATCH_ACCOUNTS -> item.watchAccount();
            case EMBEDDINGS -> item.embedding();
            case WINDOW_SUMMARIES -> item.summary();
            case NARRATIVE_SHIFTS -> item.shift();
            case RUNS -> item.run();
        };
        return item.refusal == null ? new Stored(columns, item.warned, null) : new Stored(Map.of(), Set.of(), item.refusal);
    }

    /** One item's fields, read as the contract describes. */
    private static final class Item {
        private final JsonNode sent;
        private final Instant latest;
        private final Instant acceptedAt;
        private final Set<String> warned = new LinkedHashSet<>();
        private String refusal;

        Item(JsonNode sent, Instant acceptedAt) {
            this.sent = sent;
            this.acceptedAt = acceptedAt;
            this.latest = acceptedAt.plus(Duration.ofDays(1));
        }

        Map<String, Object> post() {
            Map<String, Object> row = new LinkedHashMap<>();
            String statusId = statusId("status_id");
            String handle = handle("author_handle");
            row.put("status_id", statusId);
            String url = url("url");
            if (url == null) {
                url = "https://x.com/" + handle + "/status/" + statusId;
                warned.add("url");
            }
            row.put("url", url);
            row.put("author_handle", handle);
            row.put("author_display", text("author_display", LABEL));
            row.put("body_text", text("body_text", BODY));
            row.put("posted_relative", text("posted_relative", LABEL));
            row.put("source_query", text("source_query", LABEL));
            row.put("watch_tier", tier("watch_tier"));
            Boolean significant = flag("is_significant");
            row.put("is_significant", significant != null && significant);
            row.put("significance_reason", text("significance_reason", NOTE));
            String version = text("significance_version", LABEL);
            row.put("significance_version", version == null ? "v1" : version);
            for (String count : List.of("likes", "reposts", "replies", "views")) {
                Long value = count(count);
                row.put(count, value == null ? 0L : value);
            }
            for (String count : List.of("initial_likes", "initial_reposts", "initial_replies", "initial_views",
                    "likes_24h", "reposts_24h", "replies_24h", "views_24h")) {
                row.put(count, count(count));
            }
            row.put("refresh_24h_at", instant("refresh_24h_at"));
            row.put("refresh_24h_status", text("refresh_24h_status", LABEL));
            for (String delta : List.of("refresh_24h_delta_likes", "refresh_24h_delta_reposts", "refresh_24h_delta_replies",
                    "refresh_24h_delta_views")) {
                row.put(delta, signed(delta));
            }
            Instant discovered = identityInstant("discovered_at");
            Instant lastSeen = identityInstant("last_seen_at");
            row.put("discovered_at", discovered);
            row.put("last_seen_at", lastSeen);
            // The two groups with a version of their own take it from the sighting that carries them.
            boolean carriesText = row.get("author_display") != null || row.get("body_text") != null;
            row.put("text_seen_at", carriesText ? lastSeen : null);
            boolean carriesRefresh = VersionRules.REFRESH_FIELDS.stream().anyMatch(field -> row.get(field) != null);
            row.put("refresh_24h_seen_at", carriesRefresh ? lastSeen : null);
            return row;
        }

        Map<String, Object> snapshot() {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("status_id", statusId("status_id"));
            row.put("snapshot_type", identityChoice("snapshot_type", List.of("initial_capture", "latest_observed", "refresh_24h"),
                    Map.of("refresh-24h", "refresh_24h")));
            row.put("snapshot_at", identityInstant("snapshot_at"));
            for (String count : List.of("likes", "reposts", "replies", "views")) {
                Long value = count(count);
                row.put(count, value == null ? 0L : value);
            }
            String source = text("source", LABEL);
            row.put("source", source == null ? "ingest" : source);
            return row;
        }

        Map<String, Object> report() {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("status_id", statusId("status_id"));
            row.put("reported_at", identityInstant("reported_at"));
            row.put("channel", text("channel", LABEL));
            row.put("summary", text("summary", BODY));
            row.put("destination", text("destination", LABEL));
            return row;
        }

        Map<String, Object> watchAccount() {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("handle", handle("handle"));
            row.put("tier", identityChoice("tier", TIERS, Map.of()));
            row.put("note", text("note", NOTE));
            Instant added = instant("added_at");
            Instant updated = instant("updated_at");
            row.put("added_at", added != null ? added : acceptedAt);
            row.put("updated_at", updated != null ? updated : acceptedAt);
            return row;
        }

        Map<String, Object> embedding() {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("status_id", statusId("status_id"));
            row.put("backend", identityText("backend", LABEL));
            row.put("model", identityText("model", LABEL));
            String field = present("vector") || !present("vector_json") ? "vector" : "vector_json";
            List<JsonNode> vector = vector(field);
            long length = vector == null ? 0 : vector.size();
            Long dims = count("dims");
            // 0, like none, means the vector's length.
            if (dims != null && dims != 0 && dims != length) {
                warned.add("dims");
            }
            row.put("dims", length);
            row.put("vector_json", canonicalArray(vector == null ? List.of() : vector));
            row.put("text_hash", identityText("text_hash", LABEL));
            row.put("updated_at", instant("updated_at"));
            row.put("created_at", instant("created_at"));
            return row;
        }

        Map<String, Object> summary() {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("summary_key", identityText("summary_key", KEY));
            row.put("window_type", identityText("window_type", KEY));
            span(row, "window_start", "window_end");
            row.put("generated_at", identityInstant("generated_at"));
            for (String count : List.of("post_count", "significant_count")) {
                Long value = count(count);
                row.put(count, value == null ? 0L : value);
            }
            row.put("tier_counts_json", json("tier_counts", true, "{}"));
            row.put("top_themes_json", json("top_themes", false, "[]"));
            row.put("debates_json", json("debates", false, "[]"));
            row.put("top_authors_json", json("top_authors", false, "[]"));
            row.put("notable_posts_json", json("notable_posts", false, "[]"));
            generatedFields(row);
            return row;
        }

        Map<String, Object> shift() {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("shift_key", identityText("shift_key", KEY));
            row.put("basis_window_type", identityText("basis_window_type", KEY));
            span(row, "period_start", "period_end");
            row.put("generated_at", identityInstant("generated_at"));
            row.put("source_summary_keys_json", summaryKeys());
            row.put("emerging_themes_json", json("emerging_themes", false, "[]"));
            row.put("declining_themes_json", json("declining_themes", false, "[]"));
            row.put("debate_intensity_json", json("debate_intensity", false, "[]"));
            row.put("position_shifts_json", json("position_shifts", true, "{}"));
            generatedFields(row);
            return row;
        }

        Map<String, Object> run() {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("run_at", identityInstant("run_at"));
            row.put("mode", identityChoice("mode", List.of("priority", "discovery", "both", "refresh24h", "manual"),
                    Map.of("refresh-24h", "refresh24h", "refresh_24h", "refresh24h")));
            for (String count : List.of("fetched_count", "significant_count", "reported_count")) {
                Long value = count(count);
                row.put(count, value == null ? 0L : value);
            }
            row.put("note", text("note", NOTE));
            row.put("source", present("source") ? identityText("source", KEY) : "local-dispatcher");
            return row;
        }

        /** A window or period: both ends identify the item, which may not end before it starts. */
        private void span(Map<String, Object> row, String startField, String endField) {
            Instant start = identityInstant(startField);
            Instant end = identityInstant(endField);
            if (start != null && end != null && end.isBefore(start)) {
                refuse(endField, "is before " + startField);
            }
            row.put(startField, start);
            row.put(endField, end);
        }

        /**
         * What a summary and a shift share: their text ("left out is stored empty, with a
         * warning"), the version of what generated them, and their embedding, whose vector's
         * length replaces dims that disagree with it.
         */
        private void generatedFields(Map<String, Object> row) {
            String summary = text("summary_text", SUMMARY_TEXT);
            if (summary == null) {
                warned.add("summary_text");
            }
            row.put("summary_text", summary == null ? "" : summary);
            String version = text("source_version", LABEL);
            row.put("source_version", version == null ? "v1" : version);
            row.put("embedding_backend", text("embedding_backend", LABEL));
            row.put("embedding_model", text("embedding_model", LABEL));
            List<JsonNode> vector = vector("embedding_vector");
            Long dims = count("embedding_dims");
            if (vector != null && dims != null && dims != vector.size()) {
                warned.add("embedding_dims");
            }
            row.put("embedding_dims", vector != null ? Long.valueOf(vector.size()) : dims);
            row.put("embedding_vector_json", vector == null ? null : canonicalArray(vector));
        }

        // ---- identity: unusable refuses the item ----------------------------------------------

        private String identityText(String field, int maxChars) {
            JsonNode value = sent.get(field);
            if (absent(value)) {
                return refuse(field, "is required");
            }
            if (!value.isTextual() && !value.isIntegralNumber()) {
                return refuse(field, "must be a string");
            }
            String text = value.asText().strip();
            if (!withoutUnstorable(text).equals(text)) {
                return refuse(field, "holds a character that cannot be stored");
            }
            if (text.codePointCount(0, text.length()) > maxChars) {
                return refuse(field, "is longer than " + maxChars);
            }
            return text;
        }

        private String statusId(String field) {
            String id = identityText(field, KEY);
            if (id != null && !DIGITS.matcher(id).matches()) {
                return refuse(field, "is not 1 to 19 digits");
            }
            return id;
        }

        private String handle(String field) {
            String text = identityText(field, KEY);
            if (text == null) {
                return null;
            }
            String handle = (text.startsWith("@") ? text.substring(1) : text).toLowerCase(Locale.ROOT);
            if (!HANDLE.matcher(handle).matches()) {
                return refuse(field, "is not an X handle");
            }
            return handle;
        }

        private String identityChoice(String field, List<String> allowed, Map<String, String> aliases) {
            String text = identityText(field, KEY);
            if (text == null) {
                return null;
            }
            String value = text.toLowerCase(Locale.ROOT);
            value = aliases.getOrDefault(value, value);
            if (!allowed.contains(value)) {
                return refuse(field, "is not one of " + allowed);
            }
            return value;
        }

        private Instant identityInstant(String field) {
            JsonNode value = sent.get(field);
            if (absent(value)) {
                return refuse(field, "is required");
            }
            Instant instant = readInstant(value);
            if (instant == null) {
                return refuse(field, "is not a timestamp between 2006 and a day after acceptance");
            }
            return instant;
        }

        /** Records why the item must be refused (the first reason is enough); its field reads as none. */
        private <T> T refuse(String field, String why) {
            if (refusal == null) {
                refusal = field + " " + why;
            }
            return null;
        }

        // ---- every other field: normalised, or dropped (cut, cleaned) with a warning -----------

        private boolean present(String field) {
            return !absent(sent.get(field));
        }

        private String text(String field, int maxChars) {
            JsonNode value = sent.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (value.isContainerNode()) {
                warned.add(field);
                return null;
            }
            String raw = value.isTextual() ? value.textValue() : value.toString();
            String clean = withoutUnstorable(raw);
            if (!clean.equals(raw)) {
                warned.add(field);
            }
            String text = clean.strip();
            if (text.isEmpty()) {
                return null;
            }
            if (text.codePointCount(0, text.length()) > maxChars) {
                warned.add(field);
                return text.substring(0, text.offsetByCodePoints(0, maxChars));
            }
            return text;
        }

        private String url(String field) {
            JsonNode value = sent.get(field);
            if (absent(value)) {
                return null;
            }
            String url = value.isTextual() ? value.textValue().strip() : null;
            if (url != null && url.codePointCount(0, url.length()) <= URL && withoutUnstorable(url).equals(url)) {
                try {
                    URI uri = new URI(url);
                    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                    if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                        return url;
                    }
                } catch (URISyntaxException notAUrl) {
                    // the post's address on X instead, with a warning
                }
            }
            warned.add(field);
            return null;
        }

        private String tier(String field) {
            String value = text(field, KEY);
            if (value == null) {
                return null;
            }
            String tier = value.toLowerCase(Locale.ROOT);
            if (!TIERS.contains(tier)) {
                warned.add(field);
                return null;
            }
            return tier;
        }

        private Boolean flag(String field) {
            JsonNode value = sent.get(field);
            if (absent(value)) {
                return null;
            }
            if (value.isBoolean()) {
                return value.booleanValue();
            }
            String text = value.isTextual() ? value.textValue().strip().toLowerCase(Locale.ROOT)
                    : value.isIntegralNumber() ? value.asText() : "";
            return switch (text) {
                case "true", "yes", "1" -> true;
                case "false", "no", "0" -> false;
                default -> {
                    warned.add(field);
                    yield null;
                }
            };
        }

        private Long count(String field) {
            return whole(field, false);
        }

        private Long signed(String field) {
            return whole(field, true);
        }

        /** Whole numbers, numeric strings and whole-valued floats in the 32-bit range; counts are not negative. */
        private Long whole(String field, boolean mayBeNegative) {
            JsonNode value = sent.get(field);
            if (absent(value)) {
                return null;
            }
            BigDecimal number = null;
            if (value.isNumber()) {
                number = value.decimalValue();
            } else if (value.isTextual()) {
                try {
                    number = new BigDecimal(value.textValue().strip());
                } catch (NumberFormatException notANumber) {
                    // dropped below
                }
            }
            if (number == null || number.signum() != 0 && number.stripTrailingZeros().scale() > 0
                    || number.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0
                    || number.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0
                    || !mayBeNegative && number.signum() < 0) {
                warned.add(field);
                return null;
            }
            return number.longValueExact();
        }

        private Instant instant(String field) {
            JsonNode value = sent.get(field);
            if (absent(value)) {
                return null;
            }
            Instant instant = readInstant(value);
            if (instant == null) {
                warned.add(field);
            }
            return instant;
        }

        /** An instant in one of the forms the contract lists, within its bounds, to the millisecond; null when it is none. */
        private Instant readInstant(JsonNode value) {
            Instant instant = null;
            if (value.isIntegralNumber() && value.canConvertToLong()) {
                try {
                    instant = Instant.ofEpochMilli(value.longValue());
                } catch (DateTimeException outOfRange) {
                    return null;
                }
            } else if (value.isTextual()) {
                instant = parseInstant(value.textValue().strip());
            }
            if (instant == null || instant.isBefore(EARLIEST) || instant.isAfter(latest)) {
                return null;
            }
            return instant.truncatedTo(ChronoUnit.MILLIS);
        }

        /** A JSON object or array (or JSON text holding one), made storable; the empty one of its shape when absent or dropped. */
        private String json(String field, boolean object, String empty) {
            JsonNode value = container(field);
            if (value == null) {
                return empty;
            }
            if (object ? !value.isObject() : !value.isArray()) {
                warned.add(field);
                return empty;
            }
            return canonical(storable(field, value));
        }

        /** source_summary_keys: strings kept, numbers as their text, anything else dropped with a warning. */
        private String summaryKeys() {
            JsonNode value = container("source_summary_keys");
            if (value == null) {
                return "[]";
            }
            if (!value.isArray()) {
                warned.add("source_summary_keys");
                return "[]";
            }
            List<JsonNode> keys = new ArrayList<>();
            for (JsonNode element : storable("source_summary_keys", value)) {
                if (element.isTextual()) {
                    keys.add(element);
                } else if (element.isNumber()) {
                    keys.add(Json.mapper().getNodeFactory().textNode(element.asText()));
                } else {
                    warned.add("source_summary_keys");
                }
            }
            return canonicalArray(keys);
        }

        /** A vector of numbers (or JSON text of one); empty is absent; anything else, or too long, dropped with a warning. */
        private List<JsonNode> vector(String field) {
            JsonNode value = container(field);
            if (value == null || value.isArray() && value.isEmpty()) {
                return null;
            }
            if (!value.isArray() || value.size() > VECTOR) {
                warned.add(field);
                return null;
            }
            List<JsonNode> numbers = new ArrayList<>();
            for (JsonNode element : value) {
                JsonNode number = element.isNumber() ? number(element) : null;
                if (number == null) {
                    warned.add(field);
                    return null;
                }
                numbers.add(number);
            }
            return numbers;
        }

        private JsonNode container(String field) {
            JsonNode value = sent.get(field);
            if (absent(value)) {
                return null;
            }
            if (value.isTextual()) {
                if (Json.parse(value.textValue().getBytes(StandardCharsets.UTF_8)) instanceof JsonDocument.Parsed parsed) {
                    return parsed.root();
                }
                warned.add(field);
                return null;
            }
            return value;
        }

        /** Strings and keys cleaned and cut, numbers as a 64-bit integer or float, one beyond a float as null. */
        private JsonNode storable(String field, JsonNode node) {
            var factory = Json.mapper().getNodeFactory();
            if (node.isTextual()) {
                return factory.textNode(nestedText(field, node.textValue()));
            }
            if (node.isNumber()) {
                JsonNode number = number(node);
                if (number == null) {
                    warned.add(field);
                    return factory.nullNode();
                }
                return number;
            }
            if (node.isObject()) {
                var copy = factory.objectNode();
                for (Map.Entry<String, JsonNode> entry : node.properties()) {
                    copy.set(nestedText(field, entry.getKey()), storable(field, entry.getValue()));
                }
                return copy;
            }
            if (node.isArray()) {
                var copy = factory.arrayNode();
                node.forEach(element -> copy.add(storable(field, element)));
                return copy;
            }
            return node;
        }

        private String nestedText(String field, String text) {
            String clean = withoutUnstorable(text);
            if (!clean.equals(text)) {
                warned.add(field);
            }
            if (clean.codePointCount(0, clean.length()) > NESTED_TEXT) {
                warned.add(field);
                return clean.substring(0, clean.offsetByCodePoints(0, NESTED_TEXT));
            }
            return clean;
        }
    }

    /** "Stored as a 64-bit integer when they are one, else as the nearest 64-bit float"; null when no float holds it. */
    private static JsonNode number(JsonNode number) {
        var factory = Json.mapper().getNodeFactory();
        if (number.isIntegralNumber() && number.canConvertToLong()) {
            return factory.numberNode(number.longValue());
        }
        double value = number.isBigDecimal() || number.isBigInteger() ? number.decimalValue().doubleValue() : number.doubleValue();
        return Double.isFinite(value) ? factory.numberNode(value) : null;
    }

    /** Without NUL, the other C0 controls but tab, line feed and carriage return, lone surrogates, U+FFFE and U+FFFF. */
    static String withoutUnstorable(String text) {
        StringBuilder kept = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                kept.append(c).append(text.charAt(++i));
            } else if (!Character.isSurrogate(c) && (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') && c != 0xFFFE && c != 0xFFFF) {
                kept.append(c);
            }
        }
        return kept.toString();
    }

    private static boolean absent(JsonNode value) {
        return value == null || value.isNull() || value.isTextual() && value.textValue().isBlank();
    }

    /**
     * The forms the contract lists: ISO-8601 with {@code T} or a space, with or without seconds
     * and fraction, with {@code Z}, {@code +00:00}, {@code +0000}, {@code +00}, {@code UTC},
     * {@code GMT} or no zone (UTC); a date alone; RFC 1123; X's form; JavaScript's
     * {@code Date.toString()}. Impossible dates are none.
     */
    static Instant parseInstant(String text) {
        Matcher iso = ISO.matcher(text);
        if (iso.matches()) {
            try {
                LocalDateTime local = LocalDateTime.of(number(iso, 1), number(iso, 2), number(iso, 3), number(iso, 4),
                        number(iso, 5), number(iso, 6), iso.group(7) == null ? 0 : Integer.parseInt((iso.group(7) + "00000000").substring(0, 9)));
                return local.toInstant(offset(iso.group(8)));
            } catch (DateTimeException impossible) {
                return null;
            }
        }
        String unnamed = text.endsWith(")") && text.contains(" (") ? text.substring(0, text.indexOf(" (")) : text;
        for (DateTimeFormatter form : NAMED_FORMS) {
            try {
                return OffsetDateTime.parse(unnamed, form).toInstant();
            } catch (DateTimeParseException notThisForm) {
                // the next form
            }
        }
        return null;
    }

    private static int number(Matcher match, int group) {
        return match.group(group) == null ? 0 : Integer.parseInt(match.group(group));
    }

    private static ZoneOffset offset(String zone) {
        if (zone == null || zone.equalsIgnoreCase("Z") || zone.equalsIgnoreCase("UTC") || zone.equalsIgnoreCase("GMT")) {
            return ZoneOffset.UTC;
        }
        String digits = zone.substring(1).replace(":", "");
        int hours = Integer.parseInt(digits.substring(0, 2));
        int minutes = digits.length() > 2 ? Integer.parseInt(digits.substring(2)) : 0;
        int sign = zone.charAt(0) == '-' ? -1 : 1;
        return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
    }

    // ---- JSON as PostgreSQL's jsonb writes it: the canonical text ties are ranked by ----------

    private static String canonicalArray(List<JsonNode> elements) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < elements.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(canonical(elements.get(i)));
        }
        return text.append(']').toString();
    }

    /**
     * jsonb's text: object keys shorter first, then in byte order; {@code ", "} and {@code ": "}
     * between; numbers as PostgreSQL's numeric prints the decimal text it was given (a float as
     * its shortest text, in plain notation); strings with {@code "}, {@code \}, and control
     * characters escaped, everything else as it is.
     */
    static String canonical(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>(Comparator
                    .comparingInt((String key) -> key.getBytes(StandardCharsets.UTF_8).length).thenComparing(VersionRules::compareText));
            node.properties().forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
            StringBuilder text = new StringBuilder("{");
            sorted.forEach((key, value) -> text.append(text.length() == 1 ? "" : ", ").append(quoted(key)).append(": ")
                    .append(canonical(value)));
            return text.append('}').toString();
        }
        if (node.isArray()) {
            List<JsonNode> elements = new ArrayList<>();
            node.forEach(elements::add);
            return canonicalArray(elements);
        }
        if (node.isTextual()) {
            return quoted(node.textValue());
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        if (node.isNumber()) {
            BigDecimal decimal = new BigDecimal(Double.toString(node.doubleValue()));
            return (decimal.scale() < 0 ? decimal.setScale(0) : decimal).toPlainString();
        }
        return node.toString();
    }

    private static String quoted(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\b' -> quoted.append("\\b");
                case '\f' -> quoted.append("\\f");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
