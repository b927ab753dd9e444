//! What the work queues read (214 p.51–52): open work at a set of career centers.

use chrono::NaiveDate;
use enbek_domain::registration::plan::{Action, ItemKind};
use enbek_domain::registration::Status;
use sqlx::AnyPool;

use crate::platform::db::day;
use crate::platform::db::RowExt;
use crate::platform::db::{Column, Row};
use crate::registration::store::registrations::{self, Registration};

/// Registrations of the centers in `status`.
pub async fn registrations_in(
    pool: &AnyPool,
    centers: &[String],
    status: Status,
) -> Result<Vec<Registration>, sqlx::Error> {
    let mut out = Vec::new();
    for center in centers {
        out.extend(registrations::list_for_center(pool, center, Some(status), 10_000, 0).await?);
    }
    Ok(out)
}

/// Unemployed registrations of the centers without a plan.
pub async fn without_plan(
    pool: &AnyPool,
    centers: &[String],
) -> Result<Vec<Registration>, sqlx::Error> {
    let mut out = Vec::new();
    for center in centers {
        let rows = sqlx::query(
            "SELECT r.* FROM registrations r LEFT JOIN plans p ON p.registration_id = r.id
             WHERE r.career_center_id = $1 AND r.status = 'unemployed' AND p.id IS NULL ORDER BY r.id",
        )
        .bind(center)
        .fetch_all(pool)
        .await?;
        for r in &rows {
            out.push(Registration::from_row(r)?);
        }
    }
    Ok(out)
}

/// An open plan item: (item id, registration id, item, action, due on).
pub type OpenItem = (String, String, ItemKind, Option<Action>, NaiveDate);

/// Plan items of the centers' active registrations with no outcome, due on or before `until`.
pub async fn open_items(
    pool: &AnyPool,
    centers: &[String],
    until: NaiveDate,
) -> Result<Vec<OpenItem>, sqlx::Error> {
    let mut out = Vec::new();
    for center in centers {
        let rows = sqlx::query(
            "SELECT i.id, p.registration_id, i.item, i.action, i.due_on FROM plan_items i
             JOIN plans p ON p.id = i.plan_id JOIN registrations r ON r.id = p.registration_id
             WHERE p.career_center_id = $1 AND r.status = 'unemployed' AND i.outcome IS NULL AND i.due_on <= $2
             ORDER BY i.due_on, i.id",
        )
        .bind(center)
        .bind(day(until))
        .fetch_all(pool)
        .await?;
        for r in &rows {
            out.push((
                r.text("id")?,
                r.text("registration_id")?,
                ItemKind::read(r, "item")?,
                Option::<Action>::read(r, "action")?,
                r.date("due_on")?,
            ));
        }
    }
    Ok(out)
}
