//! The architecture test: the service's imports point one way (docs/ARCHITECTURE.md).
//!
//! `app` (the composition root) → `api` → contexts → `exchange` → `platform` → domain. A context
//! reaches another only through that context's `interface` module, and only down the order of
//! `CONTEXT_ORDER`, so no two contexts can ever import each other. The web frame (`web`: layout,
//! translations, sessions and CSRF, the pages' errors) stands below the contexts, on the platform
//! alone: a context's pages (`<context>/pages/`) use it, it uses no context. The test reads the
//! sources as text: every `crate::…` path outside comments is an import for this purpose.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The bounded contexts, lowest first: a context may use the `interface` of one listed before
/// it, never of one after it.
const CONTEXT_ORDER: [&str; 7] = [
    "reference",
    "accounts",
    "documents",
    "registration",
    "mediation",
    "measures",
    "reporting",
];

/// The web frame: below the contexts, above the platform alone.
const WEB: &str = "web";

#[derive(Debug, PartialEq, Eq, Clone, Copy)]
enum Layer {
    Root,
    Api,
    Context(usize),
    Web,
    Exchange,
    Platform,
}

fn layer(top: &str) -> Option<Layer> {
    Some(match top {
        "app" => Layer::Root,
        "api" => Layer::Api,
        "exchange" => Layer::Exchange,
        "platform" => Layer::Platform,
        WEB => Layer::Web,
        other => Layer::Context(CONTEXT_ORDER.iter().position(|c| *c == other)?),
    })
}

/// Why `from` (a module at the top of the crate) may not import `path` (after `crate::`), or
/// `None` when it may.
fn forbidden(from: &str, path: &str) -> Option<String> {
    let mut parts = path.split("::");
    let top = parts.next().unwrap_or_default();
    let second = parts.next();
    if top == from {
        return None;
    }
    let (Some(from_layer), Some(to_layer)) = (layer(from), layer(top)) else {
        return Some(format!("`crate::{top}` is not a known module of the crate"));
    };
    let allowed = match (from_layer, to_layer) {
        (Layer::Root, _) => true,
        (_, Layer::Root) => false,
        (Layer::Api, to) => to != Layer::Api,
        (_, Layer::Api) => false,
        (Layer::Context(a), Layer::Context(b)) => {
            if b > a {
                return Some(format!(
                    "context `{from}` may not use `{top}`, which stands above it"
                ));
            }
            if second != Some("interface") {
                return Some(format!(
                    "context `{from}` reaches `{top}` outside its interface (`crate::{path}`)"
                ));
            }
            true
        }
        (Layer::Context(_), Layer::Web | Layer::Exchange | Layer::Platform) => true,
        (Layer::Web, Layer::Platform) => true,
        (Layer::Exchange, Layer::Platform) => true,
        _ => false,
    };
    (!allowed).then(|| format!("`{from}` may not import `crate::{path}`"))
}

/// The `crate::…` paths of a source, comments left out.
fn crate_paths(source: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in source.lines() {
        let code = line.split("//").next().unwrap_or_default();
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            let before = rest[..at].chars().last();
            rest = &rest[at + "crate::".len()..];
            // `enbek_crate::x` or `my_crate::x` are other names.
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let path: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            found.push(path.trim_end_matches(':').to_string());
        }
    }
    found
}

/// Every breach in one file, whose module at the top of the crate is `from`.
fn breaches(from: &str, source: &str) -> Vec<String> {
    crate_paths(source)
        .iter()
        .filter_map(|path| forbidden(from, path))
        .collect()
}

fn sources(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("the source folder reads") {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            sources(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

#[test]
fn every_import_of_the_service_points_down() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut all = BTreeSet::new();
    for file in &files {
        let relative = file.strip_prefix(&src).expect("under src");
        let top = relative
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .expect("a file name");
        // lib.rs and main.rs assemble the crate.
        if top == "lib.rs" || top == "main.rs" {
            continue;
        }
        let from = top.trim_end_matches(".rs");
        let source = std::fs::read_to_string(file).expect("the source reads");
        for breach in breaches(from, &source) {
            all.insert(format!("{}: {breach}", relative.display()));
        }
    }
    assert!(
        all.is_empty(),
        "imports that break docs/ARCHITECTURE.md:\n{}",
        all.into_iter().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn a_forbidden_import_is_caught() {
    // The platform imports no context.
    assert_eq!(
        breaches("platform", "use crate::registration::store::registrations;").len(),
        1
    );
    // A context does not reach into another's store, even one below it.
    assert_eq!(
        breaches(
            "mediation",
            "let r = crate::registration::store::registrations::by_id(p, id);"
        )
        .len(),
        1
    );
    // A context does not use one above it, even through its interface: no cycles.
    assert_eq!(
        breaches(
            "registration",
            "use crate::mediation::interface::Selection;"
        )
        .len(),
        1
    );
    // Nothing but the composition root imports it, and no context imports the api.
    assert_eq!(breaches("api", "use crate::app::dev;").len(), 1);
    assert_eq!(breaches("accounts", "use crate::api::app;").len(), 1);
    // The exchange stands on the platform alone.
    assert_eq!(
        breaches("exchange", "use crate::accounts::interface::Caller;").len(),
        1
    );
    // The web frame uses the platform alone: no context, not the exchange; and nothing below
    // it uses it.
    assert_eq!(
        breaches("web", "use crate::mediation::service::employers;").len(),
        1
    );
    assert_eq!(
        breaches("web", "use crate::accounts::interface::directory;").len(),
        1
    );
    assert_eq!(breaches("web", "use crate::exchange::registry;").len(), 1);
    assert_eq!(breaches("platform", "use crate::web::Page;").len(), 1);
    assert_eq!(breaches("exchange", "use crate::web::render;").len(), 1);
    assert!(breaches("web", "use crate::platform::state::AppState;").is_empty());
    // A context's pages stand on the frame.
    assert!(breaches("mediation", "use crate::web::{render, Page};").is_empty());
    // What is allowed passes, and comments are not imports.
    assert!(breaches("mediation", "use crate::registration::interface::Case;").is_empty());
    assert!(breaches("registration", "use crate::platform::db::Tx;").is_empty());
    assert!(breaches("platform", "// see crate::registration::store").is_empty());
    assert!(breaches("app", "use crate::mediation::store::offers;").is_empty());
}

#[test]
fn the_context_order_has_each_context_once() {
    let unique: BTreeSet<_> = CONTEXT_ORDER.iter().collect();
    assert_eq!(unique.len(), CONTEXT_ORDER.len());
    assert!(!CONTEXT_ORDER.contains(&WEB));
}
