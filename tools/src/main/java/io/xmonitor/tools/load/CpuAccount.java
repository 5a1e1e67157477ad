package io.xmonitor.tools.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU time spent by each part of a local stack and by this tool, read from /proc (Linux): the
 * stack JVM's threads grouped by what their names say they run, PostgreSQL's postmaster with
 * every backend (the ones that ended are in the postmaster's children time), and this process.
 * Two readings a run apart cost a few directory listings: nothing next to what they measure.
 */
final class CpuAccount {

    /** A part of the stack and the thread-name prefixes (as Linux keeps them, 15 characters) that belong to it. */
    private record Part(String name, List<String> prefixes) {
    }

    private static final List<Part> STACK_PARTS = List.of(
            new Part("API (accept and reads)", List.of("api-", "HTTP-Dispatcher")),
            new Part("consumers", List.of("sqs-event-sourc")),
            // ElasticMQ's actors: "elasticmq-…" in memory, "xmonitor-sqs-…" with a data directory, whose
            // messages H2 keeps.
            new Part("SQS stand-in", List.of("elasticmq", "xmonitor-sqs", "H2-")),
            new Part("S3 stand-in", List.of("S3Proxy")),
            new Part("stack JVM (GC, JIT, pools)", List.of("")));

    static final String POSTGRES = "PostgreSQL";
    static final String TOOL = "this tool";

    private static final long TICKS_PER_SECOND = 100;

    private final Optional<Long> stackPid;
    private final Optional<Integer> postgresPort;

    CpuAccount(Optional<Long> stackPid, Optional<Integer> postgresPort) {
        this.stackPid = stackPid;
        this.postgresPort = postgresPort;
    }

    /** Whether this machine exposes what is needed (Linux /proc) and a local stack is there to read. */
    boolean available() {
        return Files.isDirectory(Path.of("/proc/self/task")) && stackPid.isPresent();
    }

    /** CPU seconds so far, per part. */
    Map<String, Double> read() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        STACK_PARTS.forEach(part -> seconds.put(part.name(), 0.0));
        stackPid.ifPresent(pid -> threads(pid).forEach((thread, ticks) ->
                seconds.merge(partOf(thread), ticks / (double) TICKS_PER_SECOND, Double::sum)));
        seconds.put(POSTGRES, postgresPort.flatMap(CpuAccount::postmaster).map(CpuAccount::postgresSeconds).orElse(0.0));
        seconds.put(TOOL, ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9);
        return seconds;
    }

    /** The part of the stack a thread of the stack JVM works for, by its name as Linux keeps it. */
    static String partOf(String threadName) {
        return STACK_PARTS.stream().filter(p -> p.prefixes().stream().anyMatch(threadName::startsWith)).findFirst().orElseThrow().name();
    }

    /** Each thread's name and CPU ticks (user + system). */
    private static Map<String, Long> threads(long pid) {
        Map<String, Long> ticks = new LinkedHashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.forEach(task -> {
                try {
                    String name = Files.readString(task.resolve("comm")).strip();
                    ticks.merge(name + "#" + task.getFileName(), cpuTicks(Files.readString(task.resolve("stat")), false), Long::sum);
                } catch (IOException ended) {
                    // the thread ended between the listing and the read
                }
            });
        } catch (IOException e) {
            return Map.of();
        }
        return ticks;
    }

    /** The postmaster listening on {@code port}: its command line names the port (the embedded server's does). */
    private static Optional<Long> postmaster(int port) {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(p -> p.getFileName().toString().matches("[0-9]+")).filter(p -> {
                try {
                    String command = Files.readString(p.resolve("cmdline")).replace('\0', ' ');
                    return command.contains("/bin/postgres ") && command.contains(" -p " + port + " ");
                } catch (IOException gone) {
                    return false;
                }
            }).map(p -> Long.parseLong(p.getFileName().toString())).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The postmaster's own CPU, its ended children's, and every live backend's. */
    private static double postgresSeconds(long postmaster) {
        long ticks = 0;
        try {
            ticks += cpuTicks(Files.readString(Path.of("/proc", Long.toString(postmaster), "stat")), true);
        } catch (IOException gone) {
            return 0;
        }
        for (ProcessHandle child : ProcessHandle.of(postmaster).map(p -> p.children().toList()).orElse(List.of())) {
            try {
                ticks += cpuTicks(Files.readString(Path.of("/proc", Long.toString(child.pid()), "stat")), false);
            } catch (IOException ended) {
                // counted in the postmaster's children time once it has waited for it
            }
        }
        return ticks / (double) TICKS_PER_SECOND;
    }

    /** utime + stime (and, with {@code withChildren}, cutime + cstime) of a /proc stat line. */
    private static long cpuTicks(String stat, boolean withChildren) {
        // The name in brackets may hold spaces: the fields are counted after its closing bracket.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return withChildren ? ticks + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : ticks;
    }
}
