-- Each server keeps a full-text index of the published resumes in memory (searchResumes) and
-- follows the database's changes as it does the vacancies' (migration 0033): every change of a
-- resume takes the next value of the resumes' counter in the transaction that makes it.
-- `search_text` is what the resume is searched by in the database and in the index: the folded
-- names of its occupations (Russian and Kazakh) and its skills. A resume saved before this
-- migration has none until it is written again or the server fills it in at start.
INSERT INTO change_counters (name, value) VALUES ('resumes', 0);
ALTER TABLE resumes ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;
ALTER TABLE resumes ADD COLUMN search_text TEXT;
CREATE INDEX resumes_revision ON resumes(revision);
