-- Subsidised-job applications (206 p.31.3): posted by the employer, with its name, BIN and
-- registered place as of the application; seen by the staff of the region of the jobs.
CREATE TABLE subsidised_applications (
    id TEXT PRIMARY KEY,
    employer_id TEXT NOT NULL REFERENCES employers(id),
    employer_name TEXT NOT NULL,
    employer_bin TEXT NOT NULL,
    legal_locality_code TEXT NOT NULL,
    region_code TEXT NOT NULL,
    measure TEXT NOT NULL,
    places BIGINT NOT NULL,
    occupation_code TEXT NOT NULL,
    monthly_pay BIGINT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    contact_person TEXT NOT NULL,
    contact_phone TEXT NOT NULL,
    locality_code TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX subsidised_applications_employer ON subsidised_applications(employer_id, created_at);
CREATE INDEX subsidised_applications_region ON subsidised_applications(region_code, created_at);

-- The people working on an application's jobs, by IIN (as on their labour contracts).
CREATE TABLE subsidised_participants (
    id TEXT PRIMARY KEY,
    application_id TEXT NOT NULL REFERENCES subsidised_applications(id),
    iin TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (application_id, iin)
);

-- Attendance of a participant, one row per month (YYYY-MM); a repeated report replaces it.
CREATE TABLE subsidised_attendance (
    participant_id TEXT NOT NULL REFERENCES subsidised_participants(id),
    application_id TEXT NOT NULL REFERENCES subsidised_applications(id),
    month TEXT NOT NULL,
    days_worked BIGINT NOT NULL,
    days_absent BIGINT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (participant_id, month)
);
CREATE INDEX subsidised_attendance_application ON subsidised_attendance(application_id, month);
