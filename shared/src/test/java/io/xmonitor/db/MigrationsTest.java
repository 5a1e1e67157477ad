package io.xmonitor.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.xmonitor.testing.MigrationFiles;
import io.xmonitor.testing.TestEnvironment;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationsTest {

    @Test
    void appliesToAnEmptyDatabaseAndAgainCleanly() throws Exception {
        var database = TestEnvironment.get().emptyDatabase();
        try (var dataSource = database.open()) {
            Migrations.MigrationReport first = Migrations.apply(database.credentials());
            assertThat(first.applied()).isEqualTo(MigrationFiles.versions());
            assertThat(first.currentVersion()).isEqualTo(MigrationFiles.latest());

            Migrations.MigrationReport second = Migrations.apply(database.credentials());
            assertThat(second.applied()).isEmpty();
            assertThat(second.currentVersion()).isEqualTo(MigrationFiles.latest());

            try (Connection connection = dataSource.getConnection()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rows = connection.createStatement().executeQuery(
                        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1")) {
                    while (rows.next()) {
                        tables.add(rows.getString(1));
                    }
                }
                assertThat(tables).contains("posts", "post_metrics_snapshots", "watch_accounts", "reports",
                        "pipeline_runs", "embeddings", "window_summaries", "narrative_shifts", "ingest_batches",
                        "parked_items");
                try (ResultSet rows = connection.createStatement().executeQuery(
                        "SELECT indexname FROM pg_indexes WHERE tablename = 'posts' AND indexdef LIKE '%gin_trgm_ops%'")) {
                    List<String> trigramIndexes = new ArrayList<>();
                    while (rows.next()) {
                        trigramIndexes.add(rows.getString(1));
                    }
                    // One index over body and handle together (V5), with tier and significance beside them (V7).
                    assertThat(trigramIndexes).containsExactly("posts_search_idx");
                }
            }
        }
    }

    @Test
    void constraintsRejectValuesOutsideTheContract() throws Exception {
        try (var dataSource = TestEnvironment.get().freshDatabase().open();
             Connection connection = dataSource.getConnection()) {
            var statement = connection.createStatement();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> statement.execute(
                    "INSERT INTO posts (status_id, url, author_handle, watch_tier, discovered_at, last_seen_at) "
                            + "VALUES ('1', 'https://x.com', 'a', 'vip', now(), now())"))
                    .hasMessageContaining("posts_watch_tier_check");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> statement.execute(
                    "INSERT INTO pipeline_runs (run_at, mode) VALUES (now(), 'refresh-24h')"))
                    .hasMessageContaining("pipeline_runs_mode_check");
        }
    }
}
