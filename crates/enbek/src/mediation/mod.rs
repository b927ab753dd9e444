//! Mediation: employers, vacancies, resumes, matching, offers, interviews, saved searches, open data, layoffs (214 ch.5).

pub mod error;
pub mod http;
pub mod index;
pub mod interface;
pub mod notices;
pub mod pages;
pub mod service;
pub mod store;
