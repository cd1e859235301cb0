//! `/api/v1/users`: staff accounts and their log, for admins only (`accounts.rs` does
//! the work, the same as `omzien-server user …`).

use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::Router;
use omzien_core::account::{Account, AccountLog, Accounts, NewAccount};
use serde::Deserialize;

use super::auth::AccountManager;
use super::error::Error;
use super::extract::{Expected, Json, Path, Query};
use super::state::AppState;
use crate::accounts::{self, Which};

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/users",
            get(list).post(add).layer(DefaultBodyLimit::max(16 * 1024)),
        )
        .route("/users/log", get(log))
        .route("/users/{id}/disable", post(disable))
        .route("/users/{id}/enable", post(enable))
}

async fn list(
    State(state): State<AppState>,
    AccountManager(_): AccountManager,
) -> Result<Json<Accounts>, Error> {
    Ok(Json(Accounts {
        accounts: accounts::list(&state.pool).await?,
    }))
}

impl Expected for NewAccount {
    const EXPECTED: &'static str = r#"{"email": "…", "role": "organiser" | "editor" | …, "organisations": ["senver"], "password": "…"}"#;
}

async fn add(
    State(state): State<AppState>,
    AccountManager(admin): AccountManager,
    Json(account): Json<NewAccount>,
) -> Result<(StatusCode, Json<Account>), Error> {
    let made = accounts::create(&state.pool, &account, Some(&admin)).await?;
    tracing::info!(
        by = admin.user_id,
        id = made.id,
        role = made.role.as_str(),
        "account added"
    );
    Ok((StatusCode::CREATED, Json(made)))
}

async fn disable(
    State(state): State<AppState>,
    AccountManager(admin): AccountManager,
    Path(id): Path<i64>,
) -> Result<StatusCode, Error> {
    accounts::disable(&state.pool, Which::Id(id), Some(&admin)).await?;
    tracing::info!(by = admin.user_id, id, "account disabled");
    Ok(StatusCode::NO_CONTENT)
}

async fn enable(
    State(state): State<AppState>,
    AccountManager(admin): AccountManager,
    Path(id): Path<i64>,
) -> Result<StatusCode, Error> {
    accounts::enable(&state.pool, Which::Id(id), Some(&admin)).await?;
    tracing::info!(by = admin.user_id, id, "account enabled");
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LogParams {
    limit: Option<u32>,
}

impl Expected for LogParams {
    const EXPECTED: &'static str = "`?limit=N`, optional";
}

async fn log(
    State(state): State<AppState>,
    AccountManager(_): AccountManager,
    Query(params): Query<LogParams>,
) -> Result<Json<AccountLog>, Error> {
    Ok(Json(accounts::log(&state.pool, params.limit).await?))
}
