-- The feed's q is a literal, case-insensitive substring of the body or the handle. One search
-- document per post serves both with one trigram index: the lower-cased body, U+0001, the
-- lower-cased handle. U+0001 is never stored and q may not contain it, so no match spans the
-- two. Matching it with LIKE against a lower-cased pattern is exactly ILIKE, which lower-cases
-- both sides. The document is stored, so neither the index recheck nor a scan of the newest
-- posts lower-cases a body again (that was most of a search's time).
CREATE FUNCTION post_search_document(body_text text, author_handle citext) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT lower(coalesce(body_text, '')) || E'\x01' || lower(author_handle::text) $$;

ALTER TABLE posts ADD COLUMN search_document text
    GENERATED ALWAYS AS (post_search_document(body_text, author_handle)) STORED;

DROP INDEX posts_body_trgm_idx;
DROP INDEX posts_handle_trgm_idx;
CREATE INDEX posts_search_trgm_idx ON posts USING gin (search_document gin_trgm_ops);

-- How common each trigram is, kept by ANALYZE (most_common_elems): the feed lets a term's rarest
-- trigrams drive the index scan instead of reading the posting lists of its common ones.
CREATE STATISTICS posts_search_trigrams ON (show_trgm(search_document)) FROM posts;
ANALYZE posts;
