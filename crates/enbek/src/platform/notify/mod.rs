//! Notifications (214 p.12, 214 p.20, 214 p.35, 214 p.52, 214 p.56, 214 p.71): composed in the
//! transaction of the event, one row per channel; the cabinet copy is delivered at once, e-mail and
//! SMS by due work.

pub mod delivery;
pub mod store;
pub mod texts;

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use enbek_domain::delivery::{DeliveryStatus, NoticeChannel};

use crate::platform::db::new_id;
use crate::platform::db::Tx;
use crate::platform::http::lang::Lang;
use crate::platform::jobs::store as jobs;
use crate::platform::jobs::Job;
use crate::platform::notify::store::{self as notifications, Notification};
use crate::platform::state::AppState;
pub use texts::{Args, Names};

/// A notice a context sends: the kind stored with it, and its subject and text in each language.
/// Each context declares its own (`<context>/notices.rs`).
pub trait Notice: Copy + std::fmt::Debug {
    /// The stable name stored with the notification (`offer_made`, `deregistered`…).
    fn kind(self) -> &'static str;
    /// The subject and the text, in the reader's language.
    fn render(self, lang: Lang, args: &Args) -> (&'static str, String);
}

/// Who is told, and through which channels.
#[derive(Debug, Clone, Default)]
pub struct Recipient {
    pub person_id: Option<String>,
    /// The cabinet of this account receives the notice.
    pub account_id: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// A rural resident is also told through the assistant of this rural district (214 p.20,
    /// 214 p.52).
    pub assistant_org: Option<String>,
    pub lang: Option<Lang>,
}

/// Writes the notice to every channel the recipient has, and schedules the outbound ones.
pub async fn send(
    tx: &mut Tx,
    to: &Recipient,
    notice: impl Notice,
    args: &Args,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let lang = to.lang.unwrap_or(Lang::Kk);
    let (subject, text) = notice.render(lang, args);
    let channels = [
        (NoticeChannel::Cabinet, to.account_id.clone(), true),
        (NoticeChannel::Sms, to.phone.clone(), false),
        (NoticeChannel::Email, to.email.clone(), false),
        (NoticeChannel::Assistant, to.assistant_org.clone(), true),
    ];
    let mut all = Vec::new();
    let mut deliveries = Vec::new();
    for (channel, address, immediate) in channels {
        let Some(address) = address else { continue };
        let n = Notification {
            id: new_id(),
            person_id: to.person_id.clone(),
            account_id: to.account_id.clone(),
            kind: notice.kind().to_string(),
            channel,
            lang,
            recipient: (channel != NoticeChannel::Cabinet).then_some(address),
            subject: subject.to_string(),
            text: text.clone(),
            created_at: now,
            status: if immediate {
                DeliveryStatus::Delivered
            } else {
                DeliveryStatus::Pending
            },
            attempts: 0,
            delivered_at: immediate.then_some(now),
            last_error: None,
        };
        if !immediate {
            let job = Job::DeliverNotification {
                notification_id: n.id.clone(),
            };
            deliveries.push((job, None));
        }
        all.push(n);
    }
    // One statement for the notices, one for their deliveries.
    notifications::insert_all(tx, &all).await?;
    if !deliveries.is_empty() {
        jobs::enqueue_many(tx, &deliveries, now, now);
    }
    Ok(())
}

/// Delivers the e-mails and SMS `ids` that are still pending (a delivered one is left alone:
/// idempotent on retry), read in one statement and marked delivered together in another once
/// all were sent; returns the ones that failed, each with its error, marked failed to be tried
/// again. A crash between a send and the mark sends that message again: delivery is at least
/// once.
pub async fn deliver_all(
    state: &AppState,
    ids: &[String],
) -> anyhow::Result<HashMap<String, anyhow::Error>> {
    let pending = notifications::pending_among(&state.db.pool, ids).await?;
    let mut delivered = Vec::with_capacity(pending.len());
    let mut failed = HashMap::new();
    for n in pending {
        match state.delivery.send(&n).await {
            Ok(outcome) => {
                count_delivery(state, n.channel.as_str(), outcome);
                delivered.push(n.id);
            }
            Err(e) => {
                notifications::mark_failed(&state.db.pool, &n.id, &e.to_string()).await?;
                state.metrics.notification(n.channel.as_str(), "failed");
                failed.insert(n.id, e);
            }
        }
    }
    notifications::mark_delivered(&state.db.pool, &delivered, state.clock.now()).await?;
    Ok(failed)
}

/// Delivers one e-mail or SMS (`deliver_all`); its error when it failed.
pub async fn deliver(state: &AppState, id: &str) -> anyhow::Result<()> {
    match deliver_all(state, &[id.to_string()])
        .await?
        .into_values()
        .next()
    {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// Counts one delivery on a channel (e-mail, SMS, another state system) in the metrics.
pub fn count_delivery(state: &AppState, channel: &str, outcome: delivery::Outcome) {
    let label = match outcome {
        delivery::Outcome::Sent => "sent",
        delivery::Outcome::KeptInDevOutbox => "dev_outbox",
    };
    state.metrics.notification(channel, label);
}
