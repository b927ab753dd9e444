//! Prometheus metrics, one registry per running service (served at `/metrics`). No personal data
//! in any label.

use prometheus_client::encoding::text::encode;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::registry::Registry;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct HttpLabels {
    method: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct KindOutcome {
    kind: String,
    outcome: String,
}

pub struct Metrics {
    registry: Registry,
    http: Family<HttpLabels, Counter>,
    jobs: Family<KindOutcome, Counter>,
    notifications: Family<KindOutcome, Counter>,
    registrations: Family<KindOutcome, Counter>,
    searches: Family<Answered, Counter>,
    resume_searches: Family<Answered, Counter>,
    index_bytes: Family<Named, Gauge>,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Named {
    index: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Answered {
    by: String,
}

impl Default for Metrics {
    fn default() -> Self {
        let mut registry = Registry::with_prefix("enbek");
        let http = Family::<HttpLabels, Counter>::default();
        let jobs = Family::<KindOutcome, Counter>::default();
        let notifications = Family::<KindOutcome, Counter>::default();
        let registrations = Family::<KindOutcome, Counter>::default();
        let searches = Family::<Answered, Counter>::default();
        let resume_searches = Family::<Answered, Counter>::default();
        let index_bytes = Family::<Named, Gauge>::default();
        registry.register(
            "http_requests",
            "HTTP requests by method and status",
            http.clone(),
        );
        registry.register(
            "jobs",
            "Background jobs run, by kind and outcome",
            jobs.clone(),
        );
        registry.register(
            "notifications",
            "Outbound notifications, by channel and outcome",
            notifications.clone(),
        );
        registry.register(
            "registration_decisions",
            "Registration decisions, by channel and result",
            registrations.clone(),
        );
        registry.register(
            "vacancy_searches",
            "Vacancy searches and open-data pages, by what answered them (the index or the database)",
            searches.clone(),
        );
        registry.register(
            "resume_searches",
            "Searches of the published resumes, by what answered them (the index or the database)",
            resume_searches.clone(),
        );
        registry.register(
            "index_bytes",
            "The memory this server's in-memory indexes take, by index, as last built or published",
            index_bytes.clone(),
        );
        Metrics {
            registry,
            http,
            jobs,
            notifications,
            registrations,
            searches,
            resume_searches,
            index_bytes,
        }
    }
}

impl Metrics {
    pub fn http(&self, method: &str, status: u16) {
        self.http
            .get_or_create(&HttpLabels {
                method: method.to_string(),
                status,
            })
            .inc();
    }

    pub fn job(&self, kind: &str, outcome: &str) {
        self.jobs
            .get_or_create(&KindOutcome {
                kind: kind.into(),
                outcome: outcome.into(),
            })
            .inc();
    }

    pub fn notification(&self, channel: &str, outcome: &str) {
        self.notifications
            .get_or_create(&KindOutcome {
                kind: channel.into(),
                outcome: outcome.into(),
            })
            .inc();
    }

    pub fn registration(&self, channel: &str, result: &str) {
        self.registrations
            .get_or_create(&KindOutcome {
                kind: channel.into(),
                outcome: result.into(),
            })
            .inc();
    }

    pub fn vacancy_search(&self, by: &str) {
        self.searches
            .get_or_create(&Answered { by: by.into() })
            .inc();
    }

    pub fn resume_search(&self, by: &str) {
        self.resume_searches
            .get_or_create(&Answered { by: by.into() })
            .inc();
    }

    /// The bytes an in-memory index takes (`vacancy_search`, `resume_search`, `matching_people`,
    /// `matching_vacancies`), set when it is built or published.
    pub fn index_bytes(&self, index: &str, bytes: usize) {
        self.index_bytes
            .get_or_create(&Named {
                index: index.into(),
            })
            .set(i64::try_from(bytes).unwrap_or(i64::MAX));
    }

    pub fn render(&self) -> String {
        let mut out = String::new();
        encode(&mut out, &self.registry).expect("writing to a String cannot fail");
        out
    }
}
