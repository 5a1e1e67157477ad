package io.xmonitor.apply;

import static io.xmonitor.apply.VersionedUpsert.Column.bool;
import static io.xmonitor.apply.VersionedUpsert.Column.integer;
import static io.xmonitor.apply.VersionedUpsert.Column.json;
import static io.xmonitor.apply.VersionedUpsert.Column.text;
import static io.xmonitor.apply.VersionedUpsert.Column.timestamp;

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
     * Posts: the first capture (earliest discovered_at), the latest observation (newest
     * last_seen_at), the post's text (newest last_seen_at among observations that carry text, so
     * a sighting without text keeps it) and the 24h refresh (newest refresh_24h_at; fields of the
     * refresh sent without that time rank below every dated refresh, by the newest sighting that
     * carries them: refresh_24h_seen_at).
     */
    static final String POSTS = posts(false);

    /** {@link #POSTS} for a batch that holds each post once (most batches): nothing to rank inside it. */
    static final String POSTS_DISTINCT = posts(true);

    private static String posts(boolean keysDistinct) {
        return VersionedUpsert.statement("posts", """
                SELECT r.*,
                       CASE WHEN r.author_display IS NOT NULL OR r.body_text IS NOT NULL THEN r.last_seen_at END AS text_seen_at,
                       CASE WHEN num_nonnulls(r.refresh_24h_at, r.refresh_24h_status, r.likes_24h, r.reposts_24h,
                                              r.replies_24h, r.views_24h, r.refresh_24h_delta_likes, r.refresh_24h_delta_reposts,
                                              r.refresh_24h_delta_replies, r.refresh_24h_delta_views) > 0
                            THEN r.last_seen_at END AS refresh_24h_seen_at
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
                        Group.of(List.of(Term.newest("last_seen_at")), List.of("likes", "reposts", "replies", "views"), List.of(
                                timestamp("last_seen_at"), text("url"), text("author_handle"), text("posted_relative"),
                                text("source_query"), text("watch_tier"), bool("is_significant"), text("significance_reason"),
                                text("significance_version"), integer("likes"), integer("reposts"), integer("replies"),
                                integer("views"))),
                        Group.of(List.of(Term.earliest("discovered_at")),
                                List.of("initial_likes", "initial_reposts", "initial_replies", "initial_views"), List.of(
                                timestamp("discovered_at"), integer("initial_likes"), integer("initial_reposts"),
                                integer("initial_replies"), integer("initial_views"))),
                        Group.of(List.of(Term.newestIfPresent("text_seen_at")), List.of(), List.of(
                                timestamp("text_seen_at"), text("author_display"), text("body_text"))),
                        Group.of(List.of(Term.newestIfPresent("refresh_24h_at"), Term.newestIfPresent("refresh_24h_seen_at")),
                                List.of("likes_24h", "reposts_24h", "replies_24h", "views_24h"), List.of(
                                timestamp("refresh_24h_at"), timestamp("refresh_24h_seen_at"), text("refresh_24h_status"),
                                integer("likes_24h"), integer("reposts_24h"), integer("replies_24h"), integer("views_24h"),
                                integer("refresh_24h_delta_likes"), integer("refresh_24h_delta_reposts"),
                                integer("refresh_24h_delta_replies"), integer("refresh_24h_delta_views")))),
                List.of("updated_at"), keysDistinct);
    }

    /** Snapshots are facts keyed by (status_id, snapshot_type, snapshot_at); two versions of one fact rank by progress, then values. */
    static final String METRICS_SNAPSHOTS = VersionedUpsert.statement("post_metrics_snapshots", """
            SELECT * FROM json_to_recordset(?::json) AS r(
                status_id text, snapshot_type text, snapshot_at timestamptz,
                likes integer, reposts integer, replies integer, views integer, source text)
            """,
            List.of("status_id", "snapshot_type", "snapshot_at"),
            List.of(Group.of(List.of(), List.of("likes", "reposts", "replies", "views"), List.of(
                    integer("likes"), integer("reposts"), integer("replies"), integer("views"), text("source")))),
            List.of());

    static final String REPORTS = VersionedUpsert.statement("reports", """
            SELECT * FROM json_to_recordset(?::json) AS r(
                status_id text, reported_at timestamptz, channel text, summary text, destination text)
            """,
            List.of("status_id"),
            List.of(Group.of(List.of(Term.newest("reported_at")), List.of(), List.of(
                    timestamp("reported_at"), text("channel"), text("summary"), text("destination")))),
            List.of());

    /**
     * Embeddings by updated_at when the sender gives one (one without ranks below every one with
     * one); created_at keeps the earliest sent, else the time the row was first stored.
     */
    static final String EMBEDDINGS = VersionedUpsert.statement("embeddings", """
            SELECT r.status_id, r.backend, r.model, r.dims, r.vector AS vector_json, r.text_hash, r.updated_at,
                   coalesce(r.created_at, now()) AS created_at
            FROM json_to_recordset(?::json) AS r(
                status_id text, backend text, model text, dims integer, vector jsonb, text_hash text, updated_at timestamptz,
                created_at timestamptz)
            """,
            List.of("status_id"),
            List.of(Group.of(List.of(Term.newestIfPresent("updated_at")), List.of(), List.of(
                            timestamp("updated_at"), text("backend"), text("model"), integer("dims"), json("vector_json"),
                            text("text_hash"))),
                    Group.of(List.of(Term.earliest("created_at")), List.of(), List.of(timestamp("created_at")))),
            List.of());

    /** The account (tier and note) moves with updated_at; added_at keeps the earliest. */
    static final String WATCH_ACCOUNTS = VersionedUpsert.statement("watch_accounts", """
            SELECT * FROM json_to_recordset(?::json) AS r(
                handle text, tier text, note text, added_at timestamptz, updated_at timestamptz)
            """,
            List.of("handle"),
            List.of(Group.of(List.of(Term.newest("updated_at")), List.of(), List.of(
                            timestamp("updated_at"), text("tier"), text("note"))),
                    Group.of(List.of(Term.earliest("added_at")), List.of(), List.of(timestamp("added_at")))),
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
            List.of(Group.of(List.of(Term.newest("generated_at")), List.of("post_count", "significant_count"), List.of(
                    timestamp("generated_at"), text("window_type"), timestamp("window_start"), timestamp("window_end"),
                    integer("post_count"), integer("significant_count"), json("tier_counts_json"), json("top_themes_json"),
                    json("debates_json"), json("top_authors_json"), json("notable_posts_json"), text("summary_text"),
                    text("source_version"), text("embedding_backend"), text("embedding_model"), integer("embedding_dims"),
                    json("embedding_vector_json")))),
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
            List.of(Group.of(List.of(Term.newest("generated_at")), List.of(), List.of(
                    timestamp("generated_at"), text("basis_window_type"), timestamp("period_start"), timestamp("period_end"),
                    json("source_summary_keys_json"), json("emerging_themes_json"), json("declining_themes_json"),
                    json("debate_intensity_json"), json("position_shifts_json"), text("summary_text"), text("source_version"),
                    text("embedding_backend"), text("embedding_model"), integer("embedding_dims"),
                    json("embedding_vector_json")))),
            List.of("updated_at"));

    /**
     * A run is keyed by (run_at, mode, source); of two reports of one run the one that shows
     * progress ranks first: a run posted at its start with fetched_count 0 and at its end with 12
     * keeps 12, whichever arrives last.
     */
    static final String PIPELINE_RUNS = VersionedUpsert.statement("pipeline_runs", """
            SELECT * FROM json_to_recordset(?::json) AS r(
                run_at timestamptz, mode text, fetched_count integer, significant_count integer,
                reported_count integer, note text, source text)
            """,
            List.of("run_at", "mode", "source"),
            List.of(Group.of(List.of(), List.of("fetched_count", "significant_count", "reported_count"), List.of(
                    integer("fetched_count"), integer("significant_count"), integer("reported_count"), text("note")))),
            List.of());
}
