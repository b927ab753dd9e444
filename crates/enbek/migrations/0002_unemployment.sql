-- Documents issued to a person (214 p.45, App.9: information on registration as unemployed),
-- kept as records; the signed file arrives with the documents capability.
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    account_id TEXT,
    person_id TEXT,
    registration_id TEXT,
    issued_on TEXT NOT NULL,
    valid_until TEXT,
    data TEXT NOT NULL,
    issued_at TEXT NOT NULL
);
CREATE INDEX documents_account ON documents(account_id, issued_at);

-- Job-loss social payment applications (Social Code art.102; guide step 4; SPEC §5.3).
CREATE TABLE jobloss_applications (
    id TEXT PRIMARY KEY,
    registration_id TEXT NOT NULL UNIQUE,
    account_id TEXT NOT NULL,
    iban TEXT NOT NULL,
    status TEXT NOT NULL,
    assessment TEXT,
    submitted_at TEXT NOT NULL,
    decided_at TEXT,
    message_id TEXT
);
CREATE INDEX jobloss_applications_account ON jobloss_applications(account_id);

-- Messages to other state systems (SPEC §5.12): kept until the peer confirms receipt.
CREATE TABLE outbound_messages (
    id TEXT PRIMARY KEY,
    destination TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    payload TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    delivered_at TEXT,
    last_error TEXT
);
CREATE INDEX outbound_messages_subject ON outbound_messages(subject_id);

-- Individual employment plans (214 p.61–65, App.10): actions and the schedule of contacts.
CREATE TABLE plans (
    id TEXT PRIMARY KEY,
    registration_id TEXT NOT NULL UNIQUE,
    person_id TEXT NOT NULL,
    career_center_id TEXT NOT NULL,
    goal TEXT NOT NULL,
    education TEXT,
    occupation TEXT,
    valid_until TEXT NOT NULL,
    due_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    signed_by_specialist_at TEXT NOT NULL,
    signed_by_person_at TEXT
);

CREATE TABLE plan_items (
    id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES plans(id),
    position BIGINT NOT NULL,
    -- 'action' (App.10 part 2) or 'contact' (part 3, the schedule of contacts)
    item TEXT NOT NULL,
    action TEXT,
    due_on TEXT NOT NULL,
    note TEXT,
    outcome TEXT,
    recorded_at TEXT
);
CREATE INDEX plan_items_plan ON plan_items(plan_id, position);
CREATE INDEX plan_items_open ON plan_items(outcome, due_on);

-- Changes an unemployed person reports (214 p.64), for the career center to act on (p.51).
CREATE TABLE circumstances (
    id TEXT PRIMARY KEY,
    registration_id TEXT NOT NULL,
    career_center_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    occurred_on TEXT NOT NULL,
    details TEXT,
    reported_at TEXT NOT NULL,
    report_due_at TEXT NOT NULL,
    reported_late BIGINT NOT NULL,
    acknowledged_at TEXT,
    acknowledged_by TEXT
);
CREATE INDEX circumstances_center ON circumstances(career_center_id, acknowledged_at);
