//! The career center's registrations, for its specialists (as `listCenterRegistrations`): of a
//! status when chosen, in order of term, a page at a time, each leading to its card (whose
//! reading is audited). The list itself shows no personal data.

use axum::extract::State;
use axum::response::Response;
use enbek_domain::accounts::access::Role;
use enbek_domain::registration::Status;
use serde::Deserialize;

use crate::platform::state::AppState;
use crate::registration::service::registration as service;
use crate::web::form::{choices, Choice};
use crate::web::paging::{offset_of, optional, page_href, page_number, Pager};
use crate::web::{render, Frame, OrPage, Page, PageQuery, PageResult};

/// How many registrations a page shows.
const PER_PAGE: i64 = 50;

#[derive(Deserialize, Default)]
pub struct Filter {
    #[serde(default)]
    status: String,
    #[serde(default)]
    page: String,
}

/// A registration in the list, in the reader's words.
pub struct Row {
    pub received: String,
    pub channel: String,
    pub status: String,
    pub due: String,
    pub overdue: bool,
    pub basis: &'static str,
    pub href: String,
}

#[derive(askama::Template)]
#[template(path = "registration/workspace/registrations.html")]
struct ListPage {
    f: Frame,
    rows: Vec<Row>,
    statuses: Vec<Choice>,
    found: String,
    pager: Pager,
}

/// The list: a specialist's own center only; anyone else is refused.
pub async fn list(
    State(state): State<AppState>,
    page: Page,
    PageQuery(filter): PageQuery<Filter>,
) -> PageResult<Response> {
    let caller = page.signed_in()?;
    let center = caller
        .organization(Role::CareerCenterSpecialist)
        .or_page()?
        .to_string();
    let tr = page.tr();
    let status = optional(&filter.status).and_then(Status::parse);
    let number = page_number(&filter.page);
    let (queued, total) = service::center_page(
        &state,
        &center,
        status,
        PER_PAGE,
        offset_of(number, PER_PAGE),
    )
    .await
    .or_page()?;
    let rows = queued
        .into_iter()
        .map(|q| {
            let r = q.registration;
            Row {
                received: tr.date(r.received_at.date_naive()),
                channel: tr.t(&format!("channel-{}", r.channel.as_str())),
                status: tr.t(&format!("registration-status-{}", r.status.as_str())),
                due: tr.date(r.due_at.date_naive()),
                overdue: q.overdue,
                basis: q.legal_term,
                href: format!("/workspace/registrations/{}", r.id),
            }
        })
        .collect();
    let chosen = status.map(Status::as_str).unwrap_or_default();
    render(&ListPage {
        rows,
        statuses: choices(
            Status::ALL
                .iter()
                .map(|s| {
                    let code = s.as_str();
                    (
                        code.to_string(),
                        tr.t(&format!("registration-status-{code}")),
                    )
                })
                .collect(),
            chosen,
        ),
        found: tr.count("registrations-found", total),
        pager: Pager::new(&tr, total, number, PER_PAGE, |p| {
            page_href("/workspace/registrations", &[("status", chosen)], p)
        }),
        f: page.frame,
    })
}
