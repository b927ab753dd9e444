-- Education organisations (129 App.4): the colleges, universities and training centers whose
-- courses career centers refer persons to. They are organisations of the reference data, with
-- staff accounts of their own that return the tear-off notices of their courses.
--
-- Both enumerated sets grow. A CHECK cannot be changed in place on both engines (migration 0029
-- says why), so:
-- - `account_roles` holds no foreign key's target and its `role` is part of its primary key: it
--   is rebuilt, and its check added again with the larger set;
-- - `organizations.kind` is moved: renamed, a new column takes its values, the old one is dropped.
CREATE TABLE account_roles_next (
    account_id TEXT NOT NULL REFERENCES accounts(id),
    role TEXT NOT NULL,
    organization_id TEXT,
    PRIMARY KEY (account_id, role)
);
INSERT INTO account_roles_next (account_id, role, organization_id)
    SELECT account_id, role, organization_id FROM account_roles;
DROP TABLE account_roles;
ALTER TABLE account_roles_next RENAME TO account_roles;
ALTER TABLE account_roles ADD COLUMN enum_check BIGINT
    CHECK (role IN ('citizen', 'employer', 'career_center_specialist', 'assistant',
        'mobility_center_officer', 'local_executive_officer', 'ministry_officer', 'administrator',
        'egov_gateway', 'education_staff'));
CREATE INDEX account_roles_organization ON account_roles(organization_id, role);

ALTER TABLE organizations DROP COLUMN enum_check;
ALTER TABLE organizations RENAME COLUMN kind TO kind_before;
ALTER TABLE organizations ADD COLUMN kind TEXT NOT NULL DEFAULT '';
UPDATE organizations SET kind = kind_before;
ALTER TABLE organizations DROP COLUMN kind_before;
ALTER TABLE organizations ADD COLUMN enum_check BIGINT
    CHECK (kind IN ('mobility_center', 'career_center', 'rural_district', 'education_organization'));

-- A course at an education organisation names it: its staff return the tear-off notices.
ALTER TABLE measure_places ADD COLUMN education_organization_id TEXT;
CREATE INDEX measure_places_education ON measure_places(education_organization_id);
