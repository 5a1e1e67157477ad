package io.xmonitor.tools.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import io.xmonitor.ingest.IngestKind;
import io.xmonitor.json.Json;
import io.xmonitor.testing.TestEnvironment;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

/**
 * The drill's model ranks ties by JSON's canonical text and by the order of text; both must be
 * PostgreSQL's (jsonb's text, the "C" collation), or the oracle would expect the other winner.
 * Checked against a real PostgreSQL on generated values; and the model's reading of the
 * contract's shapes, on the contract's own examples.
 */
class OracleModelTest {

    /** Characters that order differently in UTF-16 units and in code points, escapes, and plain ones. */
    private static final String[] CHARACTERS = {"a", "z", "A", " ", "\u00e9", "\uFF5E", "\uFFFD", "\uE000", "\uD83D\uDE00",
            "\uD835\uDD4F", "\"", "\\", "\t", "\n", "\r", "/", "\u0001"};

    private static HikariDataSource db;

    @BeforeAll
    static void open() {
        db = TestEnvironment.get().freshDatabase().open();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void canonicalJsonIsTheTextPostgresWritesForJsonb() throws SQLException {
        try (Connection connection = db.getConnection();
             PreparedStatement jsonb = connection.prepareStatement("SELECT ?::jsonb::text")) {
            qt().withExamples(400).forAll(json(3)).checkAssert(node -> {
                String expected = ContractModel.canonical(node);
                assertThat(expected).as(Json.write(node)).isEqualTo(query(jsonb, Json.write(node), null));
            });
        }
    }

    @Test
    void textOrderIsPostgresOrderInTheCCollation() throws SQLException {
        try (Connection connection = db.getConnection();
             PreparedStatement order = connection.prepareStatement("SELECT sign(CASE WHEN ? COLLATE \"C\" < ? COLLATE \"C\" THEN -1 "
                     + "WHEN ? COLLATE \"C\" > ? COLLATE \"C\" THEN 1 ELSE 0 END)::int::text")) {
            qt().withExamples(400).forAll(text(6), text(6)).checkAssert((a, b) -> {
                String expected = Integer.toString(Integer.signum(VersionRules.compareText(a, b)));
                assertThat(query(order, a, b)).as("%s vs %s", a, b).isEqualTo(expected);
            });
        }
        assertThat(VersionRules.compareText("\uFF5E", "\uD83D\uDE00")).as("U+FF5E before U+1F600").isNegative();
        assertThat("\uFF5E".compareTo("\uD83D\uDE00")).as("where Java's UTF-16 order puts it after").isPositive();
    }

    @Test
    void theContractsShapesAreReadAsItSays() {
        Instant accepted = Instant.parse("2026-03-01T00:00:00Z");
        JsonNode post = Json.mapper().valueToTree(Map.ofEntries(
                Map.entry("status_id", " 123 "), Map.entry("author_handle", "@Someone_1"),
                Map.entry("discovered_at", "2026-02-25"), Map.entry("last_seen_at", "Wed Feb 25 19:39:12 +0000 2026"),
                Map.entry("likes", "42"), Map.entry("reposts", 42.0), Map.entry("replies", -1), Map.entry("views", "1.2K"),
                Map.entry("is_significant", "yes"), Map.entry("watch_tier", "none"), Map.entry("posted_relative", 5),
                Map.entry("likes_24h", 7), Map.entry("refresh_24h_status", "pending"), Map.entry("refresh_24h_at", ""),
                Map.entry("body_text", "a\u0000b \uD83D\uDE00")));
        ContractModel.Stored stored = ContractModel.stored(IngestKind.POSTS, post, accepted);
        assertThat(stored.refusal()).isNull();
        Map<String, Object> row = stored.columns();
        assertThat(row).containsEntry("status_id", "123").containsEntry("author_handle", "someone_1")
                .containsEntry("url", "https://x.com/someone_1/status/123")
                .containsEntry("discovered_at", Instant.parse("2026-02-25T00:00:00Z"))
                .containsEntry("last_seen_at", Instant.parse("2026-02-25T19:39:12Z"))
                .containsEntry("likes", 42L).containsEntry("reposts", 42L).containsEntry("replies", 0L).containsEntry("views", 0L)
                .containsEntry("is_significant", true).containsEntry("watch_tier", null).containsEntry("posted_relative", "5")
                .containsEntry("likes_24h", 7L).containsEntry("refresh_24h_at", null)
                .containsEntry("refresh_24h_seen_at", Instant.parse("2026-02-25T19:39:12Z"))
                .containsEntry("body_text", "ab \uD83D\uDE00").containsEntry("significance_version", "v1");
        assertThat(stored.warned()).containsExactlyInAnyOrder("url", "replies", "views", "watch_tier", "body_text");

        assertThat(ContractModel.parseInstant("Wed, 25 Feb 2026 19:39:12 GMT")).isEqualTo(Instant.parse("2026-02-25T19:39:12Z"));
        assertThat(ContractModel.parseInstant("Wed Feb 25 2026 20:39:12 GMT+0100 (Central European Standard Time)"))
                .isEqualTo(Instant.parse("2026-02-25T19:39:12Z"));
        assertThat(ContractModel.parseInstant("2026-02-25 19:39 UTC")).isEqualTo(Instant.parse("2026-02-25T19:39:00Z"));
        assertThat(ContractModel.parseInstant("2026-02-25T21:39:12.5+02")).isEqualTo(Instant.parse("2026-02-25T19:39:12.500Z"));
        assertThat(ContractModel.parseInstant("2026-02-30")).as("not a real date").isNull();
        JsonNode impossible = Json.mapper().valueToTree(Map.of("status_id", "1", "author_handle", "a",
                "discovered_at", "2026-02-30T00:00:00Z", "last_seen_at", "2026-02-25T00:00:00Z"));
        assertThat(ContractModel.stored(IngestKind.POSTS, impossible, accepted).refusal()).startsWith("discovered_at");

        JsonNode summary = Json.mapper().valueToTree(Map.of("summary_key", "k", "window_type", "rolling_2h",
                "window_start", "2026-02-25T00:00:00Z", "window_end", "2026-02-25T02:00:00Z", "generated_at", "2026-02-25T02:01:00Z",
                "tier_counts", java.util.List.of(), "top_themes", java.util.List.of("zsa"), "embedding_vector", "[0.1, 2]"));
        ContractModel.Stored window = ContractModel.stored(IngestKind.WINDOW_SUMMARIES, summary, accepted);
        assertThat(window.columns()).containsEntry("tier_counts_json", "{}").containsEntry("top_themes_json", "[\"zsa\"]")
                .containsEntry("embedding_vector_json", "[0.1, 2]").containsEntry("embedding_dims", 2L).containsEntry("summary_text", "");
        assertThat(window.warned()).containsExactlyInAnyOrder("tier_counts", "summary_text");
    }

    private static String query(PreparedStatement statement, String a, String b) {
        try {
            statement.setString(1, a);
            if (b != null) {
                statement.setString(2, b);
                statement.setString(3, a);
                statement.setString(4, b);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static Gen<String> text(int maxCharacters) {
        return random -> {
            StringBuilder text = new StringBuilder();
            long length = random.next(Constraint.between(0, maxCharacters));
            for (int i = 0; i < length; i++) {
                text.append(CHARACTERS[(int) random.next(Constraint.between(0, CHARACTERS.length - 1))]);
            }
            return text.toString();
        };
    }

    /** JSON as the contract stores it: 64-bit integers, finite 64-bit floats, text, flags, null, nested. */
    private static Gen<JsonNode> json(int depth) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return random -> {
            int shape = (int) random.next(Constraint.between(0, depth > 0 ? 7 : 5));
            return switch (shape) {
                case 0 -> nodes.numberNode(random.next(Constraint.between(Long.MIN_VALUE, Long.MAX_VALUE)));
                case 1 -> {
                    double value = Double.longBitsToDouble(random.next(Constraint.between(Long.MIN_VALUE, Long.MAX_VALUE)));
                    yield nodes.numberNode(Double.isFinite(value) ? value : 0.5);
                }
                case 2 -> nodes.numberNode(random.next(Constraint.between(-1_000_000, 1_000_000))
                        / Math.pow(10, random.next(Constraint.between(0, 9))));
                case 3 -> nodes.textNode(text(8).generate(random));
                case 4 -> random.next(Constraint.between(0, 2)) == 0 ? nodes.nullNode() : nodes.booleanNode(random.next(Constraint.between(0, 1)) == 1);
                case 5 -> nodes.numberNode(random.next(Constraint.between(-1000, 1000)));
                case 6 -> {
                    ArrayNode array = nodes.arrayNode();
                    long size = random.next(Constraint.between(0, 4));
                    for (int i = 0; i < size; i++) {
                        array.add(json(depth - 1).generate(random));
                    }
                    yield array;
                }
                default -> {
                    ObjectNode object = nodes.objectNode();
                    long size = random.next(Constraint.between(0, 4));
                    for (int i = 0; i < size; i++) {
                        object.set(text(4).generate(random), json(depth - 1).generate(random));
                    }
                    yield object;
                }
            };
        };
    }
}
