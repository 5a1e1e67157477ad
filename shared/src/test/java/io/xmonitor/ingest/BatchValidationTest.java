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
        JsonNode root = ((JsonDocument.Parsed) Json.parseKeepingDuplicates(itemsJson.getBytes(StandardCharsets.UTF_8))).root();
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
        assertThat(result.warnings()).isEmpty();
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
    void refusesAPostOnlyForWhatIdentifiesOrOrdersIt() {
        String bad = """
                {"status_id":"18a93","url":"ftp://x","author_handle":"not a handle","watch_tier":"vip",
                 "likes":-1,"views":1.5,"reposts":3000000000,"is_significant":"perhaps",
                 "body_text":"nul\\u0000inside","discovered_at":"yesterday"}""";
        BatchValidation result = validate(IngestKind.POSTS, "[" + VALID_POST + "," + bad + "]");
        assertThat(result.accepted()).hasSize(1);
        assertThat(result.skipped()).isEqualTo(1);
        assertThat(result.errors()).containsExactly(
                new ItemError(1, "items[1].status_id: must be a string of 1 to 19 decimal digits"),
                new ItemError(1, "items[1].author_handle: must be an X handle (letters, digits, underscore; optional leading @)"),
                new ItemError(1, "items[1].discovered_at: is not a timestamp (\"yesterday\")"),
                new ItemError(1, "items[1].last_seen_at: is required"));
        assertThat(result.warnings()).as("a refused item carries errors, not warnings").isEmpty();
    }

    @Test
    void keepsAPostWhoseOtherFieldsAreGarbageAndNamesEveryDroppedField() {
        String post = """
                {"status_id":" 77 ","url":"ftp://x","author_handle":" @Bob ","watch_tier":"vip",
                 "likes":-1,"views":1.5,"reposts":3000000000,"replies":"1.2K","is_significant":"perhaps",
                 "body_text":"nul\\u0000inside","posted_relative":5,"source_query":["priority"],
                 "refresh_24h_at":"2026-02-30T00:00:00Z",
                 "discovered_at":"2026-02-25","last_seen_at":"Wed Feb 25 19:39:12 +0000 2026"}""";
        BatchValidation result = validate(IngestKind.POSTS, "[" + post + "]");
        assertThat(result.errors()).isEmpty();
        PostUpsert stored = (PostUpsert) result.accepted().getFirst();
        assertThat(stored.statusId()).isEqualTo("77");
        assertThat(stored.authorHandle()).isEqualTo("bob");
        assertThat(stored.url()).isEqualTo("https://x.com/bob/status/77");
        assertThat(stored.watchTier()).isNull();
        assertThat(stored.likes()).isZero();
        assertThat(stored.views()).isZero();
        assertThat(stored.reposts()).isZero();
        assertThat(stored.replies()).isZero();
        assertThat(stored.isSignificant()).isFalse();
        assertThat(stored.bodyText()).isEqualTo("nulinside");
        assertThat(stored.postedRelative()).isEqualTo("5");
        assertThat(stored.sourceQuery()).isNull();
        assertThat(stored.refresh24hAt()).isNull();
        assertThat(stored.discoveredAt()).isEqualTo(Instant.parse("2026-02-25T00:00:00Z"));
        assertThat(stored.lastSeenAt()).isEqualTo(Instant.parse("2026-02-25T19:39:12Z"));
        assertThat(result.warnings()).extracting(ItemWarning::field).containsExactlyInAnyOrder(
                "url", "body_text", "source_query", "watch_tier", "is_significant", "likes", "reposts", "replies", "views",
                "refresh_24h_at");
        assertThat(result.warnings()).allSatisfy(w -> assertThat(w.index()).isZero());
        assertThat(result.warnings()).filteredOn(w -> w.field().equals("likes")).singleElement()
                .satisfies(w -> assertThat(w.message()).isEqualTo("is negative (-1: unknown); dropped"));
        assertThat(result.itemsWithWarnings()).isEqualTo(1);
    }

    @Test
    void readsTheSpellingsTheOldApiRead() {
        String post = """
                {"status_id":"5","author_handle":"a","url":" https://x.com/a/status/5 ","likes":"42","reposts":42.0,
                 "replies":1e3,"views":" 7 ","is_significant":"YES","initial_likes":"","watch_tier":"",
                 "refresh_24h_at":"","discovered_at":"2026-02-25 19:39:12","last_seen_at":"2026-02-25T19:39:12.5"}""";
        BatchValidation result = validate(IngestKind.POSTS, "[" + post + "]");
        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).as("values with one clear meaning are normalised, not dropped").isEmpty();
        PostUpsert stored = (PostUpsert) result.accepted().getFirst();
        assertThat(stored.url()).isEqualTo("https://x.com/a/status/5");
        assertThat(List.of(stored.likes(), stored.reposts(), stored.replies(), stored.views())).containsExactly(42, 42, 1000, 7);
        assertThat(stored.isSignificant()).isTrue();
        assertThat(stored.initialLikes()).isNull();
        assertThat(stored.watchTier()).isNull();
        assertThat(stored.refresh24hAt()).isNull();
        assertThat(stored.lastSeenAt()).isEqualTo(Instant.parse("2026-02-25T19:39:12.500Z"));
    }

    @Test
    void keepsTheRefreshFieldsSentWithoutTheirTime() {
        String post = """
                {"status_id":"5","author_handle":"a","likes_24h":7,"refresh_24h_status":"pending",
                 "discovered_at":"2026-02-25T19:00:00Z","last_seen_at":"2026-02-25T19:00:00Z"}""";
        BatchValidation result = validate(IngestKind.POSTS, "[" + post + "]");
        assertThat(result.errors()).isEmpty();
        PostUpsert stored = (PostUpsert) result.accepted().getFirst();
        assertThat(stored.likes24h()).isEqualTo(7);
        assertThat(stored.refresh24hStatus()).isEqualTo("pending");
        assertThat(stored.refresh24hAt()).isNull();
        assertThat(result.warnings()).extracting(ItemWarning::field).containsExactly("url");
    }

    @Test
    void aDuplicateKeyCostsTheItemThatHoldsItNotItsBatchMates() {
        BatchValidation result = validate(IngestKind.POSTS, "[" + VALID_POST + ","
                + VALID_POST.replace("\"likes\":10", "\"likes\":10,\"likes\":11") + "]");
        assertThat(result.accepted()).hasSize(1);
        assertThat(result.errors()).containsExactly(new ItemError(1, "items[1]: holds the key \"likes\" more than once"));
    }

    @Test
    void rejectsItemsThatAreNotObjects() {
        BatchValidation result = validate(IngestKind.POSTS, "[42]");
        assertThat(result.errors()).containsExactly(new ItemError(0, "items[0]: must be a JSON object"));
    }

    @Test
    void validatesMetricsSnapshots() {
        BatchValidation result = validate(IngestKind.METRICS, """
                [{"status_id":"1","snapshot_type":"latest_observed","snapshot_at":"2026-02-25T19:39:12Z","likes":1,"reposts":2,"replies":3,"views":4},
                 {"status_id":"2","snapshot_type":"hourly","snapshot_at":"2026-02-25T19:39:12Z","likes":1,"reposts":2,"replies":3},
                 {"status_id":"3","snapshot_type":"Refresh-24h","snapshot_at":"2026-02-25T19:39:12Z"}]""");
        assertThat(((MetricsSnapshotUpsert) result.accepted().getFirst()).source()).isEqualTo("ingest");
        MetricsSnapshotUpsert withoutCounts = (MetricsSnapshotUpsert) result.accepted().get(1);
        assertThat(withoutCounts.snapshotType()).isEqualTo("refresh_24h");
        assertThat(List.of(withoutCounts.likes(), withoutCounts.reposts(), withoutCounts.replies(), withoutCounts.views()))
                .containsOnly(0);
        assertThat(result.errors()).containsExactly(
                new ItemError(1, "items[1].snapshot_type: must be one of initial_capture, latest_observed, refresh_24h"));
        assertThat(result.warnings()).isEmpty();
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
                [{"handle":"@Nadia_Quill","tier":"ecosystem","added_at":"soon"},
                 {"handle":"someone","tier":"friend"}]""");
        WatchAccountUpsert account = (WatchAccountUpsert) result.accepted().getFirst();
        assertThat(account.handle()).isEqualTo("nadia_quill");
        assertThat(account.addedAt()).isEqualTo(ACCEPTED_AT);
        assertThat(result.warnings()).containsExactly(new ItemWarning(0, "added_at", "is not a timestamp (\"soon\"); dropped"));
        assertThat(result.errors()).containsExactly(
                new ItemError(1, "items[1].tier: must be one of teammate, influencer, ecosystem, investor"));
    }

    @Test
    void embeddingsKeepTheirIdentityAndStoreAnUnusableVectorAsEmpty() {
        BatchValidation result = validate(IngestKind.EMBEDDINGS, """
                [{"status_id":"1","backend":"local","model":"mini","vector":[0.1,0.2,0.3],"text_hash":"h1"},
                 {"status_id":"2","backend":"local","model":"mini","vector_json":"[0.5, 0.25]","dims":2,"text_hash":"h2"},
                 {"status_id":"3","backend":"local","model":"mini","vector":[0.1,0.2],"dims":3,"text_hash":"h3"},
                 {"status_id":"4","backend":"local","model":"mini","vector":["a"],"text_hash":"h4"},
                 {"status_id":"5","backend":"local","model":"mini","vector_json":"","text_hash":"h5","updated_at":"2026-02-01"},
                 {"status_id":"6","model":"mini","vector":[1],"text_hash":"h6"}]""");
        assertThat(result.accepted()).hasSize(5);
        EmbeddingUpsert first = (EmbeddingUpsert) result.accepted().get(0);
        assertThat(first.dims()).isEqualTo(3);
        assertThat(first.updatedAt()).as("no version was sent: it ranks by content").isNull();
        assertThat(((EmbeddingUpsert) result.accepted().get(1)).vector().size()).isEqualTo(2);
        assertThat(((EmbeddingUpsert) result.accepted().get(2)).dims()).isEqualTo(2);
        EmbeddingUpsert unusable = (EmbeddingUpsert) result.accepted().get(3);
        assertThat(unusable.dims()).isZero();
        assertThat(unusable.vector()).isEmpty();
        EmbeddingUpsert empty = (EmbeddingUpsert) result.accepted().get(4);
        assertThat(empty.vector()).isEmpty();
        assertThat(empty.updatedAt()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
        assertThat(result.warnings()).extracting(ItemWarning::index, ItemWarning::field).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2, "dims"), org.assertj.core.groups.Tuple.tuple(3, "vector"));
        assertThat(result.errors()).containsExactly(new ItemError(5, "items[5].backend: is required"));
    }

    @Test
    void validatesWindowSummaries() {
        BatchValidation result = validate(IngestKind.WINDOW_SUMMARIES, """
                [{"summary_key":"rolling_2h:2026-02-25T20:00Z","window_type":"rolling_2h",
                  "window_start":"2026-02-25T18:00:00Z","window_end":"2026-02-25T20:00:00Z",
                  "generated_at":"2026-02-25T20:01:00Z","summary_text":"Quiet.","post_count":12,
                  "tier_counts":{"teammate":3},"top_themes":[{"theme":"l2"}],"embedding_vector":[1,2]},
                 {"summary_key":"k","window_type":"rolling_2h","window_start":"2026-02-25T18:00:00Z",
                  "window_end":"2026-02-25T20:00:00Z","generated_at":"2026-02-25T20:01:00Z",
                  "summary_text":"x","tier_counts":[1],"top_themes":["l2"],"embedding_vector":"[1,2]","embedding_dims":3},
                 {"summary_key":"k2","window_type":"rolling_2h","window_start":"2026-02-25T20:00:00Z",
                  "window_end":"2026-02-25T18:00:00Z","generated_at":"2026-02-25T20:01:00Z","summary_text":"x"}]""");
        WindowSummaryUpsert summary = (WindowSummaryUpsert) result.accepted().getFirst();
        assertThat(summary.embedding().dims()).isEqualTo(2);
        assertThat(summary.postCount()).isEqualTo(12);
        WindowSummaryUpsert lenient = (WindowSummaryUpsert) result.accepted().get(1);
        assertThat(lenient.tierCounts()).isNull();
        assertThat(lenient.topThemes()).hasSize(1).allSatisfy(theme -> assertThat(theme.textValue()).isEqualTo("l2"));
        assertThat(lenient.embedding().dims()).isEqualTo(2);
        assertThat(result.warnings()).extracting(ItemWarning::field).containsExactly("tier_counts", "embedding_dims");
        assertThat(result.errors()).containsExactly(new ItemError(2, "items[2].window_end: is before window_start"));
    }

    @Test
    void validatesNarrativeShifts() {
        BatchValidation result = validate(IngestKind.NARRATIVE_SHIFTS, """
                [{"shift_key":"s1","basis_window_type":"rolling_12h","period_start":"2026-02-25T08:00:00Z",
                  "period_end":"2026-02-25T20:00:00Z","generated_at":"2026-02-25T20:05:00Z","summary_text":"Shift.",
                  "source_summary_keys":["a","b"],"position_shifts":{"x":1}},
                 {"shift_key":"s2","basis_window_type":"rolling_12h","period_start":"2026-02-25T08:00:00Z",
                  "period_end":"2026-02-25T20:00:00Z","generated_at":"2026-02-25T20:05:00Z",
                  "source_summary_keys":[1,{"a":1}],"position_shifts":[]}]""");
        assertThat(result.accepted()).hasSize(2);
        NarrativeShiftUpsert lenient = (NarrativeShiftUpsert) result.accepted().get(1);
        assertThat(lenient.sourceSummaryKeys()).hasSize(1).allSatisfy(key -> assertThat(key.textValue()).isEqualTo("1"));
        assertThat(lenient.positionShifts()).isNull();
        assertThat(lenient.summaryText()).isEmpty();
        assertThat(result.warnings()).extracting(ItemWarning::field)
                .containsExactly("source_summary_keys", "position_shifts", "summary_text");
    }

    @Test
    void normalisesLegacyRunModesAndNamesFieldsWithoutAnItemsPrefix() {
        BatchValidation good = validate(IngestKind.RUNS, """
                {"run_at":"2026-02-25T19:00:00Z","mode":"refresh-24h","fetched_count":"40"}""");
        PipelineRunUpsert run = (PipelineRunUpsert) good.accepted().getFirst();
        assertThat(run.mode()).isEqualTo("refresh24h");
        assertThat(run.fetchedCount()).isEqualTo(40);
        assertThat(run.source()).isEqualTo("local-dispatcher");
        assertThat(validate(IngestKind.RUNS, "{\"run_at\":\"2026-02-25T19:00:00Z\",\"mode\":\"refresh_24h\"}").errors()).isEmpty();

        BatchValidation bad = validate(IngestKind.RUNS, "{\"run_at\":\"soon\",\"mode\":\"hourly\"}");
        assertThat(bad.errors()).containsExactly(
                new ItemError(0, "run_at: is not a timestamp (\"soon\")"),
                new ItemError(0, "mode: must be one of priority, discovery, both, refresh24h, manual"));
    }

    @Test
    void aNormalisedItemReadsBackAsItselfWithoutWarnings() {
        String garbage = """
                {"status_id":" 77 ","url":"ftp://x","author_handle":"@Bob","likes":"12","body_text":"a\\u0000b  ",
                 "refresh_24h_status":"pending","discovered_at":"2026-02-25","last_seen_at":"2026-02-25 10:00"}""";
        for (String itemJson : List.of(VALID_POST, garbage)) {
            IngestItem first = validate(IngestKind.POSTS, "[" + itemJson + "]").accepted().getFirst();
            BatchValidation again = validate(IngestKind.POSTS, Json.write(List.of(first)));
            assertThat(again.accepted().getFirst()).isEqualTo(first);
            assertThat(again.warnings()).isEmpty();
        }
    }
}
