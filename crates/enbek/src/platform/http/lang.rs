//! The language of the request (`Accept-Language`: kk, ru or en), for the texts a user reads.

use axum::extract::Request;
use axum::http::header::ACCEPT_LANGUAGE;
use axum::middleware::Next;
use axum::response::Response;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Kk,
    Ru,
    En,
}

impl Lang {
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Kk => "kk",
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "kk" => Some(Lang::Kk),
            "ru" => Some(Lang::Ru),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Of a text kept in the three languages, the one in this language.
    pub fn pick<'a>(self, kk: &'a str, ru: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Kk => kk,
            Lang::Ru => ru,
            Lang::En => en,
        }
    }

    /// The first of kk, ru, en named in an `Accept-Language` value, by its order there.
    pub fn from_accept_language(value: &str) -> Option<Lang> {
        value
            .split(',')
            .filter_map(|part| part.split(';').next())
            .filter_map(|tag| Lang::parse(tag.split('-').next().unwrap_or_default()))
            .next()
    }
}

tokio::task_local! {
    static LANG: Option<Lang>;
}

/// The language of the request being served, for error titles (English when none was asked).
pub fn current_lang() -> Lang {
    requested_lang().unwrap_or(Lang::En)
}

/// The language the request asked for in `Accept-Language`, if any.
pub fn requested_lang() -> Option<Lang> {
    LANG.try_with(|l| *l).ok().flatten()
}

pub async fn scope_language(request: Request, next: Next) -> Response {
    let lang = request
        .headers()
        .get(ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Lang::from_accept_language);
    LANG.scope(lang, next.run(request)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_known_language_is_taken() {
        assert_eq!(
            Lang::from_accept_language("de-DE, ru-RU;q=0.9, kk;q=0.8"),
            Some(Lang::Ru)
        );
        assert_eq!(Lang::from_accept_language("kk-KZ"), Some(Lang::Kk));
        assert_eq!(Lang::from_accept_language("fr"), None);
    }
}
