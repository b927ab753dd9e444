-- The folded title of a vacancy, so that the search can rank a match in the title above one in
-- the description (SPEC §8 `searchVacancies`, sort=relevance). A vacancy's search_text begins
-- with its folded title (title, skills, description), which fills the rows already there.
ALTER TABLE vacancies ADD COLUMN title_text TEXT NOT NULL DEFAULT '';
UPDATE vacancies SET title_text = SUBSTR(search_text, 1, LENGTH(title));

-- The employer's record that a candidate did not come to the interview (214 p.74, p.51(3)):
-- when and by whom; for an unemployed person the career center then weighs the reasons, and
-- either deregisters (no_show) or accepts a good reason (excused: when and by whom).
ALTER TABLE offers ADD COLUMN no_show_at TEXT;
ALTER TABLE offers ADD COLUMN no_show_by TEXT;
ALTER TABLE offers ADD COLUMN no_show_excused_at TEXT;
ALTER TABLE offers ADD COLUMN no_show_excused_by TEXT;
