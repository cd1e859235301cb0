//! `/api/v1/programme` and `/api/v1/monitoring` (issue 18): the agenda's actions as the
//! programme lead keeps them, the links from activities to actions, and the protected
//! counts. Programme lead (kartrekker) and admins; linking also for editors.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{delete, get, post, put};
use axum::Router;
use omzien_core::monitoring::{
    ActionChoice, ActionEdit, ActivityLink, EvaluationPack, Half, MonitoringReport, NewStory,
    NewSurvey, Programme, Stories, SurveyLink,
};
use serde::Deserialize;

use super::auth::{ActionLinker, Steerer, Teller};
use super::error::Error;
use super::extract::{Expected, Json, Path, Query};
use super::state::AppState;
use crate::{evaluation, monitoring, programme, vertellen};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/programme", get(read_programme))
        .route("/programme/actions/{id}", put(edit_action))
        .route("/programme/activities/{id}/action", put(link_activity))
        .route("/monitoring", get(report))
        .route("/monitoring/evaluation", get(evaluation_pack))
        .route("/stories", post(add_story).get(list_stories))
        .route("/stories/actions", get(story_actions))
        .route("/stories/{id}", delete(delete_story))
        .route("/programme/surveys", post(new_survey))
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

impl ReportParams {
    fn half(&self) -> Result<Half, Error> {
        match self.half.as_deref() {
            None | Some("") => Ok(monitoring::this_half()),
            Some(text) => Half::parse(text).ok_or_else(|| {
                Error::BadRequest(format!(
                    "'{text}' is geen halfjaar. Expected {}.",
                    ReportParams::EXPECTED
                ))
            }),
        }
    }
}

async fn report(
    State(state): State<AppState>,
    Steerer(_): Steerer,
    Query(params): Query<ReportParams>,
) -> Result<Json<MonitoringReport>, Error> {
    Ok(Json(monitoring::report(&state.pool, params.half()?).await?))
}

async fn evaluation_pack(
    State(state): State<AppState>,
    Steerer(lead): Steerer,
    Query(params): Query<ReportParams>,
) -> Result<Json<EvaluationPack>, Error> {
    let half = params.half()?;
    let pack = evaluation::pack(&state.pool, half)
        .await
        .map_err(|e| match e {
            evaluation::EvaluationError::Database(e) => Error::Database(e),
            other => Error::Internal(other.to_string()),
        })?;
    tracing::info!(by = lead.user_id, %half, "evaluation pack made");
    Ok(Json(pack))
}

impl Expected for NewStory {
    const EXPECTED: &'static str =
        r#"{"text": "...", "action_id": "meldpunt", "wijk": null, "consent": true}"#;
}

async fn add_story(
    State(state): State<AppState>,
    Teller(teller): Teller,
    Json(story): Json<NewStory>,
) -> Result<StatusCode, Error> {
    let id = vertellen::add_story(&state.pool, &story, teller.user_id).await?;
    tracing::info!(by = teller.user_id, id, "story recorded");
    Ok(StatusCode::CREATED)
}

async fn delete_story(
    State(state): State<AppState>,
    Steerer(lead): Steerer,
    Path(id): Path<String>,
) -> Result<StatusCode, Error> {
    // Story ids are numbers; anything else names no story.
    let id: i64 = id.parse().map_err(|_| Error::NotFound)?;
    if !vertellen::delete_story(&state.pool, id, lead.user_id).await? {
        return Err(Error::NotFound);
    }
    tracing::info!(by = lead.user_id, id, "story deleted");
    Ok(StatusCode::NO_CONTENT)
}

async fn story_actions(
    State(state): State<AppState>,
    Teller(_): Teller,
) -> Result<Json<Vec<ActionChoice>>, Error> {
    Ok(Json(vertellen::action_choices(&state.pool).await?))
}

async fn list_stories(
    State(state): State<AppState>,
    Steerer(_): Steerer,
    Query(params): Query<ReportParams>,
) -> Result<Json<Stories>, Error> {
    let half = params.half()?;
    Ok(Json(Stories {
        half: half.to_string(),
        stories: vertellen::stories(&state.pool, half, 1000).await?,
    }))
}

impl Expected for NewSurvey {
    const EXPECTED: &'static str = r#"{"partner": "Versa Welzijn", "half": "2026-H2"}"#;
}

async fn new_survey(
    State(state): State<AppState>,
    Steerer(lead): Steerer,
    Json(survey): Json<NewSurvey>,
) -> Result<(StatusCode, Json<SurveyLink>), Error> {
    let link = vertellen::new_survey(&state.pool, &survey, lead.user_id).await?;
    tracing::info!(
        by = lead.user_id,
        half = survey.half,
        "partner survey link made"
    );
    Ok((StatusCode::CREATED, Json(link)))
}
