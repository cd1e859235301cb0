//! The agenda and its counts (programme lead and admins): `/api/v1/programme` and
//! `/api/v1/monitoring`. Asked for each time the page opens; nothing is kept.

use omzien_core::monitoring::{
    ActionChoice, ActionEdit, ActivityLink, EvaluationPack, Half, MonitoringReport, NewStory,
    NewSurvey, Programme, SurveyLink,
};

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

/// The agenda's actions by name, for the story form.
pub async fn story_actions(token: &str) -> Result<Vec<ActionChoice>, ApiError> {
    call(Request::get(
        "/stories/actions".into(),
        Some(token),
        STAFF_TIMEOUT,
    ))
    .await
}

/// Records a story.
pub async fn add_story(token: &str, story: &NewStory) -> Result<(), ApiError> {
    call(Request::post(
        "/stories".into(),
        Some(story),
        Some(token),
        STAFF_TIMEOUT,
    )?)
    .await
}

/// A one-time survey link for a kernteam partner.
pub async fn new_survey(token: &str, survey: &NewSurvey) -> Result<SurveyLink, ApiError> {
    call(Request::post(
        "/programme/surveys".into(),
        Some(survey),
        Some(token),
        STAFF_TIMEOUT,
    )?)
    .await
}

/// The half-yearly evaluation pack: the report and a CSV per table.
pub async fn evaluation(token: &str, half: Half) -> Result<EvaluationPack, ApiError> {
    call(Request::get(
        format!("/monitoring/evaluation?half={half}"),
        Some(token),
        STAFF_TIMEOUT,
    ))
    .await
}

/// Deletes a story (the programme lead or an admin); the server records who did.
pub async fn delete_story(token: &str, id: i64) -> Result<(), ApiError> {
    let mut request = Request::get(format!("/stories/{id}"), Some(token), STAFF_TIMEOUT);
    request.method = "DELETE";
    call(request).await
}
