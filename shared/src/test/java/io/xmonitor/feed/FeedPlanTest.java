package io.xmonitor.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.xmonitor.testing.TestEnvironment;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Every statement of a text search stays on an index: the newest-first attempt on the feed's
 * order, the index attempt on the trigram index with only the chosen segment in its condition.
 * A feed of several handles reads each handle's run of the author index, whatever the values.
 */
class FeedPlanTest {

    @Test
    void everyAttemptOfATextSearchAndEveryFeedOfHandlesUsesItsIndexAndNeverScansThePosts() throws Exception {
        var database = TestEnvironment.get().freshDatabase();
        Properties simpleQueries = new Properties();
        simpleQueries.setProperty("user", database.user());
        simpleQueries.setProperty("password", database.password());
        // EXPLAIN (GENERIC_PLAN) takes $n placeholders without values, which only the simple query protocol sends.
        simpleQueries.setProperty("preferQueryMode", "simple");
        try (var dataSource = database.open(); Connection connection = dataSource.getConnection();
             Connection unbound = DriverManager.getConnection(database.jdbcUrl(), simpleQueries)) {
            connection.createStatement().execute("""
                    INSERT INTO posts (status_id, url, author_handle, body_text, watch_tier, is_significant, discovered_at, last_seen_at)
                    SELECT (1800000000000000000 + g)::text, 'https://x.com/u/status/' || g, 'user_' || (g % 500),
                           (ARRAY['rollup fees', 'bridge exploit', 'gas limit', 'validator set'])[1 + g % 4]
                               || ' topic-' || (g % 1000) || ' ' || substr(md5(g::text), 1, 10),
                           (ARRAY['teammate', 'influencer', 'ecosystem', 'investor'])[1 + abs(hashtext(g || 't')) % 4],
                           g % 10 = 0, timestamptz '2026-01-01' + g * interval '1 minute', timestamptz '2026-06-01'
                    FROM generate_series(1, 40000) AS g""");
            connection.createStatement().execute("ANALYZE posts");
            connection.createStatement().execute("SET enable_seqscan = off");
            FeedRepository repository = new FeedRepository(dataSource);
            FeedQueryParser parser = new FeedQueryParser(50, 200, new FeedCursor(List.of("k")));
            TrigramShares shares = sharesFrom(repository, parser);

            for (Map<String, String> filters : List.of(Map.<String, String>of(), Map.of("tier", "investor", "significant", "true"),
                    Map.of("tier", "teammate", "significant", "false"), Map.of("handle", "user_42", "significant", "false"))) {
                for (String term : List.of("topic-424 ", "rollup", "no-such-phrase", "ser_42", "100%_\\x")) {
                    Map<String, String> parameters = new HashMap<>(filters);
                    parameters.put("q", term);
                    FeedQuery query = ((FeedQueryParser.Result.Parsed) parser.parse(parameters)).query();
                    TextSearch plan = TextSearch.plan(term, shares, 51);
                    List<FeedRepository.PageStatement> attempts = FeedRepository.pageStatements(query, 51, shares, repository.currentFilterShares());
                    boolean significantOfATier = filters.containsKey("tier") && "true".equals(filters.get("significant"));
                    if (significantOfATier && term.equals("rollup")) {
                        assertThat(attempts).as("a common term is looked for among the newest posts first")
                                .anyMatch(attempt -> attempt.windowRows().isPresent());
                    }
                    for (FeedRepository.PageStatement attempt : attempts) {
                        String explained = explain(connection, attempt);
                        assertThat(explained).as("%s %s:%n%s", term, filters, explained).doesNotContain("Seq Scan");
                        if (attempt.windowRows().isPresent()) {
                            String counted = explain(connection, attempt.windowRows().get());
                            assertThat(counted).as("window count %s %s:%n%s", term, filters, counted).doesNotContain("Seq Scan");
                            if (significantOfATier) {
                                // Every post the window reads is significant, whichever plan the statement gets: it
                                // reads one of the partial indexes of significant posts (by tier, V8, or newest
                                // first, V13, checking the tier), never all posts.
                                for (String windowPlan : List.of(explained, counted, genericPlan(unbound, attempt),
                                        genericPlan(unbound, attempt.windowRows().get()))) {
                                    assertThat(windowPlan).as("%s %s:%n%s", term, filters, windowPlan)
                                            .containsAnyOf("posts_significant_tier_idx", "posts_significant_newest_idx");
                                }
                            }
                        }
                        if (attempt.reading() == FeedRepository.Reading.TRIGRAM_INDEX
                                && (filters.isEmpty() || explained.contains("posts_search_idx"))) {
                            // Without other filters the search index is the only way in; wherever it is used,
                            // only the segment's trigrams (beside tier and significance) drive its scan, and
                            // the whole term is checked on what it finds.
                            String segment = FeedRepository.escapeLike(plan.indexSegment().orElseThrow()).toLowerCase(Locale.ROOT);
                            String indexCondition = explained.lines().filter(line -> line.contains("Index Cond"))
                                    .filter(line -> line.contains("~~")).findFirst().orElseThrow();
                            assertThat(indexCondition).as("%s %s:%n%s", term, filters, explained)
                                    .contains("~~ '%" + segment.replace("'", "''") + "%'::text)")
                                    .satisfies(line -> assertThat(line.split("~~", -1)).hasSize(2));
                            assertThat(explained).contains("posts_search_idx");
                        }
                    }
                }
            }
            // The feed of handles is planned with every plan open, sequential scans included.
            connection.createStatement().execute("RESET enable_seqscan");
            for (Map<String, String> filters : List.of(Map.of("handle", "user_1 user_2 user_3"),
                    Map.of("handle", "user_1 user_2", "significant", "true", "tier", "investor"))) {
                // Several handles without a term: each handle's newest posts from its run of the author
                // index, in the plan for these values and in the one PostgreSQL caches for any values.
                FeedQuery query = ((FeedQueryParser.Result.Parsed) parser.parse(filters)).query();
                FeedRepository.PageStatement statement = FeedRepository.pageStatements(query, 51, shares, repository.currentFilterShares()).getFirst();
                for (String plan : List.of(explain(connection, statement), genericPlan(unbound, statement))) {
                    assertThat(plan).as("%s:%n%s", filters, plan).contains("posts_author_idx")
                            .doesNotContain("Seq Scan on posts");
                }
            }
            assertThat(TextSearch.plan("topic-424 ", shares, 51).indexSegment()).get().asString().doesNotContain("topic");
            assertThat(TextSearch.plan("rollup", shares, 51).probeFirst()).isTrue();
            assertThat(TextSearch.plan("no-such-phrase", shares, 51).probeFirst()).isFalse();
        }
    }

