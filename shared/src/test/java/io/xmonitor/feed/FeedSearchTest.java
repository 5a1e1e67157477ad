package io.xmonitor.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import com.zaxxer.hikari.HikariDataSource;
import io.xmonitor.testing.TestEnvironment;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The feed's text search finds exactly the posts whose body or handle contains the term, case
 * aside, in feed order: whatever the term, the filters, the page size and the trigram statistics,
 * and whichever of its attempts (newest posts first, or the index on a segment) answers. Without a
 * term the filters alone decide, several handles included.
 */
class FeedSearchTest {

    private static final String[] WORDS = {"Rollup", "fees", "BRIDGE", "topic-", "café", "naïve", "100%", "under_score",
            "back\\slash", "ÉTÉ", "gas", "x", "42", "sequencer", "Straße", "İstanbul"};
    private static final String ALPHABET = "abcéf%_\\ -42XYSsß";
    /**
     * A word only the oldest quarter of the posts hold: common enough that a search reads the
     * newest posts first, and absent from them, so the search must go on to the index.
     */
    private static final String OLD_WORD = "relic";

    private static HikariDataSource dataSource;
    private static FeedRepository repository;
    private static final FeedQueryParser PARSER = new FeedQueryParser(50, 200, new FeedCursor(List.of("k")));

