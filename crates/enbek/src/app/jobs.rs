//! The dispatcher of due work: each kind of job goes to the context that owns it. It lives in
//! the composition root, the one place that knows every context.

use async_trait::async_trait;

use crate::documents::service::Waiting;
use crate::mediation::service::{employers, offers, saved_searches};
use crate::platform::jobs::{Dispatch, Job};
use crate::platform::state::AppState;
use crate::registration::service::{jobloss, plans, registration, unemployment};

pub struct Dispatcher;

#[async_trait]
impl Dispatch for Dispatcher {
    async fn run(&self, state: &AppState, job: Job) -> anyhow::Result<()> {
        match job {
            Job::DeliverNotification { notification_id } => {
                crate::platform::notify::deliver(state, &notification_id).await
            }
            Job::DeliverOutbound { message_id } => {
                crate::exchange::outbound::deliver(state, &message_id).await
            }
            Job::VerifyRegistration { registration_id } => {
                registration::verify(state, &registration_id).await
            }
            Job::RegisterUnemployed { registration_id } => {
                unemployment::register(state, &registration_id).await
            }
            Job::RegisterAfterRefusal {
                registration_id,
                at,
            } => unemployment::register_on_refusal(state, &registration_id, at).await,
            Job::RegisterAfterEmployerRefusal {
                registration_id,
                at,
            } => unemployment::register_if_period_over(state, &registration_id, at).await,
            Job::RecheckUnemployedAll => unemployment::recheck_all(state).await,
            Job::RecheckUnemployed { registration_id } => {
                unemployment::recheck(state, &registration_id).await
            }
            Job::CheckJobloss { application_id } => jobloss::check(state, &application_id).await,
            Job::RemindContact { item_id } => plans::remind(state, &item_id).await,
            Job::EmployerSilence { offer_id } => offers::employer_silent(state, &offer_id).await,
            Job::SelectForVacancy { vacancy_id } => {
                offers::select_for_vacancy(state, &vacancy_id).await
            }
            Job::RematchAll => offers::rematch_all(state).await,
            Job::SelectForSeeker { registration_id } => {
                offers::select_for_seeker(state, &registration_id).await
            }
            Job::VerifyEmployer { employer_id } => employers::verify(state, &employer_id).await,
            Job::RemindEmployer { offer_id } => offers::remind_employer(state, &offer_id).await,
            Job::NotifySavedSearches { vacancy_id } => {
                saved_searches::notify_for_vacancy(state, &vacancy_id).await
            }
            Job::LateOfferAnswer { offer_id } => offers::answer_term_over(state, &offer_id).await,
            Job::ImportReference { import_id } => {
                crate::reference::service::imports::run(state, &import_id).await
            }
            Job::IssueDocument { document_id } => {
                crate::documents::service::issue(state, &document_id, Waiting::Nobody).await
            }
            Job::DecideReferral { referral_id } => {
                crate::measures::service::referrals::decide(state, &referral_id).await
            }
            Job::PurgeDoneJobs => crate::platform::jobs::purge_done(state).await,
        }
    }
}
