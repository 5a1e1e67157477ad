package io.xmonitor.apply;

/**
 * The versioned upserts of every kind but posts ({@link PostWriter}). Each takes one JSON array
 * of normalised items, reads it with jsonb_to_recordset, writes in key order, and updates a
 * stored row only when the incoming version is at least as new: redelivery rewrites the same
 * values and an older version arriving late changes nothing.
 */
final class UpsertStatements {

    private UpsertStatements() {
    }

    /** Snapshots are immutable facts: a key seen once is never rewritten. */
    static final String METRICS_SNAPSHOTS = """
            INSERT INTO post_metrics_snapshots (status_id, snapshot_type, snapshot_at, likes, reposts, replies, views, source)
            SELECT r.status_id, r.snapshot_type, r.snapshot_at, r.likes, r.reposts, r.replies, r.views, r.source
            FROM jsonb_to_recordset(?::jsonb) AS r(
                status_id text, snapshot_type text, snapshot_at timestamptz,
                likes integer, reposts integer, replies integer, views integer, source text)
            ORDER BY r.status_id, r.snapshot_type, r.snapshot_at
            ON CONFLICT (status_id, snapshot_type, snapshot_at) DO NOTHING
            """;

    static final String REPORTS = """
            INSERT INTO reports AS t (status_id, reported_at, channel, summary, destination)
            SELECT r.status_id, r.reported_at, r.channel, r.summary, r.destination
            FROM jsonb_to_recordset(?::jsonb) AS r(
                status_id text, reported_at timestamptz, channel text, summary text, destination text)
            ORDER BY r.status_id
            ON CONFLICT (status_id) DO UPDATE SET
                reported_at = excluded.reported_at,
                channel     = excluded.channel,
                summary     = excluded.summary,
                destination = excluded.destination
            WHERE excluded.reported_at >= t.reported_at
            """;

    static final String EMBEDDINGS = """
            INSERT INTO embeddings AS t (status_id, backend, model, dims, vector_json, text_hash, updated_at)
            SELECT r.status_id, r.backend, r.model, r.dims, r.vector, r.text_hash, r.updated_at
            FROM jsonb_to_recordset(?::jsonb) AS r(
                status_id text, backend text, model text, dims integer, vector jsonb, text_hash text,
                updated_at timestamptz)
            ORDER BY r.status_id
            ON CONFLICT (status_id) DO UPDATE SET
                backend     = excluded.backend,
                model       = excluded.model,
                dims        = excluded.dims,
                vector_json = excluded.vector_json,
                text_hash   = excluded.text_hash,
                updated_at  = excluded.updated_at
            WHERE excluded.updated_at >= t.updated_at
            """;

    /**
     * Watch accounts carry no version, so the batch's acceptance time (the second parameter)
     * becomes updated_at and versions them; added_at keeps the earliest.
     */
    static final String WATCH_ACCOUNTS = """
            INSERT INTO watch_accounts AS t (handle, tier, note, added_at, updated_at)
            SELECT r.handle, r.tier, r.note, r.added_at, ?::timestamptz
            FROM jsonb_to_recordset(?::jsonb) AS r(handle text, tier text, note text, added_at timestamptz)
            ORDER BY r.handle
            ON CONFLICT (handle) DO UPDATE SET
                tier       = excluded.tier,
                note       = excluded.note,
                added_at   = least(t.added_at, excluded.added_at),
                updated_at = excluded.updated_at
            WHERE excluded.updated_at >= t.updated_at
            """;

