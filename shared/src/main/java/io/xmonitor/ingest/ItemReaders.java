package io.xmonitor.ingest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.Map;

/**
 * Turns one untrusted JSON item into a normalised record of its kind, or into problems. Per kind,
 * the fields read with {@code required…} identify or order the item (docs/openapi.v1.yaml lists
 * them); every other field is lenient. Every reader is also applied by the consumer to queued
 * items, so a normalised record written as JSON reads back as itself, without warnings.
 */
final class ItemReaders {

    private ItemReaders() {
    }

    /** Identity: status_id, author_handle, discovered_at (first capture), last_seen_at (latest observation). */
    static PostUpsert post(FieldReader r, Instant acceptedAt) {
        String statusId = r.requiredStatusId("status_id");
        String handle = r.requiredHandle("author_handle");
        String url = r.url("url");
        if (url == null && statusId != null && handle != null) {
            // The post's address on X follows from what identifies it.
            url = "https://x.com/" + handle + "/status/" + statusId;
            if (!r.has("url")) {
                r.warn("url", "is missing; the post's address on X is stored");
            }
        }
        Boolean significant = r.flag("is_significant");
        return new PostUpsert(
                statusId,
                url,
                handle,
                r.text("author_display", Limits.LABEL_CHARS),
                r.text("body_text", Limits.BODY_CHARS),
                r.text("posted_relative", Limits.LABEL_CHARS),
                r.text("source_query", Limits.LABEL_CHARS),
                r.choice("watch_tier", Vocabulary.WATCH_TIERS),
                significant != null && significant,
                r.text("significance_reason", Limits.NOTE_CHARS),
                r.text("significance_version", Limits.LABEL_CHARS, "v1"),
                orZero(r.count("likes")),
                orZero(r.count("reposts")),
                orZero(r.count("replies")),
                orZero(r.count("views")),
                r.count("initial_likes"),
                r.count("initial_reposts"),
                r.count("initial_replies"),
                r.count("initial_views"),
                r.count("likes_24h"),
                r.count("reposts_24h"),
                r.count("replies_24h"),
                r.count("views_24h"),
                r.instant("refresh_24h_at"),
                r.text("refresh_24h_status", Limits.LABEL_CHARS),
                r.signedInteger("refresh_24h_delta_likes"),
                r.signedInteger("refresh_24h_delta_reposts"),
                r.signedInteger("refresh_24h_delta_replies"),
                r.signedInteger("refresh_24h_delta_views"),
                r.requiredInstant("discovered_at"),
                r.requiredInstant("last_seen_at"));
    }

    /** Identity: status_id, snapshot_type, snapshot_at. Counts left out are 0, as the old API stored them. */
    static MetricsSnapshotUpsert metricsSnapshot(FieldReader r, Instant acceptedAt) {
        return new MetricsSnapshotUpsert(
                r.requiredStatusId("status_id"),
                r.requiredChoice("snapshot_type", Vocabulary.SNAPSHOT_TYPES, Vocabulary.SNAPSHOT_TYPE_ALIASES),
                r.requiredInstant("snapshot_at"),
                orZero(r.count("likes")),
                orZero(r.count("reposts")),
                orZero(r.count("replies")),
                orZero(r.count("views")),
                r.text("source", Limits.LABEL_CHARS, "ingest"));
    }

    /** Identity: status_id, reported_at. */
    static ReportUpsert report(FieldReader r, Instant acceptedAt) {
        return new ReportUpsert(
                r.requiredStatusId("status_id"),
                r.requiredInstant("reported_at"),
                r.text("channel", Limits.LABEL_CHARS),
                r.text("summary", Limits.BODY_CHARS),
                r.text("destination", Limits.LABEL_CHARS));
    }

    /** Identity: handle and tier (an account is watched at a tier; without one there is nothing to store). */
    static WatchAccountUpsert watchAccount(FieldReader r, Instant acceptedAt) {
        return new WatchAccountUpsert(
                r.requiredHandle("handle"),
                r.requiredChoice("tier", Vocabulary.WATCH_TIERS, Map.of()),
                r.text("note", Limits.NOTE_CHARS),
                instantOr(r, "added_at", acceptedAt),
                instantOr(r, "updated_at", acceptedAt));
    }

