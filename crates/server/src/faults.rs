//! Test-only fault switch: `OMZIEN_TEST_FAULTS`, so end-to-end tests can lose the
//! answer to a push that the server did apply. Absent (the normal case), nothing here
//! does anything. Never set it in production.
//!
//! ```text
//! OMZIEN_TEST_FAULTS=drop-push-response-after-commit=1
//! OMZIEN_TEST_FAULTS=hang-push-after-commit=1
//! OMZIEN_TEST_FAULTS=drop-push-response-after-commit=2,hang-push-after-commit=1
//! ```
//!
//! - `drop-push-response-after-commit=N`: the first N pushes are applied and committed,
//!   then the connection is closed without a single byte of response.
//! - `hang-push-after-commit=N`: the first N pushes are applied and committed, then
//!   never answered (until the client gives up, or the whole-request timeout of
//!   `serve.rs` answers its 408).
//!
//! Each counts the pushes it affects; when both are set, the drops come first.
//!
//! While a fault is still to come, every response says `Connection: close`. Chromium
//! quietly sends a POST again when a *reused* keep-alive connection closes without an
//! answer (`HttpNetworkTransaction::ShouldResendRequest`), which would hide the loss
//! from the page; on a fresh connection the page's `fetch` fails, as with a real loss.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderValue};
use axum::response::Response;
use axum::Router;

pub const ENV: &str = "OMZIEN_TEST_FAULTS";

/// What `OMZIEN_TEST_FAULTS` asks for: how many pushes each fault affects.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FaultPlan {
    pub drop_push_response_after_commit: u32,
    pub hang_push_after_commit: u32,
}

#[derive(Debug, thiserror::Error)]
#[error(
    "{ENV} `{0}` is not understood: expected a comma-separated list of \
     drop-push-response-after-commit=N and hang-push-after-commit=N"
)]
pub struct BadFaults(String);

impl FaultPlan {
    pub fn parse(text: &str) -> Result<Self, BadFaults> {
        let bad = || BadFaults(text.to_owned());
        let mut plan = FaultPlan::default();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (name, count) = part.split_once('=').ok_or_else(bad)?;
            let count: u32 = count.trim().parse().map_err(|_| bad())?;
            match name.trim() {
                "drop-push-response-after-commit" => plan.drop_push_response_after_commit = count,
                "hang-push-after-commit" => plan.hang_push_after_commit = count,
                _ => return Err(bad()),
            }
        }
        Ok(plan)
    }

    pub fn is_empty(&self) -> bool {
        *self == FaultPlan::default()
    }
}

/// What the push handler does once its transaction has committed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AfterCommit {
    Answer,
    DropConnection,
    Hang,
}

/// The faults still to come, shared by every request.
#[derive(Debug, Default)]
pub struct Faults {
    drops_left: AtomicU32,
    hangs_left: AtomicU32,
}

impl Faults {
    pub fn new(plan: FaultPlan) -> Self {
        Faults {
            drops_left: AtomicU32::new(plan.drop_push_response_after_commit),
            hangs_left: AtomicU32::new(plan.hang_push_after_commit),
        }
    }

    /// Whether a fault is still to come.
    pub fn armed(&self) -> bool {
        self.drops_left.load(Ordering::SeqCst) > 0 || self.hangs_left.load(Ordering::SeqCst) > 0
    }

    /// Called once per committed push; uses up one fault if any is left.
    pub fn after_push_commit(&self) -> AfterCommit {
        let take = |left: &AtomicU32| {
            left.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                .is_ok()
        };
        if take(&self.drops_left) {
            tracing::warn!("{ENV}: push committed; closing the connection without an answer");
            AfterCommit::DropConnection
        } else if take(&self.hangs_left) {
            tracing::warn!("{ENV}: push committed; never answering it");
            AfterCommit::Hang
        } else {
            AfterCommit::Answer
        }
    }
}

/// Adds `Connection: close` to every response while a fault is still to come (see the
/// module's notes). Without faults the router is returned as it is.
pub fn close_connections_while_armed(router: Router, faults: Arc<Faults>) -> Router {
    if !faults.armed() {
        return router;
    }
    router.layer(axum::middleware::map_response(
        move |mut response: Response| {
            let faults = faults.clone();
            async move {
                if faults.armed() {
                    response
                        .headers_mut()
                        .insert(header::CONNECTION, HeaderValue::from_static("close"));
                }
                response
            }
        },
    ))
}

/// A response whose body fails before its first byte: hyper then drops the connection
/// with nothing written, not even the status line, so the client sees a network error.
pub fn dropped_connection() -> Response {
    Response::new(Body::new(FailingBody))
}

struct FailingBody;

impl http_body::Body for FailingBody {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        self: std::pin::Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, std::io::Error>>> {
        Poll::Ready(Some(Err(std::io::Error::other(format!(
            "{ENV}: response dropped on purpose"
        )))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plans_parse_and_run_out() {
        assert!(FaultPlan::parse("").unwrap().is_empty());
        let plan = FaultPlan::parse("drop-push-response-after-commit=2, hang-push-after-commit=1")
            .unwrap();
        assert_eq!(plan.drop_push_response_after_commit, 2);
        assert_eq!(plan.hang_push_after_commit, 1);
        let faults = Faults::new(plan);
        let seen: Vec<_> = (0..4).map(|_| faults.after_push_commit()).collect();
        assert_eq!(
            seen,
            [
                AfterCommit::DropConnection,
                AfterCommit::DropConnection,
                AfterCommit::Hang,
                AfterCommit::Answer
            ]
        );
        for bad in ["drop", "drop-push-response-after-commit=x", "slow-pull=1"] {
            assert!(FaultPlan::parse(bad).is_err(), "{bad}");
        }
    }
}
