-- 214 p.41(6), 214 p.51(5): the registry says which sentence, with its dates, instead of one
-- `convicted` flag. The simulator's stored persons (compact JSON, as the service writes it) are
-- rewritten: `convicted: false` becomes no sentence; `convicted: true`, which meant imprisonment
-- to the service, becomes imprisonment in force from the day the record was last written.
UPDATE registry_persons SET data = replace(data, '"convicted":false', '"sentences":[]');
UPDATE registry_persons SET data = replace(data, '"convicted":true',
    '"sentences":[{"kind":"imprisonment","from":"' || substr(updated_at, 1, 10) || '"}]');

-- A pension is no ground of 214 p.51: the daily registry check no longer deregisters with
-- `pension_granted` (stored registrations keep it; the CHECK of 0017 still admits it) but shows
-- the pension to the career center as a change of 214 p.64 learned from the registry.
ALTER TABLE circumstances ADD COLUMN source TEXT NOT NULL DEFAULT 'person'
    CHECK (source IN ('person', 'registry'));
