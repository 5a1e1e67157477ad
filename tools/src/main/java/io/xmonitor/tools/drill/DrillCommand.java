package io.xmonitor.tools.drill;

import io.xmonitor.db.DataSourceFactory;
import io.xmonitor.local.StandIns;
import io.xmonitor.secrets.DatabaseCredentials;
import io.xmonitor.tools.dlq.DlqCommand;
import io.xmonitor.tools.dlq.QueueTargets;
import io.xmonitor.tools.local.LocalStack;
import io.xmonitor.tools.local.PipelineFigures;
import io.xmonitor.tools.local.StackState;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The pipeline's promise, rehearsed: realistic traffic from concurrent collectors while faults
 * are injected, then an oracle that compares what was answered 202 with what PostgreSQL holds.
 */
@Command(name = "drill", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Send realistic traffic of every kind, in every shape the contract describes, from concurrent collectors "
                + "while injecting faults; then compare every column of every stored row with what a model of the contract expects "
                + "from the items answered 202, and check that no valid item was refused, every 202 warned as the contract says, "
                + "the ledger holds every accepted batch and the DLQ exactly the poison messages. Exits 1 on any discrepancy.",
                "Without --api it starts its own local stack (with --data-dir semantics) so that it can stop its database and "
                        + "kill it; against a deployed stage give --api, --api-key and --database-url (and --stack for poison "
                        + "messages and the redrive)."})
public final class DrillCommand implements Callable<Integer> {

    /** The faults a drill can inject. */
    enum Fault {
        DUPLICATES, OLDER_VERSIONS, ROWS_BEFORE_POSTS, DATABASE_OUTAGE, HARD_KILL, POISON;

        String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** Messages no consumer can apply: a batch without items, not JSON, a claim check pointing into another bucket. */
    private static final List<String> POISON_MESSAGES = List.of("{\"version\":1,\"kind\":\"posts\"}", "not json at all",
            "[\"software.amazon.payloadoffloading.PayloadS3Pointer\",{\"s3BucketName\":\"elsewhere\",\"s3Key\":\"x\"}]");

    @Option(names = "--items", defaultValue = "100000", description = "Items to send, all kinds together (default ${DEFAULT-VALUE}).")
    int items;
    @Option(names = "--collectors", defaultValue = "16", description = "Concurrent collectors (default ${DEFAULT-VALUE}).")
    int collectors;
    @Option(names = "--faults", defaultValue = "all", split = ",",
            description = "Faults to inject: all, or some of duplicates, older-versions, rows-before-posts, database-outage, "
                    + "hard-kill, poison (default ${DEFAULT-VALUE}).")
    List<String> faults;
    @Option(names = "--outage-seconds", defaultValue = "20", description = "How long the database stays down (default ${DEFAULT-VALUE}).")
    int outageSeconds;
    @Option(names = "--seed", description = "Seed of the generated traffic (default: random, printed).")
    Long seed;
    @Option(names = "--data-dir", description = "Where the drill's local stack keeps its data (default: a new temporary directory).")
    Path dataDirectory;
    @Option(names = "--timeout-minutes", defaultValue = "30", description = "Give up after this long (default ${DEFAULT-VALUE}).")
    int timeoutMinutes;
    @Option(names = "--api", description = "A deployed stage's API instead of a local stack.")
    String api;
    @Option(names = "--api-key", description = "Its ingest key.")
    String apiKey;
    @Option(names = "--database-url", description = "Its database, for the check (jdbc:postgresql://…?user=…&password=…).")
    String databaseUrl;
    @Option(names = "--stack", description = "Its CloudFormation stack, for poison messages and the redrive.")
    String stackName;

    private final PrintStream out = System.out;
    private final PrintStream progress = System.err;
    private volatile boolean poisonInjected;

