//! Staff sign-in and sign-out.

use omzien_core::staff::{Me, SignInRequest, SignInResponse};

use super::{call, ApiError, Request, STAFF_TIMEOUT};

/// `POST /auth/sign-in`, then `GET /auth/me` for the account's id.
pub async fn sign_in(email: &str, password: &str) -> Result<(SignInResponse, Me), ApiError> {
    let request = SignInRequest {
        email: email.to_owned(),
        password: password.to_owned(),
    };
    let answer: SignInResponse = call(Request::post(
        "/auth/sign-in".into(),
        Some(&request),
        None,
        STAFF_TIMEOUT,
    )?)
    .await?;
    let me = call(Request::get(
        "/auth/me".into(),
        Some(&answer.token),
        STAFF_TIMEOUT,
    ))
    .await?;
    Ok((answer, me))
}

/// Ends the session on the server (204, no body).
pub async fn sign_out(token: &str) -> Result<(), ApiError> {
    call::<serde::de::IgnoredAny>(Request::post::<()>(
        "/auth/sign-out".into(),
        None,
        Some(token),
        STAFF_TIMEOUT,
    )?)
    .await
    .map(|_| ())
}
