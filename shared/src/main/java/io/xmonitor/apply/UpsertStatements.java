package io.xmonitor.apply;

import io.xmonitor.apply.VersionedUpsert.Group;
import io.xmonitor.apply.VersionedUpsert.Term;
import java.util.List;

/**
 * The versioned upsert of every kind (see {@link VersionedUpsert} for how ranking makes them
 * order-independent). Each reads one JSON array of normalised items with json_to_recordset:
 * one round trip however many rows there are. The version groups are the contract's
 * (docs/openapi.v1.yaml, "How observations combine").
 */
final class UpsertStatements {

    private UpsertStatements() {
    }

    /**
     * Posts: the first capture (earliest discovered_at; at one discovered_at, an observation that
     * carries initial counts ranks before one that does not), the latest observation (newest
     * last_seen_at), the post's text (newest last_seen_at among observations that carry text, so
     * a sighting without text keeps it) and the 24h refresh (newest refresh_24h_at).
     */
    static final String POSTS = posts(false);

    /** {@link #POSTS} for a batch that holds each post once (most batches): nothing to rank inside it. */
    static final String POSTS_DISTINCT = posts(true);

    private static String posts(boolean keysDistinct) {
        return VersionedUpsert.statement("posts", """
                SELECT r.*,
                       CASE WHEN r.author_display IS NOT NULL OR r.body_text IS NOT NULL THEN r.last_seen_at END AS text_seen_at
                FROM json_to_recordset(?::json) AS r(
                    status_id text, url text, author_handle text, author_display text, body_text text,
                    posted_relative text, source_query text, watch_tier text, is_significant boolean,
                    significance_reason text, significance_version text,
                    likes integer, reposts integer, replies integer, views integer,
                    initial_likes integer, initial_reposts integer, initial_replies integer, initial_views integer,
                    likes_24h integer, reposts_24h integer, replies_24h integer, views_24h integer,
                    refresh_24h_at timestamptz, refresh_24h_status text,
                    refresh_24h_delta_likes integer, refresh_24h_delta_reposts integer,
                    refresh_24h_delta_replies integer, refresh_24h_delta_views integer,
                    discovered_at timestamptz, last_seen_at timestamptz)
                """,
                List.of("status_id"),
                List.of(
                        new Group(List.of(Term.newest("last_seen_at")), List.of(
                                "last_seen_at", "url", "author_handle", "posted_relative", "source_query", "watch_tier",
                                "is_significant", "significance_reason", "significance_version",
                                "likes", "reposts", "replies", "views")),
                        new Group(List.of(Term.earliest("discovered_at"),
                                new Term("num_nonnulls({t}initial_likes, {t}initial_reposts, {t}initial_replies, {t}initial_views) > 0", true)),
                                List.of("discovered_at", "initial_likes", "initial_reposts", "initial_replies", "initial_views")),
                        new Group(List.of(Term.newestIfPresent("text_seen_at")), List.of(
                                "text_seen_at", "author_display", "body_text")),
                        new Group(List.of(Term.newestIfPresent("refresh_24h_at")), List.of(
                                "refresh_24h_at", "refresh_24h_status", "likes_24h", "reposts_24h", "replies_24h", "views_24h",
                                "refresh_24h_delta_likes", "refresh_24h_delta_reposts", "refresh_24h_delta_replies",
                                "refresh_24h_delta_views"))),
                List.of("updated_at"), keysDistinct);
    }

    /** Snapshots are facts keyed by (status_id, snapshot_type, snapshot_at); two versions of one fact rank by their values. */
    static final String METRICS_SNAPSHOTS = VersionedUpsert.statement("post_metrics_snapshots", """
            SELECT * FROM json_to_recordset(?::json) AS r(
                status_id text, snapshot_type text, snapshot_at timestamptz,
                likes integer, reposts integer, replies integer, views integer, source text)
            """,
            List.of("status_id", "snapshot_type", "snapshot_at"),
            List.of(new Group(List.of(), List.of("likes", "reposts", "replies", "views", "source"))),
            List.of());

    static final String REPORTS = VersionedUpsert.statement("reports", """
            SELECT * FROM json_to_recordset(?::json) AS r(
                status_id text, reported_at timestamptz, channel text, summary text, destination text)
            """,
            List.of("status_id"),
            List.of(new Group(List.of(Term.newest("reported_at")), List.of("reported_at", "channel", "summary", "destination"))),
            List.of());

