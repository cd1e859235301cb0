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
}

impl SyncError {
    /// The server wants a (new) staff sign-in: no session, or one that has ended.
    pub fn sign_in_needed(&self) -> bool {
        matches!(self, SyncError::Api(error) if error.sign_in_needed())
    }

    pub fn unreachable(&self) -> bool {
        matches!(self, SyncError::Api(ApiError::Unreachable(_)))
    }

    /// What the footer says about it: no codes, no blame.
    pub fn problem(&self) -> Problem {
        match self {
            SyncError::Api(ApiError::Server { status: 401, .. }) => Problem::StaffSignIn,
            SyncError::Api(ApiError::Unreachable(_)) => Problem::Unreachable,
            SyncError::Api(_) => Problem::CannotFetch,
            SyncError::Store(_) => Problem::CannotStore,
        }
    }
}
