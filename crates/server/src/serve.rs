//! Serving the app over HTTP/1.1 with time limits on every connection, so that a client
//! that stalls (on purpose or on a dead mobile link) cannot hold a connection, a task
//! and its buffers for ever. `axum::serve` sets none of these; this is our own accept
//! loop over hyper, with hyper's header-read timer and tower's timeout layers.
//!
//! - **Headers** (`header`): a request's headers must be complete this long after the
//!   connection is ready to read one. The same clock runs while a keep-alive
//!   connection waits for its next request, so it is also the idle timeout.
//! - **Body** (`body`): the longest silence while a request body is arriving; the
//!   handler then answers a JSON 408 and the connection closes.
//! - **Request** (`request`): from the headers to our answer's headers, whatever
//!   happens in between (a body that trickles in, a slow handler); a JSON 408
//!   `timed_out` after that.
//!
//! Why these values: docs/decisions.md, "Time limits on connections".

use std::future::Future;
use std::time::Duration;

use axum::error_handling::HandleErrorLayer;
use axum::extract::ConnectInfo;
use axum::http::Request;
use axum::{BoxError, Router};
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tower::{ServiceBuilder, ServiceExt};
use tower_http::timeout::RequestBodyTimeoutLayer;

use crate::http::timed_out;

/// The time limits on a connection (`OMZIEN_…_TIMEOUT_SECS`; README).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timeouts {
    /// Until a request's headers are complete; also how long an idle keep-alive
    /// connection is kept.
    pub header: Duration,
    /// The longest silence while a request body arrives.
    pub body: Duration,
    /// A whole request, until our answer's headers.
    pub request: Duration,
}

pub const DEFAULT_HEADER_TIMEOUT_SECS: u64 = 15;
pub const DEFAULT_BODY_TIMEOUT_SECS: u64 = 30;
pub const DEFAULT_REQUEST_TIMEOUT_SECS: u64 = 60;

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            header: Duration::from_secs(DEFAULT_HEADER_TIMEOUT_SECS),
            body: Duration::from_secs(DEFAULT_BODY_TIMEOUT_SECS),
            request: Duration::from_secs(DEFAULT_REQUEST_TIMEOUT_SECS),
        }
    }
}

/// The router with the body and whole-request timeouts around it. A body that falls
/// silent ends in the extractor's 408 (`http/extract.rs`); a request over its time
/// in this 408.
pub fn with_timeouts(router: Router, timeouts: Timeouts) -> Router {
    router
        .layer(RequestBodyTimeoutLayer::new(timeouts.body))
        .layer(
            ServiceBuilder::new()
                .layer(HandleErrorLayer::new(|_: BoxError| async {
                    tracing::warn!("request timed out");
                    timed_out()
                }))
                .timeout(timeouts.request),
        )
}

/// Serves `router` on `listener` until `shutdown` completes, then waits up to
/// `timeouts.request` for the requests under way.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    timeouts: Timeouts,
    shutdown: impl Future<Output = ()>,
) {
    let router = with_timeouts(router, timeouts);
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(timeouts.header)
        .keep_alive(true);
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    accept_failed(error).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        // Nagle off, as `axum::serve` does: answers are small and should leave at once.
        let _ = stream.set_nodelay(true);
        let router = router.clone();
        let service = hyper::service::service_fn(move |mut request: Request<Incoming>| {
            // The peer's address, for the sign-in and push limits (`ClientIp`).
            request.extensions_mut().insert(ConnectInfo(peer));
            router.clone().oneshot(request)
        });
        let connection = http.serve_connection(TokioIo::new(stream), service);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            // A client that went away or stalled past a timeout: nothing for us to do.
            if let Err(error) = connection.await {
                tracing::debug!(%peer, %error, "connection ended");
            }
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(timeouts.request) => {
            tracing::warn!("stopped with requests still under way");
        }
    }
}

/// Out of file descriptors and the like: wait a moment rather than spin (as
/// `axum::serve` does). A connection reset before we took it is no error of ours.
async fn accept_failed(error: std::io::Error) {
    use std::io::ErrorKind::{ConnectionAborted, ConnectionRefused, ConnectionReset};
    if matches!(
        error.kind(),
        ConnectionAborted | ConnectionRefused | ConnectionReset
    ) {
        return;
    }
    tracing::error!(%error, "accepting a connection failed");
    tokio::time::sleep(Duration::from_secs(1)).await;
}
