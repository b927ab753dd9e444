-- The folded title of a vacancy, so that the search can rank a match in the title above one in
-- the description (SPEC §8 `searchVacancies`, sort=relevance). A vacancy's search_text begins
-- with its folded title (title, skills, description), which fills the rows already there.
ALTER TABLE vacancies ADD COLUMN title_text TEXT NOT NULL DEFAULT '';
UPDATE vacancies SET title_text = SUBSTR(search_text, 1, LENGTH(title));

