//! Offers of suitable work (214 p.71–72).

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use enbek_domain::mediation::offer::OfferStatus;
use sqlx::AnyPool;

use crate::platform::db;
use crate::platform::db::ts;
use crate::registration::interface::{Lapse, OfferLapse};

use crate::platform::db::Row;
use crate::platform::db::RowExt;

use crate::platform::db::Tx;

#[derive(Debug, Clone, Row)]
pub struct Offer {
    pub id: String,
    pub vacancy_id: String,
    pub registration_id: String,
    pub account_id: Option<String>,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub answer_due_at: DateTime<Utc>,
    /// The person was unemployed when offered: only such refusals count toward the three of
    /// 214 p.51(2), and only such an answer, missing or late, is a ground.
    pub to_unemployed: bool,
    /// When the term to answer was found over without an answer in time (214 p.51(2)).
    pub late_answer_at: Option<DateTime<Utc>>,
    pub status: OfferStatus,
    pub answered_at: Option<DateTime<Utc>>,
    pub answered_late: Option<bool>,
    pub referred_at: Option<DateTime<Utc>>,
    pub decision_due_at: Option<DateTime<Utc>>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decided_by_silence: Option<bool>,
    pub interview_at: Option<DateTime<Utc>>,
    pub interview_place: Option<String>,
    pub interview_notified_at: Option<DateTime<Utc>>,
    pub interview_declined_at: Option<DateTime<Utc>>,
    /// The employer recorded that the candidate did not come (214 p.51(3)).
    pub no_show_at: Option<DateTime<Utc>>,
    /// The career center accepted the person's good reason for it (214 p.51(3)).
    pub no_show_excused_at: Option<DateTime<Utc>>,
}

pub async fn insert(tx: &mut Tx, o: &Offer) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO offers (id, vacancy_id, registration_id, account_id, created_by, created_at, answer_due_at, status, to_unemployed)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&o.id)
    .bind(&o.vacancy_id)
    .bind(&o.registration_id)
    .bind(&o.account_id)
    .bind(&o.created_by)
    .bind(ts(o.created_at))
    .bind(ts(o.answer_due_at))
    .bind(o.status.as_str())
    .bind(i64::from(o.to_unemployed))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn by_id(pool: &AnyPool, id: &str) -> Result<Option<Offer>, sqlx::Error> {
    db::one_by(pool, "SELECT * FROM offers WHERE id = $1", id).await
}

/// Records the answer; false when the offer was already answered.
pub async fn answer(
    tx: &mut Tx,
    id: &str,
    status: OfferStatus,
    late: bool,
    at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE offers SET status = $1, answered_at = $2, answered_late = $3 WHERE id = $4 AND status = 'pending'",
    )
    .bind(status.as_str())
    .bind(ts(at))
    .bind(i64::from(late))
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn for_account(pool: &AnyPool, account_id: &str) -> Result<Vec<Offer>, sqlx::Error> {
    let rows =
        sqlx::query("SELECT * FROM offers WHERE account_id = $1 ORDER BY created_at DESC, id")
            .bind(account_id)
            .fetch_all(pool)
            .await?;
    rows.iter().map(Offer::from_row).collect()
}

