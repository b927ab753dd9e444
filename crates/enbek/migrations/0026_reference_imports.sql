-- An administrator's import of a reference file (organisations, occupations, localities) run as
-- a background job: its progress (rows checked and written of the total) and its state
-- (queued, running, done, failed with the first wrong line). The file waits in `content` until
-- the job ends, then is cleared; it is never logged.
CREATE TABLE reference_imports (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    state TEXT NOT NULL,
    total BIGINT NOT NULL DEFAULT 0,
    checked BIGINT NOT NULL DEFAULT 0,
    written BIGINT NOT NULL DEFAULT 0,
    error_line BIGINT,
    error TEXT,
    content TEXT,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    finished_at TEXT
);

CREATE INDEX reference_imports_created ON reference_imports (created_at);

-- Localities an administrator imports (KATO code, names, where it lies), beside the shipped
-- sample and ENBEK_LOCALITIES_FILE; coordinates kept as written in the file.
CREATE TABLE localities (
    code TEXT PRIMARY KEY,
    name_kk TEXT NOT NULL,
    name_ru TEXT NOT NULL,
    name_en TEXT NOT NULL,
    latitude TEXT NOT NULL,
    longitude TEXT NOT NULL
);
