//! Opening the database and bringing its schema up to date, and the one error for
//! reading rows back into the core's types.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool, Transaction};

use crate::migrate::{self, MigrationError};

/// Opens (creating if needed) the SQLite database and runs the migrations.
pub async fn connect(url: &str) -> Result<SqlitePool, MigrationError> {
    let options = SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        // WAL + NORMAL survives a process crash; only a power loss can lose the last commits.
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        // Deleted and overwritten rows are zeroed in the file, not left in free pages:
        // a note's plain body sealed at key set-up, a note gone by retention.
        .pragma("secure_delete", "on")
        .busy_timeout(Duration::from_secs(5));
    owner_only(options.get_filename()).map_err(sqlx::Error::from)?;
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options.clone())
        .await?;
    migrate::run(&pool, &options).await?;
    Ok(pool)
}

/// The database holds concern notes and residents' contact details, so only the
/// server's own user may read it: a folder made here is 0700, the file 0600. SQLite
/// gives its `-wal` and `-shm` files the database file's mode, so the file is made
/// before SQLite opens it. A file left readable by others (made by an older version)
/// is tightened, and the log says so.
fn owner_only(path: &Path) -> std::io::Result<()> {
    if path.as_os_str().is_empty() || path == Path::new(":memory:") {
        return Ok(());
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        if !parent.exists() {
            private::create_dir(parent)?;
        }
    }
    if !path.exists() {
        return private::create_file(path);
    }
    let suffixed = |suffix: &str| {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    };
    for file in [path.to_owned(), suffixed("-wal"), suffixed("-shm")] {
        if file.exists() && private::tighten(&file)? {
            tracing::warn!(file = %file.display(), "database file was readable by other users; now only by the server's own");
        }
    }
    Ok(())
}

#[cfg(unix)]
mod private {
    use std::fs::{DirBuilder, OpenOptions, Permissions};
    use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
    use std::path::Path;

    pub fn create_dir(dir: &Path) -> std::io::Result<()> {
        DirBuilder::new().recursive(true).mode(0o700).create(dir)
    }

    pub fn create_file(file: &Path) -> std::io::Result<()> {
        OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(file)
            .map(drop)
    }

    /// Takes group and other permissions away; says whether there were any.
    pub fn tighten(file: &Path) -> std::io::Result<bool> {
        let mode = std::fs::metadata(file)?.permissions().mode();
        if mode & 0o077 == 0 {
            return Ok(false);
        }
        std::fs::set_permissions(file, Permissions::from_mode(mode & 0o700))?;
        Ok(true)
    }
}

/// Elsewhere the folder's own access rules apply.
#[cfg(not(unix))]
mod private {
    use std::path::Path;

    pub fn create_dir(dir: &Path) -> std::io::Result<()> {
        std::fs::create_dir_all(dir)
    }

    pub fn create_file(_file: &Path) -> std::io::Result<()> {
        Ok(())
    }

    pub fn tighten(_file: &Path) -> std::io::Result<bool> {
        Ok(false)
    }
}

/// The text form of a timestamp in every table, `2026-01-31T09:30:00.000Z` (UTC, to the
/// millisecond, as SQLite's `strftime('%Y-%m-%dT%H:%M:%fZ')` writes it): one width, so
/// stored times compare as text on either database.
pub fn stored_time(t: time::OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        t.year(),
        t.month() as u8,
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.millisecond()
    )
}

/// A transaction that writes, one at a time: exactly-once, the capacity decision and
/// every read-then-write of the server rely on no other writer coming in between.
/// On SQLite `BEGIN IMMEDIATE` takes the write lock up front, so a transaction that
/// reads first cannot fail with SQLITE_BUSY when it then writes. The PostgreSQL port
/// takes the database's own lock here (docs/decisions.md), so every caller keeps
/// asking for "a write" and not for one database's statement.
pub async fn write(pool: &SqlitePool) -> Result<Transaction<'static, Sqlite>, sqlx::Error> {
    pool.begin_with("BEGIN IMMEDIATE").await
}

/// A top-level field of a stored JSON body: read here rather than with SQLite's
/// `json_extract`, which PostgreSQL does not have (on a TEXT column). `None` when the
/// body is missing, not JSON, or has no such field.
pub fn json_field(body: Option<&str>, field: &str) -> Option<serde_json::Value> {
    let mut value: serde_json::Value = serde_json::from_str(body?).ok()?;
    value
        .get_mut(field)
        .map(serde_json::Value::take)
        .filter(|v| !v.is_null())
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
