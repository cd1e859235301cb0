//! The audit logs: who read or changed which concern note, and when; who added,
//! disabled or turned on again which staff account; and who was shown residents' names
//! on an activity's list of sign-ups. A row is written in the same transaction as the
//! read or step it records (`triage.rs`, `accounts.rs`, `editing.rs`), so there is
//! never one without the other; admins read the notes' log back here, the accounts'
//! log in `accounts.rs`.

use omzien_core::account::AccountAction;
use omzien_core::staff::{AuditAction, AuditEntry, AuditLog, StaffRef};
use sqlx::{AnyConnection, AnyPool};

use crate::sql::Sql;

use crate::auth::iso;
use crate::auth::Staff;
use crate::db::{stored, StoreError};

/// The most entries one answer holds, whatever `limit` asks.
pub const MAX_AUDIT: i64 = 1000;

/// Writes one row; `conn` is the transaction of what it records.
pub async fn record(
    conn: &mut AnyConnection,
    staff: &Staff,
    note_id: &str,
    action: AuditAction,
    detail: Option<&str>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO note_audit (at, user_id, note_id, action, detail) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(iso(now))
    .bind(staff.user_id)
    .bind(note_id)
    .bind(action.as_str())
    .bind(detail)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Writes one row of `account_audit`; `conn` is the transaction of the change, `by`
/// the admin (`None`: the command line on the server's machine).
pub async fn record_account(
    conn: &mut AnyConnection,
    by: Option<&Staff>,
    account_id: i64,
    action: AccountAction,
    detail: Option<&str>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO account_audit (at, by_user, account_id, action, detail) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(iso(now))
    .bind(by.map(|s| s.user_id))
    .bind(account_id)
    .bind(action.as_str())
    .bind(detail)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Writes one row of `sign_up_audit`: `staff` was shown `names` residents' names on
/// the list of `activity_id`; `conn` is the transaction of the read.
pub async fn record_sign_up_read(
    conn: &mut AnyConnection,
    staff: &Staff,
    activity_id: &str,
    names: u32,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO sign_up_audit (at, user_id, activity_id, names) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(iso(now))
    .bind(staff.user_id)
    .bind(activity_id)
    .bind(i64::from(names))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The newest entries first, for one note or for all, at most [`MAX_AUDIT`].
pub async fn entries(
    pool: &AnyPool,
    note_id: Option<&str>,
    limit: Option<u32>,
) -> Result<AuditLog, StoreError> {
    let limit = limit.map_or(MAX_AUDIT, |l| i64::from(l).min(MAX_AUDIT));
    let mut select = Sql::new(
        "SELECT l.at, u.id, u.email, l.note_id, l.action, l.detail \
         FROM note_audit l JOIN users u ON u.id = l.user_id",
    );
    if let Some(note_id) = note_id {
        // Note ids are stored in lower case, as the push wrote them.
        select
            .push(" WHERE l.note_id = ")
            .push_bind(note_id.to_ascii_lowercase());
    }
    select.push(" ORDER BY l.id DESC LIMIT ").push_bind(limit);
    let rows: Vec<(String, i64, String, String, String, Option<String>)> =
        select.build_query_as().fetch_all(pool).await?;
    let entries = rows
        .into_iter()
        .map(|(at, id, email, note_id, action, detail)| {
            Ok(AuditEntry {
                at,
                user: StaffRef { id, email },
                note_id,
                action: stored("action", &action, AuditAction::parse)?,
                detail,
            })
        })
        .collect::<Result<_, StoreError>>()?;
    Ok(AuditLog { entries })
}
