-- Mass layoff notices (206 p.31.2): posted by the employer, seen by its region's mobility center.
CREATE TABLE layoff_notices (
    id TEXT PRIMARY KEY,
    employer_id TEXT NOT NULL REFERENCES employers(id),
    region_code TEXT NOT NULL,
    workers_count BIGINT NOT NULL,
    data TEXT NOT NULL,
    planned_on TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX layoff_notices_region ON layoff_notices(region_code, created_at);
