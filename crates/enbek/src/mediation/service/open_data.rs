//! The open-data export of every open vacancy (206 p.19: what the platform publishes is open to
//! all): gzip-compressed JSON Lines of the listing's public fields, kept in the database so that
//! every server serves the same file, and regenerated when an hour old — the old file served
//! meanwhile, the new one made in the background by one task of this server.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Instant;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use enbek_domain::reference::office_hours::local_date;
use flate2::write::GzEncoder;
use flate2::Compression;
use serde_json::json;

use crate::mediation::error::Result;
use crate::mediation::service::employers::Named;
use crate::mediation::store::employers;
use crate::mediation::store::exports::{self, Export, VACANCIES};
use crate::platform::audit;
use crate::platform::state::AppState;

/// A file older than this is made again.
pub const EVERY: Duration = Duration::hours(1);

/// Vacancies read and compressed at once.
const BATCH: i64 = 2_000;

/// One vacancy as a line of the file (the listing's public fields, as JSON).
pub type Line = fn(Named, NaiveDate) -> Vec<u8>;

/// Whether this server is making the file.
#[derive(Default)]
pub struct Exporter {
    running: AtomicBool,
}

impl AppState {
    /// This server's exporter, registered at start.
    pub fn exporter(&self) -> &Exporter {
        self.part::<Arc<Exporter>>()
    }
}

/// The export as served: the latest file if made within the hour; an older one while a new one
/// is made in the background; the first one is made at once.
pub async fn vacancies_export(state: &AppState, line: Line) -> Result<Export> {
    let now = state.clock.now();
    match exports::latest(&state.db.pool, VACANCIES).await? {
        Some(export) if fresh(export.generated_at, now) => Ok(export),
        Some(export) => {
            regenerate_in_background(state, line);
            Ok(export)
        }
        None => generate(state, line).await,
    }
}

/// Whether a file made at `generated_at` is served as it is at `now` (the development clock may
/// stand before it: then it is made again too).
fn fresh(generated_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    generated_at <= now && now - generated_at < EVERY
}

fn regenerate_in_background(state: &AppState, line: Line) {
    if state.exporter().running.swap(true, Ordering::AcqRel) {
        return;
    }
    let state = state.clone();
    tokio::spawn(async move {
        if let Err(e) = generate(&state, line).await {
            tracing::warn!(error = %e.code(), "making the open-data export");
        }
        state.exporter().running.store(false, Ordering::Release);
    });
}

/// Makes the file of the vacancies open now, a batch at a time (compressed off the async
/// threads), and keeps it.
async fn generate(state: &AppState, line: Line) -> Result<Export> {
    let started = Instant::now();
    let now = state.clock.now();
    let today = local_date(now);
    let mut gz = GzEncoder::new(Vec::new(), Compression::default());
    let mut count = 0i64;
    let mut walk = employers::OpenWalk::new(today, BATCH);
    while let Some(batch) = walk.next(&state.db.pool).await? {
        count += i64::try_from(batch.len()).unwrap_or(0);
        gz = tokio::task::spawn_blocking(move || -> std::io::Result<_> {
            for (vacancy, employer_name) in batch {
                let named = Named {
                    vacancy,
                    employer_name,
                };
                gz.write_all(&line(named, today))?;
                gz.write_all(b"\n")?;
            }
            Ok(gz)
        })
        .await
        .map_err(|e| sqlx::Error::Protocol(format!("compressing the export: {e}")))?
        .map_err(sqlx::Error::Io)?;
    }
    let body = tokio::task::spawn_blocking(move || gz.finish())
        .await
        .map_err(|e| sqlx::Error::Protocol(format!("compressing the export: {e}")))?
        .map_err(sqlx::Error::Io)?;
    let export = Export {
        generated_at: now,
        vacancies: count,
        took_ms: i64::try_from(started.elapsed().as_millis()).unwrap_or(i64::MAX),
        body,
    };
    let mut tx = state.db.begin().await?;
    exports::save(&mut tx, VACANCIES, &export).await?;
    audit::Entry::new(now, "generate", "open_data_export", VACANCIES)
        .after(json!({ "vacancies": export.vacancies, "size_bytes": export.body.len(), "took_ms": export.took_ms }))
        .record(&mut tx);
    tx.commit().await?;
    tracing::info!(
        vacancies = export.vacancies,
        bytes = export.body.len(),
        took_ms = export.took_ms,
        "open-data export made"
    );
    Ok(export)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_served_for_an_hour_and_made_again_after() {
        let made = "2026-03-17T10:00:00Z".parse::<DateTime<Utc>>().unwrap();
        assert!(fresh(made, made));
        assert!(fresh(made, made + EVERY - Duration::seconds(1)));
        assert!(!fresh(made, made + EVERY));
        assert!(
            !fresh(made, made - Duration::seconds(1)),
            "the clock went back"
        );
    }
}
