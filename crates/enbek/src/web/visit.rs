//! The visitor: the language (a remembered choice, else `Accept-Language`, else Kazakh), the
//! session cookie of a signed-in person, and the CSRF protection of every form.
//!
//! Cookies: `enbek_lang` (the language), `enbek_session` (the session token; the accounts context
//! stores only its hash, as for the API's bearer tokens), `enbek_csrf` (a random nonce). All are
//! HttpOnly and SameSite=Lax, and Secure unless the server runs with `--dev`. A form carries
//! `csrf`, an HMAC of the nonce and the session's hash under the deployment's key (every server of
//! it checks what another made): a form of another site, or one kept from before signing in or
//! out, is refused with 403.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request, State};
use axum::http::header::{ACCEPT_LANGUAGE, COOKIE, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use rand::RngCore;
use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::platform::auth::{token_hash, Caller, Session, Sessions, RESUME_READERS};
use crate::platform::keys::Keys;
use crate::platform::state::AppState;
use crate::web::error::{self, Failure, OrPage, PageError};
use crate::web::i18n::{Lang, Tr};
use enbek_domain::accounts::access::Role;

pub const LANG_COOKIE: &str = "enbek_lang";
pub const SESSION_COOKIE: &str = "enbek_session";
pub const CSRF_COOKIE: &str = "enbek_csrf";
/// The language is remembered for a year.
pub const LANG_MAX_AGE: i64 = 365 * 24 * 3600;
/// The CSRF nonce lives as long as the browser keeps it, at most a day.
const CSRF_MAX_AGE: i64 = 24 * 3600;
/// The form field that carries the CSRF token.
pub const CSRF_FIELD: &str = "csrf";

/// What the frame knows of a request before any page runs.
#[derive(Clone)]
pub struct Visit {
    pub lang: Lang,
    /// Whether the language is one the visitor chose with the switch on this browser (else the
    /// browser's or Kazakh, and a signed-in person's pages follow their account's).
    pub chosen: bool,
    nonce: String,
    fresh_nonce: bool,
    session: Option<String>,
    /// Whether cookies are sent only over HTTPS (not in development mode).
    pub secure: bool,
    /// The deployment's keys, which tag the CSRF tokens.
    keys: Arc<Keys>,
}

impl Visit {
    /// The hash of the session token, as the accounts context stores it.
    fn session_hash(&self) -> Option<String> {
        self.session.as_deref().map(token_hash)
    }

    /// The CSRF token of this visitor's forms.
    /// Whether `sent` is this visit's CSRF token (compared in constant time), for a form the
    /// frame's `CsrfForm` does not read (a file upload).
    pub fn csrf_holds(&self, sent: Option<&str>) -> bool {
        csrf_valid(self, sent)
    }

    pub fn csrf(&self) -> String {
        csrf_token(self)
    }

    /// The signed-in person, if the session cookie names a live session.
    pub async fn caller(&self, state: &AppState) -> Result<Option<Caller>, PageError> {
        let Some(hash) = self.session_hash() else {
            return Ok(None);
        };
        let sessions = state.part::<Arc<dyn Sessions>>();
        let session = sessions
            .session(&state.db.pool, &hash, state.clock.now())
            .await
            .or_page()?;
        Ok(session.map(|s| {
            let Session {
                account_id,
                login,
                iin,
                locale,
                grants,
            } = s;
            Caller {
                account_id,
                login,
                iin,
                locale,
                grants,
                token_hash: hash,
            }
        }))
    }
}

/// The cookies of a request, by name (the first of each name).
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty())
}

/// Adds a cookie to a response: HttpOnly, SameSite=Lax, Path=/, Secure unless in development.
pub fn set_cookie(
    response: &mut Response,
    name: &str,
    value: &str,
    max_age: Option<i64>,
    secure: bool,
) {
    let mut cookie = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
    if let Some(seconds) = max_age {
        cookie.push_str(&format!("; Max-Age={seconds}"));
    }
    if secure {
        cookie.push_str("; Secure");
    }
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(SET_COOKIE, value);
    }
}

