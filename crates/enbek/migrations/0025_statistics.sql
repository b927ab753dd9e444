-- The statistics (getLaborMarketStatistics) count registrations, offers and service requests by
-- the month of an instant or a day: indexes on those columns keep the range filters cheap.
CREATE INDEX registrations_received ON registrations(received_at);
CREATE INDEX registrations_ended ON registrations(ended_at);
CREATE INDEX registrations_unemployed_since ON registrations(unemployed_since);
CREATE INDEX registrations_job_seeker_since ON registrations(job_seeker_since);
CREATE INDEX offers_created ON offers(created_at);
CREATE INDEX service_requests_region ON service_requests(region_code, received_at);
