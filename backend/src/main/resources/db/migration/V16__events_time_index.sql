-- events_app_time (app_id, occurred_at) serves every query that reads events of one app by time; the
-- time-only index served exports across all apps with a date range and the rollup rebuild, which now
-- scan the table (an export reads most of it anyway; the rebuild pages through events by id). One index
-- fewer is one B-tree fewer for every stored event.
DROP INDEX events_time;
