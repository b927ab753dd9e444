//! The cabinet's home (the enbek.kz guide): the status timeline seeker → job seeker →
//! unemployed with its dates, the next deadline and what to do, and the notices — through the
//! same use cases as `getMyRegistration` and `listMyNotifications`.

use axum::extract::State;
use axum::response::Response;
use enbek_domain::registration::Status;

use crate::platform::state::AppState;
use crate::registration::pages::{last_day, to_sign_in};
use crate::registration::service::registration::{self as service, Shown};
use crate::web::{render, Frame, Lang, OrPage, Page, PageResult, Tr};

/// A step of the timeline: its name, its date (or what it waits for) and where it stands.
pub struct Step {
    pub name: String,
    pub when: Option<String>,
    /// `done`, `current` or `next`.
    pub state: &'static str,
    /// The state in words.
    pub state_text: String,
}

impl Step {
    pub fn is_current(&self) -> bool {
        self.state == "current"
    }
}

/// What to do next: the text, and the page that does it.
pub struct Todo {
    pub text: String,
    pub link: Option<(String, String)>,
}

/// A notice as the cabinet lists it.
pub struct Notice {
    pub subject: String,
    pub text: String,
    pub when: String,
    pub channel: String,
    pub lang: &'static str,
}

#[derive(askama::Template)]
#[template(path = "registration/cabinet.html")]
struct HomePage {
    f: Frame,
    status: Option<String>,
    steps: Vec<Step>,
    /// The next deadlines, soonest first.
    deadlines: Vec<String>,
    todo: Vec<Todo>,
    notices: Vec<Notice>,
}

/// The words of each state of a step.
const STEP_STATES: [(&str, &str); 3] = [
    ("done", "cabinet-step-done"),
    ("current", "cabinet-step-current"),
    ("next", "cabinet-step-next"),
];

fn step(tr: &Tr, name: String, when: Option<String>, state: &'static str) -> Step {
    let id = STEP_STATES
        .iter()
        .find(|(s, _)| *s == state)
        .map_or("cabinet-step-next", |(_, id)| id);
    Step {
        name,
        when,
        state,
        state_text: tr.t(id),
    }
}

/// The timeline of a registration, with the dates it has.
fn timeline(tr: &Tr, shown: Option<&Shown>) -> Vec<Step> {
    let seeker = tr.t("cabinet-step-seeker");
    let job_seeker = tr.t("cabinet-step-job-seeker");
    let unemployed = tr.t("cabinet-step-unemployed");
    let Some(r) = shown.map(|s| &s.registration) else {
        return vec![
            step(tr, seeker, None, "current"),
            step(tr, job_seeker, None, "next"),
            step(tr, unemployed, None, "next"),
        ];
    };
    let applied = Some(tr.with1(
        "cabinet-applied-on",
        "date",
        &tr.date(enbek_domain::reference::office_hours::local_date(
            r.submitted_at,
        )),
    ));
    let since =
        |d: Option<chrono::NaiveDate>| d.map(|d| tr.with1("cabinet-since", "date", &tr.date(d)));
    match r.status {
        Status::JobSeeker => vec![
            step(tr, seeker, applied, "done"),
            step(tr, job_seeker, since(r.job_seeker_since), "current"),
            step(
                tr,
                unemployed,
                r.selection_ends_at
                    .map(|at| tr.with1("cabinet-unemployed-after", "date", &last_day(tr, at))),
                "next",
            ),
        ],
        Status::Unemployed => vec![
            step(tr, seeker, applied, "done"),
            step(tr, job_seeker, since(r.job_seeker_since), "done"),
            step(tr, unemployed, since(r.unemployed_since), "current"),
        ],
        Status::Verifying | Status::PendingReview => vec![
            step(tr, seeker, applied, "current"),
            step(tr, job_seeker, None, "next"),
            step(tr, unemployed, None, "next"),
        ],
        // Refused, ended: the steps reached, none current.
        _ => vec![
            step(tr, seeker, applied, "done"),
            step(
                tr,
                job_seeker,
                since(r.job_seeker_since),
                if r.job_seeker_since.is_some() {
                    "done"
                } else {
                    "next"
                },
            ),
            step(
                tr,
                unemployed,
                since(r.unemployed_since),
                if r.unemployed_since.is_some() {
                    "done"
                } else {
                    "next"
                },
            ),
        ],
    }
}

fn ground(lang: Lang, shown: &Shown) -> Option<String> {
    shown.refusal_notice.as_ref().map(|n| {
        let text = match lang {
            Lang::Kk => &n.ground.kk,
            Lang::Ru => &n.ground.ru,
            Lang::En => &n.ground.en,
        };
        format!("{text} ({})", n.legal_basis)
    })
}

fn link(tr: &Tr, href: &str, id: &str) -> Option<(String, String)> {
    Some((href.to_string(), tr.t(id)))
}

