package io.xmonitor.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The versions of the repository's db/migrations, as Flyway will apply them. */
public final class MigrationFiles {

    private MigrationFiles() {
    }

    public static List<String> versions() {
        Path directory = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (directory != null && !Files.isDirectory(directory.resolve("db/migrations"))) {
            directory = directory.getParent();
        }
        if (directory == null) {
            throw new IllegalStateException("no db/migrations above " + System.getProperty("user.dir"));
        }
        try (Stream<Path> files = Files.list(directory.resolve("db/migrations"))) {
            return files.map(f -> f.getFileName().toString())
                    .filter(name -> name.matches("V\\d+__.+\\.sql"))
                    .map(name -> name.substring(1, name.indexOf("__")))
                    .sorted(Comparator.comparingInt(Integer::parseInt))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String latest() {
        return versions().getLast();
    }
}
