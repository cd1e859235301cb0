//! The meldpunt's triage: the list of concern notes, one note (the server audits each
//! read), and what a coordinator does with it.

use omzien_core::staff::{
    Assignment, NoteDetail, NoteList, NoteListItem, NoteStatus, ReferralRequest, StatusChange,
};
use serde::Serialize;

use super::{call, segment, ApiError, Request, STAFF_TIMEOUT};

/// The triage list's filters, as `GET /notes` takes them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NoteFilter {
    pub status: String,
    pub wijk: String,
    pub urgency: String,
    pub older_than_days: String,
}

/// One page of the list: the first (`after: None`), or the one after a page's `next`.
/// The page size is the server's default (`omzien_core::staff::NOTE_PAGE`).
pub async fn list(
    token: &str,
    filter: &NoteFilter,
    after: Option<&str>,
) -> Result<NoteList, ApiError> {
    let mut query = String::new();
    for (name, value) in [
        ("status", filter.status.as_str()),
        ("wijk", filter.wijk.as_str()),
        ("urgency", filter.urgency.as_str()),
        ("older_than_days", filter.older_than_days.as_str()),
        ("after", after.unwrap_or_default()),
    ] {
        if !value.is_empty() {
            query.push(if query.is_empty() { '?' } else { '&' });
            query.push_str(&format!("{name}={}", segment(value)));
        }
    }
    call(Request::get(
        format!("/notes{query}"),
        Some(token),
        STAFF_TIMEOUT,
    ))
    .await
}

/// One note with its body; the server writes an audit row for this read.
pub async fn get(token: &str, id: &str) -> Result<NoteDetail, ApiError> {
    call(Request::get(
        format!("/notes/{}", segment(id)),
        Some(token),
        STAFF_TIMEOUT,
    ))
    .await
}

async fn act<B: Serialize>(
    token: &str,
    id: &str,
    action: &str,
    body: &B,
) -> Result<NoteListItem, ApiError> {
    call(Request::post(
        format!("/notes/{}/{action}", segment(id)),
        Some(body),
        Some(token),
        STAFF_TIMEOUT,
    )?)
    .await
}

pub async fn set_status(
    token: &str,
    id: &str,
    status: NoteStatus,
) -> Result<NoteListItem, ApiError> {
    act(token, id, "status", &StatusChange { status }).await
}

pub async fn assign(
    token: &str,
    id: &str,
    assignee_id: Option<i64>,
) -> Result<NoteListItem, ApiError> {
    act(token, id, "assignee", &Assignment { assignee_id }).await
}

pub async fn refer(
    token: &str,
    id: &str,
    referral: &ReferralRequest,
) -> Result<NoteListItem, ApiError> {
    act(token, id, "referral", referral).await
}
