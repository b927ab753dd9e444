//! What other contexts may use of active measures: the subsidised-job applications as a staff
//! member reads them (`listSubsidisedJobApplications`).

pub(crate) use super::error::Code;
pub(crate) use super::service::subsidised::applications_page;
