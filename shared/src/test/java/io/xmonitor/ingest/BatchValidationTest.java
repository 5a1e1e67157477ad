package io.xmonitor.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.xmonitor.json.Json;
import io.xmonitor.json.JsonDocument;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchValidationTest {

    private static final Instant ACCEPTED_AT = Instant.parse("2026-03-01T12:00:00Z");

    private static BatchValidation validate(IngestKind kind, String itemsJson) {
        JsonNode root = ((JsonDocument.Parsed) Json.parse(itemsJson.getBytes(StandardCharsets.UTF_8))).root();
        List<JsonNode> items = new ArrayList<>();
        if (root.isArray()) {
            root.forEach(items::add);
        } else {
            items.add(root);
        }
        return BatchValidation.of(kind, items, ACCEPTED_AT);
    }

    private static final String VALID_POST = """
            {"status_id":"1893456789012345678","url":"https://x.com/Alice/status/1893456789012345678",
             "author_handle":"@Alice_Dev","author_display":"Alice","body_text":"shipping v2 today",
             "watch_tier":"Teammate","is_significant":true,"likes":10,"views":2000,
             "initial_likes":1,"refresh_24h_at":"2026-02-26T19:40:00Z","refresh_24h_delta_likes":-2,
             "discovered_at":"2026-02-25T19:39:12+00:00","last_seen_at":"2026-02-25 20:00:00"}""";

    @Test
    void normalisesAValidPost() {
        BatchValidation result = validate(IngestKind.POSTS, "[" + VALID_POST + "]");
        assertThat(result.errors()).isEmpty();
        PostUpsert post = (PostUpsert) result.accepted().getFirst();
        assertThat(post.authorHandle()).isEqualTo("alice_dev");
        assertThat(post.watchTier()).isEqualTo("teammate");
        assertThat(post.isSignificant()).isTrue();
        assertThat(post.likes()).isEqualTo(10);
        assertThat(post.reposts()).isZero();
        assertThat(post.initialLikes()).isEqualTo(1);
        assertThat(post.initialViews()).isNull();
        assertThat(post.refresh24hDeltaLikes()).isEqualTo(-2);
        assertThat(post.significanceVersion()).isEqualTo("v1");
        assertThat(post.discoveredAt()).isEqualTo(Instant.parse("2026-02-25T19:39:12Z"));
        assertThat(post.lastSeenAt()).isEqualTo(Instant.parse("2026-02-25T20:00:00Z"));
    }

    @Test
    void reportsEveryProblemOfAPostWithItsIndex() {
        String bad = """
                {"status_id":1893,"url":"ftp://x","author_handle":"not a handle","watch_tier":"vip",
                 "likes":-1,"views":1.5,"reposts":3000000000,"is_significant":"yes",
                 "body_text":"nul\\u0000inside","discovered_at":"yesterday"}""";
        BatchValidation result = validate(IngestKind.POSTS, "[" + VALID_POST + "," + bad + "]");
        assertThat(result.accepted()).hasSize(1);
        assertThat(result.skipped()).isEqualTo(1);
        assertThat(result.errors()).containsExactly(
                new ItemError(1, "items[1].status_id: must be a string"),
                new ItemError(1, "items[1].url: must be an http(s) URL"),
                new ItemError(1, "items[1].author_handle: must be an X handle (letters, digits, underscore; optional leading @)"),
                new ItemError(1, "items[1].body_text: contains a NUL character (\\u0000), which cannot be stored"),
                new ItemError(1, "items[1].watch_tier: must be one of teammate, influencer, ecosystem, investor"),
                new ItemError(1, "items[1].is_significant: must be true or false"),
                new ItemError(1, "items[1].likes: must be a whole number from 0 to 2147483647"),
                new ItemError(1, "items[1].reposts: must be a whole number from 0 to 2147483647"),
                new ItemError(1, "items[1].views: must be a whole number from 0 to 2147483647"),
                new ItemError(1, "items[1].discovered_at: not an ISO-8601 timestamp"),
                new ItemError(1, "items[1].last_seen_at: is required"));
    }

    @Test
    void rejectsItemsThatAreNotObjects() {
        BatchValidation result = validate(IngestKind.POSTS, "[42]");
        assertThat(result.errors()).containsExactly(new ItemError(0, "items[0]: must be a JSON object"));
    }

    @Test
    void acceptsInvestorTierAndRejectsNonDigitStatusIds() {
        String item = VALID_POST.replace("\"Teammate\"", "\"investor\"").replace("\"1893456789012345678\",\"url\"", "\"12a\",\"url\"");
        BatchValidation result = validate(IngestKind.POSTS, "[" + item + "]");
        assertThat(result.errors()).containsExactly(new ItemError(0, "items[0].status_id: must be a string of 1 to 19 decimal digits"));
    }

    @Test
    void validatesMetricsSnapshots() {
        BatchValidation result = validate(IngestKind.METRICS, """
                [{"status_id":"1","snapshot_type":"latest_observed","snapshot_at":"2026-02-25T19:39:12Z","likes":1,"reposts":2,"replies":3,"views":4},
                 {"status_id":"2","snapshot_type":"hourly","snapshot_at":"2026-02-25T19:39:12Z","likes":1,"reposts":2,"replies":3}]""");
        assertThat(((MetricsSnapshotUpsert) result.accepted().getFirst()).source()).isEqualTo("ingest");
        assertThat(result.errors()).containsExactly(
                new ItemError(1, "items[1].snapshot_type: must be one of initial_capture, latest_observed, refresh_24h"),
                new ItemError(1, "items[1].views: is required"));
    }

    @Test
    void validatesReports() {
        BatchValidation result = validate(IngestKind.REPORTS, """
                [{"status_id":"1","reported_at":"2026-02-25T19:39:12Z","channel":"slack"},
                 {"status_id":"2"}]""");
        assertThat(result.accepted()).hasSize(1);
        assertThat(result.errors()).containsExactly(new ItemError(1, "items[1].reported_at: is required"));
    }

    @Test
    void validatesWatchAccountsAndDefaultsAddedAtToAcceptance() {
        BatchValidation result = validate(IngestKind.WATCH_ACCOUNTS, """
                [{"handle":"@Nadia_Quill","tier":"ecosystem"},
                 {"handle":"someone","tier":"friend"}]""");
        WatchAccountUpsert account = (WatchAccountUpsert) result.accepted().getFirst();
        assertThat(account.handle()).isEqualTo("nadia_quill");
        assertThat(account.addedAt()).isEqualTo(ACCEPTED_AT);
        assertThat(result.errors()).containsExactly(
                new ItemError(1, "items[1].tier: must be one of teammate, influencer, ecosystem, investor"));
    }

    @Test
    void validatesEmbeddingDimensionsAgainstTheVector() {
        BatchValidation result = validate(IngestKind.EMBEDDINGS, """
                [{"status_id":"1","backend":"local","model":"mini","vector":[0.1,0.2,0.3],"text_hash":"h1"},
                 {"status_id":"2","backend":"local","model":"mini","vector_json":"[0.5, 0.25]","dims":2,"text_hash":"h2"},
                 {"status_id":"3","backend":"local","model":"mini","vector":[0.1,0.2],"dims":3,"text_hash":"h3"},
                 {"status_id":"4","backend":"local","model":"mini","vector":["a"],"text_hash":"h4"},
                 {"status_id":"5","backend":"local","model":"mini","text_hash":"h5"}]""");
        assertThat(result.accepted()).hasSize(2);
        assertThat(((EmbeddingUpsert) result.accepted().get(0)).dims()).isEqualTo(3);
        assertThat(((EmbeddingUpsert) result.accepted().get(1)).vector().size()).isEqualTo(2);
        assertThat(((EmbeddingUpsert) result.accepted().get(1)).updatedAt()).isEqualTo(ACCEPTED_AT);
        assertThat(result.errors()).containsExactly(
                new ItemError(2, "items[2].dims: is 3 but the vector has 2 numbers"),
                new ItemError(3, "items[3].vector: must be an array of numbers"),
                new ItemError(4, "items[4].vector: is required (an array of numbers, or vector_json)"));
    }

    @Test
    void validatesWindowSummaries() {
        BatchValidation result = validate(IngestKind.WINDOW_SUMMARIES, """
                [{"summary_key":"rolling_2h:2026-02-25T20:00Z","window_type":"rolling_2h",
                  "window_start":"2026-02-25T18:00:00Z","window_end":"2026-02-25T20:00:00Z",
                  "generated_at":"2026-02-25T20:01:00Z","summary_text":"Quiet.","post_count":12,
                  "tier_counts":{"teammate":3},"top_themes":[{"theme":"l2"}],"embedding_vector":[1,2]},
                 {"summary_key":"k","window_type":"rolling_2h","window_start":"2026-02-25T20:00:00Z",
                  "window_end":"2026-02-25T18:00:00Z","generated_at":"2026-02-25T20:01:00Z",
                  "summary_text":"x","tier_counts":[1],"top_themes":["l2"],"embedding_vector":[1,2],"embedding_dims":3}]""");
        WindowSummaryUpsert summary = (WindowSummaryUpsert) result.accepted().getFirst();
        assertThat(summary.embedding().dims()).isEqualTo(2);
        assertThat(summary.postCount()).isEqualTo(12);
        assertThat(result.errors()).containsExactly(
                new ItemError(1, "items[1].window_end: is before window_start"),
                new ItemError(1, "items[1].tier_counts: must be a JSON object"),
                new ItemError(1, "items[1].top_themes: must be an array of objects"),
                new ItemError(1, "items[1].embedding_dims: is 3 but embedding_vector has 2 numbers"));
    }

    @Test
    void validatesNarrativeShifts() {
        BatchValidation result = validate(IngestKind.NARRATIVE_SHIFTS, """
                [{"shift_key":"s1","basis_window_type":"rolling_12h","period_start":"2026-02-25T08:00:00Z",
                  "period_end":"2026-02-25T20:00:00Z","generated_at":"2026-02-25T20:05:00Z","summary_text":"Shift.",
                  "source_summary_keys":["a","b"],"position_shifts":{"x":1}},
                 {"shift_key":"s2","basis_window_type":"rolling_12h","period_start":"2026-02-25T08:00:00Z",
                  "period_end":"2026-02-25T20:00:00Z","generated_at":"2026-02-25T20:05:00Z",
                  "source_summary_keys":[1],"position_shifts":[]}]""");
        assertThat(result.accepted()).hasSize(1);
        assertThat(result.errors()).containsExactly(
                new ItemError(1, "items[1].source_summary_keys: must be an array of strings"),
                new ItemError(1, "items[1].position_shifts: must be a JSON object"),
                new ItemError(1, "items[1].summary_text: is required"));
    }

    @Test
    void normalisesLegacyRunModesAndNamesFieldsWithoutAnItemsPrefix() {
        BatchValidation good = validate(IngestKind.RUNS, """
                {"run_at":"2026-02-25T19:00:00Z","mode":"refresh-24h","fetched_count":40}""");
        PipelineRunUpsert run = (PipelineRunUpsert) good.accepted().getFirst();
        assertThat(run.mode()).isEqualTo("refresh24h");
        assertThat(run.source()).isEqualTo("local-dispatcher");
        assertThat(validate(IngestKind.RUNS, "{\"run_at\":\"2026-02-25T19:00:00Z\",\"mode\":\"refresh_24h\"}").errors()).isEmpty();

        BatchValidation bad = validate(IngestKind.RUNS, "{\"run_at\":\"soon\",\"mode\":\"hourly\"}");
        assertThat(bad.errors()).containsExactly(
                new ItemError(0, "run_at: not an ISO-8601 timestamp"),
                new ItemError(0, "mode: must be one of priority, discovery, both, refresh24h, manual"));
    }

    @Test
    void aNormalisedItemReadsBackAsItself() {
        for (String itemJson : List.of(VALID_POST)) {
            IngestItem first = validate(IngestKind.POSTS, "[" + itemJson + "]").accepted().getFirst();
            String written = Json.write(List.of(first));
            IngestItem again = validate(IngestKind.POSTS, written).accepted().getFirst();
            assertThat(again).isEqualTo(first);
        }
    }
}
