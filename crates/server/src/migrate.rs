//! Bringing the schema up to date. sqlx applies the migrations, except the ones whose
//! first line is `-- no-transaction`: sqlx 0.8 runs every SQLite migration inside a
//! transaction of its own whatever that line says (launchbadge/sqlx#2085), and inside a
//! transaction `PRAGMA foreign_keys = OFF` does nothing. A table that others refer to
//! (`users`, migration 0009) can then not be rebuilt by SQLite's 12 steps
//! (https://www.sqlite.org/lang_altertable.html#otheralter): dropping it would cascade
//! into every session. Those migrations are applied here instead, on a connection with
//! foreign keys off, in one transaction with sqlx's bookkeeping row and with
//! `PRAGMA foreign_key_check` before the commit.
//!
//! PostgreSQL has migrations of its own (`migrations-pg`): it changes a CHECK in place,
//! so none of them needs that, and sqlx applies them all, under its advisory lock, so
//! two servers starting on one database do not both apply one.

use std::collections::HashSet;

use sqlx::migrate::{Migrate, MigrateError, Migration, Migrator};
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sqlx::{ConnectOptions, Connection, PgPool, SqlitePool};

static MIGRATOR: Migrator = sqlx::migrate!("./migrations");
static PG_MIGRATOR: Migrator = sqlx::migrate!("./migrations-pg");

#[derive(Debug, thiserror::Error)]
pub enum MigrationError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration: {0}")]
    Migrate(#[from] MigrateError),
    /// The schema change would leave references pointing nowhere: nothing was changed.
    #[error(
        "migration {version} would leave {count} broken reference(s), the first in \
         `{table}` (row {rowid:?}) to `{parent}`; nothing was changed"
    )]
    BrokenReferences {
        version: i64,
        count: usize,
        table: String,
        rowid: Option<i64>,
        parent: String,
    },
}

/// Applies what is not applied yet, in order; `options` are the pool's own.
pub async fn run(pool: &SqlitePool, options: &SqliteConnectOptions) -> Result<(), MigrationError> {
    let mut conn = pool.acquire().await?;
    conn.ensure_migrations_table().await?;
    if let Some(version) = conn.dirty_version().await? {
        return Err(MigrateError::Dirty(version).into());
    }
    let applied: HashSet<i64> = conn
        .list_applied_migrations()
        .await?
        .into_iter()
        .map(|m| m.version)
        .collect();
    let waiting = MIGRATOR
        .iter()
        .filter(|m| !m.migration_type.is_down_migration() && !applied.contains(&m.version));
    for migration in waiting {
        if migration.no_tx {
            without_foreign_keys(options, migration).await?;
        } else {
            conn.apply(migration).await?;
        }
    }
    drop(conn);
    // Nothing is left to apply; this checks every applied migration's checksum.
    MIGRATOR.run(pool).await?;
    Ok(())
}

/// Brings a PostgreSQL database up to date.
pub async fn run_pg(pool: &PgPool) -> Result<(), MigrationError> {
    PG_MIGRATOR.run(pool).await?;
    Ok(())
}

/// A connection of its own, closed afterwards: one with foreign keys off must never
/// go back into the pool.
async fn without_foreign_keys(
    options: &SqliteConnectOptions,
    migration: &Migration,
) -> Result<(), MigrationError> {
    let mut conn = options.clone().foreign_keys(false).connect().await?;
    let applied = apply_checked(&mut conn, migration).await;
    conn.close().await?;
    applied
}

async fn apply_checked(
    conn: &mut SqliteConnection,
    migration: &Migration,
) -> Result<(), MigrationError> {
    let mut tx = conn.begin_with("BEGIN IMMEDIATE").await?;
    sqlx::raw_sql(&migration.sql)
        .execute(&mut *tx)
        .await
        .map_err(|e| MigrateError::ExecuteMigration(e, migration.version))?;
    let broken: Vec<(String, Option<i64>, String, i64)> =
        sqlx::query_as("PRAGMA foreign_key_check")
            .fetch_all(&mut *tx)
            .await?;
    if let Some((table, rowid, parent, _)) = broken.first() {
        // Dropping `tx` rolls the whole migration back.
        return Err(MigrationError::BrokenReferences {
            version: migration.version,
            count: broken.len(),
            table: table.clone(),
            rowid: *rowid,
            parent: parent.clone(),
        });
    }
    // The row sqlx itself writes for an applied migration, so it skips this one after.
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
         VALUES ($1, $2, TRUE, $3, -1)",
    )
    .bind(migration.version)
    .bind(&*migration.description)
    .bind(&*migration.checksum)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use sqlx::migrate::MigrationType;

    use super::*;

    #[tokio::test]
    async fn a_rebuild_that_breaks_a_reference_changes_nothing() {
        let mut conn = SqliteConnectOptions::new()
            .in_memory(true)
            .foreign_keys(false)
            .connect()
            .await
            .unwrap();
        sqlx::raw_sql(
            "CREATE TABLE _sqlx_migrations (version INTEGER PRIMARY KEY, description TEXT, \
               installed_on TEXT, success BOOLEAN, checksum BLOB, execution_time INTEGER);
             CREATE TABLE parent (id INTEGER PRIMARY KEY);
             CREATE TABLE child (parent_id INTEGER REFERENCES parent (id));
             INSERT INTO parent VALUES (1), (2);
             INSERT INTO child VALUES (2);",
        )
        .execute(&mut conn)
        .await
        .unwrap();
        let losing_a_row = Migration::new(
            42,
            Cow::Borrowed("drop a parent"),
            MigrationType::Simple,
            Cow::Borrowed(
                "CREATE TABLE parent_new (id INTEGER PRIMARY KEY);
                 INSERT INTO parent_new SELECT id FROM parent WHERE id = 1;
                 DROP TABLE parent;
                 ALTER TABLE parent_new RENAME TO parent;",
            ),
            true,
        );
        let refused = apply_checked(&mut conn, &losing_a_row).await;
        assert!(
            matches!(&refused, Err(MigrationError::BrokenReferences { count: 1, table, .. }) if table == "child"),
            "{refused:?}"
        );
        let parents: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM parent")
            .fetch_one(&mut conn)
            .await
            .unwrap();
        assert_eq!(parents, 2, "rolled back");
        let recorded: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations")
            .fetch_one(&mut conn)
            .await
            .unwrap();
        assert_eq!(recorded, 0);
    }
}
