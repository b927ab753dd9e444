//! Command line and environment. `enbek --help` and `enbek serve --help` explain every item.

use clap::{Args, Parser, Subcommand};
use std::fmt;
use std::net::SocketAddr;

#[derive(Parser, Debug)]
#[command(
    name = "enbek",
    version,
    about = "Electronic Labor Exchange (enbek.kz) and AIS \"Labor Market\": the public employment services platform",
    long_about = "Electronic Labor Exchange (enbek.kz) and AIS \"Labor Market\".\n\n\
`enbek serve` runs the JSON API (OpenAPI at /api/v1/openapi.json), the citizen's web page at /, the health and \
metrics endpoints and the background worker. Configuration comes from flags or environment variables; \
`enbek serve --help` explains each.",
    after_long_help = "Environment variables (each also a flag of `enbek serve`):\n  \
DATABASE_URL               sqlite://PATH (default sqlite://data/enbek.db) or postgres://...\n  \
ENBEK_LISTEN               public listener (default 127.0.0.1:8080)\n  \
ENBEK_STAFF_LISTEN         separate listener for the AIS (staff) operations; none by default\n  \
ENBEK_DEV                  development mode (never on by default)\n  \
ENBEK_ADMIN_PASSWORD       password of the development admin account\n  \
ENBEK_REGISTRY_URL         state-registry gateway; the built-in simulator without it\n  \
ENBEK_REGISTRY_TIMEOUT_MS  time limit of one registry request\n  \
ENBEK_REGISTRY_FILE        JSON persons loaded into the simulator at start\n  \
ENBEK_ORGANIZATIONS_FILE   CSV of career centers and rural districts loaded at start\n  \
ENBEK_SMTP_URL             SMTP server for e-mail; ENBEK_MAIL_FROM its sender\n  \
ENBEK_SMS_URL              SMS gateway (JSON POST)\n  \
ENBEK_FUND_URL             State Social Insurance Fund gateway for job-loss payment applications\n  \
ENBEK_TOKEN_TTL_HOURS      lifetime of a login token\n  \
ENBEK_LOGIN_ADDRESS_LIMIT  failed logins allowed from one address in 15 minutes\n  \
ENBEK_TRUSTED_PROXIES      reverse proxies whose X-Forwarded-For names the client\n  \
ENBEK_WORKER_INTERVAL_MS   how often due work is looked for\n  \
ENBEK_MAX_BODY_BYTES       largest request body\n  \
ENBEK_TRUSTED_CA_FILES     PEM files of the CAs trusted for electronic signatures\n  \
ENBEK_CRL_URLS             their certificate revocation lists\n  \
ENBEK_NCANODE_URL          national signing service (NCANode) for GOST signatures\n  \
ENBEK_NCANODE_TIMEOUT_MS   time limit of a signing-service or CRL request\n  \
ENBEK_DOCUMENT_SIGNER      who signs issued documents: local (PEM files) or ncanode\n  \
ENBEK_SIGNING_DIR          the organisations' signing keys and certificates (./data/signing)\n  \
ENBEK_DOCUMENT_STORE       where documents' bytes are kept: database, or folder:PATH\n  \
ENBEK_PUBLIC_URL           the portal's public address, for documents' QR codes\n  \
ENBEK_BODY_TIMEOUT_MS      time a request body has to arrive in full\n  \
ENBEK_HEADER_TIMEOUT_MS    time to send a request head; also the keep-alive idle timeout\n  \
ENBEK_MAX_CONNECTIONS      simultaneous connections in all\n  \
ENBEK_MAX_CONNECTIONS_PER_ADDRESS  simultaneous connections from one address\n  \
ENBEK_LOG_FORMAT, RUST_LOG log format (json, pretty) and filter"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Serve the API and run the background work.
    Serve(Box<ServeArgs>),
    /// Verify a document offline, without the server: its PDF and, if you hold it, its detached
    /// signature (otherwise the signature the database keeps). Prints the same answer as
    /// `verifyDocument` (JSON) and exits 0 when the document is valid, 1 when it is not.
    Verify(VerifyArgs),
}

#[derive(Args, Clone, Debug)]
pub struct VerifyArgs {
    /// The document's PDF.
    pub file: std::path::PathBuf,

    /// Its detached CMS signature (`.p7s`: DER, PEM or base64).
    pub signature: Option<std::path::PathBuf>,

    /// The database that issued the document (`sqlite://PATH` or `postgres://…`).
    #[arg(
        long,
        env = "DATABASE_URL",
        hide_env_values = true,
        default_value = "sqlite://data/enbek.db"
    )]
    pub database_url: Secret,

    /// PEM files of the CAs trusted for electronic signatures, comma-separated.
    #[arg(long, env = "ENBEK_TRUSTED_CA_FILES", value_delimiter = ',')]
    pub trusted_ca_files: Vec<std::path::PathBuf>,

    /// Trust the development CA the database keeps, and judge at the development clock where it
    /// was left (a development deployment's documents).
    #[arg(long, env = "ENBEK_DEV", default_value_t = false)]
    pub dev: bool,

    /// Where the documents' bytes are kept: `database` or `folder:PATH`.
    #[arg(long, env = "ENBEK_DOCUMENT_STORE", default_value = "database")]
    pub document_store: String,
}

