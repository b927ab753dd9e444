//! Mediation: employers, vacancies, offers, suitable work and its matching index, search words.

pub mod employer;
pub mod matching;
pub mod offer;
pub mod vacancy;
pub mod words;