    @Override
    public Integer call() throws Exception {
        Set<Fault> chosen = chosenFaults();
        boolean remote = api != null;
        if (remote && (apiKey == null || databaseUrl == null)) {
            throw new IllegalArgumentException("--api needs --api-key and --database-url");
        }
        if (remote) {
            chosen.remove(Fault.DATABASE_OUTAGE);
            chosen.remove(Fault.HARD_KILL);
            if (stackName == null) {
                chosen.remove(Fault.POISON);
            }
        }
        long trafficSeed = seed != null ? seed : new Random().nextLong();
        String run = String.format("%06d", Math.floorMod(trafficSeed ^ System.nanoTime(), 1_000_000));
        Instant start = Instant.now().minus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS);
        List<Traffic.Batch> batches = Traffic.generate(items, trafficSeed, run, start, new Traffic.Faults(
                chosen.contains(Fault.DUPLICATES), chosen.contains(Fault.OLDER_VERSIONS), chosen.contains(Fault.ROWS_BEFORE_POSTS)));
        long itemsSent = batches.stream().mapToLong(b -> b.items().size()).sum();
        progress.printf("Drill %s: %,d items in %,d batches from %d collectors; faults: %s; seed %d%n", run, itemsSent,
                batches.size(), collectors, chosen.isEmpty() ? "none" : String.join(", ", chosen.stream().map(Fault::label).toList()),
                trafficSeed);

        LocalStackProcess local = null;
        try {
            String apiUrl;
            String key;
            DatabaseCredentials database;
            QueueTargets queues = null;
            if (remote) {
                apiUrl = api;
                key = apiKey;
                database = new DatabaseCredentials(databaseUrl, null, null);
                if (stackName != null) {
                    queues = QueueTargets.resolve(null, null, null, stackName);
                }
            } else {
                Path data = dataDirectory != null ? Files.createDirectories(dataDirectory) : Files.createTempDirectory("xmonitor-drill");
                key = LocalStack.generateKey();
                local = new LocalStackProcess(data, StandIns.freePort(), key, 2);
                progress.println("Starting a local stack in " + data + " ...");
                local.start();
                StackState state = local.state().orElseThrow();
                apiUrl = state.apiUrl();
                database = new DatabaseCredentials(state.jdbcUrl(), state.databaseUser(), state.databasePassword());
                queues = QueueTargets.of(state);
            }

            long deadline = System.nanoTime() + Duration.ofMinutes(timeoutMinutes).toNanos();
            long started = System.nanoTime();
            Collectors senders = new Collectors(apiUrl, key);
            List<String> faultLog = new ArrayList<>();
            AtomicBoolean sending = new AtomicBoolean(true);
            FaultPoints points = new FaultPoints();
            CompletableFuture<Void> injected = injectFaults(chosen, points, itemsSent, local, queues, faultLog);
            CompletableFuture<Void> shown = showProgress(senders, itemsSent, sending);
            List<Collectors.Answer> answers;
            try {
                answers = senders.send(batches, collectors, deadline, points);
            } finally {
                sending.set(false);
                points.finish();
            }
            injected.get();
            shown.get();

            QueueTargets targets = local != null ? QueueTargets.of(local.state().orElseThrow()) : queues;
            long redriven = settle(targets, deadline, faultLog);
            double seconds = (System.nanoTime() - started) / 1e9;
            long inDlq = targets == null ? -1 : targets.depth(targets.dlqUrl());

            Report report = new Report(itemsSent, answers, redriven, inDlq, seconds, faultLog);
            if (targets != null) {
                // Enough receives that a sampling queue (SQS) shows every message at least once.
                report.dlqContents(DlqCommand.Peek.peek(targets, 100),
                        poisonInjected ? POISON_MESSAGES : List.of());
            }
            report.retries = senders.retries();
            if (local != null) {
                // A restarted stack has its database on a new port.
                StackState state = local.state().orElseThrow();
                database = new DatabaseCredentials(state.jdbcUrl(), state.databaseUser(), state.databasePassword());
            }
            try (var pool = DataSourceFactory.forTools(database, 1, "xmonitor-drill"); Connection connection = pool.getConnection()) {
                report.ledger(connection);
                report.verdict = new Oracle(run, answers, report.acceptedAt).compare(connection);
            }
            if (local != null) {
                PipelineFigures figures = new PipelineFigures();
                Files.readAllLines(local.functionLog()).forEach(figures::add);
                report.figures = figures.summary(inDlq);
            }
            report.print(out, run, chosen, collectors);
            return report.clean() ? 0 : 1;
        } finally {
            if (local != null) {
                progress.println("Stopping the drill's local stack ...");
                local.close();
            }
        }
    }

