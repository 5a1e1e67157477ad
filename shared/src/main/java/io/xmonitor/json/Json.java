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

/**
 * The one JSON configuration of the project. Reading is strict (duplicate keys, trailing
 * tokens, nesting depth and document size are all rejected, invalid UTF-8 fails); writing
 * uses snake_case names and ISO-8601 UTC instants with millisecond precision.
 */
public final class Json {

    public static final int MAX_NESTING_DEPTH = 32;
    public static final long MAX_DOCUMENT_BYTES = 16L * 1024 * 1024;

    private static final ObjectMapper MAPPER = build();

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Parses untrusted bytes; the answer is either a document or the reason it was refused. */
    public static JsonDocument parse(byte[] bytes) {
        if (bytes.length > MAX_DOCUMENT_BYTES) {
            return new JsonDocument.Rejected("document exceeds " + MAX_DOCUMENT_BYTES + " bytes");
        }
        try {
            JsonNode node = MAPPER.readTree(bytes);
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

    private static ObjectMapper build() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxDocumentLength(MAX_DOCUMENT_BYTES)
                        .maxStringLength((int) MAX_DOCUMENT_BYTES)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
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
