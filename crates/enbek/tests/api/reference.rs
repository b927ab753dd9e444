//! reference API tests.
