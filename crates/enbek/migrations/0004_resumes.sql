-- Resumes (SPEC §8 upsertMyResume; 214 p.77): one per account; published ones are searchable by
-- employers without the person's name, IIN or contacts (206 p.19).
CREATE TABLE resumes (
    account_id TEXT PRIMARY KEY REFERENCES accounts(id),
    occupation_codes TEXT NOT NULL,
    experience_years BIGINT NOT NULL,
    education_level TEXT,
    skills TEXT NOT NULL,
    desired_salary BIGINT,
    work_regime TEXT,
    locality_code TEXT NOT NULL,
    district_prefix TEXT NOT NULL,
    languages TEXT NOT NULL,
    willing_to_relocate BIGINT NOT NULL,
    published BIGINT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX resumes_district ON resumes(district_prefix);
