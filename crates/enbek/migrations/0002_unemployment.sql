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
