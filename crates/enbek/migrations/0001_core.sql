-- One schema for SQLite and PostgreSQL: only types and syntax both accept.
-- Identifiers are text (UUIDv7, time-ordered); instants are RFC 3339 UTC text of fixed width
-- (so they sort as text); dates are YYYY-MM-DD text; flags are BIGINT 0/1 (the Any driver
-- decodes no SQLite BOOLEAN).

CREATE TABLE accounts (
    id TEXT PRIMARY KEY,
    login TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    terms_accepted_at TEXT,
    terms_version TEXT,
    locale TEXT NOT NULL DEFAULT 'kk',
    iin TEXT UNIQUE,
    disabled BIGINT NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);

CREATE TABLE account_roles (
    account_id TEXT NOT NULL REFERENCES accounts(id),
    role TEXT NOT NULL,
    organization_id TEXT,
    PRIMARY KEY (account_id, role)
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE INDEX sessions_account ON sessions(account_id);

CREATE TABLE login_attempts (
    id TEXT PRIMARY KEY,
    login TEXT NOT NULL,
    address TEXT NOT NULL,
    at TEXT NOT NULL,
    succeeded BIGINT NOT NULL
);
CREATE INDEX login_attempts_login ON login_attempts(login, at);
CREATE INDEX login_attempts_address ON login_attempts(address, at);

CREATE TABLE audit_log (
    id TEXT PRIMARY KEY,
    at TEXT NOT NULL,
    actor_id TEXT,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    before_json TEXT,
    after_json TEXT
);
CREATE INDEX audit_entity ON audit_log(entity, entity_id);

CREATE TABLE organizations (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    parent_id TEXT,
    name_kk TEXT NOT NULL,
    name_ru TEXT NOT NULL,
    name_en TEXT NOT NULL,
    region_code TEXT NOT NULL,
    district_code TEXT,
    locality_code TEXT,
    rural BIGINT NOT NULL DEFAULT 0,
    source TEXT NOT NULL
);
CREATE INDEX organizations_region ON organizations(region_code);

CREATE TABLE occupations (
    code TEXT PRIMARY KEY,
    level TEXT NOT NULL,
    parent_code TEXT,
    skill_level TEXT,
    name_kk TEXT NOT NULL,
    name_ru TEXT NOT NULL,
    name_en TEXT NOT NULL,
    source TEXT NOT NULL,
    -- code and names folded by search_key() in Rust: SQLite's LOWER() knows only ASCII
    search_text TEXT NOT NULL
);
CREATE INDEX occupations_parent ON occupations(parent_code);

CREATE TABLE classifier_values (
    classifier TEXT NOT NULL,
    code TEXT NOT NULL,
    name_kk TEXT NOT NULL,
    name_ru TEXT NOT NULL,
    name_en TEXT NOT NULL,
    PRIMARY KEY (classifier, code)
);

-- Reference values and rule editions, each with the day it takes effect (SPEC §3, §7).
CREATE TABLE parameters (
    key TEXT NOT NULL,
    effective_from TEXT NOT NULL,
    value TEXT NOT NULL,
    source TEXT NOT NULL,
    PRIMARY KEY (key, effective_from)
);

-- Working-calendar days an administrator adds on top of the shipped data (SPEC §4).
CREATE TABLE calendar_days (
    day TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    note TEXT NOT NULL
);

-- The built-in state-registry simulator (214 p.10, p.31).
CREATE TABLE registry_persons (
    iin TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- The individual employment card (214 p.2.6, p.10): one per person, whatever the channel.
CREATE TABLE persons (
    id TEXT PRIMARY KEY,
    iin TEXT NOT NULL UNIQUE,
    account_id TEXT,
    career_center_id TEXT NOT NULL,
    last_name TEXT NOT NULL,
    first_name TEXT NOT NULL,
    middle_name TEXT,
    birth_date TEXT NOT NULL,
    sex TEXT NOT NULL,
    region_code TEXT NOT NULL,
    district_code TEXT NOT NULL,
    locality_code TEXT NOT NULL,
    phone TEXT,
    email TEXT,
    profile TEXT NOT NULL,
    registry TEXT NOT NULL,
    category TEXT,
    category_factors TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX persons_center ON persons(career_center_id);
CREATE INDEX persons_account ON persons(account_id);

CREATE TABLE card_events (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES persons(id),
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    detail TEXT NOT NULL
);
CREATE INDEX card_events_person ON card_events(person_id, at);

CREATE TABLE registrations (
    id TEXT PRIMARY KEY,
    person_id TEXT REFERENCES persons(id),
    iin TEXT NOT NULL,
    account_id TEXT,
    career_center_id TEXT NOT NULL,
    channel TEXT NOT NULL,
    status TEXT NOT NULL,
    active BIGINT NOT NULL,
    submitted_at TEXT NOT NULL,
    received_at TEXT NOT NULL,
    due_at TEXT NOT NULL,
    decided_at TEXT,
    job_seeker_since TEXT,
    unemployed_since TEXT,
    refusal_code TEXT,
    deregistration_code TEXT,
    closed_reason TEXT,
    ended_at TEXT,
    barred_until TEXT,
    application TEXT NOT NULL,
    submitted_by TEXT,
    forwarded_by_org TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX registrations_one_active ON registrations(iin) WHERE active = 1;
CREATE INDEX registrations_iin ON registrations(iin, created_at);
CREATE INDEX registrations_center ON registrations(career_center_id, status);

-- Public-service monitoring (214 p.22, p.43; SPEC §5.11).
CREATE TABLE service_requests (
    id TEXT PRIMARY KEY,
    service TEXT NOT NULL,
    subject_id TEXT NOT NULL UNIQUE,
    channel TEXT NOT NULL,
    organization_id TEXT NOT NULL,
    region_code TEXT NOT NULL,
    received_at TEXT NOT NULL,
    due_at TEXT NOT NULL,
    stage TEXT NOT NULL,
    completed_at TEXT,
    within_term BIGINT
);
CREATE INDEX service_requests_service ON service_requests(service, received_at);

CREATE TABLE service_request_stages (
    id TEXT PRIMARY KEY,
    request_id TEXT NOT NULL REFERENCES service_requests(id),
    stage TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX service_request_stages_request ON service_request_stages(request_id);

-- The notification outbox (SPEC §5.9): every message with its channel and delivery record.
CREATE TABLE notifications (
    id TEXT PRIMARY KEY,
    person_id TEXT,
    account_id TEXT,
    kind TEXT NOT NULL,
    channel TEXT NOT NULL,
    lang TEXT NOT NULL,
    recipient TEXT,
    subject TEXT NOT NULL,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    delivered_at TEXT,
    last_error TEXT
);
CREATE INDEX notifications_account ON notifications(account_id, created_at);
CREATE INDEX notifications_person ON notifications(person_id, created_at);

-- Due work (crates.io-style queue): claimed with a lease, retried with backoff, idempotent.
CREATE TABLE jobs (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    dedupe_key TEXT UNIQUE,
    due_at TEXT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    lease_until TEXT,
    leased_by TEXT,
    last_error TEXT,
    done_at TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX jobs_due ON jobs(done_at, due_at);
