-- A stored job whose work a request has just done at once is marked done by its kind and
-- payload, so that no worker repeats it: the pending jobs are found by them.
CREATE INDEX jobs_pending_payload ON jobs(kind, payload) WHERE done_at IS NULL;
