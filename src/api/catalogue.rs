//! Keeping the catalogue: an organiser's own activities, and the editors' queue, stale
//! list, history and revert. Changes themselves travel through the outbox (`sync`),
//! so that they work offline; these calls only read and publish.

use omzien_core::edit::{
    History, Log, OwnActivities, OwnActivity, Queue, RevertRequest, StaleList,
};
use omzien_core::new_organisation::{NewOrganisation, Proposed};
use omzien_core::signup::SignUpList;
use omzien_core::Activity;

use super::{call, segment, ApiError, Request, STAFF_TIMEOUT};

/// An organiser's own activities (an editor's: every one), published or not.
pub async fn mine(token: &str) -> Result<OwnActivities, ApiError> {
    call(Request::get(
        "/catalogue/mine".into(),
        Some(token),
        STAFF_TIMEOUT,
    ))
    .await
}

/// One activity to change, published or not; another organisation's is refused (403).
pub async fn one(token: &str, id: &str) -> Result<OwnActivity, ApiError> {
    call(Request::get(
        format!("/catalogue/activities/{}", segment(id)),
        Some(token),
        STAFF_TIMEOUT,
    ))
    .await
}

/// Who signed up for one activity and still comes; names only where the resident shared
/// them with its organiser. The caller keeps the answer in memory only.
pub async fn sign_ups(token: &str, id: &str) -> Result<SignUpList, ApiError> {
    call(Request::get(
        activity_path(id, "sign-ups"),
        Some(token),
        STAFF_TIMEOUT,
    ))
    .await
}

/// New activities waiting for an editor.
pub async fn queue(token: &str) -> Result<Queue, ApiError> {
    call(Request::get(
        "/catalogue/queue".into(),
        Some(token),
        STAFF_TIMEOUT,
    ))
    .await
}

/// Activities nobody confirmed in time, by organisation.
pub async fn stale(token: &str) -> Result<StaleList, ApiError> {
    call(Request::get(
        "/catalogue/stale".into(),
        Some(token),
        STAFF_TIMEOUT,
    ))
    .await
}

/// The newest changes by staff to any activity.
pub async fn log(token: &str) -> Result<Log, ApiError> {
    call(Request::get(
        "/catalogue/log".into(),
        Some(token),
        STAFF_TIMEOUT,
    ))
    .await
}

fn activity_path(id: &str, what: &str) -> String {
    format!("/catalogue/activities/{}/{what}", segment(id))
}

pub async fn publish(token: &str, id: &str) -> Result<(), ApiError> {
    call(Request::post::<()>(
        activity_path(id, "publish"),
        None,
        Some(token),
        STAFF_TIMEOUT,
    )?)
    .await
}

/// A new organisation: waiting for an editor (an organiser's), or published (an
/// editor's). Online only: it does not travel through the outbox.
pub async fn propose_organisation(
    token: &str,
    proposal: &NewOrganisation,
) -> Result<Proposed, ApiError> {
    call(Request::post(
        "/catalogue/organisations".into(),
        Some(proposal),
        Some(token),
        STAFF_TIMEOUT,
    )?)
    .await
}

pub async fn publish_organisation(token: &str, id: &str) -> Result<(), ApiError> {
    call(Request::post::<()>(
        format!("/catalogue/organisations/{}/publish", segment(id)),
        None,
        Some(token),
        STAFF_TIMEOUT,
    )?)
    .await
}

/// Every change by staff to one activity, newest first.
pub async fn history(token: &str, id: &str) -> Result<History, ApiError> {
    call(Request::get(
        activity_path(id, "history"),
        Some(token),
        STAFF_TIMEOUT,
    ))
    .await
}

/// Puts the version after history entry `to` back, as a new revision.
pub async fn revert(token: &str, id: &str, to: i64) -> Result<Activity, ApiError> {
    call(Request::post(
        activity_path(id, "revert"),
        Some(&RevertRequest { to }),
        Some(token),
        STAFF_TIMEOUT,
    )?)
    .await
}
