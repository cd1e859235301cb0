//! `/api/v1/catalogue`: the editors' queue of new activities, publishing, an
//! activity's history and putting an earlier version back; an organiser's own
//! activities and who signed up for one (`editing.rs` does the work; edits themselves
//! come through the push).

use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::Router;
use omzien_core::edit::{
    History, Log, OwnActivities, OwnActivity, Queue, RevertRequest, StaleList,
};
use omzien_core::model::Activity;
use omzien_core::new_organisation::{NewOrganisation, Proposed};
use omzien_core::signup::SignUpList;

use super::auth::{CatalogueEditor, Keeper};
use super::error::Error;
use super::extract::{Expected, Json, Path};
use super::state::AppState;
use crate::auth::now_unix;
use crate::editing;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/catalogue/queue", get(queue))
        .route("/catalogue/mine", get(mine))
        .route("/catalogue/stale", get(stale))
        .route("/catalogue/log", get(log))
        .route("/catalogue/activities/{id}", get(one))
        .route("/catalogue/activities/{id}/publish", post(publish))
        .route("/catalogue/activities/{id}/history", get(history))
        .route("/catalogue/activities/{id}/revert", post(revert))
        .route("/catalogue/activities/{id}/sign-ups", get(sign_ups))
        .route(
            "/catalogue/organisations",
            post(propose_organisation).layer(DefaultBodyLimit::max(16 * 1024)),
        )
        .route(
            "/catalogue/organisations/{id}/publish",
            post(publish_organisation),
        )
}

impl Expected for NewOrganisation {
    const EXPECTED: &'static str = r#"{"name": "…", "description": "…", "contact": {"phone": "…", "email": "…", "website": "https://…"}}"#;
}

/// An organiser proposes her organisation; an editor adds one, published at once.
async fn propose_organisation(
    State(state): State<AppState>,
    Keeper(staff): Keeper,
    Json(proposal): Json<NewOrganisation>,
) -> Result<(StatusCode, Json<Proposed>), Error> {
    let made = editing::propose_organisation(&state.pool, &staff, proposal, today()?).await?;
    tracing::info!(
        by = staff.user_id,
        id = made.organisation.id,
        published = made.published,
        "organisation proposed"
    );
    Ok((StatusCode::CREATED, Json(made)))
}

async fn publish_organisation(
    State(state): State<AppState>,
    CatalogueEditor(editor): CatalogueEditor,
    Path(id): Path<String>,
) -> Result<StatusCode, Error> {
    editing::publish_organisation(&state.pool, editor.user_id, &id).await?;
    tracing::info!(by = editor.user_id, id, "organisation published");
    Ok(StatusCode::NO_CONTENT)
}

async fn queue(
    State(state): State<AppState>,
    CatalogueEditor(_): CatalogueEditor,
) -> Result<Json<Queue>, Error> {
    Ok(Json(editing::queue(&state.pool).await?))
}

fn today() -> Result<omzien_core::schedule::Date, Error> {
    omzien_core::ics::Stamp::from_unix_seconds(now_unix())
        .map(omzien_core::ics::Stamp::amsterdam_date)
        .ok_or_else(|| Error::Internal("the clock is beyond what a date can hold".to_owned()))
}

async fn mine(
    State(state): State<AppState>,
    Keeper(staff): Keeper,
) -> Result<Json<OwnActivities>, Error> {
    let organiser = (!staff.role.can_edit_catalogue()).then_some(staff.user_id);
    Ok(Json(
        editing::mine(&state.pool, organiser, state.freshness, today()?).await?,
    ))
}

async fn one(
    State(state): State<AppState>,
    Keeper(staff): Keeper,
    Path(id): Path<String>,
) -> Result<Json<OwnActivity>, Error> {
    let organiser = (!staff.role.can_edit_catalogue()).then_some(staff.user_id);
    Ok(Json(
        editing::one(&state.pool, organiser, &id, state.freshness, today()?).await?,
    ))
}

async fn sign_ups(
    State(state): State<AppState>,
    Keeper(staff): Keeper,
    Path(id): Path<String>,
) -> Result<Json<SignUpList>, Error> {
    Ok(Json(
        editing::sign_ups(&state.pool, &staff, &id, now_unix()).await?,
    ))
}

async fn stale(
    State(state): State<AppState>,
    CatalogueEditor(_): CatalogueEditor,
) -> Result<Json<StaleList>, Error> {
    Ok(Json(
        editing::stale(&state.pool, state.freshness, today()?).await?,
    ))
}

async fn log(
    State(state): State<AppState>,
    CatalogueEditor(_): CatalogueEditor,
) -> Result<Json<Log>, Error> {
    Ok(Json(editing::log(&state.pool).await?))
}

async fn publish(
    State(state): State<AppState>,
    CatalogueEditor(staff): CatalogueEditor,
    Path(id): Path<String>,
) -> Result<StatusCode, Error> {
    editing::publish(&state.pool, staff.user_id, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn history(
    State(state): State<AppState>,
    CatalogueEditor(_): CatalogueEditor,
    Path(id): Path<String>,
) -> Result<Json<History>, Error> {
    Ok(Json(editing::history(&state.pool, &id).await?))
}

impl Expected for RevertRequest {
    const EXPECTED: &'static str = r#"{"to": HISTORY_ENTRY_ID}"#;
}

async fn revert(
    State(state): State<AppState>,
    CatalogueEditor(staff): CatalogueEditor,
    Path(id): Path<String>,
    Json(RevertRequest { to }): Json<RevertRequest>,
) -> Result<Json<Activity>, Error> {
    let activity = editing::revert(&state.pool, staff.user_id, &id, to, now_unix()).await?;
    Ok(Json(activity))
}
