package io.xmonitor.tools.legacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.xmonitor.ingest.BatchValidation;
import io.xmonitor.ingest.IngestItem;
import io.xmonitor.ingest.IngestKind;
import io.xmonitor.ingest.ItemError;
import io.xmonitor.ingest.ItemWarning;
import io.xmonitor.ingest.MetricsSnapshotUpsert;
import io.xmonitor.ingest.PostUpsert;
import io.xmonitor.json.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;

/**
 * Reads a legacy snapshot table by table, validates every row with the ingest rules, writes the
 * accepted ones to a sink in chunks (two at a time: each chunk locks and writes its keys in key
 * order, so two chunks sharing a key wait for each other instead of deadlocking), derives the
 * three metrics snapshots per post and shows progress. Only rows whose identity is unusable are
 * refused, and logged with their reason; a row kept without one of its fields is counted per
 * field in the report, and each such field is logged as a warning line.
 */
public final class LegacyImporter {

    static final int CHUNK = 2000;
    static final String SNAPSHOTS = "post_metrics_snapshots";

    /**
     * What happened to one table. {@code inserted}/{@code updated} are null when the sink cannot
     * see the database; {@code keptWithWarnings} rows were stored without a field (or with it cut
     * or cleaned), counted per field in {@code warningsByField}.
     */
    public record TableReport(String table, long received, long accepted, long rejected, long keptWithWarnings,
                              Map<String, Long> warningsByField, Long inserted, Long updated) {
    }

    /** The summary of a whole import. */
    public record ImportReport(String source, String target, List<TableReport> tables, double seconds) {
    }

    /** Chunks written at once: PostgreSQL works on each with its own core. */
    static final int WRITERS = 2;

    private final ImportSink sink;
    private final PrintStream progress;
    private final Clock clock;
    private final ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
    private final Semaphore inFlight = new Semaphore(WRITERS * 2);
    private final List<Future<long[]>> pending = new ArrayList<>();

    public LegacyImporter(ImportSink sink, PrintStream progress, Clock clock) {
        this.sink = sink;
        this.progress = progress;
        this.clock = clock;
    }

    /** Where refused rows and dropped fields are written, each as NDJSON; either may be null. */
    public record Logs(Path rejects, Path warnings) {
    }

    public ImportReport run(Path file, String target, Logs logs) throws Exception {
        long started = System.nanoTime();
        List<TableReport> reports = new ArrayList<>();
        try (LegacySnapshot snapshot = LegacySnapshot.open(file);
             BufferedWriter rejects = open(logs.rejects());
             BufferedWriter warnings = open(logs.warnings())) {
            for (LegacyTable table : List.of(LegacyTable.WATCH_ACCOUNTS, LegacyTable.TWEETS, LegacyTable.REPORTS,
                    LegacyTable.TWEET_EMBEDDINGS, LegacyTable.RUNS)) {
                if (!snapshot.has(table)) {
                    progress.println(table.sqliteName() + ": not in this snapshot, skipped");
                    continue;
                }
                List<String> missing = snapshot.missingFields(table);
                if (!missing.isEmpty()) {
                    progress.println(table.sqliteName() + ": no column for " + String.join(", ", missing) + " (defaults apply)");
                }
                reports.addAll(importTable(snapshot, table, rejects, warnings));
            }
            sink.settle();
        } finally {
            writers.shutdownNow();
        }
        return new ImportReport(file.toString(), target, reports, (System.nanoTime() - started) / 1e9);
    }

    private static BufferedWriter open(Path log) throws IOException {
        return log == null ? null : Files.newBufferedWriter(log, StandardCharsets.UTF_8);
    }

