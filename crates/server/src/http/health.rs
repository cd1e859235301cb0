//! `/api/v1/health`: up, which version, and the newest catalogue cursor.

use axum::extract::State;
use axum::routing::get;
use axum::Router;
use omzien_core::wire::Health;

use super::error::Error;
use super::extract::Json;
use super::state::AppState;
use crate::catalogue;

pub fn router() -> Router<AppState> {
    Router::new().route("/health", get(health))
}

async fn health(State(state): State<AppState>) -> Result<Json<Health>, Error> {
    Ok(Json(Health {
        status: "ok".to_owned(),
        version: env!("CARGO_PKG_VERSION").to_owned(),
        cursor: catalogue::current_cursor(&state.pool).await?,
    }))
}
