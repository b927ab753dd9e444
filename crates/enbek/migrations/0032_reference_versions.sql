-- Each server keeps the calendar and the parameter editions in memory. A change on one server
-- bumps its version here, in the transaction that stores it; every server reads the versions
-- every second and reloads what changed, so a change reaches the others within seconds rather
-- than at their next start.
CREATE TABLE reference_versions (
    name TEXT PRIMARY KEY,
    version BIGINT NOT NULL
);
INSERT INTO reference_versions (name, version) VALUES ('calendar', 0);
INSERT INTO reference_versions (name, version) VALUES ('parameters', 0);
