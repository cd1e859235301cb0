//! The agenda and its counts (programme lead and admins): `/api/v1/programme` and
//! `/api/v1/monitoring`. Asked for each time the page opens; nothing is kept.

use omzien_core::monitoring::{ActionEdit, ActivityLink, Half, MonitoringReport, Programme};

use super::{call, ApiError, Request, STAFF_TIMEOUT};

/// The agenda's pillars, actions, expectations, milestones and budget.
pub async fn programme(token: &str) -> Result<Programme, ApiError> {
    call(Request::get(
        "/programme".into(),
        Some(token),
        STAFF_TIMEOUT,
    ))
    .await
}

/// Every count of a half year, already protected by the server.
pub async fn report(token: &str, half: Half) -> Result<MonitoringReport, ApiError> {
    call(Request::get(
        format!("/monitoring?half={half}"),
        Some(token),
        STAFF_TIMEOUT,
    ))
    .await
}

/// Replaces what the programme lead keeps of an action.
pub async fn edit_action(token: &str, id: &str, edit: &ActionEdit) -> Result<(), ApiError> {
    let mut request = Request::post(
        format!("/programme/actions/{}", super::segment(id)),
        Some(edit),
        Some(token),
        STAFF_TIMEOUT,
    )?;
    request.method = "PUT";
    call(request).await
}

/// Links an activity to the action it serves, or to none.
pub async fn link(token: &str, activity: &str, link: &ActivityLink) -> Result<(), ApiError> {
    let mut request = Request::post(
        format!("/programme/activities/{}/action", super::segment(activity)),
        Some(link),
        Some(token),
        STAFF_TIMEOUT,
    )?;
    request.method = "PUT";
    call(request).await
}
