//! Calendar days an administrator adds to the shipped working-day calendar (Law "On holidays"
//! art.5; Labour Code art.84–85).

use enbek_domain::reference::calendar::{CalendarEntry, DayKind};
use sqlx::AnyPool;

use crate::platform::db::day;

use crate::platform::db::RowExt;

use crate::platform::db::Tx;

pub fn kind_str(kind: DayKind) -> &'static str {
    match kind {
        DayKind::Holiday => "holiday",
        DayKind::DayOff => "day_off",
        DayKind::Working => "working",
    }
}

fn parse_kind(s: &str) -> Option<DayKind> {
    match s {
        "holiday" => Some(DayKind::Holiday),
        "day_off" => Some(DayKind::DayOff),
        "working" => Some(DayKind::Working),
        _ => None,
    }
}

pub async fn upsert(tx: &mut Tx, e: &CalendarEntry) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO calendar_days (day, kind, note) VALUES ($1, $2, $3)
         ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, note = excluded.note",
    )
    .bind(day(e.date))
    .bind(kind_str(e.kind))
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
        .filter_map(|r| {
            let kind = r.text("kind").map(|k| parse_kind(&k));
            match kind {
                Ok(Some(kind)) => Some(r.date("day").and_then(|date| {
                    Ok(CalendarEntry {
                        date,
                        kind,
                        note: r.text("note")?,
                    })
                })),
                Ok(None) => None,
                Err(e) => Some(Err(e)),
            }
        })
        .collect()
}
