-- An employer whose registry did not answer is stored as `pending` and checked again by due work
-- (a registry that does not answer delays the work, it never refuses it); the answer makes it
-- `verified` or `refused` with the code of a direct refusal. Existing employers were checked.
ALTER TABLE employers ADD COLUMN verification TEXT NOT NULL DEFAULT 'verified';
ALTER TABLE employers ADD COLUMN verified_at TEXT;
ALTER TABLE employers ADD COLUMN refusal_code TEXT;
-- The employer's contact address: notices to the employer also go there by e-mail (214 p.73).
ALTER TABLE employers ADD COLUMN email TEXT;
