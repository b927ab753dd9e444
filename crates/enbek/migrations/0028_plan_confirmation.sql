-- The person's confirmation of their employment plan (214 p.62: the plan is signed by the
-- specialist and the unemployed person): a one-time code to the phone the mobile-citizens
-- registry links to the IIN, or an electronic signature, and for a signature its certificate.
ALTER TABLE plans ADD COLUMN person_confirmation TEXT CHECK (person_confirmation IN ('sms', 'signature'));
ALTER TABLE plans ADD COLUMN person_certificate_serial TEXT;
ALTER TABLE plans ADD COLUMN person_certificate_issuer TEXT;

-- A proof may be started for one purpose (e.g. 'plan:<id>'): it is then spent on that purpose
-- only, and `purpose_digest` (SHA-256, hex, of what the purpose names, as its context computes
-- it) is what the signed challenge bound.
ALTER TABLE identity_proofs ADD COLUMN purpose TEXT;
ALTER TABLE identity_proofs ADD COLUMN purpose_digest TEXT;
-- The signer's certificate (serial, hex, and issuer), when a signature completed the proof.
ALTER TABLE identity_proofs ADD COLUMN certificate_serial TEXT;
ALTER TABLE identity_proofs ADD COLUMN certificate_issuer TEXT;
