-- Referrals to active employment measures (Order 129).
-- The places a career center refers to: a training course (or training on the job at an
-- employer), subsidised jobs from an employer's application (206 p.31.3), or the region's
-- resettlement quota on the regional commission's decision. A referral takes one place: `taken`
-- never passes `capacity` (the update that books checks it, under the row's lock).
CREATE TABLE measure_places (
    id TEXT PRIMARY KEY,
    measure TEXT NOT NULL,
    career_center_id TEXT NOT NULL,
    region_code TEXT NOT NULL,
    provider TEXT NOT NULL,
    employer_id TEXT,
    subsidised_application_id TEXT UNIQUE REFERENCES subsidised_applications(id),
    occupation_code TEXT NOT NULL,
    qualification TEXT,
    on_the_job BIGINT NOT NULL DEFAULT 0,
    destination_code TEXT,
    decision_number TEXT,
    decision_on TEXT,
    monthly_pay BIGINT,
    capacity BIGINT NOT NULL CHECK (capacity > 0),
    taken BIGINT NOT NULL DEFAULT 0 CHECK (taken >= 0 AND taken <= capacity),
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX measure_places_region ON measure_places(region_code, measure, starts_on);
CREATE INDEX measure_places_employer ON measure_places(employer_id);

-- An application for a referral, through any channel, and the referral it becomes: its stage,
-- the ground of a refusal, the referral's number and signed document, the tear-off notice's term
-- and what it said, and how participation ended.
CREATE TABLE measure_referrals (
    id TEXT PRIMARY KEY,
    iin TEXT NOT NULL,
    account_id TEXT,
    registration_id TEXT,
    career_center_id TEXT NOT NULL,
    region_code TEXT NOT NULL,
    channel TEXT NOT NULL,
    measure TEXT NOT NULL,
    place_id TEXT REFERENCES measure_places(id),
    category TEXT,
    stage TEXT NOT NULL,
    refusal_code TEXT,
    refusal_detail TEXT,
    submitted_by TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    received_at TEXT NOT NULL,
    due_at TEXT NOT NULL,
    decided_at TEXT,
    number TEXT,
    document_id TEXT,
    application_document_id TEXT,
    tear_off_due_at TEXT,
    returned_at TEXT,
    returned_by TEXT,
    tear_off TEXT,
    ended_on TEXT,
    ended_at TEXT,
    ending TEXT,
    good_reason BIGINT,
    data TEXT NOT NULL
);
CREATE INDEX measure_referrals_iin ON measure_referrals(iin, submitted_at);
CREATE INDEX measure_referrals_account ON measure_referrals(account_id, submitted_at);
CREATE INDEX measure_referrals_center ON measure_referrals(career_center_id, stage, tear_off_due_at);
CREATE INDEX measure_referrals_place ON measure_referrals(place_id, stage);
-- One referral in progress per person.
CREATE UNIQUE INDEX measure_referrals_in_progress ON measure_referrals(iin)
    WHERE stage IN ('pending', 'referred', 'enrolled');

-- The enumerated columns, checked as migration 0017 does.
ALTER TABLE measure_places ADD COLUMN enum_check BIGINT
    CHECK (measure IN ('training', 'public_works', 'social_job', 'youth_practice', 'first_job',
        'generation_contract', 'silver_age', 'resettlement'));

ALTER TABLE measure_referrals ADD COLUMN enum_check BIGINT
    CHECK (measure IN ('training', 'public_works', 'social_job', 'youth_practice', 'first_job',
        'generation_contract', 'silver_age', 'resettlement'))
    CHECK (stage IN ('pending', 'refused', 'not_accepted', 'referred', 'enrolled', 'not_taken',
        'completed', 'quit', 'dismissed'))
    CHECK (category IN ('job_seeker', 'unemployed', 'downtime', 'kandas', 'student'))
    CHECK (ending IN ('completed', 'quit', 'dismissed'))
    CHECK (channel IN ('portal', 'in_person', 'assistant', 'egov'))
    CHECK (refusal_code IN ('unreliable_documents', 'requirements_not_met', 'negative_approval',
        'no_personal_data_consent', 'training_barred', 'subsidised_job_barred'));

-- The monitored services gain "Issuing referrals to active employment measures". A CHECK cannot
-- be changed in place on both engines, so the column is moved: renamed, a new one takes its values,
-- the old one is dropped (PostgreSQL drops the constraint involving it; SQLite, once the check
-- column of 0017 that names it is dropped), and the checks are added again with the larger set.
ALTER TABLE service_requests DROP COLUMN enum_check;
DROP INDEX service_requests_service;
ALTER TABLE service_requests RENAME COLUMN service TO service_before;
ALTER TABLE service_requests ADD COLUMN service TEXT NOT NULL DEFAULT '';
UPDATE service_requests SET service = service_before;
ALTER TABLE service_requests DROP COLUMN service_before;
CREATE INDEX service_requests_service ON service_requests(service, received_at);
ALTER TABLE service_requests ADD COLUMN enum_check BIGINT
    CHECK (service IN ('job_seeker_registration', 'unemployed_registration', 'active_measure_referral'))
    CHECK (channel IN ('portal', 'in_person', 'assistant', 'egov'))
    CHECK (stage IN ('received', 'in_progress', 'result_issued', 'refused', 'withdrawn'));

-- A call to the career center to take part in an active measure (214 p.51(3)): not answered within
-- 3 working days, without good reason, it is a ground of deregistration the center weighs.
CREATE TABLE measure_summons (
    id TEXT PRIMARY KEY,
    registration_id TEXT NOT NULL REFERENCES registrations(id),
    career_center_id TEXT NOT NULL,
    measure TEXT,
    summoned_by TEXT NOT NULL,
    summoned_at TEXT NOT NULL,
    due_at TEXT NOT NULL,
    answered_at TEXT
);
CREATE INDEX measure_summons_center ON measure_summons(career_center_id, answered_at, due_at);
CREATE INDEX measure_summons_registration ON measure_summons(registration_id, answered_at);
