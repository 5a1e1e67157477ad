package io.xmonitor.tools.drill;

import io.xmonitor.tools.XmonitorCli;
import io.xmonitor.tools.local.StackState;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * `xmonitor local --data-dir` as a separate process the drill can hurt: its embedded PostgreSQL
 * stopped and started again (with the exact command line it ran with), and the whole stack,
 * database included, killed with SIGKILL and started again on the same directory and port.
 */
final class LocalStackProcess implements AutoCloseable {

    private final Path data;
    private final Path home;
    private final int port;
    private final String key;
    private final int visibilityTimeoutSeconds;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process stack;
    private Process restartedDatabase;

    LocalStackProcess(Path data, int port, String key, int visibilityTimeoutSeconds) throws IOException {
        this.data = data;
        this.home = Files.createDirectories(data.resolve("home"));
        this.port = port;
        this.key = key;
        this.visibilityTimeoutSeconds = visibilityTimeoutSeconds;
    }

    /** Starts the stack and waits until its API answers. */
    void start() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), XmonitorCli.class.getName(), "local",
                "--port", Integer.toString(port), "--data-dir", data.toString(),
                "--visibility-timeout", Integer.toString(visibilityTimeoutSeconds)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("stack.out").toFile()));
        builder.environment().put("XMONITOR_HOME", home.toString());
        builder.environment().put("XMONITOR_INGEST_SHARED_SECRET", key);
        stack = builder.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!stack.isAlive()) {
                throw new IllegalStateException("the local stack did not start; see " + data.resolve("stack.out"));
            }
            try {
                HttpResponse<Void> health = http.send(HttpRequest.newBuilder(URI.create(apiUrl() + "/v1/health")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200 && state().isPresent()) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the local stack did not answer within 120 s; see " + data.resolve("stack.out"));
    }

    String apiUrl() {
        return "http://127.0.0.1:" + port;
    }

    Optional<StackState> state() {
        return StackState.read(home.resolve("local.json"));
    }

    Path functionLog() {
        return home.resolve("local-functions.log");
    }

    /** A fast shutdown of the stack's PostgreSQL (SIGINT): connections are cut, the stack itself stays up. */
    void stopDatabase() throws Exception {
        Postmaster postmaster = postmaster();
        run(List.of("kill", "-INT", Long.toString(postmaster.pid())));
        // A clean shutdown ends by removing the pid file.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (Files.exists(data.resolve("postgres/postmaster.pid"))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("PostgreSQL did not shut down within 60 s");
            }
            Thread.sleep(100);
        }
    }

    /**
     * PostgreSQL started again with the command line the stack started it with; as root, inside a
     * user namespace as the embedded server does (PostgreSQL refuses to run as root).
     */
    void startDatabase(List<String> commandLine) throws Exception {
        List<String> command = new ArrayList<>(commandLine);
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(0, List.of("unshare", "-U"));
        }
        restartedDatabase = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("postgres-restarted.out").toFile())).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(data.resolve("postgres/postmaster.pid")) && postmasterIsAlive()) {
                if (Files.readAllLines(data.resolve("postgres/postmaster.pid")).stream().anyMatch(l -> l.strip().equals("ready"))) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("PostgreSQL did not start again; see " + data.resolve("postgres-restarted.out"));
    }

    /** The running PostgreSQL's command line, to start it again the same way. */
    List<String> databaseCommandLine() throws IOException {
        return postmaster().commandLine();
    }

    /** SIGKILL to the stack's JVM, its PostgreSQL and every PostgreSQL backend: nothing gets to shut down. */
    void killHard() throws Exception {
        List<ProcessHandle> victims = new ArrayList<>();
        if (postmasterIsAlive()) {
            ProcessHandle postmaster = ProcessHandle.of(postmaster().pid()).orElseThrow();
            postmaster.descendants().forEach(victims::add);
            victims.add(postmaster);
        }
        stack.descendants().forEach(victims::add);
        victims.add(stack.toHandle());
        victims.forEach(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (victims.stream().anyMatch(LocalStackProcess::running)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("processes of the local stack survived SIGKILL");
            }
            Thread.sleep(100);
        }
        if (restartedDatabase != null) {
            restartedDatabase.waitFor(30, TimeUnit.SECONDS);
            restartedDatabase = null;
        }
    }

    /** A normal stop: the stack applies what is queued and stops its database. */
    @Override
    public void close() throws Exception {
        if (stack != null && stack.isAlive()) {
            stack.destroy();
            if (!stack.waitFor(60, TimeUnit.SECONDS)) {
                killHard();
            }
        }
        if (restartedDatabase != null && restartedDatabase.isAlive() && postmasterIsAlive()) {
            stopDatabase();
        }
    }

    private record Postmaster(long pid, List<String> commandLine) {
    }

    /** Alive and not a zombie waiting for a parent that will never reap it. */
    private static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException gone) {
            return false;
        }
    }

    private boolean postmasterIsAlive() {
        try {
            return ProcessHandle.of(postmaster().pid()).map(LocalStackProcess::running).orElse(false);
        } catch (IOException | RuntimeException gone) {
            return false;
        }
    }

    private Postmaster postmaster() throws IOException {
        Path pidFile = data.resolve("postgres/postmaster.pid");
        List<String> lines = Files.readAllLines(pidFile);
        long pid = Long.parseLong(lines.getFirst().strip());
        byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
        List<String> commandLine = new ArrayList<>(List.of(new String(raw, StandardCharsets.UTF_8).split("\0")));
        commandLine.set(0, Path.of("/proc", Long.toString(pid), "exe").toRealPath().toString());
        return new Postmaster(pid, commandLine);
    }

    private static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output.strip());
        }
    }
}
