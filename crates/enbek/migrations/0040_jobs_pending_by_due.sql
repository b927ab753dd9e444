-- The jobs a worker claims: those not done, in the order they fall due (the claim's ORDER BY),
-- without walking the done ones the table keeps.
CREATE INDEX jobs_pending_due ON jobs(due_at, id) WHERE done_at IS NULL;
