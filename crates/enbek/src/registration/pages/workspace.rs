//! The career center's workspace: the work queue of today's and overdue items with their terms
//! and points of law (the use case of `getWorkQueue`), a person found by IIN (as
//! `findPersonCard`; the IIN is POSTed, never put in an address) and the employment card with its
//! history (as `getPersonCard`) and the person's documents (214 App.3–App.6, App.9, App.10), each
//! downloaded through the documents' staff page, which audits the read. Every card read is
//! audited by the use case.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use enbek_domain::accounts::access::Role;
use enbek_domain::ids::Iin;
use enbek_domain::reference::office_hours::local_date;
use serde::Deserialize;

use crate::documents::interface::{listed, of_person, Listed, Reader};
use crate::platform::auth::{Caller, CASEWORK};
use crate::platform::state::AppState;
use crate::registration::pages::{deregister, review};
use crate::registration::service::cards::{self, Card};
use crate::registration::service::papers::person_name;
use crate::registration::service::plans::{self, QueueItem};
use crate::web::form::{choices, Choice};
use crate::web::paging::{optional, page_href, page_of, Pager};
use crate::web::{render, CsrfForm, FormErrors, Frame, OrPage, Page, PageQuery, PageResult, Tr};

/// How many working days ahead the queue also shows what falls due.
const HORIZON_DAYS: u32 = 5;

/// How many items a page of the queue shows.
const PER_PAGE: i64 = 50;

/// The kinds of the queue's items, in the order the filter offers them.
const KINDS: [&str; 7] = [
    "review_forwarded",
    "draw_up_plan",
    "plan_action",
    "plan_contact",
    "circumstance",
    "no_show",
    "late_offer_answer",
];

/// The queue's filters, as the address gives them.
#[derive(Deserialize, Default)]
pub struct QueueFilter {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    overdue: String,
    #[serde(default)]
    page: String,
}

/// The signed-in caseworker (a career center's specialist or a mobility center's officer):
/// a visitor is asked to sign in, anyone else refused.
fn caseworker(page: &Page) -> PageResult<&Caller> {
    let caller = page.signed_in()?;
    caller.require(&CASEWORK).or_page()?;
    Ok(caller)
}

/// A queue item in the reader's words.
pub struct Item {
    pub what: String,
    pub due: String,
    pub overdue: bool,
    pub basis: String,
    pub detail: Option<String>,
    pub href: String,
}

fn item(q: QueueItem, tr: &Tr) -> Item {
    Item {
        what: tr.t(&format!("queue-kind-{}", q.kind)),
        due: tr.date(q.due_at.date_naive()),
        overdue: q.overdue,
        basis: q.legal_basis,
        detail: q.detail,
        href: format!("/workspace/registrations/{}", q.registration_id),
    }
}

#[derive(askama::Template)]
#[template(path = "registration/workspace/queue.html")]
struct QueuePage {
    f: Frame,
    items: Vec<Item>,
    overdue: String,
    kinds: Vec<Choice>,
    overdue_only: bool,
    /// Whether the caller is a center's specialist, who has the center's registrations to list.
    of_center: bool,
    /// Whether the queue holds items that the filters leave out.
    filtered_out: bool,
    pager: Pager,
    iin: String,
    errors: FormErrors,
}

async fn queue_page(
    state: &AppState,
    page: Page,
    filter: QueueFilter,
    iin: String,
    errors: FormErrors,
) -> PageResult<Response> {
    let caller = caseworker(&page)?;
    let tr = page.tr();
    let grant = caller.require(&CASEWORK).or_page()?;
    let of_center = caller.grant(Role::CareerCenterSpecialist).is_some();
    let all = plans::work_queue_of(state, grant, HORIZON_DAYS)
        .await
        .or_page()?;
    let overdue = all.iter().filter(|q| q.overdue).count();
    let held = all.len();
    let kind = optional(&filter.kind).filter(|k| KINDS.contains(k));
    let overdue_only = filter.overdue == "1";
    let chosen: Vec<QueueItem> = all
        .into_iter()
        .filter(|q| kind.is_none_or(|k| q.kind == k) && (q.overdue || !overdue_only))
        .collect();
    let (page_items, number, total) = page_of(chosen, &filter.page, PER_PAGE);
    let items: Vec<Item> = page_items.into_iter().map(|q| item(q, &tr)).collect();
    let filtered_out = items.is_empty() && held > 0;
    let kind = kind.unwrap_or_default();
    let shown = [
        ("kind", kind),
        ("overdue", if overdue_only { "1" } else { "" }),
    ];
    let status = errors.status();
    let html = render(&QueuePage {
        overdue: tr.count("queue-overdue", i64::try_from(overdue).unwrap_or(i64::MAX)),
        items,
        kinds: choices(
            KINDS
                .iter()
                .map(|k| (k.to_string(), tr.t(&format!("queue-kind-{k}"))))
                .collect(),
            kind,
        ),
        overdue_only,
        of_center,
        filtered_out,
        pager: Pager::new(&tr, total, number, PER_PAGE, |p| {
            page_href("/workspace", &shown, p)
        }),
        iin,
        errors,
        f: page.frame,
    })?;
    Ok((status, html).into_response())
}

