//! Delivery of e-mail (a real SMTP client) and SMS (an HTTP gateway). Without a configured
//! server a message stays in the outbox and is retried; in development mode it is kept and
//! counted as delivered to the development outbox, where it can be listed.

use enbek_domain::delivery::NoticeChannel;
use lettre::message::{header::ContentType, Mailbox};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

use crate::platform::notify::store::Notification;

pub struct Delivery {
    smtp: Option<AsyncSmtpTransport<Tokio1Executor>>,
    from: Mailbox,
    sms: Option<Gateway>,
    fund: Option<Gateway>,
    dev: bool,
}

/// An HTTP peer that takes JSON messages: a 2xx answer means received.
struct Gateway {
    client: reqwest::Client,
    url: String,
    name: &'static str,
}

impl Gateway {
    fn new(url: &str, name: &'static str) -> anyhow::Result<Gateway> {
        url::Url::parse(url)?;
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .build()?;
        Ok(Gateway {
            client,
            url: url.to_string(),
            name,
        })
    }

    async fn post(&self, body: &serde_json::Value) -> anyhow::Result<Outcome> {
        let response = self
            .client
            .post(&self.url)
            .json(body)
            .send()
            .await
            .map_err(|e| anyhow::anyhow!(e.without_url()))?;
        anyhow::ensure!(
            response.status().is_success(),
            "the {} answered {}",
            self.name,
            response.status()
        );
        Ok(Outcome::Sent)
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Sent,
    KeptInDevOutbox,
}

impl Delivery {
    pub fn new(
        smtp_url: Option<&str>,
        from: &str,
        sms_url: Option<&str>,
        fund_url: Option<&str>,
        dev: bool,
    ) -> anyhow::Result<Delivery> {
        Ok(Delivery {
            smtp: smtp_url.map(smtp_transport).transpose()?,
            from: from.parse()?,
            sms: sms_url
                .map(|u| Gateway::new(u, "SMS gateway"))
                .transpose()?,
            fund: fund_url
                .map(|u| Gateway::new(u, "social insurance fund"))
                .transpose()?,
            dev,
        })
    }

    pub async fn send(&self, n: &Notification) -> anyhow::Result<Outcome> {
        match n.channel {
            NoticeChannel::Email => self.email(n).await,
            NoticeChannel::Sms => self.sms(n).await,
            other => anyhow::bail!("channel {} is not delivered by the outbox", other.as_str()),
        }
    }

    async fn email(&self, n: &Notification) -> anyhow::Result<Outcome> {
        let Some(smtp) = &self.smtp else {
            return self.unconfigured("SMTP");
        };
        let to: Mailbox = n.recipient.as_deref().unwrap_or_default().parse()?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(&n.subject)
            .header(ContentType::TEXT_PLAIN)
            .body(n.text.clone())?;
        smtp.send(message).await?;
        Ok(Outcome::Sent)
    }

    async fn sms(&self, n: &Notification) -> anyhow::Result<Outcome> {
        let Some(gateway) = &self.sms else {
            return self.unconfigured("SMS gateway");
        };
        gateway
            .post(&serde_json::json!({ "id": n.id, "to": n.recipient, "text": n.text }))
            .await
    }

    /// Sends an application to the State Social Insurance Fund.
    pub async fn to_fund(&self, message: &serde_json::Value) -> anyhow::Result<Outcome> {
        let Some(gateway) = &self.fund else {
            return self.unconfigured("social insurance fund gateway");
        };
        gateway.post(message).await
    }

    fn unconfigured(&self, what: &str) -> anyhow::Result<Outcome> {
        if self.dev {
            Ok(Outcome::KeptInDevOutbox)
        } else {
            anyhow::bail!("no {what} is configured")
        }
    }
}

/// `smtp://USER:PASS@HOST:PORT` (STARTTLS), `smtps://…` (TLS), `?tls=none` for a plain relay.
fn smtp_transport(url: &str) -> anyhow::Result<AsyncSmtpTransport<Tokio1Executor>> {
    let parsed = url::Url::parse(url)?;
    let plain = parsed.query_pairs().any(|(k, v)| k == "tls" && v == "none");
    let host = parsed
        .host_str()
        .ok_or_else(|| anyhow::anyhow!("the SMTP URL has no host"))?;
    let mut builder = match (parsed.scheme(), plain) {
        ("smtp", true) => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host),
        ("smtp", false) => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host)?,
        ("smtps", _) => AsyncSmtpTransport::<Tokio1Executor>::relay(host)?,
        (other, _) => anyhow::bail!("unsupported SMTP scheme {other}"),
    };
    if let Some(port) = parsed.port() {
        builder = builder.port(port);
    }
    if !parsed.username().is_empty() {
        let user = percent_decode(parsed.username());
        let pass = percent_decode(parsed.password().unwrap_or_default());
        builder = builder.credentials(lettre::transport::smtp::authentication::Credentials::new(
            user, pass,
        ));
    }
    Ok(builder.timeout(Some(Duration::from_secs(15))).build())
}

fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}
