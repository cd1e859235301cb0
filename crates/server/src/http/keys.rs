//! `/api/v1/meldpunt/…`: the meldpunt's keys, for coordinators and admins (`keys.rs`
//! does the work). Nothing here opens a note: private keys come and go sealed or
//! wrapped, and are opened only in a coordinator's browser.

use axum::extract::State;
use axum::routing::{get, post};
use axum::Router;
use omzien_core::seal::{CoordinatorKey, Grants, KeyRing, NewMeldpuntKey};

use super::auth::Triager;
use super::error::Error;
use super::extract::{Expected, Json};
use super::state::AppState;
use crate::keys;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/meldpunt/keys", get(ring).post(new_key))
        .route("/meldpunt/passphrase", post(set_own))
        .route("/meldpunt/grants", post(grant))
}

async fn ring(
    State(state): State<AppState>,
    Triager(staff): Triager,
) -> Result<Json<KeyRing>, Error> {
    Ok(Json(keys::ring(&state.pool, &staff).await?))
}

impl Expected for NewMeldpuntKey {
    const EXPECTED: &'static str = r#"{"key": {"id": UUID, "public_key": HEX}, "grants": [{"key_id": UUID, "user_id": N, "sealed": {"enc": HEX, "ciphertext": HEX}}]}"#;
}

async fn new_key(
    State(state): State<AppState>,
    Triager(staff): Triager,
    Json(request): Json<NewMeldpuntKey>,
) -> Result<Json<KeyRing>, Error> {
    keys::new_key(&state.pool, &staff, &request).await?;
    Ok(Json(keys::ring(&state.pool, &staff).await?))
}

impl Expected for CoordinatorKey {
    const EXPECTED: &'static str = r#"{"public_key": HEX, "wrapped": {"salt": HEX, "m_kib": N, "t_cost": N, "p_cost": 1, "nonce": HEX, "ciphertext": HEX}}"#;
}

async fn set_own(
    State(state): State<AppState>,
    Triager(staff): Triager,
    Json(key): Json<CoordinatorKey>,
) -> Result<Json<KeyRing>, Error> {
    keys::set_own(&state.pool, &staff, &key).await?;
    Ok(Json(keys::ring(&state.pool, &staff).await?))
}

impl Expected for Grants {
    const EXPECTED: &'static str = r#"{"grants": [{"key_id": UUID, "user_id": N, "sealed": {"enc": HEX, "ciphertext": HEX}}]}"#;
}

async fn grant(
    State(state): State<AppState>,
    Triager(staff): Triager,
    Json(Grants { grants }): Json<Grants>,
) -> Result<Json<KeyRing>, Error> {
    keys::grant(&state.pool, &staff, &grants).await?;
    Ok(Json(keys::ring(&state.pool, &staff).await?))
}
