-- Full-text search over published tips for the launcher (SQLite: an FTS5 table kept by triggers).
CREATE VIRTUAL TABLE tips_search USING fts5(tip_id UNINDEXED, app_id UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2');

INSERT INTO tips_search (tip_id, app_id, title, body) SELECT id, app_id, title, body_markdown FROM tips WHERE status = 'published';

CREATE TRIGGER tips_search_insert AFTER INSERT ON tips WHEN NEW.status = 'published'
BEGIN
    INSERT INTO tips_search (tip_id, app_id, title, body) VALUES (NEW.id, NEW.app_id, NEW.title, NEW.body_markdown);
END;

CREATE TRIGGER tips_search_update AFTER UPDATE ON tips
BEGIN
    DELETE FROM tips_search WHERE tip_id = OLD.id;
    INSERT INTO tips_search (tip_id, app_id, title, body) SELECT NEW.id, NEW.app_id, NEW.title, NEW.body_markdown WHERE NEW.status = 'published';
END;

CREATE TRIGGER tips_search_delete AFTER DELETE ON tips
BEGIN
    DELETE FROM tips_search WHERE tip_id = OLD.id;
END;