#[derive(Args, Clone)]
pub struct ServeArgs {
    /// Development mode: settable clock, on-demand due work, writable registry simulator, demo
    /// organisations, and an `admin` account with the password from ENBEK_ADMIN_PASSWORD.
    /// Never on by default.
    #[arg(long, env = "ENBEK_DEV", default_value_t = false)]
    pub dev: bool,

    /// Address of the public listener.
    #[arg(long, env = "ENBEK_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,

    /// A separate listener for the AIS "Labor Market" (206 p.28: not reachable from the
    /// internet). When given, the staff operations (career center, assistant, egov intake, cards,
    /// monitoring, audit, administration, development) are served only there, and the public
    /// listener serves the portal alone. Bind it to an internal network.
    #[arg(long, env = "ENBEK_STAFF_LISTEN")]
    pub staff_listen: Option<SocketAddr>,

    /// The database: `sqlite://PATH` or `postgres://USER@HOST:PORT/DB`. Default: an SQLite file
    /// under ./data/, created on first start.
    #[arg(
        long,
        env = "DATABASE_URL",
        hide_env_values = true,
        default_value = "sqlite://data/enbek.db"
    )]
    pub database_url: Secret,

    /// Password of the `admin` account created in development mode.
    #[arg(long, env = "ENBEK_ADMIN_PASSWORD", hide_env_values = true)]
    pub admin_password: Option<Secret>,

    /// Base URL of the state-registry gateway (HTTP adapter). Without it, the built-in simulator
    /// stored in the database answers.
    #[arg(long, env = "ENBEK_REGISTRY_URL")]
    pub registry_url: Option<String>,

    /// Time limit of one registry request, in milliseconds.
    #[arg(long, env = "ENBEK_REGISTRY_TIMEOUT_MS", default_value_t = 3000)]
    pub registry_timeout_ms: u64,

    /// A JSON file of registry persons (an array of upsertRegistryPerson bodies) loaded into the
    /// simulator at start.
    #[arg(long, env = "ENBEK_REGISTRY_FILE")]
    pub registry_file: Option<std::path::PathBuf>,

    /// A CSV file of career centers and rural districts loaded at start (format:
    /// crates/enbek/data/reference/organizations.example.csv).
    #[arg(long, env = "ENBEK_ORGANIZATIONS_FILE")]
    pub organizations_file: Option<std::path::PathBuf>,

    /// A CSV file of localities with their coordinates, for daily commutes (format:
    /// crates/enbek/data/reference/localities.csv, whose sample is always loaded).
    #[arg(long, env = "ENBEK_LOCALITIES_FILE")]
    pub localities_file: Option<std::path::PathBuf>,

    /// SMTP server for e-mail notifications: `smtp://USER:PASS@HOST:PORT` (STARTTLS),
    /// `smtps://…` (TLS) or `smtp://HOST:PORT?tls=none` (plain, for a local relay).
    /// Without it, e-mail waits in the outbox (in development mode it is kept and listed).
    #[arg(long, env = "ENBEK_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<Secret>,

    /// Sender address of e-mail notifications.
    #[arg(long, env = "ENBEK_MAIL_FROM", default_value = "noreply@enbek.kz")]
    pub mail_from: String,

    /// SMS gateway URL: each message is POSTed as JSON `{to, text, id}`; a 2xx answer means
    /// accepted. Without it, SMS waits in the outbox (kept and listed in development mode).
    #[arg(long, env = "ENBEK_SMS_URL", hide_env_values = true)]
    pub sms_url: Option<Secret>,

    /// The State Social Insurance Fund's gateway: each job-loss payment application is POSTed
    /// to it as JSON; a 2xx answer means received. Without it, applications wait (kept and
    /// listed in development mode).
    #[arg(long, env = "ENBEK_FUND_URL", hide_env_values = true)]
    pub fund_url: Option<Secret>,

    /// Lifetime of a login token, in hours.
    #[arg(long, env = "ENBEK_TOKEN_TTL_HOURS", default_value_t = 12)]
    pub token_ttl_hours: i64,

    /// Failed logins from one client address at any accounts in 24 hours before each further one
    /// makes its next attempt wait (1 s, doubling, at most 60 s). Nothing is locked, and an
    /// account that has signed in from the address before is not slowed. Keep it above what one
    /// office behind a shared address may mistype.
    #[arg(long, env = "ENBEK_LOGIN_ADDRESS_LIMIT", default_value_t = 100)]
    pub login_address_limit: u32,

    /// Addresses of reverse proxies in front of the service, comma-separated. A request from one
    /// of them is counted against the client address its `X-Forwarded-For` names; any other
    /// request against its own peer address (the header is then ignored).
    #[arg(long, env = "ENBEK_TRUSTED_PROXIES", value_delimiter = ',')]
    pub trusted_proxies: Vec<std::net::IpAddr>,

    /// Who answers the vacancy and resume searches: `index` (each server's full-text indexes,
    /// built at start and following the database) or `database` (every search reads the table).
    #[arg(long, env = "ENBEK_VACANCY_SEARCH", default_value = "index")]
    pub vacancy_search: String,

    /// How often the background worker looks for due work, in milliseconds.
    #[arg(long, env = "ENBEK_WORKER_INTERVAL_MS", default_value_t = 1000)]
    pub worker_interval_ms: u64,

    /// Largest accepted request body, in bytes.
    #[arg(long, env = "ENBEK_MAX_BODY_BYTES", default_value_t = 1_048_576)]
    pub max_body_bytes: usize,

    /// Log format: `json` (structured) or `pretty`. Filter with RUST_LOG (default `info`).
    #[arg(long, env = "ENBEK_LOG_FORMAT", default_value = "json")]
    pub log_format: String,

    /// PEM files of the CA certificates trusted for electronic signatures (the national CA's
    /// roots and intermediates), comma-separated. In development mode the local development CA
    /// is trusted besides them.
    #[arg(long, env = "ENBEK_TRUSTED_CA_FILES", value_delimiter = ',')]
    pub trusted_ca_files: Vec<std::path::PathBuf>,

    /// URLs of the trusted CAs' certificate revocation lists (DER or PEM), comma-separated; each
    /// list is kept until its nextUpdate. A certificate whose issuer has no reachable, current
    /// list is refused (revocation unknown).
    #[arg(long, env = "ENBEK_CRL_URLS", value_delimiter = ',')]
    pub crl_urls: Vec<String>,

    /// Base URL of the national signing service (NCANode API v3), which verifies GOST
    /// signatures. Without it, a GOST signature is refused as unsupported.
    #[arg(long, env = "ENBEK_NCANODE_URL")]
    pub ncanode_url: Option<String>,

    /// Time limit of one request to the signing service or a CRL source, in milliseconds.
    #[arg(long, env = "ENBEK_NCANODE_TIMEOUT_MS", default_value_t = 5000)]
    pub ncanode_timeout_ms: u64,

    /// Who signs the documents issued: `local` (keys and certificates in PEM files in
    /// ENBEK_SIGNING_DIR: `<organisation id>.key.pem` and `.cert.pem`; in development mode the
    /// development CA issues each organisation its certificate at first use) or `ncanode` (the
    /// national signing service at ENBEK_NCANODE_URL, with each organisation's key container
    /// `<organisation id>.p12` and its password `<organisation id>.p12.password` there).
    #[arg(long, env = "ENBEK_DOCUMENT_SIGNER", default_value = "local")]
    pub document_signer: String,

    /// The folder of the organisations' signing keys and certificates.
    #[arg(long, env = "ENBEK_SIGNING_DIR", default_value = "./data/signing")]
    pub signing_dir: std::path::PathBuf,

    /// Where issued documents' bytes are kept: `database` (the default) or `folder:PATH`.
    #[arg(long, env = "ENBEK_DOCUMENT_STORE", default_value = "database")]
    pub document_store: String,

    /// The portal's public address, which a document's QR code leads to (its verification
    /// page); by default `http://` and the listening address.
    #[arg(long, env = "ENBEK_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Time a client has to send a complete request head, in milliseconds, counted from the
    /// moment the connection waits for one: when it opens, and on a kept-alive connection when
    /// the previous response is written (so it is also the keep-alive idle timeout). A
    /// connection that takes longer is closed.
    #[arg(long, env = "ENBEK_HEADER_TIMEOUT_MS", default_value_t = 10_000)]
    pub header_timeout_ms: u64,

    /// Time a request body has to arrive in full, in milliseconds from its request head; a
    /// slower one is answered 408 `request_timeout` and its connection closed.
    #[arg(long, env = "ENBEK_BODY_TIMEOUT_MS", default_value_t = 30_000)]
    pub body_timeout_ms: u64,

    /// Simultaneous connections in all (both listeners); one more is closed at once.
    #[arg(long, env = "ENBEK_MAX_CONNECTIONS", default_value_t = 4096)]
    pub max_connections: usize,

    /// Simultaneous connections from one client address; one more is closed at once. Trusted
    /// proxies (ENBEK_TRUSTED_PROXIES) are exempt.
    #[arg(long, env = "ENBEK_MAX_CONNECTIONS_PER_ADDRESS", default_value_t = 64)]
    pub max_connections_per_address: usize,
}

impl fmt::Debug for ServeArgs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServeArgs")
            .field("dev", &self.dev)
            .field("listen", &self.listen)
            .field("database_url", &self.database_url)
            .field("registry_url", &self.registry_url)
            .finish_non_exhaustive()
    }
}

/// A configuration value that must not appear in logs.
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl std::str::FromStr for Secret {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Secret(s.to_string()))
    }
}

impl From<&str> for Secret {
    fn from(s: &str) -> Self {
        Secret(s.to_string())
    }
}
