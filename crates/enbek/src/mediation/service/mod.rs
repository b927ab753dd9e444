//! The use cases of mediation.

pub mod employers;
pub mod matching;
pub mod offers;
pub mod open_data;
pub mod saved_searches;
pub mod selection;

use crate::mediation::error::Result;

/// What an index answered, else what the database answers (`database`, awaited only then),
/// counted by who answered (`count` is told `index` or `database`).
async fn index_or_database<T>(
    count: impl FnOnce(&str),
    indexed: Option<T>,
    database: impl std::future::Future<Output = Result<T>>,
) -> Result<T> {
    match indexed {
        Some(answer) => {
            count("index");
            Ok(answer)
        }
        None => {
            count("database");
            database.await
        }
    }
}
