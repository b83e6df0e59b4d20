-- Full-text search over published tips for the launcher (PostgreSQL: an expression index the search query uses).
CREATE INDEX tips_search ON tips USING gin (to_tsvector('simple', title || ' ' || body_markdown)) WHERE status = 'published';
