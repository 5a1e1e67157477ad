package io.xmonitor.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.xmonitor.ingest.Timestamps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;

/**
 * The one JSON configuration of the project. Reading is strict (duplicate keys, trailing
 * tokens, nesting depth and document size are all rejected, invalid UTF-8 fails); writing
 * uses snake_case names and ISO-8601 UTC instants with millisecond precision.
 */
public final class Json {

    public static final int MAX_NESTING_DEPTH = 32;
    public static final long MAX_DOCUMENT_BYTES = 16L * 1024 * 1024;

    private static final ObjectMapper MAPPER = build(true);
    /** The same configuration reading trees whose objects remember a key they held twice. */
    private static final ObjectReader KEEPING_DUPLICATES = build(false).reader().with(new KeyTrackingNodeFactory());

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Parses untrusted bytes; the answer is either a document or the reason it was refused. */
    public static JsonDocument parse(byte[] bytes) {
        return parse(MAPPER.reader(), bytes);
    }

    /**
     * Parses untrusted bytes as {@link #parse} does, except that a key held twice by one object
     * does not refuse the document: that object remembers it ({@link #duplicateKeyIn}), so the part
     * of the document it belongs to (one item of a batch) can be refused alone.
     */
    public static JsonDocument parseKeepingDuplicates(byte[] bytes) {
        return parse(KEEPING_DUPLICATES, bytes);
    }

    /** A key that {@code node}, or an object inside it, held more than once (read by {@link #parseKeepingDuplicates}). */
    public static Optional<String> duplicateKeyIn(JsonNode node) {
        Optional<String> own = ownDuplicateKey(node);
        if (own.isPresent()) {
            return own;
        }
        if (node.isContainerNode()) {
            for (JsonNode child : node) {
                Optional<String> found = duplicateKeyIn(child);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** A key {@code node} itself held more than once (not one of the objects inside it). */
    public static Optional<String> ownDuplicateKey(JsonNode node) {
        return node instanceof KeyTrackingNodeFactory.TrackedObjectNode tracked ? Optional.ofNullable(tracked.duplicateKey())
                : Optional.empty();
    }

    private static JsonDocument parse(ObjectReader reader, byte[] bytes) {
        if (bytes.length > MAX_DOCUMENT_BYTES) {
            return new JsonDocument.Rejected("document exceeds " + MAX_DOCUMENT_BYTES + " bytes");
        }
        try {
            JsonNode node = reader.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                return new JsonDocument.Rejected("body is empty");
            }
            return new JsonDocument.Parsed(node);
        } catch (StreamConstraintsException e) {
            return new JsonDocument.Rejected("document is nested deeper than " + MAX_NESTING_DEPTH + " levels or too large");
        } catch (JsonProcessingException e) {
            return new JsonDocument.Rejected(describe(e));
        } catch (IOException e) {
            return new JsonDocument.Rejected("body is not readable JSON");
        }
    }

    public static byte[] writeBytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(JsonProcessingException e) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (original.startsWith("Duplicate field")) {
            return "duplicate key " + original.substring("Duplicate field".length()).trim();
        }
        if (original.contains("Invalid UTF-8")) {
            return "body is not valid UTF-8";
        }
        if (original.contains("Trailing token")) {
            return "unexpected content after the JSON document";
        }
        return "body is not valid JSON";
    }

    private static ObjectMapper build(boolean refuseDuplicateKeys) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxDocumentLength(MAX_DOCUMENT_BYTES)
                        .maxStringLength((int) MAX_DOCUMENT_BYTES)
                        .build())
                .configure(StreamReadFeature.STRICT_DUPLICATE_DETECTION, refuseDuplicateKeys)
                .build();
        SimpleModule instants = new SimpleModule("instants");
        instants.addSerializer(Instant.class, new InstantSerializer());
        return JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonParser.Feature.ALLOW_COMMENTS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .addModule(instants)
                .build();
    }

    private static final class InstantSerializer extends StdSerializer<Instant> {
        InstantSerializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(Timestamps.format(value));
        }
    }
}
