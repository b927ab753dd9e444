-- The state business registry's simulator store (BIN → legal entity), like registry_persons.
CREATE TABLE registry_businesses (
    bin TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Employers (214 ch.5 §2; SPEC §5.6): a legal entity by BIN or an individual entrepreneur by IIN.
CREATE TABLE employers (
    id TEXT PRIMARY KEY,
    bin TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    region_code TEXT NOT NULL,
    district_code TEXT NOT NULL,
    locality_code TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- Vacancies (214 p.66–68): posted within 5 working days of arising; open, filled, closed, expired.
CREATE TABLE vacancies (
    id TEXT PRIMARY KEY,
    employer_id TEXT NOT NULL REFERENCES employers(id),
    title TEXT NOT NULL,
    occupation_code TEXT NOT NULL,
    positions BIGINT NOT NULL,
    positions_open BIGINT NOT NULL,
    salary_from BIGINT NOT NULL,
    salary_to BIGINT,
    work_regime TEXT NOT NULL,
    employment_type TEXT NOT NULL,
    education_level TEXT,
    experience_years BIGINT,
    skills TEXT NOT NULL,
    region_code TEXT NOT NULL,
    district_code TEXT NOT NULL,
    locality_code TEXT NOT NULL,
    description TEXT NOT NULL,
    search_text TEXT NOT NULL,
    arose_on TEXT NOT NULL,
    post_due_at TEXT NOT NULL,
    posted_at TEXT NOT NULL,
    valid_until TEXT NOT NULL,
    status TEXT NOT NULL,
    closed_at TEXT
);
CREATE INDEX vacancies_search ON vacancies(status, region_code, occupation_code);
CREATE INDEX vacancies_employer ON vacancies(employer_id, posted_at);
