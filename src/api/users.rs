//! Staff accounts (admins): the list, a new account, disabling one, turning one on
//! again, and the log of all of that.

use omzien_core::account::{Account, AccountLog, Accounts, NewAccount};

use super::{call, ApiError, Request, STAFF_TIMEOUT};

/// Every account, by e-mail.
pub async fn list(token: &str) -> Result<Accounts, ApiError> {
    call(Request::get("/users".into(), Some(token), STAFF_TIMEOUT)).await
}

/// Makes an account; the server checks the same rules as the form, and whether the
/// e-mail is free and the organisations exist.
pub async fn add(token: &str, account: &NewAccount) -> Result<Account, ApiError> {
    call(Request::post(
        "/users".into(),
        Some(account),
        Some(token),
        STAFF_TIMEOUT,
    )?)
    .await
}

/// Disables an account and ends its sessions at once.
pub async fn disable(token: &str, id: i64) -> Result<(), ApiError> {
    call(Request::post::<()>(
        format!("/users/{id}/disable"),
        None,
        Some(token),
        STAFF_TIMEOUT,
    )?)
    .await
}

/// Turns a disabled account on again; she signs in with the password she had.
pub async fn enable(token: &str, id: i64) -> Result<(), ApiError> {
    call(Request::post::<()>(
        format!("/users/{id}/enable"),
        None,
        Some(token),
        STAFF_TIMEOUT,
    )?)
    .await
}

/// What was done to which account, newest first.
pub async fn log(token: &str) -> Result<AccountLog, ApiError> {
    call(Request::get(
        "/users/log".into(),
        Some(token),
        STAFF_TIMEOUT,
    ))
    .await
}
