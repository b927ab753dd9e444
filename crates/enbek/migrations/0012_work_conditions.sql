-- Working conditions a vacancy states and a person's health rules out (214 p.2.10): a hard
-- constraint of suitable work. JSON arrays of codes.
ALTER TABLE vacancies ADD COLUMN conditions TEXT NOT NULL DEFAULT '[]';
ALTER TABLE resumes ADD COLUMN health_restrictions TEXT NOT NULL DEFAULT '[]';
-- How far a person travels daily (km): work in another district within it is in reach.
ALTER TABLE resumes ADD COLUMN commute_km BIGINT;