    @BeforeAll
    static void posts() throws Exception {
        dataSource = TestEnvironment.get().freshDatabase().open();
        repository = new FeedRepository(dataSource);
        try (Connection connection = dataSource.getConnection()) {
            // 12,000 posts: more than one probe of the newest, so a probe can come back short. The three
            // posts of a minute have one handle number and three prefixes: handles that share a number
            // post at the same instants, and the feed's order breaks those ties by status id.
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO posts (status_id, url, author_handle, body_text, watch_tier, is_significant, discovered_at, last_seen_at)
                    SELECT g::text, 'https://x.com/u/status/' || g,
                           (ARRAY['Nadia_Quill', 'ovid_marsh', 'user_42', 'Cafe_Labs'])[1 + g % 4] || (g / 3 % 97),
                           (SELECT string_agg(w[1 + abs(hashtext(g || ':' || i)) % cardinality(w)], ' ')
                              FROM generate_series(1, 1 + g % 6) AS i) || CASE WHEN g <= 3000 THEN ' relic' ELSE '' END,
                           (ARRAY['teammate', 'influencer', 'ecosystem', 'investor'])[1 + abs(hashtext(g || 't')) % 4],
                           g % 7 = 0,
                           timestamptz '2026-01-01' + (g / 3) * interval '1 minute',
                           timestamptz '2026-01-02'
                    FROM generate_series(1, 12000) AS g, (SELECT ?::text[] AS w) AS words
                    """)) {
                insert.setArray(1, connection.createArrayOf("text", WORDS));
                insert.execute();
            }
            connection.createStatement().execute("ANALYZE posts");
        }
    }

    @AfterAll
    static void close() {
        dataSource.close();
    }

    @Test
    void findsExactlyThePostsWhoseBodyOrHandleContainsTheTerm() {
        qt().withExamples(300).withShrinkCycles(100).forAll(terms(), filters(), integers().between(1, 60))
                .checkAssert((term, filters, limit) -> {
                    Map<String, String> parameters = new HashMap<>(filters);
                    parameters.put("q", term);
                    FeedQuery query = ((FeedQueryParser.Result.Parsed) PARSER.parse(parameters)).query();
                    try {
                        List<String> found = repository.page(query, limit).stream().map(ReadModels.FeedItem::statusId).toList();
                        assertThat(found).as("q=%s %s limit %d", term, filters, limit).isEqualTo(reference(term, filters, limit));
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
    }

    @Test
    void pagingThroughTheResultsWithCursorsMissesAndRepeatsNothing() {
        qt().withExamples(80).withShrinkCycles(50).forAll(terms(), filters(), integers().between(1, 25))
                .checkAssert((term, filters, limit) -> {
                    Map<String, String> parameters = new HashMap<>(filters);
                    parameters.put("q", term);
                    try {
                        // Six pages, or fewer ending in a short one: either way exactly the first results, in order.
                        assertThat(pages(parameters, limit, 6)).as("q=%s %s pages of %d", term, filters, limit)
                                .isEqualTo(reference(term, filters, 6 * limit));
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
    }

    @Test
    void withoutATermTheFiltersAlonePickThePostsAndPagingMissesAndRepeatsNothing() {
        qt().withExamples(150).withShrinkCycles(50).forAll(filters(), integers().between(1, 25))
                .checkAssert((filters, limit) -> {
                    try {
                        assertThat(pages(filters, limit, 4)).as("%s pages of %d", filters, limit)
                                .isEqualTo(reference(null, filters, 4 * limit));
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
    }

    @Test
    void aHandleNamedTwiceOrInAnotherCaseIsReadOnce() throws Exception {
        // The parser already folds case and drops repeats; the statement must not depend on it.
        FeedQuery parsed = ((FeedQueryParser.Result.Parsed) PARSER.parse(Map.of("handle", "nadia_quill3 ovid_marsh3"))).query();
        FeedQuery repeated = new FeedQuery(parsed.since(), parsed.until(), parsed.tier(),
                List.of("Nadia_Quill3", "nadia_quill3", "NADIA_QUILL3", "ovid_marsh3", "ovid_marsh3"), parsed.significant(),
                parsed.text(), parsed.limit(), parsed.after());
        for (int limit : List.of(1, 7, 40, 200)) {
            List<String> found = repository.page(repeated, limit).stream().map(ReadModels.FeedItem::statusId).toList();
            assertThat(found).as("page of %d", limit).doesNotHaveDuplicates()
                    .isEqualTo(reference(null, Map.of("handle", "nadia_quill3 ovid_marsh3"), limit));
        }
    }

    @Test
    void theStatisticsAreReadAndSteerTheIndexToTheRarestPart() throws Exception {
        FeedQuery query = ((FeedQueryParser.Result.Parsed) PARSER.parse(Map.of("q", "topic- x"))).query();
        assertThat(repository.page(query, 5)).isNotEmpty();
        TrigramShares shares = repository.currentTrigramShares();
        assertThat(shares.known()).isTrue();
        assertThat(shares.share("top")).isGreaterThan(0.1);
        assertThat(shares.share("zzq")).isLessThan(shares.share("top"));
        assertThat(TextSearch.plan("topic-4242", shares, 51).indexSegment()).get().asString().doesNotContain("topic");
        assertThat(TextSearch.plan(OLD_WORD, shares, 51).probeFirst()).as("the old word sends searches to the newest posts first").isTrue();
        FilterShares filters = repository.currentFilterShares();
        assertThat(filters.passing(Optional.of("investor"), Optional.empty())).isStrictlyBetween(0.0, 1.0);
        assertThat(filters.passing(Optional.of("investor"), Optional.of(true)))
                .isLessThan(filters.passing(Optional.of("investor"), Optional.empty()));
    }

    /** The ids of up to {@code count} pages of the feed, each asked for with the cursor the one before ended on. */
    private static List<String> pages(Map<String, String> parameters, int limit, int count) throws Exception {
        Map<String, String> asked = new HashMap<>(parameters);
        List<String> found = new ArrayList<>();
        for (int page = 0; page < count; page++) {
            FeedQuery query = ((FeedQueryParser.Result.Parsed) PARSER.parse(asked)).query();
            List<ReadModels.FeedItem> items = repository.page(query, limit);
            items.forEach(item -> found.add(item.statusId()));
            if (items.size() < limit) {
                break;
            }
            ReadModels.FeedItem last = items.getLast();
            asked.put("cursor", PARSER.cursorFor(query, new FeedCursor.Position(last.discoveredAt(), last.statusId())));
        }
        return found;
    }

    /** The definition itself: strpos on lower-cased text (when there is a term), no LIKE, no index, no statistics. */
    private static List<String> reference(String term, Map<String, String> filters, int limit) throws Exception {
        StringBuilder sql = new StringBuilder("SELECT status_id FROM posts WHERE true");
        List<Object> parameters = new ArrayList<>();
        if (term != null) {
            sql.append(" AND (strpos(lower(coalesce(body_text, '')), lower(?)) > 0 OR strpos(lower(author_handle::text), lower(?)) > 0)");
            parameters.addAll(List.of(term, term));
        }
        if (filters.containsKey("tier")) {
            sql.append(" AND watch_tier = ?");
            parameters.add(filters.get("tier"));
        }
        if (filters.containsKey("significant")) {
            sql.append(" AND is_significant = ?");
            parameters.add(Boolean.parseBoolean(filters.get("significant")));
        }
        if (filters.containsKey("handle")) {
            sql.append(" AND author_handle = ANY(?::citext[])");
            parameters.add(List.of(filters.get("handle").replace("@", "").split(" ")));
        }
        if (filters.containsKey("since")) {
            sql.append(" AND discovered_at >= ?::timestamptz AND discovered_at <= ?::timestamptz");
            parameters.add(filters.get("since"));
            parameters.add(filters.get("until"));
        }
        sql.append(" ORDER BY discovered_at DESC, status_id DESC LIMIT ?");
        parameters.add(limit);
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                if (parameters.get(i) instanceof List<?> list) {
                    statement.setArray(i + 1, connection.createArrayOf("text", list.toArray()));
                } else {
                    statement.setObject(i + 1, parameters.get(i));
                }
            }
            List<String> ids = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        }
    }

    /** Pieces of the stored words (so most terms match something), and strings that mostly do not. */
    private static Gen<String> terms() {
        Gen<String> piece = integers().between(0, WORDS.length - 1).zip(integers().between(0, 40), integers().between(1, 14),
                (word, start, length) -> {
                    String phrase = WORDS[word] + " " + WORDS[(word + start) % WORDS.length];
                    int from = start % phrase.length();
                    return phrase.substring(from, Math.min(phrase.length(), from + length));
                });
        Gen<String> noise = strings().betweenCodePoints(0, ALPHABET.length() - 1).ofLengthBetween(1, 10)
                .map(s -> s.codePoints().mapToObj(c -> String.valueOf(ALPHABET.charAt(c))).reduce("", String::concat));
        Gen<String> mixedCase = piece.map((String s) -> s.toUpperCase(Locale.ROOT));
        Gen<String> old = integers().between(0, OLD_WORD.length() - 3).zip(integers().between(3, OLD_WORD.length()),
                (from, length) -> OLD_WORD.substring(from, Math.min(OLD_WORD.length(), from + length)));
        // A blank q is no search at all (an empty filter is not applied).
        return piece.mix(noise, 30).mix(mixedCase, 20).mix(old, 15).assuming(t -> !t.isBlank());
    }

    /**
     * Tier, significance, handles (none in four cases of ten, else one to three, twelve or fifty:
     * the data's, in any case, with or without @; a further handle shares the first one's number
     * half the time, so their posts often tie in time) and a date range, each or not.
     */
    private static Gen<Map<String, String>> filters() {
        // A handle's prefix, its number (above 96: the first handle's number) and its spelling.
        Gen<int[]> handle = integers().between(0, 3).zip(integers().between(0, 193), integers().between(0, 2),
                (prefix, number, spelling) -> new int[] {prefix, number, spelling});
        Gen<Map<String, String>> narrowing = integers().between(0, 5).zip(integers().between(0, 2), (tier, significant) -> {
            Map<String, String> filters = new HashMap<>();
            if (tier < 4) {
                filters.put("tier", List.of("teammate", "influencer", "ecosystem", "investor").get(tier));
            }
            if (significant < 2) {
                filters.put("significant", significant == 0 ? "true" : "false");
            }
            return filters;
        });
        // Without handles, or with one, a search can read the newest posts first; with several it goes to the index.
        Gen<String> handles = integers().between(0, 9).zip(lists().of(handle).ofSize(50), (count, picks) -> {
            int size = List.of(0, 0, 0, 0, 1, 1, 2, 3, 12, 50).get(count);
            int firstNumber = picks.get(0)[1] % 97;
            return picks.subList(0, size).stream().map(pick -> {
                String name = List.of("Nadia_Quill", "ovid_marsh", "user_42", "Cafe_Labs").get(pick[0])
                        + (pick[1] > 96 ? firstNumber : pick[1]);
                return pick[2] == 0 ? name : pick[2] == 1 ? "@" + name.toLowerCase(Locale.ROOT) : name.toUpperCase(Locale.ROOT);
            }).collect(Collectors.joining(" "));
        });
        // Half the cases have no date range, so a search can read a full window of the newest posts.
        Gen<Instant> since = integers().between(-4000, 4000)
                .map(minute -> minute < 0 ? null : Instant.parse("2026-01-01T00:00:00Z").plusSeconds(60L * minute));
        return narrowing.zip(handles, since, integers().between(1, 3000), (filters, handleList, from, minutes) -> {
            Map<String, String> all = new HashMap<>(filters);
            if (!handleList.isEmpty()) {
                all.put("handle", handleList);
            }
            if (from != null) {
                all.put("since", from.toString());
                all.put("until", from.plusSeconds(60L * minutes).toString());
            }
            return all;
        });
    }
}