    static final String WINDOW_SUMMARIES = """
            INSERT INTO window_summaries AS t (
                summary_key, window_type, window_start, window_end, generated_at, post_count, significant_count,
                tier_counts_json, top_themes_json, debates_json, top_authors_json, notable_posts_json,
                summary_text, source_version,
                embedding_backend, embedding_model, embedding_dims, embedding_vector_json)
            SELECT
                r.summary_key, r.window_type, r.window_start, r.window_end, r.generated_at, r.post_count, r.significant_count,
                coalesce(r.tier_counts, '{}'), coalesce(r.top_themes, '[]'), coalesce(r.debates, '[]'),
                coalesce(r.top_authors, '[]'), coalesce(r.notable_posts, '[]'),
                r.summary_text, r.source_version,
                r.embedding_backend, r.embedding_model, r.embedding_dims, r.embedding_vector
            FROM jsonb_to_recordset(?::jsonb) AS r(
                summary_key text, window_type text, window_start timestamptz, window_end timestamptz,
                generated_at timestamptz, post_count integer, significant_count integer,
                tier_counts jsonb, top_themes jsonb, debates jsonb, top_authors jsonb, notable_posts jsonb,
                summary_text text, source_version text,
                embedding_backend text, embedding_model text, embedding_dims integer, embedding_vector jsonb)
            ORDER BY r.summary_key
            ON CONFLICT (summary_key) DO UPDATE SET
                window_type           = excluded.window_type,
                window_start          = excluded.window_start,
                window_end            = excluded.window_end,
                generated_at          = excluded.generated_at,
                post_count            = excluded.post_count,
                significant_count     = excluded.significant_count,
                tier_counts_json      = excluded.tier_counts_json,
                top_themes_json       = excluded.top_themes_json,
                debates_json          = excluded.debates_json,
                top_authors_json      = excluded.top_authors_json,
                notable_posts_json    = excluded.notable_posts_json,
                summary_text          = excluded.summary_text,
                source_version        = excluded.source_version,
                embedding_backend     = excluded.embedding_backend,
                embedding_model       = excluded.embedding_model,
                embedding_dims        = excluded.embedding_dims,
                embedding_vector_json = excluded.embedding_vector_json,
                updated_at            = now()
            WHERE excluded.generated_at >= t.generated_at
            """;

    static final String NARRATIVE_SHIFTS = """
            INSERT INTO narrative_shifts AS t (
                shift_key, basis_window_type, period_start, period_end, generated_at,
                source_summary_keys_json, emerging_themes_json, declining_themes_json, debate_intensity_json,
                position_shifts_json, summary_text, source_version,
                embedding_backend, embedding_model, embedding_dims, embedding_vector_json)
            SELECT
                r.shift_key, r.basis_window_type, r.period_start, r.period_end, r.generated_at,
                coalesce(r.source_summary_keys, '[]'), coalesce(r.emerging_themes, '[]'),
                coalesce(r.declining_themes, '[]'), coalesce(r.debate_intensity, '[]'),
                coalesce(r.position_shifts, '{}'), r.summary_text, r.source_version,
                r.embedding_backend, r.embedding_model, r.embedding_dims, r.embedding_vector
            FROM jsonb_to_recordset(?::jsonb) AS r(
                shift_key text, basis_window_type text, period_start timestamptz, period_end timestamptz,
                generated_at timestamptz, source_summary_keys jsonb, emerging_themes jsonb,
                declining_themes jsonb, debate_intensity jsonb, position_shifts jsonb,
                summary_text text, source_version text,
                embedding_backend text, embedding_model text, embedding_dims integer, embedding_vector jsonb)
            ORDER BY r.shift_key
            ON CONFLICT (shift_key) DO UPDATE SET
                basis_window_type        = excluded.basis_window_type,
                period_start             = excluded.period_start,
                period_end               = excluded.period_end,
                generated_at             = excluded.generated_at,
                source_summary_keys_json = excluded.source_summary_keys_json,
                emerging_themes_json     = excluded.emerging_themes_json,
                declining_themes_json    = excluded.declining_themes_json,
                debate_intensity_json    = excluded.debate_intensity_json,
                position_shifts_json     = excluded.position_shifts_json,
                summary_text             = excluded.summary_text,
                source_version           = excluded.source_version,
                embedding_backend        = excluded.embedding_backend,
                embedding_model          = excluded.embedding_model,
                embedding_dims           = excluded.embedding_dims,
                embedding_vector_json    = excluded.embedding_vector_json,
                updated_at               = now()
            WHERE excluded.generated_at >= t.generated_at
            """;

    /** A run's key is (run_at, mode, source) and the same key carries the same values. */
    static final String PIPELINE_RUNS = """
            INSERT INTO pipeline_runs AS t (run_at, mode, fetched_count, significant_count, reported_count, note, source)
            SELECT r.run_at, r.mode, r.fetched_count, r.significant_count, r.reported_count, r.note, r.source
            FROM jsonb_to_recordset(?::jsonb) AS r(
                run_at timestamptz, mode text, fetched_count integer, significant_count integer,
                reported_count integer, note text, source text)
            ORDER BY r.run_at, r.mode, r.source
            ON CONFLICT (run_at, mode, source) DO UPDATE SET
                fetched_count     = excluded.fetched_count,
                significant_count = excluded.significant_count,
                reported_count    = excluded.reported_count,
                note              = excluded.note
            """;
}
