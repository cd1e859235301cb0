//! Staff accounts: made, listed, disabled and turned on again by an admin in the app
//! (`/api/v1/users`) or on the server's machine (`omzien-server user …`). Both go
//! through these functions, so an account made either way passes the same rules (core's
//! `account.rs`), gets the same argon2id hash, and leaves the same line in the audit
//! log (`audit::record_account`), written in the transaction of the change itself,
//! which admins read back (`log`).

use std::collections::HashMap;

use omzien_core::account::{
    normalise_email, Account, AccountAction, AccountLog, AccountLogEntry, AccountProblem,
    FailedSignIns, NewAccount,
};
use omzien_core::staff::{Role, StaffRef};
use sqlx::{AnyConnection, AnyPool};

use crate::audit;
use crate::auth::{self, now_unix, AuthError, FailureCount, Staff};
use crate::db::{stored, Flag, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    Auth(#[from] AuthError),
    /// A line of the log that no longer parses.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The rules of a new account, broken: every one at once.
    #[error("{}", english(.0))]
    Invalid(Vec<AccountProblem>),
    #[error("a user with e-mail {0} already exists")]
    EmailTaken(String),
    #[error("no organisation `{0}` in the catalogue")]
    UnknownOrganisation(String),
    #[error("no such user: {0}")]
    NoSuchUser(String),
    /// An admin disabling herself would lock the door behind her.
    #[error("you cannot disable your own account")]
    OwnAccount,
}

fn english(problems: &[AccountProblem]) -> String {
    let words: Vec<&str> = problems.iter().map(|p| p.message_en()).collect();
    words.join("; ")
}

impl AccountError {
    /// What the admin reads in the app, for the refusals that are hers to put right.
    pub fn message_nl(&self) -> Option<String> {
        Some(match self {
            Self::Invalid(problems) => {
                let words: Vec<&str> = problems.iter().map(|p| p.message_nl()).collect();
                words.join(" ")
            }
            Self::EmailTaken(_) => {
                "Er is al een account met dit e-mailadres. Kies een ander e-mailadres.".to_owned()
            }
            Self::UnknownOrganisation(id) => format!(
                "De organisatie '{id}' staat niet in de catalogus. Kies een organisatie uit de lijst."
            ),
            Self::NoSuchUser(_) => "Dit account bestaat niet.".to_owned(),
            Self::OwnAccount => {
                "Je kunt je eigen account niet uitzetten. Vraag dat aan een andere beheerder."
                    .to_owned()
            }
            Self::Database(_) | Self::Auth(_) | Self::Store(_) => return None,
        })
    }
}

/// Which account to disable or enable: the app names its id, the command line its
/// e-mail.
#[derive(Clone, Copy, Debug)]
pub enum Which<'a> {
    Id(i64),
    Email(&'a str),
}

/// Makes an account after checking every rule; nothing is stored when one fails.
/// `by` is the admin who did it, `None` on the command line.
pub async fn create(
    pool: &AnyPool,
    account: &NewAccount,
    by: Option<&Staff>,
) -> Result<Account, AccountError> {
    let problems = account.problems();
    if !problems.is_empty() {
        return Err(AccountError::Invalid(problems));
    }
    let email = normalise_email(&account.email);
    let mut organisations = account.organisations.clone();
    organisations.sort();
    organisations.dedup();
    // Slow on purpose (tens of milliseconds), so outside the write transaction, and
    // within the process's bound on hashes at once like every sign-in.
    let hash = auth::hash_password_bounded(account.password.clone()).await?;

    let mut tx = crate::db::write(pool).await?;
    for id in &organisations {
        if !organisation_exists(&mut tx, id).await? {
            return Err(AccountError::UnknownOrganisation(id.clone()));
        }
    }
    let inserted: Option<(i64, String)> = sqlx::query_as(
        "INSERT INTO users (email, role, password_hash) VALUES ($1, $2, $3) \
         ON CONFLICT (email) DO NOTHING RETURNING id, created_at",
    )
    .bind(&email)
    .bind(account.role.as_str())
    .bind(hash)
    .fetch_optional(&mut *tx)
    .await?;
    let (id, created_at) = inserted.ok_or_else(|| AccountError::EmailTaken(email.clone()))?;
    for organisation in &organisations {
        sqlx::query("INSERT INTO user_organisations (user_id, organisation_id) VALUES ($1, $2)")
            .bind(id)
            .bind(organisation)
            .execute(&mut *tx)
            .await?;
    }
    let detail = match organisations.is_empty() {
        true => account.role.as_str().to_owned(),
        false => format!("{}: {}", account.role.as_str(), organisations.join(", ")),
    };
    audit::record_account(
        &mut tx,
        by,
        id,
        AccountAction::Add,
        Some(&detail),
        now_unix(),
    )
    .await?;
    tx.commit().await?;
    Ok(Account {
        id,
        email,
        role: account.role,
        organisations,
        disabled: false,
        created_at,
        failed_sign_ins: None,
    })
}

/// Whether the catalogue holds this organisation (and has not deleted it).
async fn organisation_exists(conn: &mut AnyConnection, id: &str) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM catalogue_records \
         WHERE kind = 'organisation' AND id = $1 AND deleted = FALSE)",
    )
    .bind(id)
    .fetch_one(conn)
    .await
    .map(|Flag(exists)| exists)
}

