//! `GET /api/v1/my/items`: what the signed-in staff member sent herself, and where it
//! stands. The server chooses the rows by her session; the app never asks for anyone
//! else's.

use omzien_core::staff::MyItems;

use super::{call, ApiError, Request, STAFF_TIMEOUT};

pub async fn mine(token: &str) -> Result<MyItems, ApiError> {
    call(Request::get(
        "/my/items".to_owned(),
        Some(token),
        STAFF_TIMEOUT,
    ))
    .await
}
