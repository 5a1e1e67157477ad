-- The queue makes acceptance and application two events. The ledger records the second one,
-- so "was batch X applied?" and "accepted vs applied" have answers.
CREATE TABLE ingest_batches (
    batch_id     uuid PRIMARY KEY,
    kind         text NOT NULL,
    item_count   integer NOT NULL CHECK (item_count >= 0),
    rows_written integer NOT NULL DEFAULT 0,
    rows_parked  integer NOT NULL DEFAULT 0,
    accepted_at  timestamptz NOT NULL,
    applied_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ingest_batches_applied_idx ON ingest_batches (applied_at);

-- Child rows (metrics, reports, embeddings) whose post has not arrived yet wait here instead of
-- failing their whole message; they are applied as soon as the post is stored.
CREATE TABLE parked_items (
    kind        text NOT NULL,
    item_key    text NOT NULL,
    status_id   text NOT NULL,
    item        jsonb NOT NULL,
    item_version timestamptz NOT NULL,
    batch_id    uuid NOT NULL,
    parked_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (kind, item_key)
);
CREATE INDEX parked_items_status_idx ON parked_items (status_id);
