package io.xmonitor.local;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Keeps the embedded PostgreSQL from outliving the process that started it. The server runs as a
 * daemon of its own (pg_ctl starts it), so a JVM killed with SIGKILL, an OOM kill or a closed
 * terminal would leave it running and holding its data directory. A watchdog, a small shell
 * process, waits for the JVM to end and then stops the server (and removes a throwaway data
 * directory); a start that still finds a server of a stack that is gone takes it over. The watchdog
 * runs in a session of its own where {@code setsid} exists (Linux), so a signal to the JVM's whole
 * process group (a terminal's Ctrl-C, a job runner's SIGKILL) does not end it with the JVM.
 */
public final class PostgresGuard {

    private static final String WATCHDOG = """
            owner=$1; data=$2; temporary=$3
            while kill -0 "$owner" 2>/dev/null; do sleep 1; done
            if [ -f "$data/postmaster.pid" ]; then
              server=$(head -n 1 "$data/postmaster.pid")
              kill -INT "$server" 2>/dev/null
              tries=0
              while kill -0 "$server" 2>/dev/null && [ $tries -lt 120 ]; do sleep 0.5; tries=$((tries + 1)); done
            fi
            if [ "$temporary" = yes ]; then rm -rf "$data"; fi
            """;

    private PostgresGuard() {
    }

    /** Starts the watchdog that stops the server in {@code dataDirectory} once this JVM has ended. */
    public static void stopWithThisProcess(Path dataDirectory, boolean temporary) throws IOException {
        List<String> command = new ArrayList<>();
        if (onPath("setsid")) {
            command.add("setsid");
        }
        command.addAll(List.of("sh", "-c", WATCHDOG, "xmonitor-postgres-watchdog", Long.toString(ProcessHandle.current().pid()),
                dataDirectory.toAbsolutePath().toString(), temporary ? "yes" : "no"));
        new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private static boolean onPath(String program) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(directory -> !directory.isEmpty())
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, program)));
    }

    /** The server still running on {@code dataDirectory}, if its postmaster.pid names a live process. */
    public static Optional<ProcessHandle> runningServer(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").strip();
            return first.matches("[0-9]{1,10}") ? ProcessHandle.of(Long.parseLong(first)).filter(ProcessHandle::isAlive) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Stops a server left on {@code dataDirectory} by a process that is gone: its watchdog is
     * usually doing so already; past {@code patience} it is asked to stop, then killed.
     */
    public static void takeOverOrphan(Path dataDirectory, Duration patience, Consumer<String> notice) throws InterruptedException {
        Optional<ProcessHandle> server = runningServer(dataDirectory);
        if (server.isEmpty()) {
            return;
        }
        long pid = server.get().pid();
        notice.accept("the database server (pid " + pid + ") of a stack that ended without stopping it still runs on "
                + dataDirectory + "; stopping it");
        if (awaitEnd(server.get(), patience)) {
            return;
        }
        server.get().destroy();
        if (!awaitEnd(server.get(), Duration.ofSeconds(30))) {
            server.get().destroyForcibly();
            awaitEnd(server.get(), Duration.ofSeconds(10));
        }
    }

    private static boolean awaitEnd(ProcessHandle process, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (process.isAlive()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }
}
