//! Roles and the scope of staff (206 p.9, 206 p.17–19, 206 p.23–24; docs/AUTHORIZATION.md).

use serde::{Deserialize, Serialize};

crate::codes! { as_str;
    /// The roles of docs/AUTHORIZATION.md, plus the system account through which the egov portal
    /// delivers applications (214 p.26).
    #[derive(Hash)]
    pub enum Role {
        Citizen = "citizen",
        Employer = "employer",
        CareerCenterSpecialist = "career_center_specialist",
        Assistant = "assistant",
        MobilityCenterOfficer = "mobility_center_officer",
        LocalExecutiveOfficer = "local_executive_officer",
        MinistryOfficer = "ministry_officer",
        Administrator = "administrator",
        EgovGateway = "egov_gateway",
        /// A staff member of an education organisation that trains persons referred to it
        /// (129 App.4): returns the tear-off notices of its courses.
        EducationStaff = "education_staff",
    }
}

impl Role {
    /// The kind of organisation a staff account of this role belongs to; `None` for roles that
    /// are not tied to one organisation.
    pub fn organization_kind(self) -> Option<OrgKind> {
        match self {
            Role::CareerCenterSpecialist => Some(OrgKind::CareerCenter),
            Role::Assistant => Some(OrgKind::RuralDistrict),
            Role::MobilityCenterOfficer | Role::LocalExecutiveOfficer => {
                Some(OrgKind::MobilityCenter)
            }
            Role::EducationStaff => Some(OrgKind::EducationOrganization),
            _ => None,
        }
    }

    /// Whether the role works with registered persons' cases, each within its scope
    /// (docs/AUTHORIZATION.md). The administrator, the ministry and the egov gateway do not.
    pub fn does_casework(self) -> bool {
        matches!(
            self,
            Role::CareerCenterSpecialist | Role::MobilityCenterOfficer | Role::Assistant
        )
    }

    /// Whether an administrator may create a staff account with this role (citizens and
    /// employers sign up themselves).
    pub fn is_staff(self) -> bool {
        !matches!(self, Role::Citizen | Role::Employer)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    MobilityCenter,
    CareerCenter,
    RuralDistrict,
    /// A college, a university or a training center that runs the courses career centers refer
    /// persons to (129 App.4).
    EducationOrganization,
}

impl OrgKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OrgKind::MobilityCenter => "mobility_center",
            OrgKind::CareerCenter => "career_center",
            OrgKind::RuralDistrict => "rural_district",
            OrgKind::EducationOrganization => "education_organization",
        }
    }

    pub fn parse(s: &str) -> Option<OrgKind> {
        [
            OrgKind::MobilityCenter,
            OrgKind::CareerCenter,
            OrgKind::RuralDistrict,
            OrgKind::EducationOrganization,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// Where a person's card sits: the career center that keeps it and that center's region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardPlace<'a> {
    pub career_center_id: &'a str,
    pub region_code: &'a str,
    /// The rural district whose assistant forwarded the application, if any.
    pub forwarded_by: Option<&'a str>,
}

/// A staff member's grant: the role and the organisation it is held in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant<'a> {
    pub role: Role,
    pub organization_id: Option<&'a str>,
    pub region_code: Option<&'a str>,
}

/// Whether a staff grant reaches a person's card (docs/AUTHORIZATION.md: a specialist sees persons
/// of their own career center, an officer those of their region, an assistant those they
/// forwarded). The administrator administers and does no casework (206 p.17–19): no card is within
/// its reach.
pub fn may_see_card(grant: &Grant<'_>, place: &CardPlace<'_>) -> bool {
    match grant.role {
        Role::CareerCenterSpecialist => grant.organization_id == Some(place.career_center_id),
        Role::MobilityCenterOfficer => grant.region_code == Some(place.region_code),
        Role::Assistant => {
            grant.organization_id.is_some() && grant.organization_id == place.forwarded_by
        }
        _ => false,
    }
}

