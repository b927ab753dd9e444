//! Start-up: connect and migrate, load reference data, build the state, start the worker and
//! serve. Tests use `start` to run the real server on a random port.

pub mod jobs;

use anyhow::Context;
use enbek_domain::accounts::access::Role;
use enbek_domain::registry::RegistryPerson;
use std::net::SocketAddr;
use std::sync::{Arc, RwLock};
use std::time::Duration;
use tokio::net::TcpListener;

use crate::accounts::interface::Purposes;
use crate::accounts::service::accounts as creds;
use crate::accounts::service::accounts::AccountSessions;
use crate::accounts::store::accounts;
use crate::api::Surface;
use crate::documents::contents::Contents;
use crate::documents::interface::{Addressees, Office};
use crate::documents::service::Archive;
use crate::exchange::pki::{self, crl::CrlChecker, ncanode::NcaNode, CmsVerifier, DevCa};
use crate::exchange::pki::{
    DocumentSigner, LocalSigner, NcaNodeSigner, RevocationChecker, SignatureVerifier,
};
use crate::exchange::registry::{HttpRegistry, Simulator, StateRegistry};
use crate::mediation::index::{ResumeIndex, VacancyIndex};
use crate::mediation::interface::ForRegistration;
use crate::mediation::service::matching::Matcher;
use crate::platform::audit;
use crate::platform::auth::Sessions;
use crate::platform::clock::Clock;
use crate::platform::config::{ServeArgs, VerifyArgs};
use crate::platform::db;
use crate::platform::db::Db;
use crate::platform::jobs::Dispatch;
use crate::platform::keys::Keys;
use crate::platform::metrics::Metrics;
use crate::platform::notify::delivery::Delivery;
use crate::platform::state::{AppState, Parts, Settings};
use crate::platform::transport::Gate;
use crate::reference::service::reference;
use crate::registration::interface::{Measures, Mediation};
use crate::registration::service::plans::PlanPurposes;

pub struct Running {
    pub addr: SocketAddr,
    /// The staff (AIS) listener, when configured apart from the public one.
    pub staff_addr: Option<SocketAddr>,
    pub state: AppState,
    pub server: tokio::task::JoinHandle<()>,
    pub worker: tokio::task::JoinHandle<()>,
    /// Keep what each server holds in memory (the calendar, the parameters, the vacancy index)
    /// that of the database.
    pub followers: Vec<tokio::task::JoinHandle<()>>,
}

