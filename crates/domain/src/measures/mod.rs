//! Active employment measures: subsidised jobs (206 p.31.3) and the referrals to the measures
//! (Order 129).

pub mod eligibility;
pub mod participation;
pub mod referral;
pub mod subsidised;
