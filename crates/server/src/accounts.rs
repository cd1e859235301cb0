//! Staff accounts: made, listed and disabled by an admin in the app (`/api/v1/users`)
//! or on the server's machine (`omzien-server user …`). Both go through these
//! functions, so an account made either way passes the same rules (core's
//! `account.rs`), gets the same argon2id hash, and leaves the same line in the audit
//! log (`audit::record_account`), written in the transaction of the change itself.

use std::collections::HashMap;

use omzien_core::account::{normalise_email, Account, AccountProblem, NewAccount};
use omzien_core::staff::Role;
use sqlx::{SqliteConnection, SqlitePool};

use crate::audit::{self, AccountAction};
use crate::auth::{self, now_unix, AuthError, Staff};

#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    Auth(#[from] AuthError),
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
            Self::Database(_) | Self::Auth(_) => return None,
        })
    }
}

/// Which account to disable: the app names its id, the command line its e-mail.
#[derive(Clone, Copy, Debug)]
pub enum Which<'a> {
    Id(i64),
    Email(&'a str),
}

/// Makes an account after checking every rule; nothing is stored when one fails.
/// `by` is the admin who did it, `None` on the command line.
pub async fn create(
    pool: &SqlitePool,
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
    // Slow on purpose (tens of milliseconds), so outside the write transaction.
    let password = account.password.clone();
    let hash = tokio::task::spawn_blocking(move || auth::hash_password(&password))
        .await
        .map_err(|e| AuthError::Hashing(e.to_string()))??;

    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    for id in &organisations {
        if !organisation_exists(&mut tx, id).await? {
            return Err(AccountError::UnknownOrganisation(id.clone()));
        }
    }
    let inserted: Option<(i64, String)> = sqlx::query_as(
        "INSERT INTO users (email, role, password_hash) VALUES (?, ?, ?) \
         ON CONFLICT (email) DO NOTHING RETURNING id, created_at",
    )
    .bind(&email)
    .bind(account.role.as_str())
    .bind(hash)
    .fetch_optional(&mut *tx)
    .await?;
    let (id, created_at) = inserted.ok_or_else(|| AccountError::EmailTaken(email.clone()))?;
    for organisation in &organisations {
        sqlx::query("INSERT INTO user_organisations (user_id, organisation_id) VALUES (?, ?)")
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
    })
}

/// Whether the catalogue holds this organisation (and has not deleted it).
async fn organisation_exists(conn: &mut SqliteConnection, id: &str) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM catalogue_records \
         WHERE kind = 'organisation' AND id = ? AND deleted = 0)",
    )
    .bind(id)
    .fetch_one(conn)
    .await
}

/// Every account by e-mail, with an organiser's organisations; never a hash.
pub async fn list(pool: &SqlitePool) -> Result<Vec<Account>, AccountError> {
    let rows: Vec<(i64, String, String, String, bool)> =
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
    rows.into_iter()
        .map(|(id, email, role, created_at, disabled)| {
            Ok(Account {
                id,
                email,
                role: Role::parse(&role).ok_or(AuthError::CorruptRole(role))?,
                organisations: kept.remove(&id).unwrap_or_default(),
                disabled,
                created_at,
            })
        })
        .collect()
}

/// Disables an account and ends its sessions at once (a lost tablet, someone leaving).
/// Disabling a disabled account changes nothing and writes no audit line.
pub async fn disable(
    pool: &SqlitePool,
    which: Which<'_>,
    by: Option<&Staff>,
) -> Result<(), AccountError> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let found: Option<(i64, bool)> = match which {
        Which::Id(id) => {
            sqlx::query_as("SELECT id, disabled FROM users WHERE id = ?")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?
        }
        Which::Email(email) => {
            sqlx::query_as("SELECT id, disabled FROM users WHERE email = ?")
                .bind(normalise_email(email))
                .fetch_optional(&mut *tx)
                .await?
        }
    };
    let Some((id, already)) = found else {
        return Err(AccountError::NoSuchUser(match which {
            Which::Id(id) => id.to_string(),
            Which::Email(email) => normalise_email(email),
        }));
    };
    if by.is_some_and(|admin| admin.user_id == id) {
        return Err(AccountError::OwnAccount);
    }
    if already {
        return Ok(());
    }
    sqlx::query("UPDATE users SET disabled = 1 WHERE id = ?")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM sessions WHERE user_id = ?")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    audit::record_account(&mut tx, by, id, AccountAction::Disable, None, now_unix()).await?;
    tx.commit().await?;
    Ok(())
}
