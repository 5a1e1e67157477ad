package io.xmonitor.ingest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Turns one untrusted JSON item into a normalised record of its kind, or into problems.
 * Every reader is also applied by the consumer to queued items, so a normalised record
 * written as JSON must read back as itself.
 */
final class ItemReaders {

    private static final List<String> REFRESH_FIELDS = List.of("likes_24h", "reposts_24h", "replies_24h", "views_24h",
            "refresh_24h_status", "refresh_24h_delta_likes", "refresh_24h_delta_reposts", "refresh_24h_delta_replies",
            "refresh_24h_delta_views");

    private ItemReaders() {
    }

    static PostUpsert post(FieldReader r, Instant acceptedAt) {
        Instant refreshedAt = r.optionalInstant("refresh_24h_at");
        if (!r.has("refresh_24h_at")) {
            // The 24h refresh moves only with its own version: its fields without one could never be placed.
            for (String field : REFRESH_FIELDS) {
                if (r.has(field)) {
                    r.problem(field, "requires refresh_24h_at");
                }
            }
        }
        return new PostUpsert(
                r.requiredStatusId("status_id"),
                r.requiredUrl("url"),
                r.requiredHandle("author_handle"),
                r.optionalText("author_display", Limits.NAME_CHARS),
                r.optionalText("body_text", Limits.BODY_CHARS),
                r.optionalText("posted_relative", Limits.LABEL_CHARS),
                r.optionalText("source_query", Limits.LABEL_CHARS),
                r.optionalChoice("watch_tier", Vocabulary.WATCH_TIERS),
                r.optionalBoolean("is_significant", false),
                r.optionalText("significance_reason", Limits.NOTE_CHARS),
                r.optionalText("significance_version", Limits.LABEL_CHARS, "v1"),
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
                refreshedAt,
                r.optionalText("refresh_24h_status", Limits.LABEL_CHARS),
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
                r.optionalText("source", Limits.LABEL_CHARS, "ingest"));
    }

    static ReportUpsert report(FieldReader r, Instant acceptedAt) {
        return new ReportUpsert(
                r.requiredStatusId("status_id"),
                r.requiredInstant("reported_at"),
                r.optionalText("channel", Limits.NAME_CHARS),
                r.optionalText("summary", Limits.REPORT_SUMMARY_CHARS),
                r.optionalText("destination", Limits.NAME_CHARS));
    }

    static WatchAccountUpsert watchAccount(FieldReader r, Instant acceptedAt) {
        return new WatchAccountUpsert(
                r.requiredHandle("handle"),
                r.requiredChoice("tier", Vocabulary.WATCH_TIERS, Map.of()),
                r.optionalText("note", Limits.NOTE_CHARS),
                instantOr(r, "added_at", acceptedAt),
                instantOr(r, "updated_at", acceptedAt));
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
        return new EmbeddingUpsert(
                r.requiredStatusId("status_id"),
                r.requiredText("backend", Limits.NAME_CHARS),
                r.requiredText("model", Limits.NAME_CHARS),
                vector == null ? 0 : vector.size(),
                vector,
                r.requiredText("text_hash", Limits.NAME_CHARS),
                instantOr(r, "updated_at", acceptedAt));
    }

    static WindowSummaryUpsert windowSummary(FieldReader r, Instant acceptedAt) {
        Instant start = r.requiredInstant("window_start");
        Instant end = r.requiredInstant("window_end");
        if (start != null && end != null && end.isBefore(start)) {
            r.problem("window_end", "is before window_start");
        }
        return new WindowSummaryUpsert(
                r.requiredText("summary_key", Limits.NAME_CHARS),
                r.requiredText("window_type", Limits.LABEL_CHARS),
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
                r.requiredText("summary_text", Limits.SUMMARY_TEXT_CHARS),
                r.optionalText("source_version", Limits.LABEL_CHARS, "v1"),
                embeddingFields(r));
    }

    static NarrativeShiftUpsert narrativeShift(FieldReader r, Instant acceptedAt) {
        Instant start = r.requiredInstant("period_start");
        Instant end = r.requiredInstant("period_end");
        if (start != null && end != null && end.isBefore(start)) {
            r.problem("period_end", "is before period_start");
        }
        return new NarrativeShiftUpsert(
                r.requiredText("shift_key", Limits.NAME_CHARS),
                r.requiredText("basis_window_type", Limits.LABEL_CHARS),
                start,
                end,
                r.requiredInstant("generated_at"),
                r.optionalArrayOfStrings("source_summary_keys"),
                r.optionalArrayOfObjects("emerging_themes"),
                r.optionalArrayOfObjects("declining_themes"),
                r.optionalArrayOfObjects("debate_intensity"),
                r.optionalObject("position_shifts"),
                r.requiredText("summary_text", Limits.SUMMARY_TEXT_CHARS),
                r.optionalText("source_version", Limits.LABEL_CHARS, "v1"),
                embeddingFields(r));
    }

    static PipelineRunUpsert pipelineRun(FieldReader r, Instant acceptedAt) {
        return new PipelineRunUpsert(
                r.requiredInstant("run_at"),
                r.requiredChoice("mode", Vocabulary.RUN_MODES, Vocabulary.RUN_MODE_ALIASES),
                r.count("fetched_count", 0),
                r.count("significant_count", 0),
                r.count("reported_count", 0),
                r.optionalText("note", Limits.NOTE_CHARS),
                r.optionalText("source", Limits.LABEL_CHARS, "local-dispatcher"));
    }

    private static EmbeddingFields embeddingFields(FieldReader r) {
        ArrayNode vector = r.optionalVector("embedding_vector");
        Integer dims = r.optionalCount("embedding_dims");
        if (vector != null && dims != null && dims != vector.size()) {
            r.problem("embedding_dims", "is " + dims + " but embedding_vector has " + vector.size() + " numbers");
        }
        return new EmbeddingFields(
                r.optionalText("embedding_backend", Limits.NAME_CHARS),
                r.optionalText("embedding_model", Limits.NAME_CHARS),
                vector != null ? Integer.valueOf(vector.size()) : dims,
                vector);
    }

    /** The field's instant; when it is absent, {@code fallback} (a present but broken value is a problem, not a fallback). */
    private static Instant instantOr(FieldReader r, String field, Instant fallback) {
        Instant value = r.optionalInstant(field);
        return value != null || r.has(field) ? value : fallback;
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
