-- The nightly purge deletes the jobs done more than 30 days ago that carry no dedupe key
-- (platform::jobs::purge_done): it finds them by when they were done.
CREATE INDEX jobs_done ON jobs(done_at) WHERE done_at IS NOT NULL AND dedupe_key IS NULL;
