-- A job of a daily pass holds its dedupe key for its day only (platform::jobs::store::
-- enqueue_for_day): `key_day` names that day, and the nightly purge deletes such a job a month
-- after it is done, as it does a job without a key. The keys already stored end in their day.
ALTER TABLE jobs ADD COLUMN key_day TEXT;
UPDATE jobs SET key_day = substr(dedupe_key, length(dedupe_key) - 9)
 WHERE dedupe_key LIKE 'recheck\_unemployed:%' ESCAPE '\'
    OR dedupe_key LIKE 'recheck\_unemployed\_all:%' ESCAPE '\'
    OR dedupe_key LIKE 'rematch\_all:%' ESCAPE '\'
    OR dedupe_key LIKE 'purge\_done\_jobs:%' ESCAPE '\';
DROP INDEX jobs_done;
CREATE INDEX jobs_done ON jobs(done_at)
 WHERE done_at IS NOT NULL AND (dedupe_key IS NULL OR key_day IS NOT NULL);
