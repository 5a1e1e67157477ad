-- The feed's q parameter is a case-insensitive substring match (ILIKE '%term%'). Trigram GIN
-- indexes serve it without a table scan, on body text and on the handle.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX posts_body_trgm_idx   ON posts USING gin (body_text gin_trgm_ops);
CREATE INDEX posts_handle_trgm_idx ON posts USING gin ((author_handle::text) gin_trgm_ops);
