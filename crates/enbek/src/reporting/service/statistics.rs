//! The labour market's statistics by region and month (`getLaborMarketStatistics`, the
//! dashboards): counts only, no personal data. A mobility center officer sees their region; the
//! ministry and the administrator every region (aggregates, as the service monitoring).

use std::collections::BTreeMap;

use enbek_domain::accounts::access::Role;
use serde::Serialize;
use utoipa::ToSchema;

use crate::mediation::interface::statistics as offers;
use crate::platform::auth::{Caller, Grant};
use crate::platform::buckets::Bucket;
use crate::platform::monitoring;
use crate::platform::problem::Common;
use crate::platform::state::AppState;
use crate::reference::interface::{known_region, regions};
use crate::registration::interface::statistics::{self as registrations, Counted};
use crate::reporting::error::{Code, Error, Result};
use crate::reporting::period::{self, month_code, PeriodError};

/// Who may read the statistics.
pub const READERS: [Role; 3] = [
    Role::Administrator,
    Role::MinistryOfficer,
    Role::MobilityCenterOfficer,
];

/// The indicators of one month of one region.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ToSchema)]
pub struct MonthStatistics {
    /// `YYYY-MM`.
    pub month: String,
    /// Applications to register as a job seeker received in the month (214 p.5).
    pub applications_received: i64,
    /// Registrations as a job seeker from a day of the month.
    pub registered_job_seekers: i64,
    /// Registrations as unemployed from a day of the month (214 p.38).
    pub registered_unemployed: i64,
    /// The unemployed registered at the month's end (local time; for the current month, now).
    pub unemployed_at_month_end: i64,
    /// Registrations ended in the month by a hire through an offer (214 p.75).
    pub placed_by_offer: i64,
    /// The unemployed deregistered in the month because contributions were paid for them, that
    /// is employed (214 p.51(1)).
    pub placed_by_contributions: i64,
    /// Offers of suitable work made in the month (214 p.71).
    pub offers_made: i64,
    /// Of them, accepted (whatever the employer then decided).
    pub offers_accepted: i64,
    /// Of them, refused.
    pub offers_refused: i64,
    /// Of them, still without an answer after the term to answer (214 p.72).
    pub offers_unanswered: i64,
    /// Requests for the two public services received in the month and answered within the
    /// term (214 p.22).
    pub services_within_term: i64,
    /// Those answered after the term.
    pub services_late: i64,
}

/// The names of the indicators, in the order of `MonthStatistics::values`.
pub const INDICATORS: [&str; 12] = [
    "applications_received",
    "registered_job_seekers",
    "registered_unemployed",
    "unemployed_at_month_end",
    "placed_by_offer",
    "placed_by_contributions",
    "offers_made",
    "offers_accepted",
    "offers_refused",
    "offers_unanswered",
    "services_within_term",
    "services_late",
];

impl MonthStatistics {
    /// The indicators' values, in the order of `INDICATORS`.
    pub fn values(&self) -> [i64; 12] {
        [
            self.applications_received,
            self.registered_job_seekers,
            self.registered_unemployed,
            self.unemployed_at_month_end,
            self.placed_by_offer,
            self.placed_by_contributions,
            self.offers_made,
            self.offers_accepted,
            self.offers_refused,
            self.offers_unanswered,
            self.services_within_term,
            self.services_late,
        ]
    }

    /// The value of an indicator by its name (0 for an unknown name).
    pub fn value(&self, indicator: &str) -> i64 {
        INDICATORS
            .iter()
            .position(|i| *i == indicator)
            .map_or(0, |at| self.values()[at])
    }

    fn add(&mut self, other: &MonthStatistics) {
        self.applications_received += other.applications_received;
        self.registered_job_seekers += other.registered_job_seekers;
        self.registered_unemployed += other.registered_unemployed;
        self.unemployed_at_month_end += other.unemployed_at_month_end;
        self.placed_by_offer += other.placed_by_offer;
        self.placed_by_contributions += other.placed_by_contributions;
        self.offers_made += other.offers_made;
        self.offers_accepted += other.offers_accepted;
        self.offers_refused += other.offers_refused;
        self.offers_unanswered += other.offers_unanswered;
        self.services_within_term += other.services_within_term;
        self.services_late += other.services_late;
    }
}

/// One region's months.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RegionStatistics {
    pub region_code: String,
    pub months: Vec<MonthStatistics>,
}

/// The statistics of a period: each region asked for, each month of the period (zeros where
/// nothing happened).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Statistics {
    /// The first month, `YYYY-MM`.
    pub from: String,
    /// The last month, `YYYY-MM`.
    pub to: String,
    pub regions: Vec<RegionStatistics>,
}

