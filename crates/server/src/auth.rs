//! Staff sign-in and sessions: argon2id password hashes, opaque bearer tokens kept only
//! as their SHA-256, sign-in attempts limited per e-mail and per client address.
//! Making and disabling accounts is `accounts.rs`.
//!
//! Times are passed in as Unix seconds (`now`) and turned into the schema's text
//! timestamps by SQLite, so tests can move the clock without waiting.

use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use omzien_core::staff::{Role, SignInResponse, MAX_PASSWORD};
use sha2::{Digest, Sha256};
use sqlx::SqlitePool;
use tokio::sync::Semaphore;

/// The text form of a timestamp in every table: `2026-01-31T09:30:00.000Z`.
pub const SQL_TIME: &str = "strftime('%Y-%m-%dT%H:%M:%fZ', ?, 'unixepoch')";

/// Failed sign-ins allowed per e-mail and per client address within the window.
pub const MAX_FAILURES: i64 = 5;
pub const FAILURE_WINDOW_SECS: i64 = 15 * 60;

pub fn now_unix() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// What the sign-in and session code needs besides the database.
#[derive(Debug)]
pub struct Auth {
    /// How long a session lasts (`OMZIEN_SESSION_DAYS`).
    pub session_days: u32,
    /// Take the client address from `X-Forwarded-For` (`OMZIEN_TRUST_FORWARDED_FOR`).
    pub trust_forwarded_for: bool,
    /// argon2 takes 19 MiB and tens of milliseconds per check: a flood of sign-ins
    /// waits here instead of exhausting memory and the blocking threads.
    hashing: Semaphore,
}

pub const DEFAULT_SESSION_DAYS: u32 = 14;

impl Auth {
    pub fn new(session_days: u32, trust_forwarded_for: bool) -> Self {
        Auth {
            session_days,
            trust_forwarded_for,
            hashing: Semaphore::new(2),
        }
    }
}

impl Default for Auth {
    fn default() -> Self {
        Auth::new(DEFAULT_SESSION_DAYS, false)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("password hashing: {0}")]
    Hashing(String),
    #[error("the stored role `{0}` is unknown")]
    CorruptRole(String),
}

/// argon2id with the crate's defaults: m = 19 MiB, t = 2, p = 1, which is OWASP's
/// recommended minimum for argon2id.
pub fn hash_password(password: &str) -> Result<String, AuthError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| AuthError::Hashing(e.to_string()))
}

/// Checks a password against a stored PHC string; the parameters come from the string,
/// so hashes made with older parameters still verify.
pub fn verify_password(stored: &str, password: &str) -> bool {
    PasswordHash::new(stored)
        .and_then(|hash| Argon2::default().verify_password(password.as_bytes(), &hash))
        .is_ok()
}

/// A hash of nothing anybody knows, checked when the e-mail is unknown so that answer
/// takes as long as a wrong password.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash_password(&random_hex(16)).unwrap_or_default())
}

fn random_hex(bytes: usize) -> String {
    let mut buffer = vec![0u8; bytes];
    OsRng.fill_bytes(&mut buffer);
    hex(&buffer)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A new session token: 256 random bits as 64 hex digits.
pub fn new_token() -> String {
    random_hex(32)
}

/// What the database keeps of a token.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

pub fn looks_like_token(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

/// A one-time password for `user add`: 20 characters without look-alikes (0/O, 1/l/I),
/// about 115 bits.
pub fn generate_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut password = String::with_capacity(20);
    while password.len() < 20 {
        let mut byte = [0u8; 1];
        OsRng.fill_bytes(&mut byte);
        // Rejection sampling keeps every character equally likely.
        let limit = 256 - 256 % ALPHABET.len();
        if usize::from(byte[0]) < limit {
            password.push(char::from(ALPHABET[usize::from(byte[0]) % ALPHABET.len()]));
        }
    }
    password
}

pub use omzien_core::account::normalise_email;

/// The organisations whose activities an organiser keeps (none for other roles).
pub async fn organisations_of<'e, E>(db: E, user_id: i64) -> Result<Vec<String>, sqlx::Error>
where
    E: sqlx::SqliteExecutor<'e>,
{
    sqlx::query_scalar(
        "SELECT organisation_id FROM user_organisations WHERE user_id = ? ORDER BY organisation_id",
    )
    .bind(user_id)
    .fetch_all(db)
    .await
}

/// A signed-in staff member, as a request's session says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Staff {
    pub user_id: i64,
    pub email: String,
    pub role: Role,
    pub token_hash: String,
    pub expires_at: String,
}

/// The staff member behind a bearer token, if the session is live and the account
/// not disabled.
pub async fn session(pool: &SqlitePool, token: &str, now: i64) -> Result<Option<Staff>, AuthError> {
    if !looks_like_token(token) {
        return Ok(None);
    }
    let hash = token_hash(token);
    let row: Option<(i64, String, String, String)> = sqlx::query_as(&format!(
        "SELECT u.id, u.email, u.role, s.expires_at FROM sessions s \
         JOIN users u ON u.id = s.user_id \
         WHERE s.token_hash = ? AND s.expires_at > {SQL_TIME} AND u.disabled = 0"
    ))
    .bind(&hash)
    .bind(now)
    .fetch_optional(pool)
    .await?;
    let Some((user_id, email, role, expires_at)) = row else {
        return Ok(None);
    };
    Ok(Some(Staff {
        user_id,
        email,
        role: Role::parse(&role).ok_or(AuthError::CorruptRole(role))?,
        token_hash: hash,
        expires_at,
    }))
}

