package io.xmonitor.tools.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import io.xmonitor.json.Json;
import io.xmonitor.json.JsonDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code --env-vars} file of {@code sam local invoke}: {@code {"Parameters": {...}}} for every
 * function and {@code {"<LogicalId>": {...}}} for one; the function's own entries win.
 */
public final class EnvVarsFile {

    private EnvVarsFile() {
    }

    public static Map<String, String> read(Path file, String functionId) throws IOException {
        if (!(Json.parse(Files.readAllBytes(file)) instanceof JsonDocument.Parsed parsed) || !parsed.root().isObject()) {
            throw new IOException(file + " is not a JSON object of environment variables");
        }
        Map<String, String> variables = new LinkedHashMap<>();
        copy(parsed.root().path("Parameters"), variables);
        copy(parsed.root().path(functionId), variables);
        return variables;
    }

    private static void copy(JsonNode section, Map<String, String> into) {
        section.fields().forEachRemaining(e -> into.put(e.getKey(), e.getValue().asText()));
    }
}
