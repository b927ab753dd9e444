-- The matching index (214 p.69-70) is built in memory; what changed since it was built is read
-- from here and judged directly.
ALTER TABLE vacancies ADD COLUMN changed_at TEXT NOT NULL DEFAULT '';
UPDATE vacancies SET changed_at = COALESCE(closed_at, posted_at);
CREATE INDEX vacancies_changed ON vacancies(changed_at);
CREATE INDEX resumes_changed ON resumes(updated_at);
