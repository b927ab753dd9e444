//! Reference data: organisations, occupations, classifiers, the calendar, dated parameters and localities.

pub mod error;
pub mod http;
pub mod interface;
pub mod pages;
pub mod service;
pub mod store;
