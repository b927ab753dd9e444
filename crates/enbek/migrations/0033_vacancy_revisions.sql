-- Each server keeps a full-text index of the open vacancies in memory (searchVacancies) and
-- follows the database's changes. Every change of a vacancy takes the next value of the
-- vacancies' counter in the transaction that makes it; the counter's row stays locked until that
-- transaction ends, so revisions become visible in their order, and a server that has seen
-- revision n has only to read the vacancies whose revision is above n.
CREATE TABLE change_counters (
    name TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);
INSERT INTO change_counters (name, value) VALUES ('vacancies', 0);
ALTER TABLE vacancies ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;
CREATE INDEX vacancies_revision ON vacancies(revision);
