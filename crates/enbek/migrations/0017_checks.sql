-- CHECK constraints on the enumerated columns: a value outside the closed set the code knows is
-- refused by the database itself, on SQLite and PostgreSQL alike.
--
-- One file serves both engines, so the form is the one both accept. SQLite cannot add a
-- constraint to an existing column (no ALTER TABLE ... ADD CONSTRAINT), and its triggers are not
-- PostgreSQL's; rebuilding a table does not work under PostgreSQL's foreign keys. Both engines
-- do accept ALTER TABLE ... ADD COLUMN with column CHECK constraints, and both let such a
-- constraint name any column of the row. So each table gets one column, `enum_check`, that holds
-- nothing (always NULL, never read or written) and carries the table's CHECKs. Both engines test
-- the constraints against the rows already there (SQLite since 3.37), so the migration fails
-- loudly on a database holding a value outside a set rather than keeping it. NULL passes a CHECK:
-- optional columns stay optional. PostgreSQL names each constraint after the column it tests
-- (`registrations_status_check`); SQLite's message quotes the expression.
--
-- The sets are the domain's enumerations (crates/domain) and the service's constants; a unit test
-- (tests/api/checks.rs) holds them equal. Open sets are left unchecked on purpose: job kinds, notice kinds,
-- card events, document kinds and audit actions grow with every feature, and a job or notice of a
-- retired kind may still wait in the queue.

ALTER TABLE accounts ADD COLUMN enum_check BIGINT
    CHECK (locale IN ('kk', 'ru', 'en'));

ALTER TABLE account_roles ADD COLUMN enum_check BIGINT
    CHECK (role IN ('citizen', 'employer', 'career_center_specialist', 'assistant',
        'mobility_center_officer', 'local_executive_officer', 'ministry_officer', 'administrator',
        'egov_gateway'));

ALTER TABLE organizations ADD COLUMN enum_check BIGINT
    CHECK (kind IN ('mobility_center', 'career_center', 'rural_district'));

ALTER TABLE calendar_days ADD COLUMN enum_check BIGINT
    CHECK (kind IN ('holiday', 'day_off', 'working'));

ALTER TABLE persons ADD COLUMN enum_check BIGINT
    CHECK (sex IN ('male', 'female'))
    CHECK (category IN ('short_term', 'medium_term', 'long_term'));

ALTER TABLE registrations ADD COLUMN enum_check BIGINT
    CHECK (channel IN ('portal', 'in_person', 'assistant', 'egov'))
    CHECK (status IN ('verifying', 'pending_review', 'job_seeker', 'unemployed', 'refused',
        'deregistered', 'closed', 'employed'))
    -- 214 p.6, p.8 (as a job seeker) and p.41 (as unemployed)
    CHECK (refusal_code IN ('false_information', 'under_16', 'employed', 'pension_age', 'student',
        'convicted'))
    -- 214 p.51
    CHECK (deregistration_code IN ('contributions_received', 'refused_three_offers',
        'late_offer_answer', 'no_show', 'quit_active_measure', 'schedule_violated', 'imprisoned',
        'circumstances_not_reported', 'false_documents', 'pension_granted'));

ALTER TABLE service_requests ADD COLUMN enum_check BIGINT
    CHECK (service IN ('job_seeker_registration', 'unemployed_registration'))
    CHECK (channel IN ('portal', 'in_person', 'assistant', 'egov'))
    CHECK (stage IN ('received', 'in_progress', 'result_issued', 'refused', 'withdrawn'));

ALTER TABLE service_request_stages ADD COLUMN enum_check BIGINT
    CHECK (stage IN ('received', 'in_progress', 'result_issued', 'refused', 'withdrawn'));

ALTER TABLE notifications ADD COLUMN enum_check BIGINT
    CHECK (channel IN ('cabinet', 'email', 'sms', 'assistant'))
    CHECK (lang IN ('kk', 'ru', 'en'))
    CHECK (status IN ('pending', 'delivered'));

ALTER TABLE jobloss_applications ADD COLUMN enum_check BIGINT
    CHECK (status IN ('checking', 'not_eligible', 'sent_to_fund'));

ALTER TABLE outbound_messages ADD COLUMN enum_check BIGINT
    CHECK (destination IN ('social_insurance_fund'))
    CHECK (status IN ('pending', 'delivered'));

ALTER TABLE plan_items ADD COLUMN enum_check BIGINT
    CHECK (item IN ('action', 'contact'))
    CHECK (action IN ('career_counselling', 'labour_market_information', 'vacancy_information',
        'portal_search', 'agency_search', 'interviews', 'training', 'social_job', 'youth_practice',
        'entrepreneurship', 'public_works', 'jobloss_payment', 'targeted_social_assistance',
        'job_search_course'));

ALTER TABLE circumstances ADD COLUMN enum_check BIGINT
    CHECK (kind IN ('moved', 'employed', 'entrepreneur', 'founder', 'disability', 'pension'));

ALTER TABLE employers ADD COLUMN enum_check BIGINT
    CHECK (kind IN ('legal_entity', 'individual_entrepreneur'))
    CHECK (verification IN ('pending', 'verified', 'refused'))
    CHECK (refusal_code IN ('employer_not_in_registry', 'identity_not_proven', 'not_employer_head'));

ALTER TABLE vacancies ADD COLUMN enum_check BIGINT
    CHECK (status IN ('open', 'filled', 'closed', 'expired'))
    CHECK (work_regime IN ('full_time', 'part_time', 'shift', 'rotational', 'remote'))
    CHECK (employment_type IN ('permanent', 'temporary', 'seasonal'))
    CHECK (education_level IN ('none', 'secondary', 'vocational', 'higher', 'postgraduate'));

ALTER TABLE resumes ADD COLUMN enum_check BIGINT
    CHECK (education_level IN ('none', 'secondary', 'vocational', 'higher', 'postgraduate'))
    CHECK (work_regime IN ('full_time', 'part_time', 'shift', 'rotational', 'remote'));

ALTER TABLE offers ADD COLUMN enum_check BIGINT
    CHECK (status IN ('pending', 'accepted', 'refused', 'hired', 'rejected'));

ALTER TABLE subsidised_applications ADD COLUMN enum_check BIGINT
    CHECK (measure IN ('public_works', 'social_job', 'youth_practice', 'first_job',
        'generation_contract', 'silver_age'));

ALTER TABLE saved_searches ADD COLUMN enum_check BIGINT
    CHECK (work_regime IN ('full_time', 'part_time', 'shift', 'rotational', 'remote'));

ALTER TABLE employer_invitations ADD COLUMN enum_check BIGINT
    CHECK (status IN ('invited', 'accepted', 'declined', 'expired'));
