//! `/api/v1/auth`: sign-in, sign-out, who am I; and the extractors every staff
//! endpoint uses to find the session behind `Authorization: Bearer <token>` and, where
//! a role is needed, to check it.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, DefaultBodyLimit, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use omzien_core::staff::{Me, Role, SignInRequest};
use omzien_core::wire::API_PREFIX;

use super::error::Error;
use super::extract::{Expected, Json};
use super::state::AppState;
use crate::auth::{self, now_unix, Staff};

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/auth/sign-in",
            post(sign_in).layer(DefaultBodyLimit::max(16 * 1024)),
        )
        .route("/auth/sign-out", post(sign_out))
        .route("/auth/me", get(me))
}

const NOT_SIGNED_IN: &str =
    "Log in om verder te gaan. Je sessie is verlopen of je bent nog niet ingelogd.";

/// The bearer token of a request: `None` without an `Authorization` header, an error
/// for a header that is not `Bearer <token>`.
fn bearer(parts: &Parts) -> Result<Option<&str>, Error> {
    let Some(value) = parts.headers.get(header::AUTHORIZATION) else {
        return Ok(None);
    };
    // The scheme name is case-insensitive (RFC 9110).
    value
        .to_str()
        .ok()
        .and_then(|v| v.trim().split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| Some(token.trim()))
        .ok_or_else(|| Error::Unauthorized(NOT_SIGNED_IN.to_owned()))
}

/// A signed-in staff member; 401 without a live session.
impl FromRequestParts<AppState> for Staff {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Error> {
        let token = bearer(parts)?.ok_or_else(|| Error::Unauthorized(NOT_SIGNED_IN.to_owned()))?;
        auth::session(&state.pool, token, now_unix())
            .await?
            .ok_or_else(|| Error::Unauthorized(NOT_SIGNED_IN.to_owned()))
    }
}

/// A session if the request has one. A token that is sent but not live is still a
/// 401: the client must learn that it has to sign in again.
pub struct MaybeStaff(pub Option<Staff>);

impl FromRequestParts<AppState> for MaybeStaff {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Error> {
        if bearer(parts)?.is_none() {
            return Ok(MaybeStaff(None));
        }
        Staff::from_request_parts(parts, state)
            .await
            .map(|s| MaybeStaff(Some(s)))
    }
}

/// Refuses with 403 unless the signed-in role passes `allowed`.
pub fn require(staff: &Staff, allowed: fn(Role) -> bool) -> Result<(), Error> {
    if allowed(staff.role) {
        Ok(())
    } else {
        Err(Error::Forbidden(
            "Je hebt geen toegang tot dit onderdeel.".to_owned(),
        ))
    }
}

/// A signed-in staff member whose role may triage notes. An extractor rather than a
/// check in the handler, so that the 401 or 403 comes before the query or body is read:
/// someone without access learns nothing about what the endpoint takes.
pub struct Triager(pub Staff);

impl FromRequestParts<AppState> for Triager {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Error> {
        staff_who(parts, state, Role::can_triage).await.map(Triager)
    }
}

/// A signed-in staff member who may edit, publish and revert every activity (an
/// editor); see [`Triager`].
pub struct CatalogueEditor(pub Staff);

impl FromRequestParts<AppState> for CatalogueEditor {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Error> {
        staff_who(parts, state, Role::can_edit_catalogue)
            .await
            .map(CatalogueEditor)
    }
}

/// A signed-in organiser or editor: someone who keeps activities; see [`Triager`].
pub struct Keeper(pub Staff);

impl FromRequestParts<AppState> for Keeper {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Error> {
        staff_who(parts, state, Role::can_edit_activities)
            .await
            .map(Keeper)
    }
}

/// A signed-in staff member whose role may read the audit log; see [`Triager`]. Only
/// the check: the log's handler needs nothing from the session.
pub struct AuditReader;

impl FromRequestParts<AppState> for AuditReader {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Error> {
        staff_who(parts, state, Role::can_read_audit).await?;
        Ok(AuditReader)
    }
}

/// A signed-in admin, who manages staff accounts; see [`Triager`].
pub struct AccountManager(pub Staff);

impl FromRequestParts<AppState> for AccountManager {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Error> {
        staff_who(parts, state, Role::can_manage_accounts)
            .await
            .map(AccountManager)
    }
}

