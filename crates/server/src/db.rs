//! Opening the database and bringing its schema up to date, and the one error for
//! reading rows back into the core's types.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::postgres::PgPoolOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};
use sqlx::{Any, AnyPool, Transaction};

use crate::migrate::{self, MigrationError};

/// How many connections one server process keeps open: `OMZIEN_DB_POOL`, else 8. On
/// PostgreSQL every instance has its own pool, so instances × this must stay under the
/// database's `max_connections` (docs/deploy.md).
fn pool_size() -> u32 {
    std::env::var("OMZIEN_DB_POOL")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|n| *n > 0)
        .unwrap_or(8)
}

/// Opens the database the URL names and brings its schema up to date: SQLite
/// (`sqlite://…`, created if missing; the embedded default) or PostgreSQL
/// (`postgres://…`, for several server instances on one database). Every query of the
/// server runs on the one pool this returns, in SQL both databases speak
/// (docs/decisions.md, "PostgreSQL as a second backend").
pub async fn connect(url: &str) -> Result<AnyPool, MigrationError> {
    sqlx::any::install_default_drivers();
    if is_postgres(url) {
        connect_postgres(url).await
    } else {
        connect_sqlite(url).await
    }
}

/// Whether a database URL names PostgreSQL.
pub fn is_postgres(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

async fn connect_postgres(url: &str) -> Result<AnyPool, MigrationError> {
    // The migrations run on a pool of PostgreSQL's own: sqlx's migrator takes its
    // advisory lock there, so two instances starting at once apply each one once.
    let native = PgPoolOptions::new().max_connections(1).connect(url).await?;
    migrate::run_pg(&native).await?;
    native.close().await;
    let options = AnyConnectOptions::from_str(url)?;
    Ok(AnyPoolOptions::new()
        .max_connections(pool_size())
        .connect_with(options)
        .await?)
}

async fn connect_sqlite(url: &str) -> Result<AnyPool, MigrationError> {
    let options = SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5));
    owner_only(options.get_filename()).map_err(sqlx::Error::from)?;
    // The schema changes need SQLite's own connection (migrate.rs turns foreign keys off
    // for some); the file keeps WAL mode once set.
    let native = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options.clone())
        .await?;
    migrate::run(&native, &options).await?;
    native.close().await;
    let options = AnyConnectOptions::from_str(url)?;
    Ok(AnyPoolOptions::new()
        .max_connections(pool_size())
        .after_connect(|conn, _| {
            Box::pin(async move {
                sqlx::Executor::execute(conn, SQLITE_SETTINGS).await?;
                Ok(())
            })
        })
        .connect_with(options)
        .await?)
}

/// What SQLite keeps per connection, set on each one the pool opens.
const SQLITE_SETTINGS: &str = "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; \
     PRAGMA synchronous = NORMAL; PRAGMA secure_delete = ON;";

// Why each setting: WAL + `synchronous = NORMAL` survives a process crash, only a power
// loss can lose the last commits; `secure_delete` zeroes deleted and overwritten rows in
// the file instead of leaving them in free pages (a note's plain body sealed at key
// set-up, a note gone by retention); `busy_timeout` lets a writer wait for another.

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
/// On SQLite `BEGIN IMMEDIATE` takes the file's write lock up front, so a transaction
/// that reads first cannot fail with SQLITE_BUSY when it then writes. On PostgreSQL one
/// transaction-scoped advisory lock does the same across every server instance on the
/// database; it is let go at commit or rollback. Every caller asks for "a write", not
/// for one database's statement.
pub async fn write(pool: &AnyPool) -> Result<Transaction<'static, Any>, sqlx::Error> {
    if !pool_is_postgres(pool) {
        return pool.begin_with("BEGIN IMMEDIATE").await;
    }
    let mut tx = pool.begin().await?;
    // In FROM, so the row has a column the driver can read (the function returns void).
    sqlx::query("SELECT 1 FROM pg_advisory_xact_lock($1)")
        .bind(WRITE_LOCK)
        .execute(&mut *tx)
        .await?;
    Ok(tx)
}

/// The advisory lock's number: any constant, the same in every instance ("omzien" in
/// ASCII, so it is recognisable in `pg_locks`).
const WRITE_LOCK: i64 = 0x6f6d_7a69_656e;

/// Whether this pool is on PostgreSQL.
pub fn pool_is_postgres(pool: &AnyPool) -> bool {
    is_postgres(pool.connect_options().database_url.as_str())
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

/// A yes/no read back: a flag column or `EXISTS (…)`. PostgreSQL hands these out as
/// booleans; SQLite, through sqlx's `Any` driver, as the integers 0 and 1, which sqlx's
/// own `bool` refuses. This reads either.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Flag(pub bool);

impl sqlx::Type<Any> for Flag {
    fn type_info() -> sqlx::any::AnyTypeInfo {
        <bool as sqlx::Type<Any>>::type_info()
    }

    fn compatible(ty: &sqlx::any::AnyTypeInfo) -> bool {
        use sqlx::any::AnyTypeInfoKind::{BigInt, Bool, Integer, SmallInt};
        matches!(ty.kind(), Bool | SmallInt | Integer | BigInt)
    }
}

impl<'r> sqlx::Decode<'r, Any> for Flag {
    fn decode(value: sqlx::any::AnyValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
        match <bool as sqlx::Decode<Any>>::decode(value.clone()) {
            Ok(flag) => Ok(Flag(flag)),
            Err(_) => <i64 as sqlx::Decode<Any>>::decode(value).map(|n| Flag(n != 0)),
        }
    }
}