/// The workspace's start: the queue (filtered by kind and by being overdue, a page at a time),
/// and the search of a person by IIN.
pub async fn queue(
    State(state): State<AppState>,
    page: Page,
    PageQuery(filter): PageQuery<QueueFilter>,
) -> PageResult<Response> {
    queue_page(&state, page, filter, String::new(), FormErrors::new()).await
}

#[derive(Deserialize)]
pub struct FindForm {
    #[serde(default)]
    iin: String,
}

/// A person's card found by IIN; a wrong IIN is said next to its field, an unknown one too.
pub async fn find(
    State(state): State<AppState>,
    page: Page,
    CsrfForm(form): CsrfForm<FindForm>,
) -> PageResult<Response> {
    let caller = caseworker(&page)?;
    let tr = page.tr();
    let mut errors = FormErrors::new();
    let iin = form.iin.trim().to_string();
    match Iin::parse(&iin) {
        Err(_) => errors.add("iin", tr.t("find-invalid-iin")),
        Ok(valid) => match cards::card_by_iin(&state, caller, &valid).await.or_page() {
            Ok(card) => {
                let plan = cards::active_registration(&state, &card.person)
                    .await
                    .or_page()?
                    .map(|reg| format!("/workspace/registrations/{}/plan", reg.id));
                return card_page(&state, page, card, plan).await;
            }
            Err(e) if e.status() == StatusCode::NOT_FOUND => {
                errors.add("iin", tr.t("find-not-found"));
            }
            Err(e) => return Err(e),
        },
    }
    queue_page(&state, page, QueueFilter::default(), iin, errors).await
}

/// The card of the person of a registration in the queue.
pub async fn registration_card(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<String>,
) -> PageResult<Response> {
    let caller = caseworker(&page)?;
    let reg = cards::registration_by_id(&state, &id).await.or_page()?;
    let Some(person) = reg.person_id else {
        // An application still to be decided (forwarded by an assistant, or waiting for the
        // registries): the card is opened when the person is registered.
        cards::require_scope(&state, caller, &reg, &CASEWORK)
            .await
            .or_page()?;
        return review::undecided(&state, page, &id).await;
    };
    let card = cards::person_card(&state, caller, &person)
        .await
        .or_page()?;
    card_page(
        &state,
        page,
        card,
        Some(format!("/workspace/registrations/{id}/plan")),
    )
    .await
}

/// One entry of the card's history.
pub struct Event {
    pub when: String,
    pub what: String,
}

#[derive(askama::Template)]
#[template(path = "registration/workspace/card.html")]
struct CardPage {
    f: Frame,
    name: String,
    born: String,
    category: Option<String>,
    education: Option<String>,
    history: Vec<Event>,
    deregister: Option<String>,
    /// The plan editor of the registration the card was opened from (or of the person's
    /// registration in progress, the card found by IIN).
    plan: Option<String>,
    /// The person's documents, newest first.
    documents: Vec<Listed>,
}

async fn card_page(
    state: &AppState,
    page: Page,
    card: Card,
    plan: Option<String>,
) -> PageResult<Response> {
    let tr = page.tr();
    let documents = of_person(state, &card.person.id).await.or_page()?;
    let documents = listed(&tr, documents, local_date(state.clock.now()), Reader::Staff);
    let deregister = deregister::link(&card);
    let name = person_name(&card.person);
    let p = card.person;
    let history = card
        .history
        .into_iter()
        .rev()
        .map(|e| {
            let id = format!("card-event-{}", e.kind);
            Event {
                when: tr.date(e.at.date_naive()),
                what: deregister::event_text(&tr, &e).unwrap_or_else(|| {
                    if tr.has(&id) {
                        tr.t(&id)
                    } else {
                        e.kind
                    }
                }),
            }
        })
        .collect();
    render(&CardPage {
        name,
        born: tr.date(p.birth_date),
        category: p
            .category
            .map(|c| tr.t(&format!("category-{}", c.as_str()))),
        education: p
            .profile
            .education_level
            .map(|e| tr.t(&format!("education-{e}"))),
        history,
        deregister,
        plan,
        documents,
        f: page.frame,
    })
}
