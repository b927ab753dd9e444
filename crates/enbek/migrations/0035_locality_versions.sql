-- Each server keeps where localities lie in memory (daily commutes): an import of localities
-- bumps this version in its transaction, and every server places the imported ones within
-- seconds, as it does for the calendar and the parameters.
INSERT INTO reference_versions (name, version) VALUES ('localities', 0);
