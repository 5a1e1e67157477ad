package io.xmonitor.tools;

import io.xmonitor.db.DataSourceFactory;
import io.xmonitor.json.Json;
import io.xmonitor.secrets.DatabaseCredentials;
import io.xmonitor.tools.legacy.ApiSink;
import io.xmonitor.tools.legacy.DatabaseSink;
import io.xmonitor.tools.legacy.ImportSink;
import io.xmonitor.tools.legacy.ImportValidator;
import io.xmonitor.tools.legacy.LegacyImportException;
import io.xmonitor.tools.legacy.LegacyImporter;
import io.xmonitor.tools.legacy.LegacySnapshot;
import io.xmonitor.tools.legacy.SyntheticSnapshot;
import io.xmonitor.tools.local.StackState;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Moving the collector's legacy SQLite snapshot into PostgreSQL, and proving it arrived. */
final class ImportCommands {

    private ImportCommands() {
    }

    /** Database connection options shared by the commands. */
    static final class DatabaseOptions {
        @Option(names = "--database-url", description = "jdbc:postgresql://host:port/db (default: the running `xmonitor local`).")
        String url;
        @Option(names = "--database-user", description = "Default: XMONITOR_DATABASE_USER.")
        String user;
        @Option(names = "--database-password", description = "Default: XMONITOR_DATABASE_PASSWORD.")
        String password;

        DatabaseCredentials credentials() {
            if (url != null) {
                return new DatabaseCredentials(url, user != null ? user : System.getenv("XMONITOR_DATABASE_USER"),
                        password != null ? password : System.getenv("XMONITOR_DATABASE_PASSWORD"));
            }
            StackState local = StackState.read().orElseThrow(() -> new IllegalArgumentException(
                    "no --database-url given and no `xmonitor local` is running"));
            return new DatabaseCredentials(local.jdbcUrl(), local.databaseUser(), local.databasePassword());
        }
    }

    /** Direct database or ingest API. */
    static final class Target {
        @ArgGroup(exclusive = false)
        DatabaseOptions database;
        @ArgGroup(exclusive = false)
        ApiOptions api;
    }

    static final class ApiOptions {
        @Option(names = "--api", required = true, description = "Base URL of the XMonitor API (import through the ingest routes).")
        String url;
        @Option(names = "--api-key", required = true, description = "The ingest shared secret.")
        String key;
    }

    @Command(name = "import-sqlite", mixinStandardHelpOptions = true,
            description = "Import a legacy collector SQLite snapshot, directly into PostgreSQL or through the ingest API.")
    static final class Import implements Callable<Integer> {
        @Option(names = "--sqlite", required = true, description = "The snapshot file.")
        Path sqlite;
        @ArgGroup(exclusive = true)
        Target target;
        @Option(names = "--reject-log", description = "Write refused rows (no usable identity) here as NDJSON (table, row_index, reason, row).")
        Path rejectLog;
        @Option(names = "--warning-log", description = "Write each field a kept row is stored without here as NDJSON (table, row_index, field, message).")
        Path warningLog;

        @Override
        public Integer call() throws Exception {
            try (LegacySnapshot ignored = LegacySnapshot.open(sqlite)) {
                // refuse a missing, unreadable or foreign file before touching any target
            } catch (LegacyImportException e) {
                System.err.println("xmonitor import-sqlite: " + e.getMessage());
                return 2;
            }
            ImportSink sink;
            String description;
            if (target != null && target.api != null) {
                sink = new ApiSink(target.api.url, target.api.key);
                description = "ingest API " + target.api.url;
            } else {
                DatabaseCredentials credentials = (target != null && target.database != null ? target.database : new DatabaseOptions()).credentials();
                sink = new DatabaseSink(credentials);
                description = "database " + credentials.jdbcUrl();
            }
            try (sink) {
                LegacyImporter.ImportReport report = new LegacyImporter(sink, System.err, Clock.systemUTC()).run(sqlite, description,
                        new LegacyImporter.Logs(rejectLog, warningLog));
                System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
                return 0;
            }
        }
    }

    @Command(name = "validate-import", mixinStandardHelpOptions = true,
            description = "Compare a snapshot with PostgreSQL: row parity per table and a spot check of random posts.")
    static final class Validate implements Callable<Integer> {
        @Option(names = "--sqlite", required = true, description = "The snapshot file that was imported.")
        Path sqlite;
        @ArgGroup(exclusive = false)
        DatabaseOptions database;
        @Option(names = "--reject-log", description = "The import's reject log, to account for rejected rows.")
        Path rejectLog;
        @Option(names = "--sample", defaultValue = "50", description = "Posts to spot-check (default ${DEFAULT-VALUE}).")
        int sample;
        @Option(names = "--seed", defaultValue = "1", description = "Seed of the random sample.")
        long seed;

        @Override
        public Integer call() throws Exception {
            DatabaseCredentials credentials = (database != null ? database : new DatabaseOptions()).credentials();
            try (var dataSource = DataSourceFactory.forTools(credentials, 2, "xmonitor-validate")) {
                ImportValidator.ValidationReport report = new ImportValidator(dataSource, System.err).validate(sqlite, rejectLog, sample, seed);
                System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
                return report.ok() ? 0 : 1;
            } catch (LegacyImportException e) {
                System.err.println("xmonitor validate-import: " + e.getMessage());
                return 2;
            }
        }
    }

    @Command(name = "generate-legacy-snapshot", mixinStandardHelpOptions = true,
            description = "Write a synthetic collector snapshot (with bad rows and orphans) for tests and drills.")
    static final class Generate implements Callable<Integer> {
        @Option(names = "--out", required = true, description = "File to write (replaced).")
        Path out;
        @Option(names = "--tweets", defaultValue = "1000", description = "Tweets; reports, embeddings and runs scale with it.")
        int tweets;
        @Option(names = "--generation", defaultValue = "3", description = "Column-name generation 1 (oldest), 2 or 3.")
        int generation;
        @Option(names = "--seed", defaultValue = "1")
        long seed;

        @Override
        public Integer call() throws Exception {
            SyntheticSnapshot.Written written = SyntheticSnapshot.write(out, generation, tweets, seed);
            System.out.println(Json.write(written) + "  total rows " + written.total());
            return 0;
        }
    }
}