/// Builds everything and starts serving; returns once the listener is bound.
pub async fn start(args: ServeArgs) -> anyhow::Result<Running> {
    anyhow::ensure!(
        args.header_timeout_ms > 0
            && args.body_timeout_ms > 0
            && args.max_connections > 0
            && args.max_connections_per_address > 0,
        "the connection timeouts and caps must be above zero"
    );
    let db = Db::connect(args.database_url.expose()).await?;
    reference::load_builtin(&db, args.dev)
        .await
        .context("loading reference data")?;
    db.optimize()
        .await
        .context("refreshing the planner's statistics")?;
    if let Some(path) = &args.organizations_file {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        reference::import_organizations(&db, &text)
            .await
            .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    }
    let national = match &args.localities_file {
        Some(path) => Some(
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?,
        ),
        None => None,
    };
    let base_places =
        reference::places(national.as_deref()).map_err(|e| anyhow::anyhow!("localities: {e}"))?;
    let clock = if args.dev {
        Clock::settable()
    } else {
        Clock::system()
    };
    // A development clock set by hand stands where it was left (restarts keep their time).
    if args.dev {
        if let Some(at) = crate::platform::dev_clock::stored(&db.pool).await? {
            clock.set(at)?;
            tracing::info!(%at, "development clock restored");
        }
    }
    if let Some(path) = &args.registry_file {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        let people: Vec<RegistryPerson> =
            serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))?;
        for p in &people {
            crate::exchange::registry::store::upsert(&db.pool, p, clock.now()).await?;
        }
        tracing::info!(count = people.len(), "registry simulator loaded from file");
    }
    if args.dev {
        ensure_dev_admin(
            &db,
            &clock,
            args.admin_password.as_ref().map(|s| s.expose()),
        )
        .await?;
    }
    let keys = Keys::shared(&db.pool, clock.now()).await?;
    let calendar = reference::stored_calendar(&db.pool).await?;
    let parameters = reference::stored_parameters(&db.pool).await?;
    let simulator = args
        .registry_url
        .is_none()
        .then(|| Arc::new(Simulator::new(db.pool.clone())));
    let registry: Arc<dyn StateRegistry> = match (&args.registry_url, &simulator) {
        (Some(url), _) => Arc::new(HttpRegistry::new(
            url,
            Duration::from_millis(args.registry_timeout_ms),
        )?),
        (None, Some(sim)) => sim.clone(),
        (None, None) => unreachable!("a simulator exists when no registry URL is given"),
    };
    let delivery = Delivery::new(
        args.smtp_url.as_ref().map(|s| s.expose()),
        &args.mail_from,
        args.sms_url.as_ref().map(|s| s.expose()),
        args.fund_url.as_ref().map(|s| s.expose()),
        args.dev,
    )?;
    let dev_ca = args.dev.then(|| Arc::new(DevCa::new(db.clone())));
    let verifier = signature_verifier(&args, dev_ca.clone())?;
    let public = bind(args.listen).await?;
    let addr = public.local_addr()?;
    let office = document_office(&args, &db, addr, verifier.clone(), dev_ca.clone())?;
    let signatures: Arc<dyn SignatureVerifier> = verifier;
    let mut parts = Parts::default();
    parts.insert(Arc::new(office));
    parts.insert(registry);
    if let Some(simulator) = simulator {
        parts.insert(simulator);
    }
    parts.insert(signatures);
    if let Some(dev_ca) = dev_ca {
        parts.insert(dev_ca);
    }
    parts.insert(Arc::new(reference::BasePlaces(base_places.clone())));
    parts.insert(Arc::new(reference::KnownOrganizations::default()));
    parts.insert(Arc::new(Matcher::default()));
    parts.insert(Arc::new(
        crate::mediation::service::open_data::Exporter::default(),
    ));
    let indexed = match args.vacancy_search.as_str() {
        "index" => true,
        "database" => false,
        other => anyhow::bail!("ENBEK_VACANCY_SEARCH is index or database, not {other}"),
    };
    parts.insert(Arc::new(VacancyIndex::new(indexed)));
    parts.insert(Arc::new(ResumeIndex::new(indexed)));
    parts.insert::<Arc<dyn Dispatch>>(Arc::new(jobs::Dispatcher));
    let sessions = Arc::new(AccountSessions::default());
    parts.insert::<Arc<dyn Sessions>>(sessions.clone());
    parts.insert(sessions);
    parts.insert::<Arc<dyn Mediation>>(Arc::new(ForRegistration));
    parts.insert::<Arc<dyn Measures>>(Arc::new(crate::measures::interface::ForRegistration));
    parts.insert::<Arc<dyn Addressees>>(Arc::new(crate::measures::interface::ForDocuments));
    parts.insert::<Arc<dyn Purposes>>(Arc::new(PlanPurposes));
    let state = AppState {
        db,
        clock,
        settings: Arc::new(Settings {
            dev: args.dev,
            token_ttl_hours: args.token_ttl_hours,
            max_body_bytes: args.max_body_bytes,
            login_address_limit: args.login_address_limit,
            trusted_proxies: args.trusted_proxies.clone(),
            body_timeout: Duration::from_millis(args.body_timeout_ms),
        }),
        calendar: Arc::new(RwLock::new(calendar)),
        parameters: Arc::new(RwLock::new(parameters)),
        delivery: Arc::new(delivery),
        metrics: Arc::new(Metrics::default()),
        keys: Arc::new(keys),
        places: Arc::new(RwLock::new(Arc::new(base_places))),
        worker_id: db::new_id(),
        parts: Arc::new(parts),
    };
    // The localities imported before are placed, and the organisations kept, before the first
    // request.
    reference::reload_places(&state).await?;
    reference::reload_organizations(&state).await?;
    crate::platform::jobs::schedule_purge(&state).await?;
    let (public_surface, staff) = match args.staff_listen {
        Some(addr) => (Surface::Portal, Some(bind(addr).await?)),
        None => (Surface::All, None),
    };
    let staff_addr = staff.as_ref().map(TcpListener::local_addr).transpose()?;
    // One gate for both listeners: the caps count every connection to this server.
    let gate = Gate::new(
        args.max_connections,
        args.max_connections_per_address,
        args.trusted_proxies.clone(),
    );
    let header_timeout = Duration::from_millis(args.header_timeout_ms);
    let mut servers = vec![serve(
        public,
        crate::api::app(state.clone(), public_surface),
        gate.clone(),
        header_timeout,
    )];
    if let Some(staff) = staff {
        servers.push(serve(
            staff,
            crate::api::app(state.clone(), Surface::All),
            gate,
            header_timeout,
        ));
    }
    let server = tokio::spawn(async move {
        for s in servers {
            let _ = s.await;
        }
    });
    let worker = crate::platform::jobs::spawn_worker(
        state.clone(),
        Duration::from_millis(args.worker_interval_ms),
    );
    let mut followers = vec![
        reference::follow(state.clone()),
        crate::mediation::service::matching::build_at_start(state.clone()),
    ];
    followers.extend(crate::mediation::index::follow(&state));
    tracing::info!(%addr, ?staff_addr, dev = args.dev, "serving");
    Ok(Running {
        addr,
        staff_addr,
        state,
        server,
        worker,
        followers,
    })
}

