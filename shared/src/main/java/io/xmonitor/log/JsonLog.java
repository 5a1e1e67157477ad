package io.xmonitor.log;

import io.xmonitor.json.Json;
import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JSON object per line on standard output, which Lambda ships to CloudWatch as is.
 * Callers pass only what is safe to keep: routes, ids, counts, timings, error classes —
 * never secrets, request bodies or SQL values.
 */
public final class JsonLog {

    private JsonLog() {
    }

    public static void info(String event, Map<String, ?> fields) {
        write("INFO", event, fields);
    }

    public static void warn(String event, Map<String, ?> fields) {
        write("WARN", event, fields);
    }

    public static void error(String event, Map<String, ?> fields) {
        write("ERROR", event, fields);
    }

    private static void write(String level, String event, Map<String, ?> fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", Instant.now());
        line.put("level", level);
        line.put("event", event);
        line.putAll(fields);
        PrintStream out = System.out;
        out.println(Json.write(line));
    }
}
