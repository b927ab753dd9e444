//! The offers counted by region and month for the statistics (aggregate SQL: the months'
//! boundaries are parameters, see `platform::buckets`). An offer counts in the month it was
//! made and in the region of the person's career center.

use chrono::{DateTime, Utc};
use enbek_domain::mediation::offer::OfferStatus;
use sqlx::AnyPool;

use crate::platform::buckets::{self, period_of, Bucket};
use crate::platform::db::ts;

/// The columns of each offers bucket, in order.
pub const OFFER_COUNTS: [&str; 4] = ["made", "accepted", "refused", "unanswered"];

/// Per region and month of the offer: the offers made; of them, those accepted (whatever the
/// employer then decided), refused, and still unanswered after the term to answer (214 p.72)
/// at `now`.
pub async fn offers(
    pool: &AnyPool,
    instants: &[DateTime<Utc>],
    region: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Vec<Bucket>, sqlx::Error> {
    let months = instants.len().saturating_sub(1);
    if months == 0 {
        return Ok(Vec::new());
    }
    let accepted = [
        OfferStatus::Accepted,
        OfferStatus::Hired,
        OfferStatus::Rejected,
    ]
    .map(|s| format!("'{}'", s.as_str()))
    .join(", ");
    let now_param = months + 2;
    let region_param = months + 3;
    let sql = format!(
        "SELECT o.region_code AS region_code, {period} AS period_index, COUNT(*) AS made,
            COALESCE(SUM(CASE WHEN f.status IN ({accepted}) THEN 1 ELSE 0 END), 0) AS accepted,
            COALESCE(SUM(CASE WHEN f.status = '{refused}' THEN 1 ELSE 0 END), 0) AS refused,
            COALESCE(SUM(CASE WHEN f.status = '{pending}' AND f.answer_due_at <= ${now_param} THEN 1 ELSE 0 END), 0) AS unanswered
         FROM offers f JOIN registrations r ON r.id = f.registration_id
              JOIN organizations o ON o.id = r.career_center_id
         WHERE f.created_at >= $1 AND f.created_at < ${last}
           AND (${region_param} IS NULL OR o.region_code = ${region_param})
         GROUP BY o.region_code, period_index",
        period = period_of("f.created_at", 1, months),
        last = months + 1,
        refused = OfferStatus::Refused.as_str(),
        pending = OfferStatus::Pending.as_str(),
    );
    let mut query = sqlx::query(&sql);
    for t in instants {
        query = query.bind(ts(*t));
    }
    let rows = query.bind(ts(now)).bind(region).fetch_all(pool).await?;
    buckets::read(&rows, &OFFER_COUNTS)
}
