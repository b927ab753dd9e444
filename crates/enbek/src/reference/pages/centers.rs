//! The labour mobility center of each region with its career centers and their rural
//! districts, as the reference data has them (`listOrganizations`).

use axum::extract::State;
use axum::response::Response;
use enbek_domain::accounts::access::OrgKind;
use serde::Deserialize;

use crate::platform::state::AppState;
use crate::reference::service::reference::{organizations, regions, Organization};
use crate::web::form::Choice;
use crate::web::{render, Frame, Lang, OrPage, Page, PageQuery, PageResult};

/// A center as the page lists it.
pub struct Center {
    pub name: String,
    /// Where people reach it (206 p.10), as far as the reference data gives it.
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// Its rural districts, for a career center.
    pub districts: Vec<String>,
}

/// A region with its centers.
pub struct RegionCenters {
    pub code: String,
    pub name: String,
    pub mobility: Vec<String>,
    pub career: Vec<Center>,
}

#[derive(askama::Template)]
#[template(path = "reference/centers.html")]
struct CentersPage {
    f: Frame,
    regions: Vec<Choice>,
    shown: Vec<RegionCenters>,
}

#[derive(Deserialize, Default)]
pub struct CentersQuery {
    #[serde(default)]
    region: String,
}

fn name(lang: Lang, o: &Organization) -> String {
    lang.pick(&o.name_kk, &o.name_ru, &o.name_en).to_string()
}

/// The centers of every region, or of the region chosen.
pub async fn centers(
    State(state): State<AppState>,
    page: Page,
    PageQuery(query): PageQuery<CentersQuery>,
) -> PageResult<Response> {
    let lang = page.tr().lang;
    let chosen = query.region.trim();
    let all = organizations(&state, None, None).await.or_page()?;
    let mut shown = Vec::new();
    let mut choices = Vec::new();
    for region in regions() {
        let region_name = lang
            .pick(&region.name_kk, &region.name_ru, &region.name_en)
            .to_string();
        choices.push(Choice {
            value: region.code.clone(),
            label: region_name.clone(),
            selected: region.code == chosen,
        });
        if !chosen.is_empty() && region.code != chosen {
            continue;
        }
        let here: Vec<&Organization> = all
            .iter()
            .filter(|o| o.region_code == region.code)
            .collect();
        let career = here
            .iter()
            .filter(|o| o.kind == OrgKind::CareerCenter)
            .map(|c| Center {
                name: name(lang, c),
                address: c.address.clone(),
                phone: c.phone.clone(),
                email: c.email.clone(),
                districts: here
                    .iter()
                    .filter(|d| {
                        d.kind == OrgKind::RuralDistrict
                            && d.parent_id.as_deref() == Some(c.id.as_str())
                    })
                    .map(|d| name(lang, d))
                    .collect(),
            })
            .collect();
        shown.push(RegionCenters {
            code: region.code,
            name: region_name,
            mobility: here
                .iter()
                .filter(|o| o.kind == OrgKind::MobilityCenter)
                .map(|o| name(lang, o))
                .collect(),
            career,
        });
    }
    render(&CentersPage {
        f: page.frame,
        regions: choices,
        shown,
    })
}