    private List<TableReport> importTable(LegacySnapshot snapshot, LegacyTable table, BufferedWriter rejects,
                                          BufferedWriter warnings) throws Exception {
        long total = snapshot.count(table);
        Long before = sink.rowCount(table.postgresTable());
        Long snapshotsBefore = table == LegacyTable.TWEETS ? sink.rowCount(SNAPSHOTS) : null;
        Progress meter = new Progress(table.sqliteName(), total);
        long[] counts = new long[5]; // received, accepted, rejected, written, kept with warnings
        Map<String, Long> warningsByField = new TreeMap<>();
        long[] snapshotCounts = new long[2]; // derived, written
        List<ObjectNode> chunk = new ArrayList<>(CHUNK);
        Instant acceptedAt = clock.instant();
        try {
            snapshot.forEach(table, row -> {
                chunk.add(row);
                if (chunk.size() == CHUNK) {
                    flush(table, chunk, acceptedAt, counts, snapshotCounts, warningsByField, rejects, warnings);
                    meter.update(counts[0]);
                }
            });
            flush(table, chunk, acceptedAt, counts, snapshotCounts, warningsByField, rejects, warnings);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        for (Future<long[]> write : pending) {
            long[] written = write.get();
            counts[3] += written[0];
            snapshotCounts[1] += written[1];
        }
        pending.clear();
        meter.done(counts[0]);
        if (counts[4] > 0) {
            progress.printf("%s: %,d rows kept without some of their fields (%s)%s%n", table.sqliteName(), counts[4],
                    warningsByField.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")),
                    warnings == null ? "; --warning-log FILE lists each" : "");
        }
        List<TableReport> reports = new ArrayList<>();
        reports.add(report(table.postgresTable(), counts[0], counts[1], counts[2], counts[4], warningsByField, before, counts[3]));
        if (table == LegacyTable.TWEETS) {
            reports.add(report(SNAPSHOTS + " (derived)", snapshotCounts[0], snapshotCounts[0], 0, 0, Map.of(), snapshotsBefore,
                    snapshotCounts[1]));
        }
        return reports;
    }

    private TableReport report(String name, long received, long accepted, long rejected, long keptWithWarnings,
                               Map<String, Long> warningsByField, Long before, long written) throws Exception {
        String table = name.replace(" (derived)", "");
        Long after = before == null ? null : sink.rowCount(table);
        Long inserted = after == null ? null : after - before;
        Long updated = inserted == null ? null : Math.max(0, written - inserted);
        return new TableReport(name, received, accepted, rejected, keptWithWarnings, Map.copyOf(warningsByField), inserted, updated);
    }

    private void flush(LegacyTable table, List<ObjectNode> chunk, Instant acceptedAt, long[] counts, long[] snapshotCounts,
                       Map<String, Long> warningsByField, BufferedWriter rejects, BufferedWriter warnings) {
        if (chunk.isEmpty()) {
            return;
        }
        try {
            List<JsonNode> nodes = new ArrayList<>(chunk);
            BatchValidation validation = BatchValidation.of(table.kind(), nodes, acceptedAt);
            long firstIndex = counts[0];
            Map<Integer, List<String>> problems = validation.errors().stream().collect(Collectors.groupingBy(ItemError::index,
                    LinkedHashMap::new, Collectors.mapping(e -> e.message().replaceFirst("^items\\[\\d+]\\.", ""), Collectors.toList())));
            if (rejects != null) {
                for (var entry : problems.entrySet()) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("table", table.sqliteName());
                    line.put("row_index", firstIndex + entry.getKey());
                    line.put("reason", String.join("; ", entry.getValue()));
                    line.put("row", chunk.get(entry.getKey()));
                    rejects.write(Json.write(line));
                    rejects.newLine();
                }
            }
            for (ItemWarning warning : validation.warnings()) {
                warningsByField.merge(warning.field(), 1L, Long::sum);
                if (warnings != null) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("table", table.sqliteName());
                    line.put("row_index", firstIndex + warning.index());
                    line.put("field", warning.field());
                    line.put("message", warning.message());
                    warnings.write(Json.write(line));
                    warnings.newLine();
                }
            }
            counts[0] += chunk.size();
            counts[1] += validation.accepted().size();
            counts[2] += problems.size();
            counts[4] += validation.itemsWithWarnings();
            List<IngestItem> derived = new ArrayList<>();
            if (table == LegacyTable.TWEETS) {
                for (IngestItem item : validation.accepted()) {
                    derived.addAll(snapshotsOf((PostUpsert) item));
                }
                snapshotCounts[0] += derived.size();
            }
            chunk.clear();
            submit(table, validation.accepted(), derived);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(table.sqliteName() + ": interrupted", e);
        }
    }

    /** Writes a chunk (and the snapshots derived from it) on a writer thread; at most a few chunks wait. */
    private void submit(LegacyTable table, List<IngestItem> items, List<IngestItem> derived) throws InterruptedException {
        if (items.isEmpty()) {
            return;
        }
        inFlight.acquire();
        pending.add(writers.submit(() -> {
            try {
                long written = sink.write(table.kind(), items);
                long snapshots = derived.isEmpty() ? 0 : sink.write(IngestKind.METRICS, derived);
                return new long[] {written, snapshots};
            } catch (Exception e) {
                throw new IllegalStateException(table.sqliteName() + ": " + e.getMessage(), e);
            } finally {
                inFlight.release();
            }
        }));
    }

    /**
     * The snapshots a legacy post implies: {@code initial_capture} at discovered_at from initial_*
     * (falling back to the current metrics), {@code latest_observed} at last_seen_at, and
     * {@code refresh_24h} at refresh_24h_at when the post has one.
     */
    static List<IngestItem> snapshotsOf(PostUpsert post) {
        List<IngestItem> snapshots = new ArrayList<>(3);
        snapshots.add(new MetricsSnapshotUpsert(post.statusId(), "initial_capture", post.discoveredAt(),
                or(post.initialLikes(), post.likes()), or(post.initialReposts(), post.reposts()),
                or(post.initialReplies(), post.replies()), or(post.initialViews(), post.views()), "legacy-import"));
        snapshots.add(new MetricsSnapshotUpsert(post.statusId(), "latest_observed", post.lastSeenAt(),
                post.likes(), post.reposts(), post.replies(), post.views(), "legacy-import"));
        if (post.refresh24hAt() != null) {
            snapshots.add(new MetricsSnapshotUpsert(post.statusId(), "refresh_24h", post.refresh24hAt(),
                    or(post.likes24h(), post.likes()), or(post.reposts24h(), post.reposts()),
                    or(post.replies24h(), post.replies()), or(post.views24h(), post.views()), "legacy-import"));
        }
        return snapshots;
    }

    private static int or(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    /** Progress on stderr, at most every two seconds. */
    private final class Progress {
        private final String name;
        private final long total;
        private final long started = System.nanoTime();
        private long lastPrinted = System.nanoTime();

        Progress(String name, long total) {
            this.name = name;
            this.total = total;
        }

        void update(long done) {
            if (System.nanoTime() - lastPrinted > 2_000_000_000L) {
                lastPrinted = System.nanoTime();
                print(done);
            }
        }

        void done(long done) {
            print(done);
        }

        private void print(long done) {
            double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
            progress.printf("%s: %,d / %,d rows (%d%%), %,.0f rows/s%n", name, done, total,
                    total == 0 ? 100 : done * 100 / total, done / seconds);
        }
    }
}
