-- btree_gin lets the search index hold plain columns beside the trigrams (V7), so a search
-- narrowed by tier or significance intersects those posting lists inside one index scan.
CREATE EXTENSION IF NOT EXISTS btree_gin;