/// The signature verifier: the configured trusted CAs (and the development CA in dev mode),
/// their CRLs, and the national signing service for GOST.
fn signature_verifier(
    args: &ServeArgs,
    dev_ca: Option<Arc<DevCa>>,
) -> anyhow::Result<Arc<CmsVerifier>> {
    let anchors = trust_anchors(&args.trusted_ca_files)?;
    let timeout = Duration::from_millis(args.ncanode_timeout_ms);
    let mut revocation: Vec<Arc<dyn RevocationChecker>> = Vec::new();
    if !args.crl_urls.is_empty() {
        revocation.push(Arc::new(CrlChecker::new(args.crl_urls.clone(), timeout)?));
    }
    let gost = args
        .ncanode_url
        .as_deref()
        .map(|url| NcaNode::new(url, timeout))
        .transpose()?;
    tracing::info!(
        trusted_cas = anchors.len(),
        crl_sources = args.crl_urls.len(),
        gost = gost.is_some(),
        dev_ca = dev_ca.is_some(),
        "signature verification"
    );
    Ok(Arc::new(CmsVerifier::new(
        anchors, dev_ca, revocation, gost,
    )))
}

/// The certificates of the trusted CAs' PEM files.
fn trust_anchors(paths: &[std::path::PathBuf]) -> anyhow::Result<Vec<x509_cert::Certificate>> {
    let mut anchors = Vec::new();
    for path in paths {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        anchors.extend(
            pki::certs::from_pem(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?,
        );
    }
    Ok(anchors)
}

/// `enbek verify`: a document checked offline against the database that issued it, with the
/// trusted CAs of the configuration (no revocation list or signing service is reached: a
/// certificate whose revocation cannot be told is not accepted). Returns whether it is valid
/// and the answer, as `verifyDocument` gives it.
pub async fn verify(args: VerifyArgs) -> anyhow::Result<(bool, serde_json::Value)> {
    let url = args.database_url.expose();
    if let Some(path) = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
    {
        let path = path.split('?').next().unwrap_or_default();
        anyhow::ensure!(
            std::path::Path::new(path).exists(),
            "no database at {path}: give the issuing database's DATABASE_URL"
        );
    }
    let pdf =
        std::fs::read(&args.file).with_context(|| format!("reading {}", args.file.display()))?;
    let signature = match &args.signature {
        Some(path) => Some(pki::certs::der_of(
            &std::fs::read(path).with_context(|| format!("reading {}", path.display()))?,
        )?),
        None => None,
    };
    let db = Db::connect(url).await?;
    let dev_ca = args.dev.then(|| Arc::new(DevCa::new(db.clone())));
    let archive = Archive {
        db: db.clone(),
        verifier: Arc::new(CmsVerifier::new(
            trust_anchors(&args.trusted_ca_files)?,
            dev_ca,
            Vec::new(),
            None,
        )),
        contents: Contents::parse(&args.document_store)?,
    };
    // A development deployment's documents are judged at its clock, where it was left.
    let now = match args.dev {
        true => crate::platform::dev_clock::stored(&db.pool).await?,
        false => None,
    }
    .unwrap_or_else(|| Clock::system().now());
    let checked = archive
        .verify_file(&pdf, signature.as_deref(), now)
        .await
        .map_err(|e| anyhow::anyhow!("verifying: {}", e.code()))?;
    let valid = checked.valid();
    let view = crate::documents::http::view_at(&db.pool, now, checked)
        .await
        .map_err(|e| anyhow::anyhow!("describing: {}", e.code()))?;
    Ok((valid, serde_json::to_value(view)?))
}

/// The documents' signer, verifier and content store, and the address their QR codes lead to.
fn document_office(
    args: &ServeArgs,
    db: &Db,
    addr: SocketAddr,
    verifier: Arc<CmsVerifier>,
    dev_ca: Option<Arc<DevCa>>,
) -> anyhow::Result<Office> {
    let signer: Arc<dyn DocumentSigner> = match args.document_signer.as_str() {
        "local" => Arc::new(LocalSigner::new(&args.signing_dir, dev_ca)),
        "ncanode" => {
            let url = args.ncanode_url.as_deref().context(
                "ENBEK_DOCUMENT_SIGNER=ncanode needs the signing service's ENBEK_NCANODE_URL",
            )?;
            Arc::new(NcaNodeSigner::new(
                url,
                &args.signing_dir,
                Duration::from_millis(args.ncanode_timeout_ms),
            )?)
        }
        other => anyhow::bail!("ENBEK_DOCUMENT_SIGNER is `local` or `ncanode`, not `{other}`"),
    };
    let public_url = args
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{addr}"));
    tracing::info!(signer = %args.document_signer, store = %args.document_store, "documents");
    Ok(Office {
        signer,
        archive: Archive {
            db: db.clone(),
            verifier,
            contents: Contents::parse(&args.document_store)?,
        },
        public_url,
    })
}

async fn bind(addr: SocketAddr) -> anyhow::Result<TcpListener> {
    TcpListener::bind(addr)
        .await
        .with_context(|| format!("binding {addr}"))
}

fn serve(
    listener: TcpListener,
    app: axum::Router,
    gate: Gate,
    header_timeout: Duration,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(crate::platform::transport::serve(
        listener,
        app,
        gate,
        header_timeout,
        shutdown_signal(),
    ))
}

/// Development mode's `admin` account, with the password from ENBEK_ADMIN_PASSWORD: created on
/// first start, and given the current password when the variable changed since.
async fn ensure_dev_admin(db: &Db, clock: &Clock, password: Option<&str>) -> anyhow::Result<()> {
    let password =
        password.context("development mode needs ENBEK_ADMIN_PASSWORD for the admin account")?;
    if let Some(existing) = accounts::credentials(&db.pool, "admin").await? {
        if creds::verify_password(password, &existing.password_hash) {
            return Ok(());
        }
        let mut tx = db.begin().await?;
        accounts::set_password_hash(&mut tx, "admin", &creds::hash_password(password)?).await?;
        audit::Entry::new(clock.now(), "set_password", "account", &existing.id)
            .after(serde_json::json!({ "source": "ENBEK_ADMIN_PASSWORD" }))
            .record(&mut tx);
        tx.commit().await?;
        return Ok(());
    }
    let hash = creds::hash_password(password)?;
    let id = db::new_id();
    let mut tx = db.begin().await?;
    accounts::insert(
        &mut tx,
        &accounts::NewAccount {
            id: &id,
            login: "admin",
            password_hash: &hash,
            terms_version: None,
            locale: "en",
            at: clock.now(),
        },
    )
    .await?;
    accounts::grant(&mut tx, &id, Role::Administrator.as_str(), None).await?;
    audit::Entry::new(clock.now(), "create", "account", &id)
        .after(serde_json::json!({ "login": "admin", "role": "administrator" }))
        .record(&mut tx);
    tx.commit().await?;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = terminate => {} }
}