    /**
     * Identity: status_id and what the vector is of: backend, model, text_hash. A vector left out
     * or dropped is stored empty with dims 0, as the legacy snapshot holds such rows.
     */
    static EmbeddingUpsert embedding(FieldReader r, Instant acceptedAt) {
        String vectorField = r.has("vector") || !r.has("vector_json") ? "vector" : "vector_json";
        ArrayNode vector = r.vector(vectorField);
        int length = vector == null ? 0 : vector.size();
        Integer dims = r.count("dims");
        if (dims != null && dims != 0 && dims != length) {
            r.warn("dims", "is " + dims + " but the vector has " + length + " numbers; " + length + " is stored");
        }
        return new EmbeddingUpsert(
                r.requiredStatusId("status_id"),
                r.requiredText("backend", Limits.LABEL_CHARS),
                r.requiredText("model", Limits.LABEL_CHARS),
                length,
                vector == null ? JsonNodeFactory.instance.arrayNode() : vector,
                r.requiredText("text_hash", Limits.LABEL_CHARS),
                r.instant("updated_at"),
                r.instant("created_at"));
    }

    /** Identity: summary_key, the window (window_type, window_start, window_end) and generated_at. */
    static WindowSummaryUpsert windowSummary(FieldReader r, Instant acceptedAt) {
        Instant start = r.requiredInstant("window_start");
        Instant end = r.requiredInstant("window_end");
        if (start != null && end != null && end.isBefore(start)) {
            r.problem("window_end", "is before window_start");
        }
        return new WindowSummaryUpsert(
                r.requiredText("summary_key", Limits.KEY_CHARS),
                r.requiredText("window_type", Limits.KEY_CHARS),
                start,
                end,
                r.requiredInstant("generated_at"),
                orZero(r.count("post_count")),
                orZero(r.count("significant_count")),
                r.object("tier_counts"),
                r.array("top_themes"),
                r.array("debates"),
                r.array("top_authors"),
                r.array("notable_posts"),
                summaryText(r),
                r.text("source_version", Limits.LABEL_CHARS, "v1"),
                embeddingFields(r));
    }

    /** Identity: shift_key, the period (basis_window_type, period_start, period_end) and generated_at. */
    static NarrativeShiftUpsert narrativeShift(FieldReader r, Instant acceptedAt) {
        Instant start = r.requiredInstant("period_start");
        Instant end = r.requiredInstant("period_end");
        if (start != null && end != null && end.isBefore(start)) {
            r.problem("period_end", "is before period_start");
        }
        return new NarrativeShiftUpsert(
                r.requiredText("shift_key", Limits.KEY_CHARS),
                r.requiredText("basis_window_type", Limits.KEY_CHARS),
                start,
                end,
                r.requiredInstant("generated_at"),
                r.stringArray("source_summary_keys"),
                r.array("emerging_themes"),
                r.array("declining_themes"),
                r.array("debate_intensity"),
                r.object("position_shifts"),
                summaryText(r),
                r.text("source_version", Limits.LABEL_CHARS, "v1"),
                embeddingFields(r));
    }

    /** Identity: the run's key, run_at, mode and source (source defaults to local-dispatcher). */
    static PipelineRunUpsert pipelineRun(FieldReader r, Instant acceptedAt) {
        return new PipelineRunUpsert(
                r.requiredInstant("run_at"),
                r.requiredChoice("mode", Vocabulary.RUN_MODES, Vocabulary.RUN_MODE_ALIASES),
                orZero(r.count("fetched_count")),
                orZero(r.count("significant_count")),
                orZero(r.count("reported_count")),
                r.text("note", Limits.NOTE_CHARS),
                r.keyOr("source", Limits.KEY_CHARS, "local-dispatcher"));
    }

    /** The text of a summary or shift; the column cannot be null, so one sent without text is stored with "". */
    private static String summaryText(FieldReader r) {
        String text = r.text("summary_text", Limits.SUMMARY_TEXT_CHARS);
        if (text == null) {
            r.warn("summary_text", "is missing; stored empty");
            return "";
        }
        return text;
    }

    private static EmbeddingFields embeddingFields(FieldReader r) {
        ArrayNode vector = r.vector("embedding_vector");
        Integer dims = r.count("embedding_dims");
        if (vector != null && dims != null && dims != vector.size()) {
            r.warn("embedding_dims", "is " + dims + " but embedding_vector has " + vector.size() + " numbers; "
                    + vector.size() + " is stored");
        }
        return new EmbeddingFields(
                r.text("embedding_backend", Limits.LABEL_CHARS),
                r.text("embedding_model", Limits.LABEL_CHARS),
                vector != null ? Integer.valueOf(vector.size()) : dims,
                vector);
    }

    /** The field's instant; when it is absent or dropped, {@code fallback}. */
    private static Instant instantOr(FieldReader r, String field, Instant fallback) {
        Instant value = r.instant(field);
        return value != null ? value : fallback;
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
