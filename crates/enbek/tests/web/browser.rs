//! A headless Chromium for one test: its own chromedriver on a free port, a fresh profile, and
//! the checks every visited page gets (axe-core, a screenshot).

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

/// The repository's root (the workspace).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("the workspace root")
}

fn target() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root().join("target"), PathBuf::from)
}

const SETUP: &str = "run scripts/setup-browser to install Chromium, chromedriver and axe-core";

fn find_program(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    names.iter().find_map(|name| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|candidate| candidate.is_file())
    })
}

/// The axe-core script that `scripts/setup-browser` installs.
fn axe_source() -> String {
    let path = root().join("target/browser/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("axe-core is missing at {} ({e}): {SETUP}", path.display()))
}

/// How long a chromedriver just started may take to listen.
const DRIVER_START: Duration = Duration::from_secs(30);

/// A chromedriver listening on a free port of the loopback. A driver that exits before it
/// listens (its port taken meanwhile by another test's) is started again on another port.
async fn spawn_driver(program: &Path) -> (Child, u16) {
    for _ in 0..3 {
        let port = {
            let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
            listener.local_addr().expect("its address").port()
        };
        let mut driver = Command::new(program)
            .arg(format!("--port={port}"))
            .arg("--allowed-ips=127.0.0.1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("chromedriver does not start ({e}): {SETUP}"));
        let started = std::time::Instant::now();
        while started.elapsed() < DRIVER_START {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return (driver, port);
            }
            if driver.try_wait().ok().flatten().is_some() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let _ = driver.kill();
        let _ = driver.wait();
    }
    panic!("chromedriver does not listen: {SETUP}")
}

pub struct Browser {
    pub client: Client,
    base: String,
    driver: Child,
    profile: PathBuf,
    axe: String,
    /// The name screenshots of this browser start with.
    name: String,
    shots: std::sync::atomic::AtomicU32,
}

impl Browser {
    /// A new headless Chromium on the server at `base`; `name` prefixes its screenshots.
    pub async fn start(base: &str, name: &str) -> Browser {
        let driver_path = find_program(&["chromedriver"])
            .unwrap_or_else(|| panic!("chromedriver is not installed: {SETUP}"));
        let chromium = find_program(&["chromium", "chromium-browser"])
            .unwrap_or_else(|| panic!("chromium is not installed: {SETUP}"));
        let axe = axe_source();
        let (driver, port) = spawn_driver(&driver_path).await;
        let profile =
            std::env::temp_dir().join(format!("enbek-chromium-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&profile).expect("a profile folder");
        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": chromium,
                "args": [
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                    "--window-size=1280,1000",
                    format!("--user-data-dir={}", profile.display()),
                ],
                "prefs": { "intl.accept_languages": "en-US,en" }
            }),
        );
        let url = format!("http://127.0.0.1:{port}");
        // Chromium may be slow to start on a busy machine (the tests run in parallel): a
        // session that fails is asked for again, and the last error is the one reported.
        let mut last_error = String::new();
        let mut client = None;
        for _ in 0..5 {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(connector)
                .capabilities(capabilities.clone())
                .connect(&url)
                .await
            {
                Ok(c) => {
                    client = Some(c);
                    break;
                }
                Err(e) => {
                    last_error = e.to_string();
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            }
        }
        let client = client
            .unwrap_or_else(|| panic!("chromedriver gives no session ({last_error}): {SETUP}"));
        Browser {
            client,
            base: base.to_string(),
            driver,
            profile,
            axe,
            name: name.to_string(),
            shots: std::sync::atomic::AtomicU32::new(0),
        }
    }

    /// Opens a path of the server and checks the page.
    pub async fn open(&self, path: &str) {
        self.client
            .goto(&format!("{}{path}", self.base))
            .await
            .expect("the page opens");
        self.check(path).await;
    }

    /// Checks the page shown now: axe-core finds no serious or critical violation; a
    /// screenshot is kept.
    pub async fn check(&self, what: &str) {
        self.client
            .execute(&format!("{};return true;", self.axe), vec![])
            .await
            .expect("axe-core loads into the page");
        let found = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, { resultTypes: ['violations'] }).then(r => done(
                   r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                     .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at '
                       + v.nodes.map(n => n.target.join(' ')).join(', '))
                 ), e => done(['axe failed: ' + e]));",
                vec![],
            )
            .await
            .expect("axe-core runs");
        let violations: Vec<String> = serde_json::from_value(found).expect("a list of violations");
        let url = self.url().await;
        self.screenshot().await;
        assert!(
            violations.is_empty(),
            "accessibility of {what} ({url}):\n{}",
            violations.join("\n")
        );
    }

    async fn screenshot(&self) {
        let n = self.shots.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let png = self.client.screenshot().await.expect("a screenshot");
        let dir = target().join("screenshots");
        std::fs::create_dir_all(&dir).expect("the screenshots folder");
        std::fs::write(dir.join(format!("{}-{n:02}.png", self.name)), png).expect("saved");
    }

    pub async fn url(&self) -> String {
        self.client.current_url().await.expect("a URL").to_string()
    }

    pub async fn find(&self, css: &str) -> Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css} on a page of {}: {e}", self.base))
    }

    /// How many elements the page has that match `css`.
    pub async fn find_all_count(&self, css: &str) -> usize {
        self.client
            .find_all(Locator::Css(css))
            .await
            .expect("a search")
            .len()
    }

    pub async fn text(&self, css: &str) -> String {
        self.find(css).await.text().await.expect("its text")
    }

    /// The text of the whole page.
    pub async fn page_text(&self) -> String {
        self.text("body").await
    }

    pub async fn lang(&self) -> String {
        self.find("html")
            .await
            .attr("lang")
            .await
            .expect("an attribute")
            .unwrap_or_default()
    }

    pub async fn fill(&self, css: &str, value: &str) {
        let field = self.find(css).await;
        field.clear().await.expect("cleared");
        field.send_keys(value).await.expect("typed");
    }

    pub async fn choose(&self, css: &str, value: &str) {
        self.find(css)
            .await
            .select_by_value(value)
            .await
            .expect("chosen");
    }

    /// Clicks and waits for the page it leads to, then checks that page.
    pub async fn click_to(&self, css: &str, what: &str) {
        let old = self.find("html").await;
        self.find(css).await.click().await.expect("clicked");
        // The old page is gone once its root is stale.
        for _ in 0..100 {
            if old.attr("lang").await.is_err() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        self.find("main").await;
        self.check(what).await;
    }

    /// Runs a script in the page.
    pub async fn script(&self, source: &str) -> Value {
        self.client
            .execute(source, vec![])
            .await
            .expect("the script runs")
    }

    /// Switches the page shown to the language `lang` (kk, ru or en) with the header's switch.
    pub async fn switch_to(&self, lang: &str) {
        self.click_to(
            &format!(".langs button[value=\"{lang}\"]"),
            &format!("the switch to {lang}"),
        )
        .await;
        assert_eq!(self.lang().await, lang);
    }

    /// Signs in on the sign-in page, in the language `lang` when one is given.
    pub async fn sign_in(&self, lang: Option<&str>, login: &str, password: &str) {
        self.open("/sign-in").await;
        if let Some(lang) = lang {
            self.switch_to(lang).await;
        }
        self.fill("#login", login).await;
        self.fill("#password", password).await;
        self.click_to("form.stack button[type=submit]", "the sign-in")
            .await;
    }

    /// The status of the problem page shown now (its message's `data-status`).
    pub async fn status_shown(&self) -> Option<String> {
        self.find(".problem .message")
            .await
            .attr("data-status")
            .await
            .expect("an attribute")
    }

    /// Ends the browser's session (the browser quits), then its driver.
    pub async fn close(self) {
        let _ = self.client.clone().close().await;
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}
