//! An administrator's imports of reference files run as background jobs (the `/admin/imports`
//! pages): the file is kept with a queued import and a job in one transaction, the job checks
//! every row (reporting rows checked of the total), then writes them all and audits the import
//! in one transaction, or names the first wrong line and writes nothing. The same checks and
//! writes serve the synchronous operations (`importOrganizations`, `importOccupations`,
//! `importLocalities`). The file's content is never logged.

use chrono::Duration;
use enbek_domain::accounts::access::Role;
use serde_json::json;

use crate::platform::audit;
use crate::platform::auth::Caller;
use crate::platform::db::new_id;
use crate::platform::jobs::store as jobs;
use crate::platform::jobs::{run_now, Job};
use crate::platform::problem::Common;
use crate::platform::state::AppState;
use crate::reference::error::{Code, Error, Result};
use crate::reference::service::reference::{
    check_localities, check_occupations_file, check_organizations, reload_imported, write_import,
    ImportError, Progress,
};
use crate::reference::store::imports as store;
pub use crate::reference::store::imports::ImportRun;

/// The kinds of file an administrator imports.
pub const KINDS: [&str; 3] = ["organizations", "occupations", "localities"];

/// How many past imports the imports page lists.
const RECENT: i64 = 20;

/// The stored job waits this long before the worker repeats an import that the run started
/// after the commit did not finish.
const RETRY_AFTER_MINUTES: i64 = 2;

/// An administrator sends a file to import as a background job: 422 `invalid_value` at `kind`
/// for an unknown kind, `invalid_csv` at `file` for an empty one. Returns the import's id; the
/// job starts at once after the commit.
pub async fn start(state: &AppState, caller: &Caller, kind: &str, text: &str) -> Result<String> {
    caller.require(&[Role::Administrator])?;
    let Some(kind) = KINDS.iter().find(|k| **k == kind) else {
        return Err(Error::new(Common::InvalidValue)
            .detail("kind is organizations, occupations or localities")
            .with("field", "kind"));
    };
    if text.trim().is_empty() {
        return Err(Error::new(Code::InvalidCsv)
            .detail("the file is empty")
            .with("field", "file"));
    }
    let id = new_id();
    let now = state.clock.now();
    let job = Job::ImportReference {
        import_id: id.clone(),
    };
    let mut tx = state.db.begin().await?;
    store::insert(&mut tx, &id, kind, text, &caller.account_id, now).await?;
    jobs::enqueue(
        &mut tx,
        &job,
        now + Duration::minutes(RETRY_AFTER_MINUTES),
        None,
        now,
    );
    audit::Entry::new(now, "create", "reference_import", &id)
        .by(caller.account_id.as_str())
        .after(json!({ "kind": kind, "bytes": text.len() }))
        .record(&mut tx);
    tx.commit().await?;
    let state = state.clone();
    tokio::spawn(async move { run_now(&state, job).await });
    Ok(id)
}

/// The progress of a running import, kept on its row as the checks go.
struct Stored<'a> {
    state: &'a AppState,
    id: &'a str,
}

#[async_trait::async_trait]
impl Progress for Stored<'_> {
    async fn total(&self, rows: usize) -> Result<(), sqlx::Error> {
        store::set_count(&self.state.db.pool, self.id, "total", count(rows)).await
    }
    async fn checked(&self, rows: usize) -> Result<(), sqlx::Error> {
        store::set_count(&self.state.db.pool, self.id, "checked", count(rows)).await
    }
}

fn count(rows: usize) -> i64 {
    i64::try_from(rows).unwrap_or(i64::MAX)
}

/// The job: checks the file's rows, then writes them all with the audit entry and the import
/// done in one transaction, or records the first wrong line (failed, nothing written). An
/// import already ended is left as it is; a database failure is retried by the job.
pub async fn run(state: &AppState, id: &str) -> anyhow::Result<()> {
    let Some((kind, text, actor_id)) = store::pending(&state.db.pool, id).await? else {
        return Ok(());
    };
    store::set_running(&state.db.pool, id).await?;
    let progress = Stored { state, id };
    let checked = match kind.as_str() {
        "organizations" => check_organizations(&state.db, &text, &progress).await,
        "occupations" => check_occupations_file(&text, &progress).await,
        _ => check_localities(&text, &progress).await,
    };
    let now = state.clock.now();
    match checked {
        Err(ImportError::Row { line, reason }) => {
            tracing::info!(import = %id, line, "import refused at a line");
            store::finish(&state.db.pool, id, 0, Some((count(line), &reason)), now).await?;
        }
        Err(ImportError::Db(e)) => return Err(e.into()),
        Ok(checked) => {
            let mut tx = state.db.begin().await?;
            let n = write_import(&mut tx, state, &actor_id, &checked).await?;
            store::finish(&mut *tx, id, count(n), None, now).await?;
            tx.commit().await?;
            reload_imported(state, &checked).await?;
            tracing::info!(import = %id, rows = n, "import done");
        }
    }
    Ok(())
}

/// An import's progress and result, for its page; only an administrator; 404 for no such import.
pub async fn get(state: &AppState, caller: &Caller, id: &str) -> Result<ImportRun> {
    caller.require(&[Role::Administrator])?;
    store::get(&state.db.pool, id)
        .await?
        .ok_or_else(Error::not_found)
}

/// The latest imports, the newest first; only an administrator.
pub async fn recent(state: &AppState, caller: &Caller) -> Result<Vec<ImportRun>> {
    caller.require(&[Role::Administrator])?;
    Ok(store::recent(&state.db.pool, RECENT).await?)
}
