//! Public-service monitoring (214 p.22, 214 p.43): the services whose delivery within term is
//! monitored, and the stages of a request.

use serde::Serialize;

/// The public services whose delivery within term is monitored (214 p.22).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Service {
    JobSeekerRegistration,
    UnemployedRegistration,
}

impl Service {
    pub const ALL: [Service; 2] = [
        Service::JobSeekerRegistration,
        Service::UnemployedRegistration,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Service::JobSeekerRegistration => "job_seeker_registration",
            Service::UnemployedRegistration => "unemployed_registration",
        }
    }

    pub fn parse(s: &str) -> Option<Service> {
        Service::ALL.into_iter().find(|sv| sv.as_str() == s)
    }
}

/// A stage of a request for a public service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Received,
    InProgress,
    ResultIssued,
    Refused,
    /// The person withdrew before a result: the request ends with neither result nor refusal.
    Withdrawn,
}

impl Stage {
    pub const ALL: [Stage; 5] = [
        Stage::Received,
        Stage::InProgress,
        Stage::ResultIssued,
        Stage::Refused,
        Stage::Withdrawn,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Received => "received",
            Stage::InProgress => "in_progress",
            Stage::ResultIssued => "result_issued",
            Stage::Refused => "refused",
            Stage::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(s: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// Whether the request ends at this stage.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            Stage::ResultIssued | Stage::Refused | Stage::Withdrawn
        )
    }

    /// Whether the stage answers the request, so that it counts as in term or late: a result or a
    /// refusal (a withdrawal answers nothing).
    pub fn is_answer(self) -> bool {
        matches!(self, Stage::ResultIssued | Stage::Refused)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_value_reads_back_from_its_name() {
        for service in Service::ALL {
            assert_eq!(Service::parse(service.as_str()), Some(service));
        }
        for stage in Stage::ALL {
            assert_eq!(Stage::parse(stage.as_str()), Some(stage));
        }
        assert_eq!(Stage::parse("lost"), None);
    }

    #[test]
    fn a_withdrawal_ends_the_request_without_answering_it() {
        assert!(Stage::Withdrawn.is_final() && !Stage::Withdrawn.is_answer());
        assert!(Stage::Refused.is_final() && Stage::Refused.is_answer());
        assert!(!Stage::InProgress.is_final() && !Stage::InProgress.is_answer());
    }
}
