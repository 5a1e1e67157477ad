package io.xmonitor.db;

import io.xmonitor.secrets.DatabaseCredentials;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Applies {@code db/migrations} (packaged on the classpath as {@code db/migration}) with Flyway. */
public final class Migrations {

    public static final String LOCATION = "classpath:db/migration";

    private Migrations() {
    }

    /** Applies what is pending and answers which versions that was (empty when already current). */
    public static MigrationReport apply(DatabaseCredentials database) {
        // Flyway opens the connections it needs (it holds a lock on one while migrating on another).
        // A session lock, not one held in an open transaction: CREATE INDEX CONCURRENTLY (V7) waits
        // for every open transaction to end, Flyway's own included.
        Flyway flyway = Flyway.configure()
                .dataSource(database.jdbcUrl(), database.username(), database.password())
                .locations(LOCATION)
                .failOnMissingLocations(true)
                .validateMigrationNaming(true)
                .configuration(Map.of("flyway.postgresql.transactional.lock", "false"))
                .load();
        MigrateResult result = flyway.migrate();
        List<String> applied = result.migrations.stream().map(m -> m.version).toList();
        String current = flyway.info().current() == null ? null : flyway.info().current().getVersion().getVersion();
        return new MigrationReport(applied, current);
    }

    public record MigrationReport(List<String> applied, String currentVersion) {

        public MigrationReport {
            applied = List.copyOf(applied);
        }
    }
}
