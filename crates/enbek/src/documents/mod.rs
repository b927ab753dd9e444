//! Documents: the official papers the rules give a person (214 App.3–App.6, App.9, App.10; 129
//! App.1, App.3, App.4, App.5, App.8, App.11), rendered as PDF in Kazakh and in Russian. The
//! context knows no other context's types: the forms take neutral data (names, dates, the
//! center's name, the ground and its point of law, the codes of a measure), and the contexts
//! that decide (registration first) issue them through `documents::interface`.
//! A decision records its document (`service::record`); the document is then rendered in both
//! languages with a QR code that leads to its verification, signed with the issuing
//! organisation's key (a detached CMS signature), and stored content-addressed (`contents`).
//! Anyone can verify it (`verifyDocument`); its owner and the staff whose scope reaches the
//! issuing organisation read it (`getDocument`). Its pages (`pages`): the public verification,
//! the person's documents in the cabinet, and their download from the employment card.

pub mod contents;
pub mod error;
pub mod forms;
pub mod http;
pub mod interface;
pub mod pages;
pub mod service;
pub mod store;

#[cfg(test)]
mod signing_tests;
