package io.xmonitor.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.xmonitor.testing.TestEnvironment;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The feed's text search is written so that the trigram indexes can serve it. */
class FeedPlanTest {

    @Test
    void textSearchUsesTheTrigramIndexesOfBodyAndHandle() throws Exception {
        try (var dataSource = TestEnvironment.get().freshDatabase().open(); Connection connection = dataSource.getConnection()) {
            connection.createStatement().execute("""
                    INSERT INTO posts (status_id, url, author_handle, body_text, discovered_at, last_seen_at)
                    SELECT g::text, 'https://x.com/u/status/' || g, 'user' || (g % 50), 'text ' || md5(g::text), now(), now()
                    FROM generate_series(1, 2000) AS g""");
            connection.createStatement().execute("ANALYZE posts");
            // With plain scans priced out, only an index that matches the predicate's expression can answer.
            connection.createStatement().execute("SET enable_seqscan = off");
            connection.createStatement().execute("SET enable_indexscan = off");
            FeedQueryParser parser = new FeedQueryParser(50, 200, new FeedCursor(List.of("k")));
            for (String term : List.of("abc", "100%_\\x", "USER4")) {
                FeedQuery query = ((FeedQueryParser.Result.Parsed) parser.parse(Map.of("q", term))).query();
                StringBuilder plan = new StringBuilder();
                try (var statement = FeedRepository.pageStatement(query, 51).prepare(connection, "EXPLAIN ");
                     ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        plan.append(rows.getString(1)).append('\n');
                    }
                }
                assertThat(plan.toString()).as(term).contains("posts_body_trgm_idx").contains("posts_handle_trgm_idx")
                        .doesNotContain("Seq Scan");
            }
        }
    }
}
