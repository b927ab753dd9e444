-- The CHECK 0017 left out: employers.authority, read as the domain's Authority since the stores
-- decode rows into domain types (a value outside the set is a decode error there, and is now
-- refused by the database as well). The table's `enum_check` column already exists, so the
-- constraint rides on a second such column, in the form 0017 explains; NULL passes (the column is
-- optional).

ALTER TABLE employers ADD COLUMN enum_check_authority BIGINT
    CHECK (authority IN ('entrepreneur', 'head', 'organisation_certificate'));
