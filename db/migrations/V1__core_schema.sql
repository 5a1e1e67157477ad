-- Core tables of the XMonitor contract (CONTRACT.md section 2).
CREATE EXTENSION IF NOT EXISTS citext;

CREATE TABLE posts (
    status_id                 text PRIMARY KEY CHECK (status_id ~ '^[0-9]+$'),
    url                       text NOT NULL,
    author_handle             citext NOT NULL,
    author_display            text,
    body_text                 text,
    posted_relative           text,
    source_query              text,
    watch_tier                text CHECK (watch_tier IN ('teammate', 'influencer', 'ecosystem', 'investor')),
    is_significant            boolean NOT NULL DEFAULT false,
    significance_reason       text,
    significance_version      text DEFAULT 'v1',
    likes                     integer NOT NULL DEFAULT 0 CHECK (likes >= 0),
    reposts                   integer NOT NULL DEFAULT 0 CHECK (reposts >= 0),
    replies                   integer NOT NULL DEFAULT 0 CHECK (replies >= 0),
    views                     integer NOT NULL DEFAULT 0 CHECK (views >= 0),
    initial_likes             integer,
    initial_reposts           integer,
    initial_replies           integer,
    initial_views             integer,
    likes_24h                 integer,
    reposts_24h               integer,
    replies_24h               integer,
    views_24h                 integer,
    refresh_24h_at            timestamptz,
    refresh_24h_status        text,
    refresh_24h_delta_likes   integer,
    refresh_24h_delta_reposts integer,
    refresh_24h_delta_replies integer,
    refresh_24h_delta_views   integer,
    discovered_at             timestamptz NOT NULL,
    last_seen_at              timestamptz NOT NULL,
    created_at                timestamptz NOT NULL DEFAULT now(),
    updated_at                timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX posts_discovered_idx          ON posts (discovered_at DESC, status_id DESC);
CREATE INDEX posts_significant_idx         ON posts (is_significant, discovered_at DESC, status_id DESC);
CREATE INDEX posts_tier_idx                ON posts (watch_tier, discovered_at DESC, status_id DESC);
CREATE INDEX posts_author_idx              ON posts (author_handle, discovered_at DESC, status_id DESC);
CREATE INDEX posts_refresh_24h_idx         ON posts (refresh_24h_at);
CREATE INDEX posts_last_seen_idx           ON posts (last_seen_at);

CREATE TABLE post_metrics_snapshots (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    status_id     text NOT NULL REFERENCES posts (status_id) ON DELETE CASCADE,
    snapshot_type text NOT NULL CHECK (snapshot_type IN ('initial_capture', 'latest_observed', 'refresh_24h')),
    snapshot_at   timestamptz NOT NULL,
    likes         integer NOT NULL DEFAULT 0,
    reposts       integer NOT NULL DEFAULT 0,
    replies       integer NOT NULL DEFAULT 0,
    views         integer NOT NULL DEFAULT 0,
    source        text DEFAULT 'ingest',
    created_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (status_id, snapshot_type, snapshot_at)
);
CREATE INDEX post_metrics_snapshots_post_idx ON post_metrics_snapshots (status_id, snapshot_at DESC);

CREATE TABLE watch_accounts (
    handle     citext PRIMARY KEY,
    tier       text NOT NULL CHECK (tier IN ('teammate', 'influencer', 'ecosystem', 'investor')),
    note       text,
    added_at   timestamptz NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX watch_accounts_tier_idx ON watch_accounts (tier, handle);

CREATE TABLE reports (
    status_id   text PRIMARY KEY REFERENCES posts (status_id) ON DELETE CASCADE,
    reported_at timestamptz NOT NULL,
    channel     text,
    summary     text,
    destination text,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reports_reported_at_idx ON reports (reported_at);

CREATE TABLE pipeline_runs (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    run_at            timestamptz NOT NULL,
    mode              text NOT NULL CHECK (mode IN ('priority', 'discovery', 'both', 'refresh24h', 'manual')),
    fetched_count     integer NOT NULL DEFAULT 0,
    significant_count integer NOT NULL DEFAULT 0,
    reported_count    integer NOT NULL DEFAULT 0,
    note              text,
    source            text NOT NULL DEFAULT 'local-dispatcher',
    created_at        timestamptz NOT NULL DEFAULT now(),
    UNIQUE (run_at, mode, source)
);

CREATE TABLE embeddings (
    status_id   text PRIMARY KEY REFERENCES posts (status_id) ON DELETE CASCADE,
    backend     text NOT NULL,
    model       text NOT NULL,
    dims        integer NOT NULL CHECK (dims > 0),
    vector_json jsonb NOT NULL CHECK (jsonb_typeof(vector_json) = 'array'),
    text_hash   text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL
);

CREATE TABLE window_summaries (
    summary_key           text PRIMARY KEY,
    window_type           text NOT NULL,
    window_start          timestamptz NOT NULL,
    window_end            timestamptz NOT NULL,
    generated_at          timestamptz NOT NULL,
    post_count            integer NOT NULL DEFAULT 0,
    significant_count     integer NOT NULL DEFAULT 0,
    tier_counts_json      jsonb NOT NULL DEFAULT '{}'::jsonb,
    top_themes_json       jsonb NOT NULL DEFAULT '[]'::jsonb,
    debates_json          jsonb NOT NULL DEFAULT '[]'::jsonb,
    top_authors_json      jsonb NOT NULL DEFAULT '[]'::jsonb,
    notable_posts_json    jsonb NOT NULL DEFAULT '[]'::jsonb,
    summary_text          text NOT NULL,
    source_version        text NOT NULL DEFAULT 'v1',
    embedding_backend     text,
    embedding_model       text,
    embedding_dims        integer,
    embedding_vector_json jsonb,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX window_summaries_latest_idx ON window_summaries (window_type, generated_at DESC);

CREATE TABLE narrative_shifts (
    shift_key                 text PRIMARY KEY,
    basis_window_type         text NOT NULL,
    period_start              timestamptz NOT NULL,
    period_end                timestamptz NOT NULL,
    generated_at              timestamptz NOT NULL,
    source_summary_keys_json  jsonb NOT NULL DEFAULT '[]'::jsonb,
    emerging_themes_json      jsonb NOT NULL DEFAULT '[]'::jsonb,
    declining_themes_json     jsonb NOT NULL DEFAULT '[]'::jsonb,
    debate_intensity_json     jsonb NOT NULL DEFAULT '[]'::jsonb,
    position_shifts_json      jsonb NOT NULL DEFAULT '{}'::jsonb,
    summary_text              text NOT NULL,
    source_version            text NOT NULL DEFAULT 'v1',
    embedding_backend         text,
    embedding_model           text,
    embedding_dims            integer,
    embedding_vector_json     jsonb,
    created_at                timestamptz NOT NULL DEFAULT now(),
    updated_at                timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX narrative_shifts_generated_idx ON narrative_shifts (generated_at DESC);
