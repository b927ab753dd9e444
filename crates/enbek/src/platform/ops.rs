//! Operations: health, metrics, public-service monitoring and the audit log.

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use chrono::{Days, NaiveDate, NaiveTime};
use enbek_domain::accounts::access::Role;
use enbek_domain::monitoring::Service;
use enbek_domain::reference::office_hours::kz_offset;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::platform::audit::{self, AuditRecord};
use crate::platform::auth::Caller;
use crate::platform::http::error::{ApiError, ApiResult};
use crate::platform::http::extract::{Path, Query};
use crate::platform::monitoring::{self, ServiceSummary};
use crate::platform::problem::Common;
use crate::platform::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct Health {
    pub status: String,
    pub database: String,
    pub pending_jobs: i64,
}

#[utoipa::path(get, path = "/healthz", operation_id = "health", tag = "operations",
    responses((status = 200, body = Health), (status = 503, body = Health)))]
pub async fn health(State(state): State<AppState>) -> impl IntoResponse {
    match crate::platform::jobs::pending_count(&state).await {
        Ok(pending_jobs) => (
            StatusCode::OK,
            axum::Json(Health {
                status: "ok".into(),
                database: "ok".into(),
                pending_jobs,
            }),
        ),
        Err(e) => {
            tracing::error!(error = %e, "health check: database");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                axum::Json(Health {
                    status: "unavailable".into(),
                    database: "unreachable".into(),
                    pending_jobs: 0,
                }),
            )
        }
    }
}

pub async fn metrics(State(state): State<AppState>) -> impl IntoResponse {
    (
        [(
            header::CONTENT_TYPE,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
        )],
        state.metrics.render(),
    )
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct PeriodQuery {
    /// First day (local), inclusive.
    pub from: NaiveDate,
    /// Last day (local), inclusive.
    pub to: NaiveDate,
    pub region_code: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/monitoring/services/{service}", operation_id = "getServiceMonitoring", tag = "operations",
    params(("service" = String, Path, description = "job_seeker_registration or unemployed_registration"), PeriodQuery), security(("bearer" = [])),
    responses((status = 200, body = ServiceSummary), (status = 403), (status = 404)))]
pub async fn service_monitoring(
    State(state): State<AppState>,
    caller: Caller,
    Path(service): Path<String>,
    Query(q): Query<PeriodQuery>,
) -> ApiResult<axum::Json<ServiceSummary>> {
    let grant = caller.require(&[
        Role::Administrator,
        Role::MinistryOfficer,
        Role::MobilityCenterOfficer,
    ])?;
    let Some(service) = Service::parse(&service) else {
        return Err(ApiError::not_found());
    };
    let region = match grant.role {
        Role::MobilityCenterOfficer => {
            if q.region_code
                .as_ref()
                .is_some_and(|r| Some(r) != grant.region_code.as_ref())
            {
                return Err(ApiError::new(Common::OutOfScope));
            }
            grant.region_code.clone()
        }
        _ => q.region_code.clone(),
    };
    if q.to < q.from {
        return Err(ApiError::new(Common::InvalidDate).detail("`to` is before `from`"));
    }
    let start = |d: NaiveDate| {
        d.and_time(NaiveTime::MIN)
            .and_local_timezone(kz_offset())
            .single()
            .map(|t| t.to_utc())
    };
    let (Some(from), Some(to)) = (
        start(q.from),
        q.to.checked_add_days(Days::new(1)).and_then(start),
    ) else {
        return Err(ApiError::new(Common::InvalidDate));
    };
    Ok(axum::Json(
        monitoring::summary(
            &state.db.pool,
            service,
            region.as_deref(),
            from,
            to,
            state.clock.now(),
        )
        .await?,
    ))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct AuditQuery {
    pub entity: Option<String>,
    pub entity_id: Option<String>,
    pub limit: Option<i64>,
}

#[utoipa::path(get, path = "/api/v1/audit", operation_id = "listAudit", tag = "operations",
    params(AuditQuery), security(("bearer" = [])), responses((status = 200, body = [AuditRecord]), (status = 403)))]
pub async fn list_audit(
    State(state): State<AppState>,
    caller: Caller,
    Query(q): Query<AuditQuery>,
) -> ApiResult<axum::Json<Vec<AuditRecord>>> {
    caller.require(&[Role::Administrator])?;
    let limit = q.limit.unwrap_or(100).clamp(1, 1000);
    Ok(axum::Json(
        audit::list(
            &state.db.pool,
            q.entity.as_deref(),
            q.entity_id.as_deref(),
            limit,
        )
        .await?,
    ))
}

/// The operations of this context on the portal (enbek.kz).
pub fn portal() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(health))
}

/// The operations of this context in the AIS "Labor Market" (staff, the egov intake, administration).
pub fn staff() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(service_monitoring))
        .routes(routes!(list_audit))
}
