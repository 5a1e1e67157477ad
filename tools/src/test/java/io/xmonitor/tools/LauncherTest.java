package io.xmonitor.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's launcher on a machine whose JAVA_HOME and default java are a JDK 17, as a newcomer's may be. */
class LauncherTest {

    private static final Pattern NOTE = Pattern.compile("^xmonitor: JAVA_HOME is JDK 17 at (\\S+); using JDK (\\d+) at (\\S+)$");

    @TempDir
    Path directory;

    /** A JDK 17 that answers like one: its release file and a java that prints its version. */
    private Path fakeJdk17() throws IOException {
        Path home = Files.createDirectories(directory.resolve("jdk-17"));
        Path bin = Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"17.0.15\"\n");
        String java = """
                #!/bin/sh
                if [ "$1" = -XshowSettings:properties ]; then echo "    java.home = %s" >&2; fi
                echo 'openjdk version "17.0.15" 2025-04-15' >&2
                """.formatted(home);
        for (String tool : List.of("java", "javac")) {
            Path file = bin.resolve(tool);
            Files.writeString(file, java, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return home;
    }

    @Test
    void withJavaHomeAndPathOnJdk17ItFindsAJdk21OrNewerAndSaysWhichInOneLine() throws Exception {
        Path jdk17 = fakeJdk17();
        // This JVM stands in one of the usual places (~/.jdks), in case the machine has no other JDK there.
        Path home = Files.createDirectories(directory.resolve("home"));
        Files.createSymbolicLink(Files.createDirectories(home.resolve(".jdks")).resolve("this-jdk"), Path.of(System.getProperty("java.home")));
        ProcessBuilder launcher = new ProcessBuilder(Repository.file("xmonitor").toString(), "--version")
                .directory(Repository.root().toFile());
        Map<String, String> environment = launcher.environment();
        environment.put("JAVA_HOME", jdk17.toString());
        environment.put("PATH", jdk17.resolve("bin") + ":/usr/bin:/bin");
        environment.put("HOME", home.toString());
        environment.remove("XMONITOR_JAVA_OPTS");
        Path out = directory.resolve("out");
        Path err = directory.resolve("err");
        Process process = launcher.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> errors = Files.readAllLines(err);
        String output = Files.readString(out);

        assertThat(errors).isNotEmpty();
        Matcher note = NOTE.matcher(errors.getFirst());
        assertThat(note.matches()).as(String.join("\n", errors)).isTrue();
        assertThat(note.group(1)).isEqualTo(jdk17.toString());
        assertThat(Integer.parseInt(note.group(2))).isGreaterThanOrEqualTo(21);
        assertThat(Files.isExecutable(Path.of(note.group(3), "bin", "javac"))).isTrue();
        // It then runs the CLI on that JDK, or, before the jar is built, says how to build it.
        if (Files.exists(Repository.file("tools/target/xmonitor.jar"))) {
            assertThat(process.exitValue()).isZero();
            assertThat(output.strip()).isEqualTo("xmonitor 1.0.0");
            assertThat(errors).hasSize(1);
        } else {
            assertThat(process.exitValue()).isEqualTo(1);
            assertThat(errors).hasSize(2);
            assertThat(errors.get(1)).endsWith("is not built yet; build it with: ./xmonitor mvnw -q package -DskipTests");
        }
    }
}
