package io.xmonitor.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;

/** Database roles whose password the test server checks (the embedded server trusts local connections otherwise). */
final class Roles {

    private Roles() {
    }

    static void requirePassword(Connection admin, String role) throws Exception {
        String hbaFile;
        try (ResultSet rows = admin.createStatement().executeQuery("SHOW hba_file")) {
            rows.next();
            hbaFile = rows.getString(1);
        }
        String rule = "host all " + role + " 127.0.0.1/32 scram-sha-256";
        List<String> lines = Files.readAllLines(Path.of(hbaFile));
        if (!lines.contains(rule)) {
            Files.writeString(Path.of(hbaFile), rule + "\n" + String.join("\n", lines) + "\n");
            admin.createStatement().execute("SELECT pg_reload_conf()");
        }
    }
}
