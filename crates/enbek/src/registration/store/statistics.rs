//! The registrations counted by region and month for the statistics (aggregate SQL: the
//! months' boundaries are parameters, see `platform::buckets`). The region of a registration is
//! its career center's.

use chrono::{DateTime, NaiveDate, Utc};
use enbek_domain::registration::unemployment::Deregistration;
use enbek_domain::registration::Status;
use sqlx::AnyPool;

use crate::platform::buckets::{self, period_of, Bucket};
use crate::platform::db::day;
use crate::platform::db::ts;
use crate::platform::db::RowExt;

/// What a count of registrations counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    /// Applications to register as a job seeker received (214 p.5), by the instant received.
    Received,
    /// Registrations as a job seeker, by their day.
    JobSeekers,
    /// Registrations as unemployed, by their day (214 p.38).
    Unemployed,
    /// Registrations ended by a hire through an offer, by the instant they ended.
    Hired,
    /// Unemployed deregistered because contributions were paid for them, that is employed
    /// (214 p.51(1)), by the instant they ended.
    Contributions,
}

/// The boundaries of the months as bound values: days (`YYYY-MM-DD`) or instants.
fn bounds(counted: Counted, days: &[NaiveDate], instants: &[DateTime<Utc>]) -> Vec<String> {
    match counted {
        Counted::JobSeekers | Counted::Unemployed => days.iter().map(|d| day(*d)).collect(),
        _ => instants.iter().map(|t| ts(*t)).collect(),
    }
}

/// The registrations `counted` per region and month; `days` and `instants` are the same
/// boundaries of the months (one more than the months), `region` narrows to one region.
pub async fn counts(
    pool: &AnyPool,
    counted: Counted,
    days: &[NaiveDate],
    instants: &[DateTime<Utc>],
    region: Option<&str>,
) -> Result<Vec<Bucket>, sqlx::Error> {
    let values = bounds(counted, days, instants);
    let months = values.len().saturating_sub(1);
    if months == 0 {
        return Ok(Vec::new());
    }
    let (col, extra) = match counted {
        Counted::Received => ("r.received_at", String::new()),
        Counted::JobSeekers => ("r.job_seeker_since", String::new()),
        Counted::Unemployed => ("r.unemployed_since", String::new()),
        Counted::Hired => (
            "r.ended_at",
            format!(" AND r.status = '{}'", Status::Employed.as_str()),
        ),
        Counted::Contributions => (
            "r.ended_at",
            format!(
                " AND r.deregistration_code = '{}'",
                Deregistration::ContributionsReceived.code()
            ),
        ),
    };
    let region_param = months + 2;
    let sql = format!(
        "SELECT o.region_code AS region_code, {period} AS period_index, COUNT(*) AS n
         FROM registrations r JOIN organizations o ON o.id = r.career_center_id
         WHERE {col} >= $1 AND {col} < ${last}{extra}
           AND (${region_param} IS NULL OR o.region_code = ${region_param})
         GROUP BY o.region_code, period_index",
        period = period_of(col, 1, months),
        last = months + 1,
    );
    let mut query = sqlx::query(&sql);
    for v in &values {
        query = query.bind(v.clone());
    }
    let rows = query.bind(region).fetch_all(pool).await?;
    buckets::read(&rows, &["n"])
}

/// The unemployed registered at the end of each month (registered as unemployed before the
/// month's end, not ended by then), per region: one bucket per region and month with a count.
pub async fn unemployed_at_month_end(
    pool: &AnyPool,
    days: &[NaiveDate],
    instants: &[DateTime<Utc>],
    region: Option<&str>,
) -> Result<Vec<Bucket>, sqlx::Error> {
    let months = days.len().saturating_sub(1);
    if months == 0 || instants.len() != days.len() {
        return Ok(Vec::new());
    }
    // $1..$n: the days after each month's end; $n+1..$2n: the instants of the months' ends.
    let sums = (0..months)
        .map(|i| {
            format!(
                "COALESCE(SUM(CASE WHEN r.unemployed_since < ${d} AND (r.ended_at IS NULL OR r.ended_at >= ${t}) THEN 1 ELSE 0 END), 0) AS s{i}",
                d = i + 1,
                t = months + i + 1,
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    let region_param = 2 * months + 1;
    let sql = format!(
        "SELECT o.region_code AS region_code, {sums}
         FROM registrations r JOIN organizations o ON o.id = r.career_center_id
         WHERE r.unemployed_since IS NOT NULL AND r.unemployed_since < ${months}
           AND (r.ended_at IS NULL OR r.ended_at >= ${first_end})
           AND (${region_param} IS NULL OR o.region_code = ${region_param})
         GROUP BY o.region_code",
        first_end = months + 1,
    );
    let mut query = sqlx::query(&sql);
    for d in &days[1..] {
        query = query.bind(day(*d));
    }
    for t in &instants[1..] {
        query = query.bind(ts(*t));
    }
    let rows = query.bind(region).fetch_all(pool).await?;
    let mut out = Vec::new();
    for row in &rows {
        let region_code = row.text("region_code")?;
        for i in 0..months {
            out.push(Bucket {
                region_code: region_code.clone(),
                period: i,
                values: vec![row.int(&format!("s{i}"))?],
            });
        }
    }
    Ok(out)
}
