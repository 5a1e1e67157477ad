package io.xmonitor.json;

import com.fasterxml.jackson.databind.JsonNode;

/** The outcome of reading untrusted JSON: a parsed tree or the reason it was refused. */
public sealed interface JsonDocument {

    record Parsed(JsonNode root) implements JsonDocument {
    }

    record Rejected(String reason) implements JsonDocument {
    }
}