/// Removes a cookie.
pub fn clear_cookie(response: &mut Response, name: &str, secure: bool) {
    set_cookie(response, name, "", Some(0), secure);
}

fn is_token(value: &str) -> bool {
    (16..=128).contains(&value.len())
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// What a CSRF token tags: the nonce, and the session's hash ("-" before signing in).
const CSRF_PURPOSE: &str = "csrf";

fn csrf_token(visit: &Visit) -> String {
    let session = visit.session_hash();
    visit.keys.tag(
        CSRF_PURPOSE,
        &[&visit.nonce, session.as_deref().unwrap_or("-")],
    )
}

fn csrf_valid(visit: &Visit, sent: Option<&str>) -> bool {
    let Some(sent) = sent else {
        return false;
    };
    if visit.fresh_nonce {
        // The browser sent no nonce: no form of ours can be behind this request.
        return false;
    }
    let session = visit.session_hash();
    visit.keys.tag_holds(
        CSRF_PURPOSE,
        &[&visit.nonce, session.as_deref().unwrap_or("-")],
        sent,
    )
}

fn new_nonce() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// The frame's middleware around every page: it reads the visit, gives a new visitor a CSRF
/// nonce, renders a failure as the error page in the visitor's language, and sets the headers.
pub async fn visit(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let headers = request.headers();
    let chosen = cookie(headers, LANG_COOKIE).and_then(Lang::parse);
    let lang = chosen
        .or_else(|| {
            headers
                .get(ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::from_accept_language)
        })
        // Kazakh, the state language, when the visitor says nothing.
        .unwrap_or(Lang::Kk);
    let (nonce, fresh_nonce) = match cookie(headers, CSRF_COOKIE).filter(|n| is_token(n)) {
        Some(n) => (n.to_string(), false),
        None => (new_nonce(), true),
    };
    let session = cookie(headers, SESSION_COOKIE)
        .filter(|t| is_token(t))
        .map(str::to_string);
    let visit = Visit {
        lang,
        chosen: chosen.is_some(),
        nonce,
        fresh_nonce,
        session,
        secure: !state.settings.dev,
        keys: state.keys.clone(),
    };
    let here = request
        .uri()
        .path_and_query()
        .map_or("/".to_string(), |p| p.as_str().to_string());
    request.extensions_mut().insert(visit.clone());
    let response = next.run(request).await;
    let mut response = match Failure::of(response).await {
        Ok(response) => response,
        Err(failure) => error::page(&state, &visit, &here, failure).await,
    };
    if visit.fresh_nonce {
        set_cookie(
            &mut response,
            CSRF_COOKIE,
            &visit.nonce,
            Some(CSRF_MAX_AGE),
            visit.secure,
        );
    }
    super::page_headers(&mut response);
    response
}

/// A staff desk the header links: where it starts and the text id of its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Desk {
    pub href: &'static str,
    pub label: &'static str,
}

/// The desks of each staff role: the career center's workspace (specialists, and mobility center
/// officers, who work the region's cases), the rural assistant's forwarding desk, the dashboards
/// of the mobility center and the ministry, the administration, and an education organisation's
/// referrals.
fn desks_of(caller: &Caller) -> Vec<Desk> {
    const WORKSPACE: Desk = Desk {
        href: "/workspace",
        label: "nav-workspace",
    };
    const ASSISTANT: Desk = Desk {
        href: "/assistant",
        label: "nav-assistant",
    };
    const DASHBOARDS: Desk = Desk {
        href: "/dashboards",
        label: "nav-dashboards",
    };
    const ADMIN: Desk = Desk {
        href: "/admin",
        label: "nav-admin",
    };
    const EDUCATION: Desk = Desk {
        href: "/education/referrals",
        label: "nav-education",
    };
    let mut desks = Vec::new();
    for grant in &caller.grants {
        let of_role: &[Desk] = match grant.role {
            Role::CareerCenterSpecialist => &[WORKSPACE],
            Role::MobilityCenterOfficer => &[WORKSPACE, DASHBOARDS],
            Role::Assistant => &[ASSISTANT],
            Role::MinistryOfficer => &[DASHBOARDS],
            Role::Administrator => &[ADMIN],
            Role::EducationStaff => &[EDUCATION],
            _ => &[],
        };
        for desk in of_role {
            if !desks.contains(desk) {
                desks.push(*desk);
            }
        }
    }
    desks
}

