//! `/api/v1/audit`: who read or changed which note, for admins only (`audit.rs` keeps
//! the log).

use axum::extract::State;
use axum::routing::get;
use axum::Router;
use omzien_core::staff::AuditLog;
use serde::Deserialize;

use super::auth::AuditReader;
use super::error::Error;
use super::extract::{Expected, Json, Query};
use super::state::AppState;
use crate::audit;

pub fn router() -> Router<AppState> {
    Router::new().route("/audit", get(entries))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AuditParams {
    note: Option<String>,
    limit: Option<u32>,
}

impl Expected for AuditParams {
    const EXPECTED: &'static str = "`?note=ID&limit=N`, each optional";
}

async fn entries(
    State(state): State<AppState>,
    AuditReader: AuditReader,
    Query(params): Query<AuditParams>,
) -> Result<Json<AuditLog>, Error> {
    let note = params.note.as_deref().filter(|n| !n.is_empty());
    Ok(Json(audit::entries(&state.pool, note, params.limit).await?))
}
