-- The open-data listing walks the open vacancies in the order they were posted, page after page
-- from a cursor (the last one's posting instant and id), and counts them: an index for each, so
-- that neither reads the whole table (206 p.19).
CREATE INDEX vacancies_open_order ON vacancies(status, posted_at, id);
CREATE INDEX vacancies_open_valid ON vacancies(status, valid_until);