    private Set<Fault> chosenFaults() {
        Set<Fault> chosen = EnumSet.noneOf(Fault.class);
        for (String name : faults) {
            if (name.equals("all")) {
                chosen.addAll(EnumSet.allOf(Fault.class));
                continue;
            }
            chosen.add(EnumSet.allOf(Fault.class).stream().filter(f -> f.label().equals(name.strip())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown fault " + name + "; choose from all, "
                            + String.join(", ", EnumSet.allOf(Fault.class).stream().map(Fault::label).toList()))));
        }
        return chosen;
    }

    /** Faults that need the running system, each when the traffic has reached its point. */
    private CompletableFuture<Void> injectFaults(Set<Fault> chosen, FaultPoints points, long total, LocalStackProcess local,
                                                 QueueTargets queues, List<String> faultLog) {
        FaultPoints.Point poison = chosen.contains(Fault.POISON) ? points.at(total / 10) : null;
        FaultPoints.Point outage = chosen.contains(Fault.DATABASE_OUTAGE) ? points.at(total * 3 / 10) : null;
        FaultPoints.Point kill = chosen.contains(Fault.HARD_KILL) ? points.at(total * 6 / 10) : null;
        return CompletableFuture.runAsync(() -> {
            try {
                if (poison != null && poison.awaitReached(points)) {
                    for (String body : POISON_MESSAGES) {
                        queues.sqs().sendMessage(b -> b.queueUrl(queues.queueUrl()).messageBody(body));
                    }
                    poisonInjected = true;
                    log(faultLog, POISON_MESSAGES.size() + " poison messages put on the ingest queue");
                    poison.begun();
                }
                if (outage != null && outage.awaitReached(points)) {
                    List<String> commandLine = local.databaseCommandLine();
                    local.stopDatabase();
                    log(faultLog, "database stopped (traffic goes on)");
                    outage.begun();
                    Thread.sleep(Duration.ofSeconds(outageSeconds));
                    local.startDatabase(commandLine);
                    log(faultLog, "database started again after " + outageSeconds + " s");
                }
                if (kill != null && kill.awaitReached(points)) {
                    local.killHard();
                    log(faultLog, "local stack and its database killed with SIGKILL (traffic goes on)");
                    kill.begun();
                    local.start();
                    log(faultLog, "local stack started again on the same data directory");
                }
            } catch (Exception e) {
                points.finish();
                throw new IllegalStateException("injecting a fault failed: " + e.getMessage(), e);
            }
        });
    }

    private void log(List<String> faultLog, String event) {
        String line = String.format("%tT  %s", Instant.now().atZone(java.time.ZoneId.systemDefault()), event);
        synchronized (faultLog) {
            faultLog.add(line);
        }
        progress.println("  fault: " + event);
    }

    private CompletableFuture<Void> showProgress(Collectors senders, long total, AtomicBoolean sending) {
        return CompletableFuture.runAsync(() -> {
            long started = System.nanoTime();
            while (sending.get()) {
                try {
                    Thread.sleep(2_000);
                } catch (InterruptedException e) {
                    return;
                }
                long answered = senders.itemsAnswered();
                double seconds = (System.nanoTime() - started) / 1e9;
                progress.printf("  %3d%%  %,d of %,d items answered, %,d batches, %,d retries, %,.0f items/s%n",
                        answered * 100 / Math.max(1, total), answered, total, senders.batchesAnswered(), senders.retries(),
                        answered / Math.max(1e-3, seconds));
            }
        });
    }

    /** Waits until the queue is empty, redrives the DLQ, and waits again; answers how many messages the redrive moved. */
    private long settle(QueueTargets targets, long deadline, List<String> faultLog) throws Exception {
        if (targets == null) {
            progress.println("No queue access (--stack): not waiting for the queue, not redriving.");
            return 0;
        }
        progress.println("Waiting for the queue to drain ...");
        awaitDrained(targets, deadline);
        long redriven = 0;
        if (targets.depth(targets.dlqUrl()) > 0) {
            progress.println("Redriving the DLQ (xmonitor dlq redrive --wait):");
            redriven = DlqCommand.Redrive.moveBack(targets, null, progress).moved();
            log(faultLog, "DLQ redriven: " + redriven + " messages moved back");
            awaitDrained(targets, deadline);
        }
        return redriven;
    }

    private void awaitDrained(QueueTargets targets, long deadline) throws InterruptedException {
        int quiet = 0;
        while (quiet < 3) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the ingest queue did not drain before the drill's deadline");
            }
            quiet = targets.depth(targets.queueUrl()) == 0 ? quiet + 1 : 0;
            Thread.sleep(500);
        }
    }

    /** The drill's table. */
    private static final class Report {

        private final long itemsSent;
        private final List<Collectors.Answer> answers;
        private final long redriven;
        private final long inDlq;
        private final double seconds;
        private final List<String> faultLog;
        private long retries;
        private long accepted;
        private long applied;
        private long appliedBatches;
        private long acceptedBatches;
        private long itemCountsDiffer;
        private long validRefused;
        private long invalidRefused;
        private final Map<String, Instant> acceptedAt = new HashMap<>();
        private String applyLag = "–";
        private Boolean dlqHoldsPoison;
        private String dlqDetail = "not checked (no queue access)";
        private Oracle.Verdict verdict;
        private String figures;

        Report(long itemsSent, List<Collectors.Answer> answers, long redriven, long inDlq, double seconds, List<String> faultLog) {
            this.itemsSent = itemsSent;
            this.answers = answers;
            this.redriven = redriven;
            this.inDlq = inDlq;
            this.seconds = seconds;
            this.faultLog = faultLog;
            for (Collectors.Answer answer : answers) {
                accepted += answer.accepted().size();
                acceptedBatches += answer.batchId() == null ? 0 : 1;
                for (int index : answer.refused().keySet()) {
                    if (answer.batch().items().get(index).valid()) {
                        validRefused++;
                    } else {
                        invalidRefused++;
                    }
                }
            }
        }

        /**
         * What the batch ledger says about the accepted batches: which were applied, with how many
         * items, when each was accepted, and the apply lag.
         */
        void ledger(Connection connection) throws Exception {
            List<String> ids = answers.stream().map(Collectors.Answer::batchId).filter(java.util.Objects::nonNull).toList();
            Map<String, Long> items = new HashMap<>();
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT batch_id::text, item_count, accepted_at FROM ingest_batches WHERE batch_id = ANY(?::uuid[])")) {
                statement.setArray(1, connection.createArrayOf("text", ids.toArray()));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        items.put(rows.getString(1), rows.getLong(2));
                        acceptedAt.put(rows.getString(1), rows.getTimestamp(3).toInstant());
                    }
                }
            }
            appliedBatches = items.size();
            applied = items.values().stream().mapToLong(Long::longValue).sum();
            for (Collectors.Answer answer : answers) {
                Long count = answer.batchId() == null ? null : items.get(answer.batchId());
                if (count != null && count != answer.accepted().size()) {
                    itemCountsDiffer++;
                }
            }
            try (PreparedStatement statement = connection.prepareStatement("""
                    SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY lag), percentile_disc(0.95) WITHIN GROUP (ORDER BY lag), max(lag)
                    FROM (SELECT extract(epoch FROM applied_at - accepted_at) * 1000 AS lag
                          FROM ingest_batches WHERE batch_id = ANY(?::uuid[])) applied""")) {
                statement.setArray(1, connection.createArrayOf("text", ids.toArray()));
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    applyLag = String.format("p50 %,.0f ms, p95 %,.0f ms, max %,.0f ms   (accepted → applied, from the batch ledger)",
                            rows.getDouble(1), rows.getDouble(2), rows.getDouble(3));
                }
            }
        }

        /** Whether the DLQ's final contents are exactly the poison messages the drill put on the queue. */
        void dlqContents(List<Message> messages, List<String> poison) {
            List<String> remaining = new ArrayList<>(poison);
            long others = 0;
            for (var message : messages) {
                if (!remaining.remove(message.body())) {
                    others++;
                }
            }
            dlqHoldsPoison = remaining.isEmpty() && others == 0;
            dlqDetail = (dlqHoldsPoison ? "yes" : "no") + String.format("   (%d of %d poison messages, %d other messages)",
                    poison.size() - remaining.size(), poison.size(), others);
        }

        boolean ledgerComplete() {
            return appliedBatches == acceptedBatches && itemCountsDiffer == 0;
        }

        boolean clean() {
            return verdict.lost() == 0 && verdict.stale() == 0 && verdict.duplicated() == 0 && verdict.unexpected() == 0
                    && verdict.invalidAccepted() == 0 && verdict.warningsDiffer() == 0 && validRefused == 0 && ledgerComplete()
                    && !Boolean.FALSE.equals(dlqHoldsPoison);
        }

        void print(PrintStream out, String run, Set<Fault> faults, int collectors) {
            Map<String, Long> reasons = new TreeMap<>();
            for (Collectors.Answer answer : answers) {
                answer.refused().values().forEach(reason -> reasons.merge(reason.replaceFirst("^items\\[\\d+]\\.", ""), 1L, Long::sum));
            }
            long refused = reasons.values().stream().mapToLong(Long::longValue).sum();
            out.println();
            out.printf("XMonitor drill %s — %d collectors, faults: %s%n", run, collectors,
                    faults.isEmpty() ? "none" : String.join(", ", faults.stream().map(Fault::label).toList()));
            faultLog.forEach(line -> out.println("  " + line));
            out.println();
            Map<String, String> rows = new LinkedHashMap<>();
            rows.put("items sent", String.format("%,d", itemsSent));
            rows.put("answered 202", String.format("%,d   (%,d batches)", accepted, acceptedBatches));
            rows.put("refused", String.format("%,d   (%,d meant to be refused)", refused, invalidRefused));
            reasons.forEach((reason, count) -> rows.put("  " + (reason.length() > 70 ? reason.substring(0, 70) + "…" : reason),
                    String.format("%,d", count)));
            rows.put("valid but refused", String.format("%,d", validRefused));
            rows.put("invalid but accepted", String.format("%,d", verdict.invalidAccepted()));
            rows.put("warned items", String.format("%,d   (%,d not as the contract says)", verdict.itemsWarned(),
                    verdict.warningsDiffer()));
            rows.put("applied", String.format("%,d   (%,d of %,d batches in the ledger)", applied, appliedBatches, acceptedBatches));
            rows.put("ledger applied = accepted", String.format("%s   (%,d of %,d batches; %,d with another item count than the 202)",
                    ledgerComplete() ? "yes" : "no", appliedBatches, acceptedBatches, itemCountsDiffer));
            rows.put("in DLQ", inDlq < 0 ? "not checked" : String.format("%,d", inDlq));
            rows.put("DLQ holds exactly the poison", dlqDetail);
            rows.put("redriven", String.format("%,d", redriven));
            rows.put("lost", String.format("%,d", verdict.lost()));
            rows.put("stale", String.format("%,d", verdict.stale()));
            rows.put("duplicated", String.format("%,d", verdict.duplicated()));
            rows.put("unexpected", String.format("%,d", verdict.unexpected()));
            rows.put("compared", "rows × columns, every column of every row");
            verdict.compared().forEach(c -> rows.put("  " + c.table(), String.format("%,d × %d", c.rows(), c.columns())));
            rows.put("wall time", String.format("%.1f s", seconds));
            rows.put("items/s", String.format("%,.0f   (answered 202, until applied)", accepted / seconds));
            rows.put("collector retries", String.format("%,d", retries));
            rows.put("apply lag", applyLag);
            rows.forEach((name, value) -> out.printf("  %-30s %s%n", name, value));
            if (figures != null) {
                out.println();
                out.println("  figures (as the CloudWatch dashboard shows them): " + figures);
            }
            if (!verdict.examples().isEmpty()) {
                out.println();
                out.println("  first discrepancies:");
                verdict.examples().forEach(example -> out.println("    " + example));
            }
            out.println();
            out.println(clean() ? "OK: every item meant to be accepted was; everything answered 202 is stored as the contract says, "
                    + "once, with the warnings it names; the ledger holds every accepted batch and the DLQ only the poison."
                    : "FAILED: see valid but refused, invalid but accepted, warned items, ledger, DLQ, lost, stale, duplicated and "
                    + "unexpected above.");
        }
    }
}
