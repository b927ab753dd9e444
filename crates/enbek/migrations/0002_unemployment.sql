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
