-- The end of a job seeker's selection period (214 p.23, 214 p.36) is kept as it was given on
-- registration, so that a later change of the calendar or of the parameters does not move it.
-- A job seeker already waiting keeps the end their due work was stored with.
ALTER TABLE registrations ADD COLUMN selection_ends_at TEXT;
UPDATE registrations SET selection_ends_at =
    (SELECT MAX(j.due_at) FROM jobs j WHERE j.dedupe_key = 'register_unemployed:' || registrations.id)
 WHERE status = 'job_seeker';