/// On consent the resume goes to the employer, who decides by `due` (214 p.73, 214 p.75).
pub async fn refer(
    tx: &mut Tx,
    id: &str,
    at: DateTime<Utc>,
    due: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE offers SET referred_at = $1, decision_due_at = $2 WHERE id = $3")
        .bind(ts(at))
        .bind(ts(due))
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The employer's decision on a referred candidate; false when already decided.
pub async fn decide(
    tx: &mut Tx,
    id: &str,
    status: OfferStatus,
    by_silence: bool,
    at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE offers SET status = $1, decided_at = $2, decided_by_silence = $3 WHERE id = $4 AND status = 'accepted'",
    )
    .bind(status.as_str())
    .bind(ts(at))
    .bind(i64::from(by_silence))
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The employer arranges an interview with a referred candidate (214 p.73, 214 p.79); false when
/// the candidate is no longer waiting for a decision.
pub async fn schedule_interview(
    tx: &mut Tx,
    id: &str,
    at: DateTime<Utc>,
    place: &str,
    notified_at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE offers SET interview_at = $1, interview_place = $2, interview_notified_at = $3, interview_declined_at = NULL
         WHERE id = $4 AND status = 'accepted'",
    )
    .bind(ts(at))
    .bind(place)
    .bind(ts(notified_at))
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The candidate declines the interview on the portal (214 p.80); false when there is none to
/// decline.
pub async fn decline_interview(
    tx: &mut Tx,
    id: &str,
    at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE offers SET interview_declined_at = $1
         WHERE id = $2 AND status = 'accepted' AND interview_at IS NOT NULL AND interview_declined_at IS NULL",
    )
    .bind(ts(at))
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The employer records that the candidate did not come to the interview (214 p.51(3)); false when
/// there is no interview the person kept, the person was hired, or it is recorded already.
pub async fn record_no_show(
    tx: &mut Tx,
    id: &str,
    by: &str,
    at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE offers SET no_show_at = $1, no_show_by = $2
         WHERE id = $3 AND status IN ('accepted', 'rejected') AND interview_at IS NOT NULL
           AND interview_declined_at IS NULL AND no_show_at IS NULL",
    )
    .bind(ts(at))
    .bind(by)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The career center accepts the person's good reason for a no-show (214 p.51(3)); false when
/// there is no no-show or it is excused already.
pub async fn excuse_no_show(
    tx: &mut Tx,
    id: &str,
    by: &str,
    at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE offers SET no_show_excused_at = $1, no_show_excused_by = $2
         WHERE id = $3 AND no_show_at IS NOT NULL AND no_show_excused_at IS NULL",
    )
    .bind(ts(at))
    .bind(by)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Records that the term to answer an offer passed without an answer in time (214 p.51(2));
/// false when recorded already.
pub async fn record_late_answer(
    tx: &mut Tx,
    id: &str,
    at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE offers SET late_answer_at = $1 WHERE id = $2 AND late_answer_at IS NULL",
    )
    .bind(ts(at))
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The lapses of one kind of the unemployed people of the centers, for the specialist to weigh:
/// unexcused no-shows (214 p.51(3)) or offers not answered in time (214 p.51(2)), as
/// (offer id, registration id, vacancy id, recorded or found at), oldest first.
pub async fn unemployed_lapses(
    pool: &AnyPool,
    centers: &[String],
    lapse: Lapse,
) -> Result<Vec<OfferLapse>, sqlx::Error> {
    let (at, unexcused) = match lapse {
        Lapse::NoShow => ("no_show_at", " AND o.no_show_excused_at IS NULL"),
        Lapse::LateAnswer => ("late_answer_at", ""),
    };
    let sql = format!(
        "SELECT o.id, o.registration_id, o.vacancy_id, o.{at} FROM offers o
           JOIN registrations r ON r.id = o.registration_id
          WHERE r.career_center_id = $1 AND r.status = 'unemployed' AND o.{at} IS NOT NULL{unexcused}
          ORDER BY o.{at}, o.id"
    );
    let mut out = Vec::new();
    for center in centers {
        let rows = sqlx::query(&sql).bind(center).fetch_all(pool).await?;
        for r in &rows {
            out.push((
                r.text("id")?,
                r.text("registration_id")?,
                r.text("vacancy_id")?,
                r.instant(at)?,
            ));
        }
    }
    Ok(out)
}

/// The candidates referred to a vacancy (accepted offers and their outcomes).
pub async fn referred_to(pool: &AnyPool, vacancy_id: &str) -> Result<Vec<Offer>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT * FROM offers WHERE vacancy_id = $1 AND referred_at IS NOT NULL ORDER BY referred_at, id",
    )
    .bind(vacancy_id)
    .fetch_all(pool)
    .await?;
    rows.iter().map(Offer::from_row).collect()
}

/// For each refused offer of a registration, whether it was made while the person was
/// unemployed (214 p.51(2)).
pub async fn refusals(tx: &mut Tx, registration_id: &str) -> Result<Vec<bool>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT to_unemployed FROM offers WHERE registration_id = $1 AND status = 'refused' ORDER BY created_at, id",
    )
    .bind(registration_id)
    .fetch_all(&mut **tx)
    .await?;
    rows.iter().map(|r| r.flag("to_unemployed")).collect()
}

/// Whether a registration has an accepted offer still waiting for the employer (214 p.38).
pub async fn awaiting_employer(pool: &AnyPool, registration_id: &str) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query(
        "SELECT id FROM offers WHERE registration_id = $1 AND status = 'accepted' LIMIT 1",
    )
    .bind(registration_id)
    .fetch_optional(pool)
    .await?
    .is_some())
}

/// The registrations a vacancy was ever offered to, whatever became of the offer: the platform's
/// selection does not offer the same work twice.
pub async fn offered_registrations(
    pool: &AnyPool,
    vacancy_id: &str,
) -> Result<HashSet<String>, sqlx::Error> {
    let rows = sqlx::query("SELECT registration_id FROM offers WHERE vacancy_id = $1")
        .bind(vacancy_id)
        .fetch_all(pool)
        .await?;
    rows.iter().map(|r| r.text("registration_id")).collect()
}

/// The vacancies ever offered to a registration.
pub async fn offered_vacancies(
    pool: &AnyPool,
    registration_id: &str,
) -> Result<HashSet<String>, sqlx::Error> {
    let rows = sqlx::query("SELECT vacancy_id FROM offers WHERE registration_id = $1")
        .bind(registration_id)
        .fetch_all(pool)
        .await?;
    rows.iter().map(|r| r.text("vacancy_id")).collect()
}

/// How many of a vacancy's offers still stand: awaiting the answer or accepted (a hire has
/// taken its position already).
pub async fn standing_for_vacancy(pool: &AnyPool, vacancy_id: &str) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "SELECT COUNT(*) AS n FROM offers WHERE vacancy_id = $1 AND status IN ('pending', 'accepted')",
    )
    .bind(vacancy_id)
    .fetch_one(pool)
    .await?
    .int("n")
}
