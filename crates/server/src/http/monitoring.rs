//! `/api/v1/programme` and `/api/v1/monitoring` (issue 18): the agenda's actions as the
//! programme lead keeps them, the links from activities to actions, and the protected
//! counts. Programme lead (kartrekker) and admins; linking also for editors.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, put};
use axum::Router;
use omzien_core::monitoring::{ActionEdit, ActivityLink, Half, MonitoringReport, Programme};
use serde::Deserialize;

use super::auth::{ActionLinker, Steerer};
use super::error::Error;
use super::extract::{Expected, Json, Path, Query};
use super::state::AppState;
use crate::{monitoring, programme};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/programme", get(read_programme))
        .route("/programme/actions/{id}", put(edit_action))
        .route("/programme/activities/{id}/action", put(link_activity))
        .route("/monitoring", get(report))
}

async fn read_programme(
    State(state): State<AppState>,
    Steerer(_): Steerer,
) -> Result<Json<Programme>, Error> {
    Ok(Json(programme::programme(&state.pool).await?))
}

impl Expected for ActionEdit {
    const EXPECTED: &'static str = r#"{"planning": "...", "expectations": [{"half": "2026-H2", "measure": "sign_ups", "count": 40}], "milestones": [{"name": "...", "due": "2026-10-01", "done": null}]}"#;
}

async fn edit_action(
    State(state): State<AppState>,
    Steerer(lead): Steerer,
    Path(id): Path<String>,
    Json(edit): Json<ActionEdit>,
) -> Result<StatusCode, Error> {
    programme::edit_action(&state.pool, &id, &edit, lead.user_id).await?;
    tracing::info!(by = lead.user_id, id, "agenda action edited");
    Ok(StatusCode::NO_CONTENT)
}

impl Expected for ActivityLink {
    const EXPECTED: &'static str = r#"{"action_id": "meldpunt"} or {"action_id": null}"#;
}

async fn link_activity(
    State(state): State<AppState>,
    ActionLinker(staff): ActionLinker,
    Path(id): Path<String>,
    Json(link): Json<ActivityLink>,
) -> Result<StatusCode, Error> {
    programme::link_activity(&state.pool, &id, link.action_id.as_deref(), staff.user_id).await?;
    tracing::info!(by = staff.user_id, activity = id, action = ?link.action_id, "activity linked");
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReportParams {
    half: Option<String>,
}

impl Expected for ReportParams {
    const EXPECTED: &'static str = "`?half=2026-H2` (optional: this half year when absent)";
}

async fn report(
    State(state): State<AppState>,
    Steerer(_): Steerer,
    Query(params): Query<ReportParams>,
) -> Result<Json<MonitoringReport>, Error> {
    let half = match params.half.as_deref() {
        None | Some("") => monitoring::this_half(),
        Some(text) => Half::parse(text).ok_or_else(|| {
            Error::BadRequest(format!(
                "'{text}' is geen halfjaar. Expected {}.",
                ReportParams::EXPECTED
            ))
        })?,
    };
    Ok(Json(monitoring::report(&state.pool, half).await?))
}
