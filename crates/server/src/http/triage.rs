//! `/api/v1/notes`: the meldpunt's triage, for coordinators and admins (`triage.rs`
//! does the work). The list carries routing fields only; `GET /notes/{id}` is the one
//! way to a note's body, and every call of it is audited.

use axum::extract::State;
use axum::routing::{get, post};
use axum::Router;
use omzien_core::note::Urgency;
use omzien_core::staff::{
    Assignment, NoteDetail, NoteList, NoteListItem, NoteStatus, ReferralRequest, StatusChange,
};
use serde::Deserialize;

use super::auth::Triager;
use super::error::Error;
use super::extract::{Expected, Json, Path, Query};
use super::state::AppState;
use crate::auth::now_unix;
use crate::triage::{self, list::ListRequest};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/notes", get(list))
        .route("/notes/{id}", get(read))
        .route("/notes/{id}/status", post(change_status))
        .route("/notes/{id}/assignee", post(assign))
        .route("/notes/{id}/referral", post(refer))
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ListParams {
    status: Option<String>,
    wijk: Option<String>,
    urgency: Option<String>,
    older_than_days: Option<u32>,
    limit: Option<u32>,
    after: Option<String>,
}

impl Expected for ListParams {
    const EXPECTED: &'static str = "`?status=new|in_progress|referred|closed&wijk=ID&urgency=normal|this_week|today&older_than_days=N&limit=1..200&after=NEXT`, each optional";
}

impl ListParams {
    /// An empty value is no filter: that is what a form's "all" option sends.
    fn into_request(self) -> Result<ListRequest, Error> {
        let given = |value: Option<String>| value.filter(|v| !v.is_empty());
        let unknown = |what: &str, value: &str| {
            Error::BadRequest(format!(
                "Unknown {what} `{value}`. Expected {}.",
                Self::EXPECTED
            ))
        };
        let status = match given(self.status) {
            None => None,
            Some(s) => Some(NoteStatus::parse(&s).ok_or_else(|| unknown("status", &s))?),
        };
        let urgency = match given(self.urgency) {
            None => None,
            Some(u) => Some(Urgency::parse(&u).ok_or_else(|| unknown("urgency", &u))?),
        };
        Ok(ListRequest {
            status,
            wijk: given(self.wijk),
            urgency,
            older_than_days: self.older_than_days,
            limit: self.limit,
            after: given(self.after),
        })
    }
}

async fn list(
    State(state): State<AppState>,
    _: Triager,
    Query(params): Query<ListParams>,
) -> Result<Json<NoteList>, Error> {
    let request = params.into_request()?;
    Ok(Json(
        triage::list::page(&state.pool, &request, now_unix()).await?,
    ))
}

async fn read(
    State(state): State<AppState>,
    Triager(staff): Triager,
    Path(id): Path<String>,
) -> Result<Json<NoteDetail>, Error> {
    Ok(Json(
        triage::read(&state.pool, &staff, &id, now_unix()).await?,
    ))
}

impl Expected for StatusChange {
    const EXPECTED: &'static str = r#"{"status": "new" | "in_progress" | "referred" | "closed"}"#;
}

async fn change_status(
    State(state): State<AppState>,
    Triager(staff): Triager,
    Path(id): Path<String>,
    Json(StatusChange { status }): Json<StatusChange>,
) -> Result<Json<NoteListItem>, Error> {
    let note = triage::change_status(&state.pool, &staff, &id, status, now_unix()).await?;
    Ok(Json(note))
}

impl Expected for Assignment {
    const EXPECTED: &'static str = r#"{"assignee_id": USER_ID | null}"#;
}

async fn assign(
    State(state): State<AppState>,
    Triager(staff): Triager,
    Path(id): Path<String>,
    Json(Assignment { assignee_id }): Json<Assignment>,
) -> Result<Json<NoteListItem>, Error> {
    let note = triage::assign(&state.pool, &staff, &id, assignee_id, now_unix()).await?;
    Ok(Json(note))
}

impl Expected for ReferralRequest {
    const EXPECTED: &'static str = r#"{"to": "activity" | "buurtteam" | "welzijn_op_recept" | "luisterlijn" | "other", "activity_id": ID?, "note": TEXT?}"#;
}

async fn refer(
    State(state): State<AppState>,
    Triager(staff): Triager,
    Path(id): Path<String>,
    Json(request): Json<ReferralRequest>,
) -> Result<Json<NoteListItem>, Error> {
    let note = triage::refer(&state.pool, &staff, &id, &request, now_unix()).await?;
    Ok(Json(note))
}
