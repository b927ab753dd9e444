-- Identity proofing: an account acts for an IIN only once it is proven, by a one-time code to the
-- phone the mobile-citizens registry links to the IIN or by an electronic signature.
CREATE TABLE identity_proofs (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id),
    iin TEXT NOT NULL,
    method TEXT NOT NULL CHECK (method IN ('sms', 'signature')),
    -- What the answer is checked against: SHA-256 of the proof id and the code (sms), or the
    -- challenge itself, base64 (signature; not a secret).
    secret TEXT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    completed_at TEXT,
    -- An organisation certificate's BIN, when the signature carried one.
    bin TEXT,
    -- The sensitive change this proof confirmed (once only), e.g. 'iban_change'.
    used_for TEXT
);
CREATE INDEX identity_proofs_account ON identity_proofs(account_id, created_at);
CREATE INDEX identity_proofs_iin ON identity_proofs(iin, created_at);

ALTER TABLE accounts ADD COLUMN iin_proven_at TEXT;
ALTER TABLE accounts ADD COLUMN iin_proof_method TEXT CHECK (iin_proof_method IN ('sms', 'signature'));
-- Before identity proofing the first application bound whatever IIN was typed: such a binding
-- proves nothing, so it is dropped and the person proves the IIN once.
UPDATE accounts SET iin = NULL WHERE iin_proven_at IS NULL;

-- By what right the registering account acts for the employer: `entrepreneur` (its own proven
-- IIN), `head` (the head the business registry records) or `organisation_certificate` (the
-- organisation's certificate, carrying the BIN). Employers registered before identity proofing
-- have none recorded.
ALTER TABLE employers ADD COLUMN authority TEXT CHECK (authority IN ('entrepreneur', 'head', 'organisation_certificate'));