/// Every account by e-mail, with an organiser's organisations and the failed sign-ins of
/// the last day; never a hash.
pub async fn list(pool: &AnyPool) -> Result<Vec<Account>, AccountError> {
    let rows: Vec<(i64, String, String, String, Flag)> =
        sqlx::query_as("SELECT id, email, role, created_at, disabled FROM users ORDER BY email")
            .fetch_all(pool)
            .await?;
    let links: Vec<(i64, String)> = sqlx::query_as(
        "SELECT user_id, organisation_id FROM user_organisations ORDER BY organisation_id",
    )
    .fetch_all(pool)
    .await?;
    let mut kept: HashMap<i64, Vec<String>> = HashMap::new();
    for (user, organisation) in links {
        kept.entry(user).or_default().push(organisation);
    }
    let mut failed = failed_sign_ins(pool, now_unix()).await?;
    rows.into_iter()
        .map(|(id, email, role, created_at, Flag(disabled))| {
            Ok(Account {
                id,
                email,
                role: Role::parse(&role).ok_or(AuthError::CorruptRole(role))?,
                organisations: kept.remove(&id).unwrap_or_default(),
                disabled,
                created_at,
                failed_sign_ins: failed.remove(&id),
            })
        })
        .collect()
}

/// Per account, the failed sign-ins of the last day from devices it does not know (its
/// own known devices' typos are no news to an admin).
async fn failed_sign_ins(
    pool: &AnyPool,
    now: i64,
) -> Result<HashMap<i64, FailedSignIns>, sqlx::Error> {
    let rows: Vec<(i64, i64, i64, String)> = sqlx::query_as(
        "SELECT u.id, COUNT(*), COUNT(DISTINCT a.ip), MIN(a.at) \
         FROM sign_in_attempts a JOIN users u ON u.email = a.email \
         WHERE a.succeeded = FALSE AND a.device IS NULL AND a.at > $1 GROUP BY u.id",
    )
    .bind(auth::iso(now - auth::ATTACK_WINDOW_SECS))
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, failures, addresses, since)| {
            let count = FailureCount {
                failures,
                addresses,
            };
            let failed = FailedSignIns {
                count: u32::try_from(failures).unwrap_or(u32::MAX),
                addresses: u32::try_from(addresses).unwrap_or(u32::MAX),
                since,
                under_attack: count.under_attack(),
            };
            (id, failed)
        })
        .collect())
}

