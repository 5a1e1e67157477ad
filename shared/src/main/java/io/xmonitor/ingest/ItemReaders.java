package io.xmonitor.ingest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Instant;
import java.util.Map;

/**
 * Turns one untrusted JSON item into a normalised record of its kind, or into problems.
 * Every reader is also applied by the consumer to queued items, so a normalised record
 * written as JSON must read back as itself.
 */
final class ItemReaders {

    private ItemReaders() {
    }

    static PostUpsert post(FieldReader r, Instant acceptedAt) {
        return new PostUpsert(
                r.requiredStatusId("status_id"),
                r.requiredUrl("url"),
                r.requiredHandle("author_handle"),
                r.optionalText("author_display"),
                r.optionalText("body_text"),
                r.optionalText("posted_relative"),
                r.optionalText("source_query"),
                r.optionalChoice("watch_tier", Vocabulary.WATCH_TIERS),
                r.optionalBoolean("is_significant", false),
                r.optionalText("significance_reason"),
                r.optionalText("significance_version", "v1"),
                r.count("likes", 0),
                r.count("reposts", 0),
                r.count("replies", 0),
                r.count("views", 0),
                r.optionalCount("initial_likes"),
                r.optionalCount("initial_reposts"),
                r.optionalCount("initial_replies"),
                r.optionalCount("initial_views"),
                r.optionalCount("likes_24h"),
                r.optionalCount("reposts_24h"),
                r.optionalCount("replies_24h"),
                r.optionalCount("views_24h"),
                r.optionalInstant("refresh_24h_at"),
                r.optionalText("refresh_24h_status"),
                r.optionalSignedInteger("refresh_24h_delta_likes"),
                r.optionalSignedInteger("refresh_24h_delta_reposts"),
                r.optionalSignedInteger("refresh_24h_delta_replies"),
                r.optionalSignedInteger("refresh_24h_delta_views"),
                r.requiredInstant("discovered_at"),
                r.requiredInstant("last_seen_at"));
    }

    static MetricsSnapshotUpsert metricsSnapshot(FieldReader r, Instant acceptedAt) {
        return new MetricsSnapshotUpsert(
                r.requiredStatusId("status_id"),
                r.requiredChoice("snapshot_type", Vocabulary.SNAPSHOT_TYPES, Map.of()),
                r.requiredInstant("snapshot_at"),
                orZero(r.requiredCount("likes")),
                orZero(r.requiredCount("reposts")),
                orZero(r.requiredCount("replies")),
                orZero(r.requiredCount("views")),
                r.optionalText("source", "ingest"));
    }

    static ReportUpsert report(FieldReader r, Instant acceptedAt) {
        return new ReportUpsert(
                r.requiredStatusId("status_id"),
                r.requiredInstant("reported_at"),
                r.optionalText("channel"),
                r.optionalText("summary"),
                r.optionalText("destination"));
    }

    static WatchAccountUpsert watchAccount(FieldReader r, Instant acceptedAt) {
        Instant addedAt = r.optionalInstant("added_at");
        return new WatchAccountUpsert(
                r.requiredHandle("handle"),
                r.requiredChoice("tier", Vocabulary.WATCH_TIERS, Map.of()),
                r.optionalText("note"),
                addedAt != null || r.has("added_at") ? addedAt : acceptedAt);
    }

    static EmbeddingUpsert embedding(FieldReader r, Instant acceptedAt) {
        ArrayNode vector = r.has("vector") ? r.optionalVector("vector") : r.optionalVectorOrJsonText("vector_json");
        if (!r.has("vector") && !r.has("vector_json")) {
            r.problem("vector", "is required (an array of numbers, or vector_json)");
        }
        Integer dims = r.optionalCount("dims");
        if (vector != null && dims != null && dims != 0 && dims != vector.size()) {
            r.problem("dims", "is " + dims + " but the vector has " + vector.size() + " numbers");
        }
        Instant updatedAt = r.optionalInstant("updated_at");
        return new EmbeddingUpsert(
                r.requiredStatusId("status_id"),
                r.requiredText("backend"),
                r.requiredText("model"),
                vector == null ? 0 : vector.size(),
                vector,
                r.requiredText("text_hash"),
                updatedAt != null || r.has("updated_at") ? updatedAt : acceptedAt);
    }

    static WindowSummaryUpsert windowSummary(FieldReader r, Instant acceptedAt) {
        Instant start = r.requiredInstant("window_start");
        Instant end = r.requiredInstant("window_end");
        if (start != null && end != null && end.isBefore(start)) {
            r.problem("window_end", "is before window_start");
        }
        return new WindowSummaryUpsert(
                r.requiredText("summary_key"),
                r.requiredText("window_type"),
                start,
                end,
                r.requiredInstant("generated_at"),
                r.count("post_count", 0),
                r.count("significant_count", 0),
                r.optionalObject("tier_counts"),
                r.optionalArrayOfObjects("top_themes"),
                r.optionalArrayOfObjects("debates"),
                r.optionalArrayOfObjects("top_authors"),
                r.optionalArrayOfObjects("notable_posts"),
                r.requiredText("summary_text"),
                r.optionalText("source_version", "v1"),
                embeddingFields(r));
    }

    static NarrativeShiftUpsert narrativeShift(FieldReader r, Instant acceptedAt) {
        Instant start = r.requiredInstant("period_start");
        Instant end = r.requiredInstant("period_end");
        if (start != null && end != null && end.isBefore(start)) {
            r.problem("period_end", "is before period_start");
        }
        return new NarrativeShiftUpsert(
                r.requiredText("shift_key"),
                r.requiredText("basis_window_type"),
                start,
                end,
                r.requiredInstant("generated_at"),
                r.optionalArrayOfStrings("source_summary_keys"),
                r.optionalArrayOfObjects("emerging_themes"),
                r.optionalArrayOfObjects("declining_themes"),
                r.optionalArrayOfObjects("debate_intensity"),
                r.optionalObject("position_shifts"),
                r.requiredText("summary_text"),
                r.optionalText("source_version", "v1"),
                embeddingFields(r));
    }

    static PipelineRunUpsert pipelineRun(FieldReader r, Instant acceptedAt) {
        return new PipelineRunUpsert(
                r.requiredInstant("run_at"),
                r.requiredChoice("mode", Vocabulary.RUN_MODES, Vocabulary.RUN_MODE_ALIASES),
                r.count("fetched_count", 0),
                r.count("significant_count", 0),
                r.count("reported_count", 0),
                r.optionalText("note"),
                r.optionalText("source", "local-dispatcher"));
    }

    private static EmbeddingFields embeddingFields(FieldReader r) {
        ArrayNode vector = r.optionalVector("embedding_vector");
        Integer dims = r.optionalCount("embedding_dims");
        if (vector != null && dims != null && dims != vector.size()) {
            r.problem("embedding_dims", "is " + dims + " but embedding_vector has " + vector.size() + " numbers");
        }
        return new EmbeddingFields(
                r.optionalText("embedding_backend"),
                r.optionalText("embedding_model"),
                vector != null ? Integer.valueOf(vector.size()) : dims,
                vector);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