    static final String EMBEDDINGS = VersionedUpsert.statement("embeddings", """
            SELECT r.status_id, r.backend, r.model, r.dims, r.vector AS vector_json, r.text_hash, r.updated_at
            FROM json_to_recordset(?::json) AS r(
                status_id text, backend text, model text, dims integer, vector jsonb, text_hash text, updated_at timestamptz)
            """,
            List.of("status_id"),
            List.of(new Group(List.of(Term.newest("updated_at")),
                    List.of("updated_at", "backend", "model", "dims", "vector_json", "text_hash"))),
            List.of());

    /** The account (tier and note) moves with updated_at; added_at keeps the earliest. */
    static final String WATCH_ACCOUNTS = VersionedUpsert.statement("watch_accounts", """
            SELECT * FROM json_to_recordset(?::json) AS r(
                handle text, tier text, note text, added_at timestamptz, updated_at timestamptz)
            """,
            List.of("handle"),
            List.of(new Group(List.of(Term.newest("updated_at")), List.of("updated_at", "tier", "note")),
                    new Group(List.of(Term.earliest("added_at")), List.of("added_at"))),
            List.of());

    static final String WINDOW_SUMMARIES = VersionedUpsert.statement("window_summaries", """
            SELECT r.summary_key, r.window_type, r.window_start, r.window_end, r.generated_at,
                   r.post_count, r.significant_count,
                   coalesce(r.tier_counts, '{}') AS tier_counts_json, coalesce(r.top_themes, '[]') AS top_themes_json,
                   coalesce(r.debates, '[]') AS debates_json, coalesce(r.top_authors, '[]') AS top_authors_json,
                   coalesce(r.notable_posts, '[]') AS notable_posts_json, r.summary_text, r.source_version,
                   r.embedding_backend, r.embedding_model, r.embedding_dims, r.embedding_vector AS embedding_vector_json
            FROM json_to_recordset(?::json) AS r(
                summary_key text, window_type text, window_start timestamptz, window_end timestamptz,
                generated_at timestamptz, post_count integer, significant_count integer,
                tier_counts jsonb, top_themes jsonb, debates jsonb, top_authors jsonb, notable_posts jsonb,
                summary_text text, source_version text,
                embedding_backend text, embedding_model text, embedding_dims integer, embedding_vector jsonb)
            """,
            List.of("summary_key"),
            List.of(new Group(List.of(Term.newest("generated_at")), List.of(
                    "generated_at", "window_type", "window_start", "window_end", "post_count", "significant_count",
                    "tier_counts_json", "top_themes_json", "debates_json", "top_authors_json", "notable_posts_json",
                    "summary_text", "source_version", "embedding_backend", "embedding_model", "embedding_dims",
                    "embedding_vector_json"))),
            List.of("updated_at"));

    static final String NARRATIVE_SHIFTS = VersionedUpsert.statement("narrative_shifts", """
            SELECT r.shift_key, r.basis_window_type, r.period_start, r.period_end, r.generated_at,
                   coalesce(r.source_summary_keys, '[]') AS source_summary_keys_json,
                   coalesce(r.emerging_themes, '[]') AS emerging_themes_json,
                   coalesce(r.declining_themes, '[]') AS declining_themes_json,
                   coalesce(r.debate_intensity, '[]') AS debate_intensity_json,
                   coalesce(r.position_shifts, '{}') AS position_shifts_json, r.summary_text, r.source_version,
                   r.embedding_backend, r.embedding_model, r.embedding_dims, r.embedding_vector AS embedding_vector_json
            FROM json_to_recordset(?::json) AS r(
                shift_key text, basis_window_type text, period_start timestamptz, period_end timestamptz,
                generated_at timestamptz, source_summary_keys jsonb, emerging_themes jsonb,
                declining_themes jsonb, debate_intensity jsonb, position_shifts jsonb,
                summary_text text, source_version text,
                embedding_backend text, embedding_model text, embedding_dims integer, embedding_vector jsonb)
            """,
            List.of("shift_key"),
            List.of(new Group(List.of(Term.newest("generated_at")), List.of(
                    "generated_at", "basis_window_type", "period_start", "period_end", "source_summary_keys_json",
                    "emerging_themes_json", "declining_themes_json", "debate_intensity_json", "position_shifts_json",
                    "summary_text", "source_version", "embedding_backend", "embedding_model", "embedding_dims",
                    "embedding_vector_json"))),
            List.of("updated_at"));

    /** A run is keyed by (run_at, mode, source); two reports of one run rank by their values. */
    static final String PIPELINE_RUNS = VersionedUpsert.statement("pipeline_runs", """
            SELECT * FROM json_to_recordset(?::json) AS r(
                run_at timestamptz, mode text, fetched_count integer, significant_count integer,
                reported_count integer, note text, source text)
            """,
            List.of("run_at", "mode", "source"),
            List.of(new Group(List.of(), List.of("fetched_count", "significant_count", "reported_count", "note"))),
            List.of());
}
