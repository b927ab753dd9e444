//! What other contexts may use of the reference data: the checks of codes against it and the
//! reads of organisations and occupations.

pub(crate) use super::error::Code;
pub(crate) use super::service::reference::{
    check_education_level, check_locality, check_occupations, check_territory, known_region,
    occupation_names, occupations, organization, region_names, regions,
};
pub(crate) use super::store::reference::{search_key, search_words, Organization};

/// The reads of the reference store other contexts may make.
pub mod lookup {
    pub(crate) use crate::reference::store::reference::{
        occupation_by_code, occupation_exists, organization_by_id, organizations, rural_district_at,
    };
}
