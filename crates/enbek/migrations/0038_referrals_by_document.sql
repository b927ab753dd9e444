-- A referral's document (129 App.4, App.5, App.8, App.11) is read by the organisation it sends
-- the person to: the referral is found by its document.
CREATE INDEX measure_referrals_document ON measure_referrals(document_id);
