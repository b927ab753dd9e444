//! Throughput of the official documents (issue 14): how many are rendered as PDF/A-2b, signed
//! (a detached CMS signature, RSA-2048 and SHA-256), and rendered and signed, per second on one
//! core. The forms are 214 App.9 (one page) and App.10 (a two-page plan) in Kazakh and Russian,
//! with the fixed data of the golden tests. The organisation's key and certificate come from the
//! development CA on a temporary SQLite database, as the signing tests get them. Everything runs
//! on this one thread (the runtime is a current-thread one and is only used to set the key up).
//! Besides the wall-clock rates, the thread's own CPU time (Linux's `/proc/thread-self/schedstat`)
//! gives the rate per CPU-second, which holds when other work shares the machine.
//!
//! ```sh
//! cargo bench -p enbek --bench documents
//! ENBEK_BENCH_SECONDS=1 cargo bench -p enbek --bench documents   # a quicker run
//! ```

use std::time::{Duration, Instant};

use anyhow::Context;
use chrono::{DateTime, TimeZone, Utc};
use enbek::documents::interface::{render, Form, Seal};
use enbek::exchange::pki::certs;
use enbek::exchange::pki::signer::{sign_detached, SigningPair};
use enbek::exchange::pki::DevCa;
use enbek::platform::db::Db;
use enbek::web::Lang;
use rsa::pkcs8::DecodePrivateKey;
use rsa::RsaPrivateKey;
use sha2::{Digest, Sha256};
use x509_cert::Certificate;

#[path = "../tests/fixtures/documents.rs"]
mod fixtures;

/// The signing time: the forms' issue day, within the certificate's year.
fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 17, 5, 0, 0)
        .single()
        .expect("a time")
}

/// An organisation's key and certificate issued by the development CA on a temporary database
/// in `dir`.
async fn credentials(dir: &std::path::Path) -> anyhow::Result<(RsaPrivateKey, Vec<Certificate>)> {
    let db = Db::connect(&format!("sqlite://{}/enbek.db", dir.display())).await?;
    let issued = DevCa::new(db)
        .issue_organization("cc-astana-01", at(), "bench:documents")
        .await?;
    let key = RsaPrivateKey::from_pkcs8_pem(&issued.private_key_pem)?;
    let chain = certs::from_pem(&issued.certificate_pem).map_err(anyhow::Error::msg)?;
    Ok((key, chain))
}

/// The form as a PDF with its seal.
fn pdf(form: &Form, lang: Lang, seal: &Seal) -> anyhow::Result<Vec<u8>> {
    render(form, lang, seal).map_err(|e| anyhow::anyhow!("rendering: {e:?}"))
}

/// The times of one case, one per document.
struct Timing {
    times: Vec<Duration>,
    total: Duration,
    /// The thread's CPU time over the timed calls.
    cpu: Duration,
}

/// The CPU time this thread has run so far: the first field of `/proc/thread-self/schedstat`,
/// in nanoseconds.
fn cpu_time() -> anyhow::Result<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat")
        .context("the thread's CPU time (/proc/thread-self/schedstat, Linux)")?;
    let ns: u64 = stat
        .split_whitespace()
        .next()
        .context("an empty schedstat")?
        .parse()?;
    Ok(Duration::from_nanos(ns))
}

/// Runs `work` for a warm-up of a fifth of `seconds`, then for at least `seconds`, timing each
/// call.
fn measure(seconds: f64, mut work: impl FnMut() -> anyhow::Result<()>) -> anyhow::Result<Timing> {
    let warm_up = Duration::from_secs_f64(seconds / 5.0);
    let start = Instant::now();
    while start.elapsed() < warm_up {
        work()?;
    }
    let span = Duration::from_secs_f64(seconds);
    let mut times = Vec::new();
    let cpu = cpu_time()?;
    let start = Instant::now();
    while start.elapsed() < span {
        let one = Instant::now();
        work()?;
        times.push(one.elapsed());
    }
    Ok(Timing {
        times,
        total: start.elapsed(),
        cpu: cpu_time()? - cpu,
    })
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// A table row: the case, the PDF's size, documents per second of wall-clock time and per
/// CPU-second, the mean and median wall-clock time and the mean CPU time per document, how many
/// were timed.
fn row(form: &str, bytes: usize, what: &str, mut t: Timing) -> String {
    t.times.sort();
    let n = t.times.len();
    let mean = t.times.iter().sum::<Duration>() / u32::try_from(n).unwrap_or(u32::MAX);
    let median = t.times[n / 2];
    format!(
        "| {form} | {kb:.0} KB | {what} | {rate:.1} | {cpu_rate:.1} | {mean:.2} ms | {median:.2} ms | {cpu_mean:.2} ms | {n} |",
        kb = bytes as f64 / 1024.0,
        rate = n as f64 / t.total.as_secs_f64(),
        cpu_rate = n as f64 / t.cpu.as_secs_f64(),
        mean = ms(mean),
        median = ms(median),
        cpu_mean = ms(t.cpu) / n as f64,
    )
}

fn main() -> anyhow::Result<()> {
    let seconds: f64 = std::env::var("ENBEK_BENCH_SECONDS")
        .ok()
        .map(|s| {
            s.parse()
                .context("ENBEK_BENCH_SECONDS is a number of seconds")
        })
        .transpose()?
        .unwrap_or(3.0);
    let dir = std::env::temp_dir().join(format!("enbek-bench-documents-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let credentials = runtime.block_on(credentials(&dir));
    std::fs::remove_dir_all(&dir)?;
    let (key, chain) = credentials?;
    // Prepared once, as the service's signer keeps it.
    let key = SigningPair::new(&key)?;
    let seal = fixtures::seal();

    println!("Documents: rendered (PDF/A-2b), signed (CMS, RSA-2048, SHA-256), one core, {seconds} s a case after a warm-up\n");
    println!(
        "| form | PDF | work | documents/s | per CPU-s | mean | median | mean CPU | documents |"
    );
    println!("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    for lang in [Lang::Kk, Lang::Ru] {
        for (name, form) in fixtures::forms(lang) {
            // App.9 (one page) and App.10 (the two-page plan).
            if !matches!(name, "app9" | "app10") {
                continue;
            }
            let label = format!("214 {} {}", name.replace("app", "App."), lang.as_str());
            let bytes = pdf(&form, lang, &seal)?;
            let signed = sign_detached(&key, &chain, &bytes, at())?;
            anyhow::ensure!(signed.sha256 == Sha256::digest(&bytes).to_vec());

            let t = measure(seconds, || pdf(&form, lang, &seal).map(drop))?;
            println!("{}", row(&label, bytes.len(), "render", t));
            let t = measure(seconds, || {
                sign_detached(&key, &chain, &bytes, at()).map(drop)
            })?;
            println!("{}", row(&label, bytes.len(), "sign", t));
            let t = measure(seconds, || {
                let bytes = pdf(&form, lang, &seal)?;
                sign_detached(&key, &chain, &bytes, at()).map(drop)
            })?;
            println!("{}", row(&label, bytes.len(), "render + sign", t));
        }
    }
    Ok(())
}
