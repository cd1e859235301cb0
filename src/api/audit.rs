//! The audit log (admins).

use omzien_core::staff::AuditLog;

use super::{call, ApiError, Request, STAFF_TIMEOUT};

/// The audit log, newest first.
pub async fn log(token: &str) -> Result<AuditLog, ApiError> {
    call(Request::get("/audit".into(), Some(token), STAFF_TIMEOUT)).await
}
