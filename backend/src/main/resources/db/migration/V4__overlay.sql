-- The worker's overlay: how and when a tip shows, for whom, in which language; an app's theme.
-- JSON kept as text, times as fixed-width ISO text (see V1).

ALTER TABLE tips ADD COLUMN trigger_on TEXT NOT NULL DEFAULT 'page_load';
ALTER TABLE tips ADD COLUMN frequency TEXT NOT NULL DEFAULT 'until_dismissed';
ALTER TABLE tips ADD COLUMN audience TEXT NOT NULL DEFAULT '[]';
ALTER TABLE tips ADD COLUMN schedule_from TEXT;
ALTER TABLE tips ADD COLUMN schedule_to TEXT;
ALTER TABLE tips ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tips ADD COLUMN locales TEXT NOT NULL DEFAULT '{}';

ALTER TABLE apps ADD COLUMN theme TEXT NOT NULL DEFAULT '{}';
