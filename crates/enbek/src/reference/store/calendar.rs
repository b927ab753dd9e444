//! Calendar days an administrator adds to the shipped working-day calendar (Law "On holidays"
//! art.5; Labour Code art.84–85).

use enbek_domain::reference::calendar::{CalendarEntry, DayKind};
use sqlx::AnyPool;

use crate::platform::db::day;

use crate::platform::db::Column;
use crate::platform::db::RowExt;

use crate::platform::db::Tx;

pub async fn upsert(tx: &mut Tx, e: &CalendarEntry) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO calendar_days (day, kind, note) VALUES ($1, $2, $3)
         ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, note = excluded.note",
    )
    .bind(day(e.date))
    .bind(e.kind.as_str())
    .bind(&e.note)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn all(pool: &AnyPool) -> Result<Vec<CalendarEntry>, sqlx::Error> {
    let rows = sqlx::query("SELECT day, kind, note FROM calendar_days ORDER BY day")
        .fetch_all(pool)
        .await?;
    rows.iter()
        .map(|r| {
            Ok(CalendarEntry {
                date: r.date("day")?,
                kind: DayKind::read(r, "kind")?,
                note: r.text("note")?,
            })
        })
        .collect()
}
