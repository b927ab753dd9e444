//! API tests: each starts the real server on a random port with its own database, SQLite by
//! default or PostgreSQL when `ENBEK_TEST_DATABASE_URL` names a server
//! (`postgres://postgres@127.0.0.1:5432/postgres`).

mod helpers;

mod accounts;
mod admin;
mod authorization;
mod background;
mod certificates;
mod checks;
mod crash;
mod documents;
mod employer_invitations;
mod employers;
mod full_text;
mod fuzz;
mod identity;
mod integrations;
mod jobloss;
mod language;
mod matching;
mod offers;
mod plans;
mod privilege;
mod reference;
mod referrals;
mod registration;
mod resume_search;
mod rows;
mod rules_dated;
mod rules_grounds;
mod rules_offers;
mod rules_rural;
mod saved_searches;
mod search;
mod statistics;
mod steps;
mod subsidised;
mod transport;
mod unemployment;
mod values;
mod world;
