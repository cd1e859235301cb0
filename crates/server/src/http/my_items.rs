//! `/api/v1/my/items`: what the signed-in staff member pushed herself (`my_items.rs`).

use axum::extract::State;
use axum::routing::get;
use axum::Router;
use omzien_core::staff::MyItems;

use super::error::Error;
use super::extract::Json;
use super::state::AppState;
use crate::auth::Staff;
use crate::my_items;

pub fn router() -> Router<AppState> {
    Router::new().route("/my/items", get(mine))
}

/// Any role: everyone may see what she sent, and only that.
async fn mine(State(state): State<AppState>, staff: Staff) -> Result<Json<MyItems>, Error> {
    Ok(Json(my_items::pushed_by(&state.pool, staff.user_id).await?))
}
