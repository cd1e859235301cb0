//! The meldpunt's keys (`/meldpunt/…`): only public keys, wrapped and sealed keys
//! travel; they are opened in `pages::triage::keys`.

use omzien_core::seal::{CoordinatorKey, Grants, KeyRing, NewMeldpuntKey};

use super::{call, ApiError, Request, STAFF_TIMEOUT};

pub async fn ring(token: &str) -> Result<KeyRing, ApiError> {
    call(Request::get(
        "/meldpunt/keys".to_owned(),
        Some(token),
        STAFF_TIMEOUT,
    ))
    .await
}

pub async fn choose_passphrase(token: &str, key: &CoordinatorKey) -> Result<KeyRing, ApiError> {
    call(Request::post(
        "/meldpunt/passphrase".to_owned(),
        Some(key),
        Some(token),
        STAFF_TIMEOUT,
    )?)
    .await
}

pub async fn new_key(token: &str, key: &NewMeldpuntKey) -> Result<KeyRing, ApiError> {
    call(Request::post(
        "/meldpunt/keys".to_owned(),
        Some(key),
        Some(token),
        STAFF_TIMEOUT,
    )?)
    .await
}

pub async fn grant(token: &str, grants: &Grants) -> Result<KeyRing, ApiError> {
    call(Request::post(
        "/meldpunt/grants".to_owned(),
        Some(grants),
        Some(token),
        STAFF_TIMEOUT,
    )?)
    .await
}
