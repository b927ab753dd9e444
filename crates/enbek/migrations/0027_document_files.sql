-- Documents become signed files (issue 14). A document is recorded with its decision, pending,
-- holding the forms to render (kk and ru, kept for a correction); issuing renders each language,
-- signs it and stores it.
-- Records written before this migration have no file (status 'record').
ALTER TABLE documents ADD COLUMN status TEXT NOT NULL DEFAULT 'record';
ALTER TABLE documents ADD COLUMN number TEXT;
ALTER TABLE documents ADD COLUMN organization_id TEXT;
ALTER TABLE documents ADD COLUMN region_code TEXT;
ALTER TABLE documents ADD COLUMN forms TEXT;
ALTER TABLE documents ADD COLUMN signed_at TEXT;
ALTER TABLE documents ADD COLUMN signer_subject TEXT;
ALTER TABLE documents ADD COLUMN signer_serial TEXT;
ALTER TABLE documents ADD COLUMN signer_issuer TEXT;
ALTER TABLE documents ADD COLUMN signer_not_after TEXT;
ALTER TABLE documents ADD COLUMN replaces TEXT;
ALTER TABLE documents ADD COLUMN replaced_by TEXT;
CREATE INDEX documents_pending ON documents(status, issued_at);
CREATE INDEX documents_registration ON documents(registration_id, issued_at);

-- The numbers a document-issuing organisation has given in a year.
CREATE TABLE document_numbers (
    organization_id TEXT NOT NULL,
    year INTEGER NOT NULL,
    last INTEGER NOT NULL,
    PRIMARY KEY (organization_id, year)
);

-- Immutable contents, named by the SHA-256 of their bytes (hex). The body is base64 when the
-- database holds it; NULL when a file store does.
CREATE TABLE document_contents (
    sha256 TEXT PRIMARY KEY,
    size_bytes BIGINT NOT NULL,
    body TEXT,
    stored_at TEXT NOT NULL
);

-- A document's file in one language, and the detached CMS signature over it (base64 DER).
CREATE TABLE document_files (
    document_id TEXT NOT NULL,
    lang TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    signature TEXT NOT NULL,
    PRIMARY KEY (document_id, lang)
);
CREATE INDEX document_files_content ON document_files(sha256);
