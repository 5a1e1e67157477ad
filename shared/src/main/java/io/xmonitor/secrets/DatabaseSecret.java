package io.xmonitor.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import io.xmonitor.config.AppConfig;
import io.xmonitor.config.DatabaseLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The database secret read into credentials. Both layouts RDS writes are accepted: the one it
 * rotates ({@code host, port, dbname, username, password}) and the one it manages for a master
 * user ({@code username, password}), whose location then comes from {@link DatabaseLocation}.
 * What the secret holds wins; what neither holds is named, never guessed.
 */
final class DatabaseSecret {

    sealed interface Reading permits Complete, Incomplete {
    }

    record Complete(DatabaseCredentials credentials) implements Reading {
    }

    /** What is missing or malformed, by field and by the variable (and template parameter) that could supply it. */
    record Incomplete(String reason) implements Reading {
    }

    private DatabaseSecret() {
    }

    static Reading read(JsonNode secret, DatabaseLocation location) {
        List<String> problems = new ArrayList<>();
        Optional<String> host = text(secret, "host").or(location::host);
        if (host.isEmpty()) {
            problems.add(neither("host", AppConfig.DATABASE_HOST, "DatabaseHost"));
        }
        Optional<Integer> port = Optional.empty();
        if (secret.hasNonNull("port")) {
            port = port(secret.get("port"));
            if (port.isEmpty()) {
                problems.add("the secret's port is not a port number");
            }
        } else {
            port = location.port();
            if (port.isEmpty()) {
                problems.add(neither("port", AppConfig.DATABASE_PORT, "DatabasePort"));
            }
        }
        Optional<String> name = text(secret, "dbname").or(location::name);
        if (name.isEmpty()) {
            problems.add(neither("dbname", AppConfig.DATABASE_NAME, "DatabaseName"));
        }
        Optional<String> username = credential(secret, "username");
        if (username.isEmpty()) {
            problems.add("the secret has no username");
        }
        Optional<String> password = credential(secret, "password");
        if (password.isEmpty()) {
            problems.add("the secret has no password");
        }
        if (!problems.isEmpty()) {
            return new Incomplete("the database secret is incomplete: " + String.join("; ", problems));
        }
        String url = "jdbc:postgresql://" + host.get() + ":" + port.get() + "/" + name.get();
        return new Complete(new DatabaseCredentials(url, username.get(), password.get()));
    }

    private static String neither(String field, String variable, String parameter) {
        return field + " is in neither the secret nor " + variable + " (template parameter " + parameter + ")";
    }

    private static Optional<String> text(JsonNode secret, String field) {
        return credential(secret, field).map(String::trim).filter(text -> !text.isEmpty());
    }

    /** Taken as written: a password may begin or end with a space. */
    private static Optional<String> credential(JsonNode secret, String field) {
        JsonNode value = secret.get(field);
        return value == null || !value.isValueNode() || value.isNull() || value.asText().isEmpty()
                ? Optional.empty() : Optional.of(value.asText());
    }

    /** RDS writes the port as a number; a hand-made secret may hold it as text. */
    private static Optional<Integer> port(JsonNode value) {
        String digits = value.isIntegralNumber() ? value.asText() : value.isTextual() ? value.asText().trim() : "";
        if (!digits.matches("[0-9]{1,5}")) {
            return Optional.empty();
        }
        int port = Integer.parseInt(digits);
        return port >= 1 && port <= 65_535 ? Optional.of(port) : Optional.empty();
    }
}