pub async fn sign_out(pool: &SqlitePool, staff: &Staff) -> Result<(), AuthError> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = ?")
        .bind(&staff.token_hash)
        .execute(pool)
        .await?;
    Ok(())
}

#[derive(Debug, thiserror::Error)]
pub enum SignInError {
    /// Unknown e-mail, wrong password or a disabled account: one answer for all.
    #[error("sign-in failed")]
    Failed,
    #[error("too many failed sign-ins; retry after {retry_after} s")]
    Limited { retry_after: u64 },
    #[error(transparent)]
    Auth(#[from] AuthError),
}

impl From<sqlx::Error> for SignInError {
    fn from(e: sqlx::Error) -> Self {
        SignInError::Auth(AuthError::Database(e))
    }
}

/// Checks an e-mail and password and opens a session.
///
/// The attempt is written as failed *before* the password is checked, in the same
/// write transaction as the count, so guesses sent in parallel cannot all slip under
/// the limit; it is marked good afterwards when the password was right.
pub async fn sign_in(
    pool: &SqlitePool,
    auth: &Auth,
    email: &str,
    password: &str,
    ip: &str,
    now: i64,
) -> Result<SignInResponse, SignInError> {
    let email = normalise_email(email);
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let window = now - FAILURE_WINDOW_SECS;
    let mut retry_after = 0;
    for (column, key) in [("email", email.as_str()), ("ip", ip)] {
        let (failures, oldest): (i64, Option<i64>) = sqlx::query_as(&format!(
            "SELECT COUNT(*), CAST(strftime('%s', MIN(at)) AS INTEGER) FROM sign_in_attempts \
             WHERE {column} = ? AND succeeded = 0 AND at > {SQL_TIME}"
        ))
        .bind(key)
        .bind(window)
        .fetch_one(&mut *tx)
        .await?;
        if failures >= MAX_FAILURES {
            let free_at = oldest.unwrap_or(now) + FAILURE_WINDOW_SECS;
            retry_after = retry_after.max(u64::try_from(free_at - now).unwrap_or(0).max(1));
        }
    }
    if retry_after > 0 {
        tx.rollback().await?;
        return Err(SignInError::Limited { retry_after });
    }
    let attempt: i64 = sqlx::query_scalar(&format!(
        "INSERT INTO sign_in_attempts (email, ip, at) VALUES (?, ?, {SQL_TIME}) RETURNING id"
    ))
    .bind(&email)
    .bind(ip)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let user: Option<(i64, String, String, bool)> =
        sqlx::query_as("SELECT id, role, password_hash, disabled FROM users WHERE email = ?")
            .bind(&email)
            .fetch_optional(&mut *tx)
            .await?;
    tx.commit().await?;

    let too_long = password.len() > MAX_PASSWORD;
    let stored = match &user {
        Some((_, _, hash, _)) => hash.clone(),
        None => String::new(),
    };
    let password = password.to_owned();
    let matches = {
        let _permit = auth
            .hashing
            .acquire()
            .await
            .map_err(|e| AuthError::Hashing(e.to_string()))?;
        tokio::task::spawn_blocking(move || {
            // An unknown e-mail checks against a dummy hash: the same work, the same time.
            let hash = if stored.is_empty() {
                dummy_hash()
            } else {
                &stored
            };
            !too_long && verify_password(hash, &password) && !stored.is_empty()
        })
        .await
        .map_err(|e| AuthError::Hashing(e.to_string()))?
    };
    let Some((user_id, role, _, disabled)) = user else {
        return Err(SignInError::Failed);
    };
    if !matches || disabled {
        return Err(SignInError::Failed);
    }
    let role = Role::parse(&role).ok_or(AuthError::CorruptRole(role))?;

    let token = new_token();
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    sqlx::query("UPDATE sign_in_attempts SET succeeded = 1 WHERE id = ?")
        .bind(attempt)
        .execute(&mut *tx)
        .await?;
    // The right password forgives this account's earlier typos (not the address's).
    sqlx::query("DELETE FROM sign_in_attempts WHERE email = ? AND succeeded = 0")
        .bind(&email)
        .execute(&mut *tx)
        .await?;
    let expires_at: String = sqlx::query_scalar(&format!(
        "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) \
         VALUES (?, ?, {SQL_TIME}, strftime('%Y-%m-%dT%H:%M:%fZ', ?, 'unixepoch', ?)) \
         RETURNING expires_at"
    ))
    .bind(token_hash(&token))
    .bind(user_id)
    .bind(now)
    .bind(now)
    .bind(format!("+{} days", auth.session_days))
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(SignInResponse {
        token,
        expires_at,
        role,
        email,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_hashed_with_argon2id_and_verify() {
        let hash = hash_password("correct horse battery").unwrap();
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(!hash.contains("correct horse"));
        assert!(verify_password(&hash, "correct horse battery"));
        assert!(!verify_password(&hash, "correct horse batterY"));
        assert!(!verify_password("not a hash", "x"));
    }

    #[test]
    fn tokens_are_random_and_kept_as_sha256() {
        let a = new_token();
        assert!(looks_like_token(&a));
        assert_ne!(a, new_token());
        assert_eq!(
            token_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn generated_passwords_are_long_and_unambiguous() {
        let p = generate_password();
        assert_eq!(p.len(), 20);
        assert!(!p.contains(['0', 'O', '1', 'l', 'I']));
        assert_ne!(p, generate_password());
    }
}
