-- Saved vacancy searches (SPEC §5.7; 214 p.77 self-service): the filters of searchVacancies,
-- the query's word stems kept as they were taken apart on saving.
CREATE TABLE saved_searches (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id),
    q TEXT,
    words TEXT NOT NULL,
    region_code TEXT,
    occupation_code TEXT,
    salary_min BIGINT,
    work_regime TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX saved_searches_account ON saved_searches(account_id, created_at);

-- A new vacancy a search matched: its owner is told once per search and vacancy.
CREATE TABLE saved_search_hits (
    search_id TEXT NOT NULL REFERENCES saved_searches(id),
    vacancy_id TEXT NOT NULL REFERENCES vacancies(id),
    notified_at TEXT NOT NULL,
    PRIMARY KEY (search_id, vacancy_id)
);
