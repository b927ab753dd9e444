//! The storage of mediation.

pub mod employers;
pub mod exports;
pub mod invitations;
pub mod layoffs;
pub mod offers;
pub mod resumes;
pub mod saved_searches;
pub mod statistics;
