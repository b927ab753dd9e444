-- The export of every open vacancy for open data (206 p.19): gzip-compressed JSON Lines of the
-- listing's public fields, regenerated when an hour old; kept in the database (base64) so that
-- every server behind the balancer serves the same file.
CREATE TABLE open_data_exports (
    name TEXT PRIMARY KEY,
    generated_at TEXT NOT NULL,
    vacancies BIGINT NOT NULL,
    size_bytes BIGINT NOT NULL,
    took_ms BIGINT NOT NULL,
    body TEXT NOT NULL
);
