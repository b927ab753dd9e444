-- The development CA (dev mode only, never trusted otherwise): its key and certificate, made at
-- first use and kept so that a restart keeps the certificates it issued valid.
CREATE TABLE dev_ca (
    id TEXT PRIMARY KEY,
    certificate_pem TEXT NOT NULL,
    private_key_pem TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- The certificates it issued (serial in hex), and their revocation.
CREATE TABLE dev_certificates (
    serial TEXT PRIMARY KEY,
    not_after TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    revoked_at TEXT
);
