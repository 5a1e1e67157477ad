package io.xmonitor.tools;

import io.xmonitor.db.DataSourceFactory;
import io.xmonitor.secrets.DatabaseCredentials;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Rows that arrived before their post and are still waiting for it (parked_items). */
@Command(name = "parked", mixinStandardHelpOptions = true,
        description = "Show metrics, reports and embeddings waiting for their post; they are applied when the post arrives.")
final class ParkedCommand implements Callable<Integer> {

    private static final String SUMMARY = """
            SELECT kind, count(*), min(parked_at), max(parked_at) FROM parked_items GROUP BY kind ORDER BY kind
            """;

    private static final String OLDEST = """
            SELECT kind, status_id, parked_at, batch_id FROM parked_items ORDER BY parked_at, kind, item_key LIMIT ?
            """;

    @ArgGroup(exclusive = false)
    ImportCommands.DatabaseOptions database;

    @Option(names = {"-n", "--number"}, defaultValue = "20", description = "How many of the oldest to list (default ${DEFAULT-VALUE}).")
    int number;

    @Override
    public Integer call() throws Exception {
        DatabaseCredentials credentials = (database != null ? database : new ImportCommands.DatabaseOptions()).credentials();
        try (var dataSource = DataSourceFactory.forTools(credentials, 1, "xmonitor-parked");
             Connection connection = dataSource.getConnection()) {
            boolean any = false;
            try (ResultSet rows = connection.createStatement().executeQuery(SUMMARY)) {
                while (rows.next()) {
                    any = true;
                    System.out.printf("%-12s %8d waiting, parked %s .. %s%n", rows.getString(1), rows.getLong(2),
                            rows.getTimestamp(3).toInstant(), rows.getTimestamp(4).toInstant());
                }
            }
            if (!any) {
                System.out.println("Nothing is waiting for its post.");
                return 0;
            }
            System.out.printf("%n%-12s %-22s %-30s %s%n", "kind", "status_id", "parked_at", "batch_id");
            try (PreparedStatement statement = connection.prepareStatement(OLDEST)) {
                statement.setInt(1, number);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        System.out.printf("%-12s %-22s %-30s %s%n", rows.getString(1), rows.getString(2),
                                rows.getTimestamp(3).toInstant(), rows.getString(4));
                    }
                }
            }
            System.out.println("\nSend the posts (ingest API or import) and these rows are applied with them.");
            return 0;
        }
    }
}