/// The cabinet's home.
pub async fn home(State(state): State<AppState>, page: Page) -> PageResult<Response> {
    let Some(caller) = page.caller.clone() else {
        return Ok(to_sign_in());
    };
    let tr = page.tr();
    let shown = match service::mine(&state, &caller.account_id).await.or_page() {
        Ok(shown) => Some(shown),
        Err(e) if e.code() == "no_registration" => None,
        Err(e) => return Err(e),
    };
    let mut todo = Vec::new();
    let mut deadline = None;
    let mut offer_due = None;
    match (&caller.iin, &shown) {
        (None, _) => todo.push(Todo {
            text: tr.t("cabinet-todo-prove"),
            link: link(&tr, "/cabinet/identity", "cabinet-link-prove"),
        }),
        (Some(_), None) => todo.push(Todo {
            text: tr.t("cabinet-todo-apply"),
            link: link(&tr, "/cabinet/application", "cabinet-link-apply"),
        }),
        (Some(_), Some(s)) => {
            let r = &s.registration;
            match r.status {
                Status::Verifying | Status::PendingReview => {
                    deadline = Some(tr.with1(
                        "cabinet-deadline-decision",
                        "date",
                        &last_day(&tr, r.due_at),
                    ));
                    todo.push(Todo {
                        text: tr.t("cabinet-todo-wait"),
                        link: None,
                    });
                }
                Status::JobSeeker | Status::Unemployed => {
                    // 214 p.72: an offer is answered within its term.
                    offer_due = service::next_offer_answer_due(&state, &caller.account_id)
                        .await
                        .or_page()?
                        .map(|due| tr.with1("cabinet-deadline-offer", "date", &last_day(&tr, due)));
                    if r.status == Status::JobSeeker {
                        // 214 p.23, p.36: the selection period; 214 p.38: unemployed after it.
                        deadline = r.selection_ends_at.map(|ends| {
                            tr.with1("cabinet-deadline-selection", "date", &last_day(&tr, ends))
                        });
                    } else {
                        // 214 p.51(2): refusals of offers while unemployed count.
                        deadline = Some(tr.t("cabinet-deadline-offers-unemployed"));
                        todo.push(Todo {
                            text: tr.t("cabinet-todo-payment"),
                            link: link(&tr, "/cabinet/payment", "cabinet-link-payment"),
                        });
                    }
                    todo.push(Todo {
                        text: tr.t("cabinet-todo-offers"),
                        link: link(&tr, "/cabinet/offers", "cabinet-link-offers"),
                    });
                }
                Status::Refused => todo.push(Todo {
                    text: ground(tr.lang, s).map_or_else(
                        || tr.t("cabinet-todo-refused"),
                        |g| tr.with1("cabinet-todo-refused-ground", "ground", &g),
                    ),
                    link: link(&tr, "/cabinet/application", "cabinet-link-apply"),
                }),
                _ => todo.push(Todo {
                    text: match r.barred_until {
                        // 214 p.51: the 30-day bar after some grounds.
                        Some(until) => tr.with1("cabinet-todo-barred", "date", &tr.date(until)),
                        None => tr.t("cabinet-todo-ended"),
                    },
                    link: link(&tr, "/cabinet/application", "cabinet-link-apply"),
                }),
            }
        }
    }
    let notices = service::my_notifications(&state, &caller.account_id)
        .await
        .or_page()?
        .into_iter()
        .map(|n| Notice {
            when: tr.date(enbek_domain::reference::office_hours::local_date(
                n.created_at,
            )),
            channel: tr.t(&format!("cabinet-channel-{}", n.channel.as_str())),
            lang: n.lang.as_str(),
            subject: n.subject,
            text: n.text,
        })
        .collect();
    render(&HomePage {
        status: shown.as_ref().map(|s| {
            tr.t(&format!(
                "cabinet-status-{}",
                s.registration.status.as_str()
            ))
        }),
        steps: timeline(&tr, shown.as_ref()),
        deadlines: offer_due.into_iter().chain(deadline).collect(),
        todo,
        notices,
        f: page.frame,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use enbek_domain::delivery::NoticeChannel;
    use enbek_domain::registration::jobloss::ApplicationStatus;

    #[test]
    fn every_status_and_channel_the_cabinet_shows_has_its_words_in_each_language() {
        for lang in [Lang::Kk, Lang::Ru, Lang::En] {
            let tr = Tr::new(lang);
            let mut ids: Vec<String> = Vec::new();
            ids.extend(
                Status::ALL
                    .iter()
                    .map(|s| format!("cabinet-status-{}", s.as_str())),
            );
            ids.extend(
                NoticeChannel::ALL
                    .iter()
                    .map(|c| format!("cabinet-channel-{}", c.as_str())),
            );
            ids.extend(
                ApplicationStatus::ALL
                    .iter()
                    .map(|s| format!("payment-status-{}", s.as_str())),
            );
            ids.extend(
                [
                    "got_job",
                    "moved",
                    "military_service",
                    "medical",
                    "own_wish",
                    "other",
                ]
                .iter()
                .map(|c| format!("case-reason-{c}")),
            );
            ids.extend(
                enbek_domain::registration::plan::Action::ALL
                    .iter()
                    .map(|a| format!("plan-action-{}", a.code())),
            );
            ids.extend(
                ["done", "attended", "missed"]
                    .iter()
                    .map(|o| format!("plan-outcome-{o}")),
            );
            ids.extend(
                enbek_domain::registration::unemployment::Circumstance::ALL
                    .iter()
                    .map(|c| format!("plan-change-{}", c.code())),
            );
            for id in ids {
                assert!(tr.has(&id), "{id} in {}", lang.as_str());
            }
        }
    }
}
