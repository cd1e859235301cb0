//! `/api/v1/my/items`: what the signed-in staff member pushed herself (`my_items.rs`).

use axum::extract::State;
use axum::routing::get;
use axum::Router;
use omzien_core::staff::{MyItems, Role};

use super::auth::require;
use super::error::Error;
use super::extract::Json;
use super::state::AppState;
use crate::auth::Staff;
use crate::my_items;

pub fn router() -> Router<AppState> {
    Router::new().route("/my/items", get(mine))
}

/// Every role that may push: each may see what she sent, and only that. A place
/// manager pushes nothing, and sees no sign-up or note.
async fn mine(State(state): State<AppState>, staff: Staff) -> Result<Json<MyItems>, Error> {
    require(&staff, Role::can_push)?;
    Ok(Json(my_items::pushed_by(&state.pool, staff.user_id).await?))
}