/// The account's id and whether it is disabled now, read inside the change's
/// transaction so that two admins at once cannot both write a line for one change.
async fn find(conn: &mut AnyConnection, which: Which<'_>) -> Result<(i64, bool), AccountError> {
    let found: Option<(i64, Flag)> = match which {
        Which::Id(id) => {
            sqlx::query_as("SELECT id, disabled FROM users WHERE id = $1")
                .bind(id)
                .fetch_optional(conn)
                .await?
        }
        Which::Email(email) => {
            sqlx::query_as("SELECT id, disabled FROM users WHERE email = $1")
                .bind(normalise_email(email))
                .fetch_optional(conn)
                .await?
        }
    };
    found
        .map(|(id, Flag(disabled))| (id, disabled))
        .ok_or_else(|| {
            AccountError::NoSuchUser(match which {
                Which::Id(id) => id.to_string(),
                Which::Email(email) => normalise_email(email),
            })
        })
}

/// Disables an account and ends its sessions at once (a lost tablet, someone leaving);
/// its devices are known no more.
/// Disabling a disabled account changes nothing and writes no audit line.
pub async fn disable(
    pool: &AnyPool,
    which: Which<'_>,
    by: Option<&Staff>,
) -> Result<(), AccountError> {
    let mut tx = crate::db::write(pool).await?;
    let (id, already) = find(&mut tx, which).await?;
    if by.is_some_and(|admin| admin.user_id == id) {
        return Err(AccountError::OwnAccount);
    }
    if already {
        return Ok(());
    }
    sqlx::query("UPDATE users SET disabled = TRUE WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    // A lost tablet stays a stranger if the account is turned on again.
    sqlx::query("DELETE FROM known_devices WHERE user_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    audit::record_account(&mut tx, by, id, AccountAction::Disable, None, now_unix()).await?;
    tx.commit().await?;
    Ok(())
}

/// Turns a disabled account on again: she signs in with the password she had (her
/// sessions ended when it was disabled, and stay ended). Enabling an account that is on
/// changes nothing and writes no audit line. No check of one's own account is needed:
/// a disabled admin cannot sign in to ask.
pub async fn enable(
    pool: &AnyPool,
    which: Which<'_>,
    by: Option<&Staff>,
) -> Result<(), AccountError> {
    let mut tx = crate::db::write(pool).await?;
    let (id, disabled) = find(&mut tx, which).await?;
    if !disabled {
        return Ok(());
    }
    sqlx::query("UPDATE users SET disabled = FALSE WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    audit::record_account(&mut tx, by, id, AccountAction::Enable, None, now_unix()).await?;
    tx.commit().await?;
    Ok(())
}

/// The most lines of the accounts' log one answer holds, whatever `limit` asks: far
/// more than a municipality's staff changes in years, and one table on a page.
pub const MAX_ACCOUNT_LOG: i64 = 500;

/// A line of `account_audit` with the e-mail addresses of whom and by whom.
#[derive(sqlx::FromRow)]
struct LogRow {
    at: String,
    by_id: Option<i64>,
    by_email: Option<String>,
    id: i64,
    email: String,
    action: String,
    detail: Option<String>,
}

/// The accounts' log, newest first, at most [`MAX_ACCOUNT_LOG`] lines.
pub async fn log(pool: &AnyPool, limit: Option<u32>) -> Result<AccountLog, AccountError> {
    let limit = limit.map_or(MAX_ACCOUNT_LOG, |l| i64::from(l).min(MAX_ACCOUNT_LOG));
    // Accounts are never deleted (they are disabled), so every line finds its account;
    // `by_user` is NULL for what was done on the command line.
    let rows: Vec<LogRow> = sqlx::query_as(
        "SELECT l.at, b.id AS by_id, b.email AS by_email, a.id, a.email, l.action, l.detail \
         FROM account_audit l JOIN users a ON a.id = l.account_id \
         LEFT JOIN users b ON b.id = l.by_user \
         ORDER BY l.id DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(pool)
    .await?;
    let entries = rows
        .into_iter()
        .map(|row| {
            Ok(AccountLogEntry {
                at: row.at,
                by: row
                    .by_id
                    .zip(row.by_email)
                    .map(|(id, email)| StaffRef { id, email }),
                account: StaffRef {
                    id: row.id,
                    email: row.email,
                },
                action: stored("action", &row.action, AccountAction::parse)?,
                detail: row.detail,
            })
        })
        .collect::<Result<_, StoreError>>()?;
    Ok(AccountLog { entries })
}
