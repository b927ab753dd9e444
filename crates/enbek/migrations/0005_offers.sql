-- Offers of suitable work to registered persons (214 p.71–72; SPEC §5.7).
CREATE TABLE offers (
    id TEXT PRIMARY KEY,
    vacancy_id TEXT NOT NULL REFERENCES vacancies(id),
    registration_id TEXT NOT NULL REFERENCES registrations(id),
    account_id TEXT,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    answer_due_at TEXT NOT NULL,
    status TEXT NOT NULL,
    answered_at TEXT,
    answered_late BIGINT,
    -- On consent the resume goes to the employer, who decides within 5 working days (p.73, p.75).
    referred_at TEXT,
    decision_due_at TEXT,
    decided_at TEXT,
    decided_by_silence BIGINT,
    -- The interview the employer arranges (p.73, p.79); the candidate may decline (p.80).
    interview_at TEXT,
    interview_place TEXT,
    interview_notified_at TEXT,
    interview_declined_at TEXT
);
CREATE INDEX offers_vacancy ON offers(vacancy_id, status);
CREATE INDEX offers_registration ON offers(registration_id, status);
CREATE UNIQUE INDEX offers_one_open ON offers(vacancy_id, registration_id) WHERE status IN ('pending', 'accepted', 'hired');
