//! Saved vacancy searches in the cabinet (214 p.77): the person is told of new vacancies that
//! match them. Through the same use cases as `createSavedSearch`, `listMySavedSearches` and
//! `deleteSavedSearch`.

use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use enbek_domain::accounts::access::Role;
use enbek_domain::mediation::vacancy::WorkRegime;
use serde::Deserialize;

use crate::mediation::http::saved_searches::{save_my_search, SavedSearchRequest};
use crate::mediation::pages::vacancies::amount;
use crate::mediation::service::saved_searches::{self as service, SavedSearch};
use crate::platform::state::AppState;
use crate::reference::interface::region_names;
use crate::web::form::Choice;
use crate::web::{render, CsrfForm, FormErrors, Frame, OrPage, Page, PageResult, Tr};

/// A saved search as the page lists it: its filters in words and the search it opens.
pub struct Saved {
    pub id: String,
    pub filters: String,
    pub href: String,
}

/// The form as sent.
#[derive(Deserialize, Default)]
pub struct SearchForm {
    #[serde(default)]
    q: String,
    #[serde(default)]
    region: String,
    #[serde(default)]
    salary_min: String,
    #[serde(default)]
    regime: String,
}

#[derive(askama::Template)]
#[template(path = "mediation/cabinet/searches.html")]
struct SearchesPage {
    f: Frame,
    saved: Vec<Saved>,
    regions: Vec<Choice>,
    regimes: Vec<Choice>,
    form: SearchForm,
    errors: FormErrors,
}

fn to_sign_in() -> Response {
    Redirect::to("/sign-in").into_response()
}

fn saved(tr: &Tr, s: SavedSearch, names: &HashMap<String, String>) -> Saved {
    let mut filters = Vec::new();
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    if let Some(q) = &s.q {
        filters.push(format!("«{q}»"));
        query.append_pair("q", q);
    }
    if let Some(region) = &s.region_code {
        filters.push(names.get(region).cloned().unwrap_or_else(|| region.clone()));
        query.append_pair("region", region);
    }
    if let Some(occupation) = &s.occupation_code {
        filters.push(occupation.clone());
        query.append_pair("occupation", occupation);
    }
    if let Some(min) = s.salary_min {
        filters.push(tr.with1("searches-from", "amount", &tr.money(min)));
        query.append_pair("salary_min", &min.to_string());
    }
    if let Some(regime) = s.work_regime {
        filters.push(tr.t(&format!("regime-{}", regime.code())));
        query.append_pair("regime", regime.code());
    }
    if filters.is_empty() {
        filters.push(tr.t("searches-all"));
    }
    Saved {
        id: s.id,
        filters: filters.join(" · "),
        href: format!("/vacancies?{}", query.finish()),
    }
}

async fn searches_page(
    state: &AppState,
    page: Page,
    account_id: &str,
    form: SearchForm,
    errors: FormErrors,
) -> PageResult<Response> {
    let tr = page.tr();
    let names = region_names(tr.lang);
    let by_code: HashMap<_, _> = names.iter().cloned().collect();
    let list = service::mine(state, account_id)
        .await
        .or_page()?
        .into_iter()
        .map(|s| saved(&tr, s, &by_code))
        .collect();
    render(&SearchesPage {
        saved: list,
        regions: names
            .into_iter()
            .map(|(value, label)| Choice {
                selected: value == form.region,
                value,
                label,
            })
            .collect(),
        regimes: WorkRegime::ALL
            .iter()
            .map(|r| Choice {
                value: r.code().to_string(),
                label: tr.t(&format!("regime-{}", r.code())),
                selected: r.code() == form.regime,
            })
            .collect(),
        form,
        errors,
        f: page.frame,
    })
}

/// The saved searches, and the form to save one more.
pub async fn searches(State(state): State<AppState>, page: Page) -> PageResult<Response> {
    let Some(caller) = page.caller.clone() else {
        return Ok(to_sign_in());
    };
    caller.require(&[Role::Citizen]).or_page()?;
    searches_page(
        &state,
        page,
        &caller.account_id,
        SearchForm::default(),
        FormErrors::new(),
    )
    .await
}

fn optional(value: &str) -> Option<String> {
    Some(value.trim().to_string()).filter(|v| !v.is_empty())
}

/// Saves a search.
pub async fn save(
    State(state): State<AppState>,
    page: Page,
    CsrfForm(form): CsrfForm<SearchForm>,
) -> PageResult<Response> {
    let Some(caller) = page.caller.clone() else {
        return Ok(to_sign_in());
    };
    let tr = page.tr();
    let mut errors = FormErrors::new();
    let salary_min = amount(&form.salary_min, "salary_min", &mut errors, &tr);
    if errors.is_empty() {
        let body = SavedSearchRequest {
            q: optional(&form.q),
            region_code: optional(&form.region),
            occupation_code: None,
            salary_min,
            work_regime: optional(&form.regime),
        };
        match save_my_search(&state, &caller, body).await.or_page() {
            Ok(_) => return Ok(Redirect::to("/cabinet/searches").into_response()),
            Err(e) if e.status().is_client_error() => {
                let field = match e.field() {
                    Some("salary_min") => "salary_min",
                    Some("region_code") => "region",
                    Some("work_regime") => "regime",
                    _ => "q",
                };
                errors.problem(field, &e, &tr);
            }
            Err(e) => return Err(e),
        }
    }
    let response = searches_page(&state, page, &caller.account_id, form, errors).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, response).into_response())
}

#[derive(Deserialize)]
pub struct EmptyForm {}

/// Deletes one of the person's saved searches (another's is not found).
pub async fn delete(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> PageResult<Response> {
    let Some(caller) = page.caller.clone() else {
        return Ok(to_sign_in());
    };
    caller.require(&[Role::Citizen]).or_page()?;
    service::delete(&state, &caller.account_id, &id)
        .await
        .or_page()?;
    Ok(Redirect::to("/cabinet/searches").into_response())
}