    /** The statistics the repository reads, through a search that makes it read them. */
    private static TrigramShares sharesFrom(FeedRepository repository, FeedQueryParser parser) throws Exception {
        repository.page(((FeedQueryParser.Result.Parsed) parser.parse(Map.of("q", "rollup"))).query(), 1);
        return repository.currentTrigramShares();
    }

    /** The plan PostgreSQL would cache for the statement whatever its values (EXPLAIN (GENERIC_PLAN), PostgreSQL 16). */
    private static String genericPlan(Connection connection, FeedRepository.PageStatement attempt) throws Exception {
        StringBuilder sql = new StringBuilder();
        int placeholder = 0;
        for (char c : attempt.sql().toCharArray()) {
            sql.append(c == '?' ? "$" + ++placeholder : String.valueOf(c));
        }
        assertThat(placeholder).isEqualTo(attempt.parameters().size());
        StringBuilder plan = new StringBuilder();
        try (var statement = connection.createStatement(); ResultSet rows = statement.executeQuery("EXPLAIN (GENERIC_PLAN) " + sql)) {
            while (rows.next()) {
                plan.append(rows.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }

    private static String explain(Connection connection, FeedRepository.PageStatement attempt) throws Exception {
        StringBuilder plan = new StringBuilder();
        try (var statement = attempt.prepare(connection, "EXPLAIN "); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                plan.append(rows.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }
}
