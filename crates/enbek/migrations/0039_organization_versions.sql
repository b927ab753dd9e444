-- Each server keeps the organisations of the reference data in memory, as it keeps the calendar
-- and the parameters (migration 0032): an import of organisations counts its change here, and
-- every server rebuilds what it keeps within seconds.
INSERT INTO reference_versions (name, version) VALUES ('organizations', 0);
