-- Employer membership by invitation (docs/SECURITY.md): a member of an employer invites another
-- account by its login; only the invited account's acceptance makes it a member. An invitation
-- not answered within 7 days expires (its status stays `invited` until then; readers compare
-- `expires_at` with the clock). One pending invitation per employer and account.
CREATE TABLE employer_invitations (
    id TEXT PRIMARY KEY,
    employer_id TEXT NOT NULL REFERENCES employers(id),
    account_id TEXT NOT NULL REFERENCES accounts(id),
    invited_by TEXT NOT NULL REFERENCES accounts(id),
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    decided_at TEXT
);
CREATE INDEX employer_invitations_account ON employer_invitations(account_id, created_at);
CREATE UNIQUE INDEX employer_invitations_pending ON employer_invitations(employer_id, account_id)
    WHERE status = 'invited';
