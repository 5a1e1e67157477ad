package io.xmonitor.tools;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository (template.yaml, docs/, events/) and of the spec folder beside it. */
final class Repository {

    private Repository() {
    }

    static Path root() {
        return Path.of(System.getProperty("xmonitor.repository", "..")).toAbsolutePath().normalize();
    }

    static Path file(String relative) {
        return root().resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(file(relative));
        } catch (java.io.IOException e) {
            throw new AssertionError("cannot read " + relative, e);
        }
    }
}
