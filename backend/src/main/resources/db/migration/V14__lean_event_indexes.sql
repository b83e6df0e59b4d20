-- Events arrive from many learners at once, so an index by learner takes each commit's rows at as
-- many places as there are learners in it, and rewrites that many index pages per commit: on SQLite
-- it cut ingestion to a third. Only a learner's export and erasure look events up by learner; they
-- scan the app's events instead (erasure rebuilds every rollup from all events anyway).
DROP INDEX events_learner;
