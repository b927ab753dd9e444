//! Browser tests: the real server on a random port (as the API tests start it, on SQLite or on
//! the PostgreSQL of `ENBEK_TEST_DATABASE_URL`), driven in Debian's Chromium through
//! chromedriver with fantoccini. Every page a walk visits is checked by axe-core (no serious or
//! critical violation) and photographed into `target/screenshots/`.
//!
//! `scripts/setup-browser` installs Chromium, chromedriver and axe-core; without them these
//! tests fail and say so.

#[path = "../api/helpers.rs"]
#[allow(dead_code)]
mod helpers;
#[path = "../api/steps.rs"]
#[allow(dead_code)]
mod steps;

mod admin;
mod browser;
mod caseplan;
mod citizen;
mod dashboards;
mod desk;
mod documents;
mod employer;
mod portal;
mod referrals;
mod resumes;
mod staffmeasures;
mod subsidised;
mod workspace;