/// What every page's layout shows: the texts of the visitor's language, the CSRF token of its
/// forms, whether someone is signed in, and where the page is (for the language switch).
pub struct Frame {
    pub tr: Tr,
    pub csrf: String,
    /// The signed-in account's login, shown in the header.
    pub account: Option<String>,
    /// The staff desks the signed-in account's roles open, as header links (empty for people
    /// and employers, whose header links the cabinet).
    pub desks: Vec<Desk>,
    /// Whether the header links the published resumes: for a visitor (who is asked to sign in)
    /// and for those who may read them, not for a job seeker.
    pub resumes: bool,
    /// The path and query of the page, to come back to after switching the language.
    pub here: String,
}

impl Frame {
    /// The frame in the visitor's language: the one chosen on this browser, else the one the
    /// signed-in person's account keeps, else the browser's.
    pub fn new(visit: &Visit, caller: Option<&Caller>, here: &str) -> Frame {
        let kept = caller
            .filter(|_| !visit.chosen)
            .and_then(|c| Lang::parse(&c.locale));
        Frame {
            tr: Tr::new(kept.unwrap_or(visit.lang)),
            csrf: visit.csrf(),
            account: caller.map(|c| c.login.clone()),
            desks: caller.map(desks_of).unwrap_or_default(),
            resumes: caller
                .is_none_or(|c| c.grants.iter().any(|g| RESUME_READERS.contains(&g.role))),
            here: here.to_string(),
        }
    }

    pub fn t(&self, id: &str) -> String {
        self.tr.t(id)
    }

    pub fn lang(&self) -> &'static str {
        self.tr.lang.as_str()
    }

    /// Whether the page is in this language (for the language switch).
    pub fn is_lang(&self, code: &str) -> bool {
        self.tr.lang.as_str() == code
    }
}

/// A page request: its frame and the signed-in person, if any.
pub struct Page {
    pub frame: Frame,
    pub caller: Option<Caller>,
    pub visit: Visit,
}

impl Page {
    pub fn tr(&self) -> Tr {
        self.frame.tr
    }

    /// The signed-in person; for a visitor, the 401 page that says to sign in.
    pub fn signed_in(&self) -> Result<&Caller, PageError> {
        self.caller.as_ref().ok_or_else(PageError::sign_in_first)
    }
}

impl FromRequestParts<AppState> for Page {
    type Rejection = PageError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let visit = parts
            .extensions
            .get::<Visit>()
            .cloned()
            .ok_or_else(|| PageError::internal("a page outside the web layer"))?;
        let caller = visit.caller(state).await?;
        let here = parts
            .uri
            .path_and_query()
            .map_or("/", |p| p.as_str())
            .to_string();
        Ok(Page {
            frame: Frame::new(&visit, caller.as_ref(), &here),
            caller,
            visit,
        })
    }
}

#[derive(Deserialize, Default)]
struct CsrfField {
    csrf: Option<String>,
}