/// The rural district whose assistant serves a person (214 p.14, 214 p.71, 214 p.73): the one
/// where the person lives, whichever channel they applied through; failing that, the one whose
/// assistant forwarded their application. `None`: the person is reached without an assistant.
pub fn serving_district<'a>(
    home_district: Option<&'a str>,
    forwarded_by: Option<&'a str>,
) -> Option<&'a str> {
    home_district.or(forwarded_by)
}

/// Whether a grant is the assistant of the rural district that serves the person, who may
/// record the person's answer to an offer (214 p.51(2), 214 p.72): no other assistant, and no
/// other role.
pub fn assistant_serves(grant: &Grant<'_>, serving_district: Option<&str>) -> bool {
    grant.role == Role::Assistant
        && grant.organization_id.is_some()
        && grant.organization_id == serving_district
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLACE: CardPlace<'static> = CardPlace {
        career_center_id: "cc-a",
        region_code: "110000000",
        forwarded_by: Some("rd-x"),
    };

    fn grant(role: Role, org: &'static str, region: &'static str) -> Grant<'static> {
        Grant {
            role,
            organization_id: Some(org),
            region_code: Some(region),
        }
    }

    #[test]
    fn a_specialist_sees_only_persons_of_their_own_center() {
        assert!(may_see_card(
            &grant(Role::CareerCenterSpecialist, "cc-a", "110000000"),
            &PLACE
        ));
        assert!(!may_see_card(
            &grant(Role::CareerCenterSpecialist, "cc-b", "110000000"),
            &PLACE
        ));
    }

    #[test]
    fn an_officer_sees_persons_of_their_region_only() {
        assert!(may_see_card(
            &grant(Role::MobilityCenterOfficer, "mc-1", "110000000"),
            &PLACE
        ));
        assert!(!may_see_card(
            &grant(Role::MobilityCenterOfficer, "mc-2", "710000000"),
            &PLACE
        ));
    }

    #[test]
    fn an_assistant_sees_only_what_their_district_forwarded() {
        assert!(may_see_card(
            &grant(Role::Assistant, "rd-x", "110000000"),
            &PLACE
        ));
        assert!(!may_see_card(
            &grant(Role::Assistant, "rd-y", "110000000"),
            &PLACE
        ));
    }

    #[test]
    fn citizens_ministry_employers_and_administrators_see_no_cards() {
        for role in [
            Role::Citizen,
            Role::Employer,
            Role::MinistryOfficer,
            Role::EgovGateway,
            Role::Administrator,
            Role::EducationStaff,
        ] {
            assert!(!may_see_card(&grant(role, "cc-a", "110000000"), &PLACE));
        }
    }

    #[test]
    fn only_specialists_officers_and_assistants_do_casework() {
        let caseworkers: Vec<Role> = Role::ALL
            .into_iter()
            .filter(|r| r.does_casework())
            .collect();
        assert_eq!(
            caseworkers,
            [
                Role::CareerCenterSpecialist,
                Role::Assistant,
                Role::MobilityCenterOfficer
            ]
        );
    }

    #[test]
    fn the_district_where_a_person_lives_serves_them_whatever_the_channel() {
        assert_eq!(serving_district(Some("rd-x"), None), Some("rd-x"));
        assert_eq!(serving_district(Some("rd-x"), Some("rd-y")), Some("rd-x"));
        assert_eq!(serving_district(None, Some("rd-y")), Some("rd-y"));
        assert_eq!(serving_district(None, None), None);
    }

    #[test]
    fn only_the_assistant_of_the_serving_district_answers_for_the_person() {
        assert!(assistant_serves(
            &grant(Role::Assistant, "rd-x", "110000000"),
            Some("rd-x")
        ));
        assert!(!assistant_serves(
            &grant(Role::Assistant, "rd-y", "110000000"),
            Some("rd-x")
        ));
        assert!(!assistant_serves(
            &grant(Role::Assistant, "rd-x", "110000000"),
            None
        ));
        let unattached = Grant {
            role: Role::Assistant,
            organization_id: None,
            region_code: None,
        };
        assert!(!assistant_serves(&unattached, None));
        for role in Role::ALL.into_iter().filter(|r| *r != Role::Assistant) {
            assert!(!assistant_serves(
                &grant(role, "rd-x", "110000000"),
                Some("rd-x")
            ));
        }
    }
}
