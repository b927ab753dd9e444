//! Public-service monitoring (214 p.22, 214 p.43): the services whose delivery within term is
//! monitored, and the stages of a request.

crate::codes! { as_str;
    /// The public services whose delivery within term is monitored (214 p.22).
    pub enum Service {
        JobSeekerRegistration = "job_seeker_registration",
        UnemployedRegistration = "unemployed_registration",
        /// "Issuing referrals to active employment measures" (Order 129).
        ActiveMeasureReferral = "active_measure_referral",
    }
}

crate::codes! { as_str;
    /// A stage of a request for a public service.
    pub enum Stage {
        Received = "received",
        InProgress = "in_progress",
        ResultIssued = "result_issued",
        Refused = "refused",
        /// The person withdrew before a result: the request ends with neither result nor refusal.
        Withdrawn = "withdrawn",
    }
}

impl Stage {
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
    fn a_withdrawal_ends_the_request_without_answering_it() {
        assert!(Stage::Withdrawn.is_final() && !Stage::Withdrawn.is_answer());
        assert!(Stage::Refused.is_final() && Stage::Refused.is_answer());
        assert!(!Stage::InProgress.is_final() && !Stage::InProgress.is_answer());
    }
}
