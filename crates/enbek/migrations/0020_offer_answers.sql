-- 214 p.51(2): only refusals of suitable work offered while the person was unemployed count
-- toward the three (a refusal as a job seeker led to the decision on registration as unemployed,
-- 214 p.38), and an unemployed person's answer missing or late when the term to answer passes is a
-- ground the work queue shows.
ALTER TABLE offers ADD COLUMN to_unemployed BIGINT NOT NULL DEFAULT 0;
ALTER TABLE offers ADD COLUMN late_answer_at TEXT;

-- Offers made after the registration's decision as unemployed (its audit entry) were made to an
-- unemployed person; instants are stored in one sortable form.
UPDATE offers SET to_unemployed = 1
 WHERE EXISTS (SELECT 1 FROM audit_log a
                WHERE a.entity = 'registration' AND a.entity_id = offers.registration_id
                  AND a.action = 'decide_unemployed' AND a.after_json LIKE '%"status":"unemployed"%'
                  AND a.at <= offers.created_at);

-- The offers to the unemployed still waiting for an answer get the due work at the end of their
-- term, as new offers do.
INSERT INTO jobs (id, kind, payload, dedupe_key, due_at, created_at)
SELECT 'late_offer_answer:' || id, 'late_offer_answer', '{"offer_id":"' || id || '"}',
       'late_offer_answer:' || id, answer_due_at, created_at
  FROM offers
 WHERE status = 'pending' AND to_unemployed = 1;
