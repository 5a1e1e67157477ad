package io.xmonitor.tools.local;

import io.xmonitor.json.Json;
import io.xmonitor.json.JsonDocument;
import io.xmonitor.secrets.DatabaseCredentials;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

/**
 * Where a running {@code xmonitor local} stack is, written while it runs so that other commands
 * (DLQ tools, import through the API) find it without flags. Kept in {@code ~/.xmonitor/} (or
 * {@code $XMONITOR_HOME}, or the {@code xmonitor.home} system property), readable by the user only
 * since it holds the local ingest key.
 */
public record StackState(String apiUrl, String ingestKey, String jdbcUrl, String databaseUser,
                         String databasePassword, String sqsEndpoint, String queueUrl, String dlqUrl,
                         String s3Endpoint, String payloadBucket, String issuerUrl, long pid) {

    public static Path file() {
        String home = System.getProperty("xmonitor.home", System.getenv("XMONITOR_HOME"));
        Path directory = home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"), ".xmonitor");
        return directory.resolve("local.json");
    }

    public void write() throws IOException {
        Path file = file();
        Files.createDirectories(file.getParent());
        Path temporary = Files.createTempFile(file.getParent(), "local", ".json",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(temporary, Json.writeBytes(this));
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The running stack, if its file exists and its process is alive. */
    public static Optional<StackState> read() {
        return read(file());
    }

    /** The stack whose state is in {@code file} (another stack's home), if its process is alive. */
    public static Optional<StackState> read(Path file) {
        try {
            if (!Files.exists(file) || !(Json.parse(Files.readAllBytes(file)) instanceof JsonDocument.Parsed parsed)) {
                return Optional.empty();
            }
            StackState state = Json.mapper().treeToValue(parsed.root(), StackState.class);
            return ProcessHandle.of(state.pid()).filter(ProcessHandle::isAlive).map(p -> state);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The environment this stack's functions run with: `xmonitor invoke` beside the stack uses it. */
    public Map<String, String> functionVariables() {
        return LocalStack.functionVariables(sqsEndpoint, s3Endpoint, queueUrl, payloadBucket,
                new DatabaseCredentials(jdbcUrl, databaseUser, databasePassword), ingestKey);
    }

    /** The JDBC URL with the credentials in it: pasted into --database-url, it works as is. */
    public String connectableJdbcUrl() {
        if (databaseUser == null) {
            return jdbcUrl;
        }
        return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "user=" + encode(databaseUser)
                + (databasePassword == null ? "" : "&password=" + encode(databasePassword));
    }

    /** The same database as a libpq URL, for psql. */
    public Optional<String> psqlUrl() {
        if (!jdbcUrl.startsWith("jdbc:postgresql://") || databaseUser == null) {
            return Optional.empty();
        }
        return Optional.of("postgresql://" + encode(databaseUser) + (databasePassword == null ? "" : ":" + encode(databasePassword))
                + "@" + jdbcUrl.substring("jdbc:postgresql://".length()));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public void delete() throws IOException {
        Path file = file();
        Optional<StackState> current = read();
        if (current.isEmpty() || current.get().pid() == pid) {
            Files.deleteIfExists(file);
        }
    }

}
