//! Opening the database and bringing its schema up to date, and the one error for
//! reading rows back into the core's types.

use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;

use crate::migrate::{self, MigrationError};

/// Opens (creating if needed) the SQLite database and runs the migrations.
pub async fn connect(url: &str) -> Result<SqlitePool, MigrationError> {
    let options = SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        // WAL + NORMAL survives a process crash; only a power loss can lose the last commits.
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5));
    if let Some(parent) = options.get_filename().parent() {
        if !parent.as_os_str().is_empty() {
            std::fs::create_dir_all(parent).map_err(sqlx::Error::from)?;
        }
    }
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options.clone())
        .await?;
    migrate::run(&pool, &options).await?;
    Ok(pool)
}

/// What can go wrong reading rows back whose text columns hold the core's types.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    /// A column holds a value its type does not know: written by a newer server or by
    /// hand. Never the caller's doing, so it is answered as a server error.
    #[error("stored {what} `{value}` is unknown")]
    Unknown { what: &'static str, value: String },
    #[error("stored record is not valid JSON: {0}")]
    Json(#[from] serde_json::Error),
}

/// Reads a stored text column back with its type's own `parse`.
pub fn stored<T>(
    what: &'static str,
    value: &str,
    parse: impl FnOnce(&str) -> Option<T>,
) -> Result<T, StoreError> {
    parse(value).ok_or_else(|| StoreError::Unknown {
        what,
        value: value.to_owned(),
    })
}