impl Statistics {
    /// The months summed over the regions.
    pub fn total(&self) -> Vec<MonthStatistics> {
        let mut total: Vec<MonthStatistics> = self
            .regions
            .first()
            .map(|r| {
                r.months
                    .iter()
                    .map(|m| MonthStatistics {
                        month: m.month.clone(),
                        ..MonthStatistics::default()
                    })
                    .collect()
            })
            .unwrap_or_default();
        for region in &self.regions {
            for (sum, month) in total.iter_mut().zip(&region.months) {
                sum.add(month);
            }
        }
        total
    }
}

/// The region the caller's statistics cover: an officer's own (another one asked for is
/// `out_of_scope`), any one or all (`None`) for the ministry and the administrator.
pub fn scope(grant: &Grant, region_code: Option<&str>) -> Result<Option<String>> {
    match grant.role {
        Role::MobilityCenterOfficer => {
            let Some(own) = grant.region_code.as_deref() else {
                return Err(Error::forbidden());
            };
            if region_code.is_some_and(|r| r != own) {
                return Err(Error::new(Common::OutOfScope).detail("another region's statistics"));
            }
            Ok(Some(own.to_string()))
        }
        _ => Ok(region_code.map(str::to_string)),
    }
}

fn period_problem(e: PeriodError) -> Error {
    match e {
        PeriodError::NotAMonth => {
            Error::new(Common::InvalidDate).detail("`from` and `to` are months written YYYY-MM")
        }
        PeriodError::Reversed => Error::new(Common::InvalidDate).detail("`to` is before `from`"),
        PeriodError::TooLong => Error::new(Code::PeriodTooLong).detail(format!(
            "at most {} months per request",
            period::MOST_MONTHS
        )),
    }
}

/// The statistics of the months `from` to `to` (`YYYY-MM`) of the region asked for (or the
/// caller's, or all).
pub async fn statistics(
    state: &AppState,
    caller: &Caller,
    from: &str,
    to: &str,
    region_code: Option<&str>,
) -> Result<Statistics> {
    let grant = caller.require(&READERS)?;
    let region_code = region_code.map(str::trim).filter(|r| !r.is_empty());
    let region = scope(grant, region_code)?;
    let period = period::period(from, to).map_err(period_problem)?;
    if let Some(region) = &region {
        if grant.role != Role::MobilityCenterOfficer {
            known_region(state, region).await?;
        }
    }
    let days = period.day_bounds();
    let instants = period.instant_bounds();
    let pool = &state.db.pool;
    let r = region.as_deref();
    let codes: Vec<String> = match &region {
        Some(code) => vec![code.clone()],
        None => regions().into_iter().map(|r| r.code).collect(),
    };
    let empty: Vec<MonthStatistics> = period
        .months
        .iter()
        .map(|m| MonthStatistics {
            month: month_code(*m),
            ..MonthStatistics::default()
        })
        .collect();
    let mut by_region: BTreeMap<String, Vec<MonthStatistics>> =
        codes.iter().map(|c| (c.clone(), empty.clone())).collect();
    let mut apply = |buckets: Vec<Bucket>, set: &dyn Fn(&mut MonthStatistics, &[i64])| {
        for b in buckets {
            if let Some(month) = by_region
                .get_mut(&b.region_code)
                .and_then(|months| months.get_mut(b.period))
            {
                set(month, &b.values);
            }
        }
    };
    let count = |counted| registrations::counts(pool, counted, &days, &instants, r);
    apply(count(Counted::Received).await?, &|m, v| {
        m.applications_received = v[0];
    });
    apply(count(Counted::JobSeekers).await?, &|m, v| {
        m.registered_job_seekers = v[0];
    });
    apply(count(Counted::Unemployed).await?, &|m, v| {
        m.registered_unemployed = v[0];
    });
    apply(count(Counted::Hired).await?, &|m, v| {
        m.placed_by_offer = v[0]
    });
    apply(count(Counted::Contributions).await?, &|m, v| {
        m.placed_by_contributions = v[0];
    });
    apply(
        registrations::unemployed_at_month_end(pool, &days, &instants, r).await?,
        &|m, v| m.unemployed_at_month_end = v[0],
    );
    apply(
        offers::offers(pool, &instants, r, state.clock.now()).await?,
        &|m, v| {
            m.offers_made = v[0];
            m.offers_accepted = v[1];
            m.offers_refused = v[2];
            m.offers_unanswered = v[3];
        },
    );
    apply(monitoring::by_month(pool, &instants, r).await?, &|m, v| {
        m.services_within_term = v[0];
        m.services_late = v[1];
    });
    let order: Vec<String> = codes;
    Ok(Statistics {
        from: month_code(period.months[0]),
        to: month_code(*period.months.last().unwrap_or(&period.months[0])),
        regions: order
            .into_iter()
            .filter_map(|code| {
                by_region.remove(&code).map(|months| RegionStatistics {
                    region_code: code,
                    months,
                })
            })
            .collect(),
    })
}