/// A form sent to a page (`application/x-www-form-urlencoded`), accepted only with its CSRF
/// token: 403 and a page that says what to do otherwise.
pub struct CsrfForm<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for CsrfForm<T> {
    type Rejection = PageError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let visit = request
            .extensions()
            .get::<Visit>()
            .cloned()
            .ok_or_else(|| PageError::internal("a form outside the web layer"))?;
        let body = Bytes::from_request(request, state)
            .await
            .map_err(|_| PageError::bad_request())?;
        let sent: CsrfField = serde_urlencoded::from_bytes(&body).unwrap_or_default();
        if !csrf_valid(&visit, sent.csrf.as_deref()) {
            return Err(PageError::csrf());
        }
        let form = serde_urlencoded::from_bytes(&body).map_err(|_| PageError::bad_request())?;
        Ok(CsrfForm(form))
    }
}

/// A page's query string, read into `T` (whose fields should be text, checked by the page).
pub struct PageQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for PageQuery<T> {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or_default();
        serde_urlencoded::from_str(query)
            .map(PageQuery)
            .map_err(|_| PageError::bad_request())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn visit(nonce: &str, session: Option<&str>) -> Visit {
        Visit {
            lang: Lang::Kk,
            chosen: false,
            nonce: nonce.to_string(),
            fresh_nonce: false,
            session: session.map(str::to_string),
            secure: true,
            keys: Arc::new(Keys::from_secret(&[7; 32])),
        }
    }

    #[test]
    fn a_csrf_token_holds_for_its_nonce_and_session_only() {
        let anonymous = visit("a".repeat(64).as_str(), None);
        let token = anonymous.csrf();
        assert!(csrf_valid(&anonymous, Some(&token)));
        assert!(!csrf_valid(&anonymous, None));
        assert!(!csrf_valid(&anonymous, Some("00")));
        assert!(!csrf_valid(&visit(&"b".repeat(64), None), Some(&token)));
        // Signing in changes the token: a form from before no longer counts.
        let signed_in = visit(&"a".repeat(64), Some("enb_0123456789abcdef"));
        assert!(!csrf_valid(&signed_in, Some(&token)));
        assert!(csrf_valid(&signed_in, Some(&signed_in.csrf())));
        // A browser that sent no nonce sent no form of ours.
        let mut fresh = anonymous.clone();
        fresh.fresh_nonce = true;
        assert!(!csrf_valid(&fresh, Some(&token)));
        // Another server of the deployment holds the same key and takes the form; a server of
        // another deployment does not.
        let mut elsewhere = anonymous.clone();
        elsewhere.keys = Arc::new(Keys::from_secret(&[7; 32]));
        assert!(csrf_valid(&elsewhere, Some(&token)));
        elsewhere.keys = Arc::new(Keys::from_secret(&[8; 32]));
        assert!(!csrf_valid(&elsewhere, Some(&token)));
    }

    #[test]
    fn cookies_are_http_only_lax_and_secure_outside_development() {
        let mut response = Response::new(axum::body::Body::empty());
        set_cookie(&mut response, SESSION_COOKIE, "enb_x", Some(60), true);
        set_cookie(&mut response, LANG_COOKIE, "ru", None, false);
        clear_cookie(&mut response, CSRF_COOKIE, true);
        let set: Vec<&str> = response
            .headers()
            .get_all(SET_COOKIE)
            .iter()
            .map(|v| v.to_str().unwrap())
            .collect();
        assert_eq!(
            set,
            [
                "enbek_session=enb_x; Path=/; HttpOnly; SameSite=Lax; Max-Age=60; Secure",
                "enbek_lang=ru; Path=/; HttpOnly; SameSite=Lax",
                "enbek_csrf=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0; Secure",
            ]
        );
    }

    #[test]
    fn cookies_are_read_by_name() {
        let mut headers = HeaderMap::new();
        headers.insert(COOKIE, "a=1; enbek_lang=ru;x=".parse().unwrap());
        assert_eq!(cookie(&headers, LANG_COOKIE), Some("ru"));
        assert_eq!(cookie(&headers, "x"), None);
        assert_eq!(cookie(&headers, "b"), None);
    }
}
