use crate::api::ApiError;
use crate::state::network::Problem;
use crate::store::StoreError;

/// Why a round of syncing stopped. The next round tries again.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(transparent)]
    Api(#[from] ApiError),
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The server took part of a push and holds the rest back for this many seconds
    /// (a limit per device or address): what is left stays in the outbox.
    #[error("the server holds the rest of the outbox back for {retry_after} s")]
    Later { retry_after: u64 },
}

impl SyncError {
    /// The server wants a (new) staff sign-in: no session, or one that has ended.
    pub fn sign_in_needed(&self) -> bool {
        matches!(self, SyncError::Api(error) if error.sign_in_needed())
    }

    pub fn unreachable(&self) -> bool {
        matches!(self, SyncError::Api(ApiError::Unreachable(_)))
    }

    /// The server said when to come again: sooner would only meet its limit again.
    pub fn retry_after(&self) -> Option<u64> {
        match self {
            SyncError::Later { retry_after }
            | SyncError::Api(ApiError::TooManyRequests { retry_after }) => Some(*retry_after),
            _ => None,
        }
    }

    /// What the footer says about it: no codes, no blame.
    pub fn problem(&self) -> Problem {
        match self {
            SyncError::Later { .. } | SyncError::Api(ApiError::TooManyRequests { .. }) => {
                Problem::Busy
            }
            SyncError::Api(ApiError::Server { status: 401, .. }) => Problem::StaffSignIn,
            SyncError::Api(ApiError::Unreachable(_)) => Problem::Unreachable,
            SyncError::Api(_) => Problem::CannotFetch,
            SyncError::Store(_) => Problem::CannotStore,
        }
    }
}
