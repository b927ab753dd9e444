//! Documents: the official papers the rules give a person (214 App.3–App.6, App.9, App.10), rendered as
//! PDF in Kazakh and in Russian. The context knows no other context's types: the forms take
//! neutral data (names, dates, the center's name, the ground and its point of law), and the
//! contexts that decide (registration first) issue them through `documents::interface`.
//! Signing, storage and verification come later (issue 14); each page keeps a reserved box at
//! its foot for the QR code and the verification line.

pub mod error;
pub mod forms;
pub mod interface;

#[cfg(test)]
mod signing_tests;