/// A signed-in programme lead or admin, who reads the monitoring counts and keeps the
/// agenda's actions; see [`Triager`].
pub struct Steerer(pub Staff);

impl FromRequestParts<AppState> for Steerer {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Error> {
        staff_who(parts, state, Role::can_steer).await.map(Steerer)
    }
}

/// A signed-in staff member who may link an activity to an agenda action: the
/// programme lead, an editor or an admin; see [`Triager`].
pub struct ActionLinker(pub Staff);

impl FromRequestParts<AppState> for ActionLinker {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Error> {
        staff_who(parts, state, Role::can_link_actions)
            .await
            .map(ActionLinker)
    }
}

/// A signed-in staff member who may record a story: an organiser, coordinator,
/// programme lead or admin; see [`Triager`].
pub struct Teller(pub Staff);

impl FromRequestParts<AppState> for Teller {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Error> {
        staff_who(parts, state, Role::can_tell_stories)
            .await
            .map(Teller)
    }
}

async fn staff_who(
    parts: &mut Parts,
    state: &AppState,
    allowed: fn(Role) -> bool,
) -> Result<Staff, Error> {
    let staff = Staff::from_request_parts(parts, state).await?;
    require(&staff, allowed)?;
    Ok(staff)
}

/// Where a request came from, for the sign-in and push limits: the peer address, or the
/// last `X-Forwarded-For` entry (the one our own proxy added) when configured to trust it.
pub struct ClientIp(pub String);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Error> {
        if state.auth.trust_forwarded_for {
            let forwarded = parts
                .headers
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .map(str::trim)
                .rfind(|v| !v.is_empty());
            if let Some(ip) = forwarded {
                return Ok(ClientIp(ip.chars().take(64).collect()));
            }
        }
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip().to_string())
            .unwrap_or_else(|| "unknown".to_owned());
        Ok(ClientIp(peer))
    }
}

impl Expected for SignInRequest {
    const EXPECTED: &'static str = r#"{"email": "…", "password": "…"}"#;
}

/// The known-device token a request carries in its cookie (`auth::DEVICE_COOKIE`).
fn device_cookie(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == auth::DEVICE_COOKIE)
        .map(|(_, value)| value.trim())
}

/// The cookie that makes this device known: sent back only to sign-in, out of reach of
/// scripts, and kept a year (`auth::DEVICE_DAYS`); each sign-in renews it.
fn set_device_cookie(token: &str) -> Option<HeaderValue> {
    let cookie = format!(
        "{}={token}; Path={API_PREFIX}/auth/sign-in; Max-Age={}; HttpOnly; Secure; SameSite=Strict",
        auth::DEVICE_COOKIE,
        auth::DEVICE_DAYS * 24 * 3600
    );
    // A token is 64 hex digits, so the value is always a valid header.
    HeaderValue::from_str(&cookie).ok()
}

async fn sign_in(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Json(request): Json<SignInRequest>,
) -> Result<Response, Error> {
    let attempt = auth::Attempt {
        email: &request.email,
        password: &request.password,
        ip: &ip,
        device: device_cookie(&headers),
    };
    let answer = auth::sign_in(&state.pool, &state.auth, attempt, now_unix()).await;
    match &answer {
        Ok(_) => tracing::info!(%ip, "staff sign-in"),
        Err(auth::SignInError::Failed) => tracing::info!(%ip, "failed sign-in"),
        // `auth::sign_in` said which limit.
        Err(auth::SignInError::Limited { .. } | auth::SignInError::Auth(_)) => {}
    }
    let signed_in = answer?;
    let mut response = Json(signed_in.session).into_response();
    if let Some(cookie) = set_device_cookie(&signed_in.device_token) {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    Ok(response)
}

async fn sign_out(State(state): State<AppState>, staff: Staff) -> Result<Response, Error> {
    auth::sign_out(&state.pool, &staff).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

async fn me(State(state): State<AppState>, staff: Staff) -> Result<Json<Me>, Error> {
    let organisations = auth::organisations_of(&state.pool, staff.user_id)
        .await
        .map_err(auth::AuthError::from)?;
    Ok(Json(Me {
        user_id: staff.user_id,
        email: staff.email,
        role: staff.role,
        expires_at: staff.expires_at,
        organisations,
    }))
}
