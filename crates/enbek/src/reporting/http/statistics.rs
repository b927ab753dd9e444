//! The labour market's statistics by region and month.

use axum::extract::State;
use serde::Deserialize;

use crate::platform::auth::Caller;
use crate::platform::http::extract::Query;
use crate::platform::state::AppState;
use crate::reporting::error::Result;
use crate::reporting::service::statistics::{self as service, Statistics};

#[derive(Deserialize, utoipa::IntoParams)]
pub struct StatisticsQuery {
    /// The first month, `YYYY-MM` (local time).
    pub from: String,
    /// The last month, `YYYY-MM`, inclusive; at most 36 months from `from`.
    pub to: String,
    /// One region; a mobility center officer's own region in any case.
    pub region_code: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/statistics", operation_id = "getLaborMarketStatistics", tag = "operations",
    params(StatisticsQuery), security(("bearer" = [])),
    responses((status = 200, body = Statistics), (status = 401), (status = 403, description = "forbidden, out_of_scope: another region's"),
        (status = 422, description = "invalid_date: not YYYY-MM or `to` before `from`; period_too_long: more than 36 months; invalid_value: not a region")))]
pub async fn get_labor_market_statistics(
    State(state): State<AppState>,
    caller: Caller,
    Query(q): Query<StatisticsQuery>,
) -> Result<axum::Json<Statistics>> {
    Ok(axum::Json(
        service::statistics(&state, &caller, &q.from, &q.to, q.region_code.as_deref()).await?,
    ))
}
