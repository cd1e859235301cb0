//! Staff sign-in and sessions: argon2id password hashes, opaque bearer tokens kept only
//! as their SHA-256, and failed sign-ins that slow down without locking anyone out.
//! Making and disabling accounts is `accounts.rs`.
//!
//! Failures slow down the pair (e-mail, address) and, far more loosely, the address;
//! never the account as a whole, so guesses from elsewhere cannot keep its owner out. A
//! device where the account signed in before (a *known device*, by its cookie) answers
//! only for its own failures, so not even guesses from her own shared address stop her.
//! Failures from many addresses mark the account as under attack: a warning in the log,
//! and a line in the admins' list of accounts. Why these numbers: `docs/decisions.md`.
//!
//! Times are passed in as Unix seconds (`now`) and turned into the schema's text
//! timestamps by SQLite, so tests can move the clock without waiting.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Mutex, OnceLock};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::db::Flag;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{Output, ParamsString, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use omzien_core::staff::{Role, SignInResponse, MAX_PASSWORD};
use sha2::{Digest, Sha256};
use sqlx::{AnyConnection, AnyPool};

/// Now, in the text form of every table's timestamps ([`crate::db::stored_time`]):
/// computed here and bound, so the SQL is the same on either database.
pub fn iso_now() -> String {
    crate::db::stored_time(time::OffsetDateTime::now_utc())
}

/// Unix seconds of a stored timestamp; `None` for text that is not one.
pub fn unix_seconds(stored: &str) -> Option<i64> {
    use time::format_description::well_known::Rfc3339;
    time::OffsetDateTime::parse(stored, &Rfc3339)
        .ok()
        .map(time::OffsetDateTime::unix_timestamp)
}

/// Unix seconds in the text form of every table's timestamps, so a bound made here
/// compares with them as text on either database.
pub fn iso(unix: i64) -> String {
    crate::db::stored_time(
        time::OffsetDateTime::from_unix_timestamp(unix).unwrap_or(time::OffsetDateTime::UNIX_EPOCH),
    )
}

/// Failed sign-ins allowed per pair (e-mail, address) within the window; the next
/// attempt from that pair waits until the oldest of them leaves it.
pub const MAX_FAILURES: i64 = 5;
pub const FAILURE_WINDOW_SECS: i64 = 15 * 60;
/// Failed sign-ins allowed from one known device on its own account within the window:
/// more than a stranger gets, because the device signed in with the right password
/// before, and not unlimited, because a copied cookie must not make guessing free.
pub const MAX_DEVICE_FAILURES: i64 = 10;
/// Failed sign-ins allowed from one address, over all accounts, within the window
/// (`OMZIEN_SIGN_IN_ADDRESS_FAILURES`): high, because a whole office, or everyone behind
/// a proxy when `OMZIEN_TRUST_FORWARDED_FOR` is off, shares one address.
pub const DEFAULT_ADDRESS_FAILURES: u32 = 100;
/// Password hashes at once in this process (`OMZIEN_HASHING_AT_ONCE`).
pub const DEFAULT_HASHING_AT_ONCE: u32 = 2;
/// An account is under attack when, within a day, this many failed sign-ins from devices
/// it does not know came from at least [`ATTACK_ADDRESSES`] addresses: one address
/// can fail at most 5 times in 15 minutes on it, and its owner mistyping at home, at
/// work and on the road makes three addresses and a handful of failures.
pub const ATTACK_WINDOW_SECS: i64 = 24 * 3600;
pub const ATTACK_FAILURES: i64 = 10;
pub const ATTACK_ADDRESSES: i64 = 5;
/// The known-device cookie: its name, and how long a device stays known unused.
pub const DEVICE_COOKIE: &str = "omzien_device";
pub const DEVICE_DAYS: i64 = 365;

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
    /// Failed sign-ins per address within the window (`OMZIEN_SIGN_IN_ADDRESS_FAILURES`).
    pub address_failures: u32,
}

pub const DEFAULT_SESSION_DAYS: u32 = 14;

impl Auth {
    pub fn new(session_days: u32, trust_forwarded_for: bool) -> Self {
        Auth {
            session_days,
            trust_forwarded_for,
            address_failures: DEFAULT_ADDRESS_FAILURES,
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

/// The memory argon2 works in (19 MiB for today's parameters). Each hashing thread keeps
/// its own from hash to hash instead of asking the allocator every time: glibc kept what
/// argon2 freed, hundreds of MiB after a burst even two at a time (`docs/benchmarks.md`).
#[derive(Default)]
pub struct HashMemory(Vec<Block>);

impl HashMemory {
    /// The first `params.block_count()` blocks, grown when a stored hash asks for more.
    /// What is left in them from the last hash does not matter: argon2 writes every block
    /// before it reads it.
    fn blocks(&mut self, params: &Params) -> &mut [Block] {
        let count = params.block_count();
        if self.0.len() < count {
            self.0.resize(count, Block::default());
        }
        &mut self.0[..count]
    }
}

fn hashing_error(e: impl std::fmt::Display) -> AuthError {
    AuthError::Hashing(e.to_string())
}

/// argon2id with the crate's defaults: m = 19 MiB, t = 2, p = 1, which is OWASP's
/// recommended minimum for argon2id, as a PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`),
/// so parameters can be raised later without breaking old hashes. Blocking: the server
/// calls it through [`hash_password_bounded`].
pub fn hash_password_in(memory: &mut HashMemory, password: &str) -> Result<String, AuthError> {
    let salt = SaltString::generate(&mut OsRng);
    let params = Params::default();
    let argon2 = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
    let mut salt_bytes = [0u8; 64];
    let salt_bytes = salt
        .as_salt()
        .decode_b64(&mut salt_bytes)
        .map_err(hashing_error)?;
    let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
    argon2
        .hash_password_into_with_memory(
            password.as_bytes(),
            salt_bytes,
            &mut out,
            memory.blocks(&params),
        )
        .map_err(hashing_error)?;
    let hash = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(&params).map_err(hashing_error)?,
        salt: Some(salt.as_salt()),
        hash: Some(Output::new(&out).map_err(hashing_error)?),
    };
    Ok(hash.to_string())
}

/// [`hash_password_in`] with memory of its own, for tests and one-off use.
pub fn hash_password(password: &str) -> Result<String, AuthError> {
    hash_password_in(&mut HashMemory::default(), password)
}

/// Checks a password against a stored PHC string, in `memory`; the algorithm, version and
/// parameters come from the string, so hashes made with older parameters still verify.
/// What the `argon2` crate's `PasswordVerifier` does, but in memory we keep; the answers
/// are compared in constant time (`Output`'s `==`). Blocking: the server calls it through
/// [`verify_password_bounded`].
pub fn verify_password_in(memory: &mut HashMemory, stored: &str, password: &str) -> bool {
    let Ok(hash) = PasswordHash::new(stored) else {
        return false;
    };
    let (Some(salt), Some(expected)) = (hash.salt, hash.hash) else {
        return false;
    };
    let Ok(algorithm) = Algorithm::try_from(hash.algorithm) else {
        return false;
    };
    let Ok(version) = hash.version.map(Version::try_from).transpose() else {
        return false;
    };
    let Ok(params) = Params::try_from(&hash) else {
        return false;
    };
    let mut salt_bytes = [0u8; 64];
    let Ok(salt_bytes) = salt.decode_b64(&mut salt_bytes) else {
        return false;
    };
    let argon2 = Argon2::new(algorithm, version.unwrap_or_default(), params.clone());
    let mut out = vec![0u8; expected.len()];
    argon2
        .hash_password_into_with_memory(
            password.as_bytes(),
            salt_bytes,
            &mut out,
            memory.blocks(&params),
        )
        .is_ok()
        && Output::new(&out).is_ok_and(|computed| computed == expected)
}

/// [`verify_password_in`] with memory of its own, for tests and one-off use.
pub fn verify_password(stored: &str, password: &str) -> bool {
    verify_password_in(&mut HashMemory::default(), stored, password)
}

/// The one bound on argon2 in this process: a fixed set of threads that do nothing else
/// (`OMZIEN_HASHING_AT_ONCE` of them), fed by a queue. Each hash takes 19 MiB and tens
/// of milliseconds; 20 at once took the server from 10 MB to 730 MB (issue 16), and glibc
/// kept it.
///
/// A semaphore around tokio's blocking pool was not enough: it bounded the hashes at
/// once, but each ran on whichever blocking thread was free, the pool started new ones,
/// and the malloc arenas kept what argon2 freed (after the first free, glibc raises its
/// mmap threshold, so later blocks come from, and stay in, an arena): 100 failed
/// sign-ins, two at a time, still left the server at 510 MB, and 262 MB on two fixed
/// threads. What holds is the threads keeping argon2's memory themselves
/// ([`HashMemory`]): 54 MB after 500 (`docs/benchmarks.md`).
///
/// Process-wide rather than in the server's state, because memory is the process's:
/// sign-in, accounts made in the app or on the command line, and whatever hashes
/// passwords next all wait in one queue without each having to be handed the bound.
static HASHERS: OnceLock<Hashers> = OnceLock::new();
/// Hashes running now, and the most that ever ran at once (for tests and benchmarks).
static HASHING_NOW: AtomicUsize = AtomicUsize::new(0);
static HASHING_MOST: AtomicUsize = AtomicUsize::new(0);

type HashJob = Box<dyn FnOnce(&mut HashMemory) + Send>;

/// The queue into the hashing threads.
struct Hashers {
    queue: Mutex<mpsc::Sender<HashJob>>,
}

impl Hashers {
    fn start(threads: u32) -> Self {
        let (queue, jobs) = mpsc::channel::<HashJob>();
        let jobs = Arc::new(Mutex::new(jobs));
        for n in 0..threads.max(1) {
            let jobs = Arc::clone(&jobs);
            let started = std::thread::Builder::new()
                .name(format!("argon2-{n}"))
                .spawn(move || {
                    let mut memory = HashMemory::default();
                    loop {
                        // The lock is held while waiting for the next job, not during it.
                        let job = match jobs.lock() {
                            Ok(jobs) => jobs.recv(),
                            Err(_) => return,
                        };
                        match job {
                            Ok(job) => job(&mut memory),
                            // The queue is gone: nothing more will come.
                            Err(_) => return,
                        }
                    }
                });
            if let Err(e) = started {
                tracing::error!(error = %e, "could not start a password hashing thread");
            }
        }
        Hashers {
            queue: Mutex::new(queue),
        }
    }
}

fn hashers() -> &'static Hashers {
    HASHERS.get_or_init(|| Hashers::start(DEFAULT_HASHING_AT_ONCE))
}

/// Sets how many password hashes may run at once (`OMZIEN_HASHING_AT_ONCE`). Call it
/// before the first hash; `false` when the bound was already set, and it stays as it was.
pub fn limit_hashing(at_once: u32) -> bool {
    if HASHERS.get().is_some() {
        return false;
    }
    // Lost to a hash that started meanwhile: these threads end with their dropped queue.
    HASHERS.set(Hashers::start(at_once)).is_ok()
}

/// The most password hashes that ran at the same moment in this process so far.
pub fn hashing_most_at_once() -> usize {
    HASHING_MOST.load(Ordering::SeqCst)
}

/// Runs argon2 work on a hashing thread when one is free. A request dropped while it
/// waits (a client that hangs up) leaves its job to be skipped, not run for nobody.
async fn bounded<T: Send + 'static>(
    work: impl FnOnce(&mut HashMemory) -> T + Send + 'static,
) -> Result<T, AuthError> {
    let (answer, answered) = tokio::sync::oneshot::channel();
    let job: HashJob = Box::new(move |memory| {
        if answer.is_closed() {
            return;
        }
        let now = HASHING_NOW.fetch_add(1, Ordering::SeqCst) + 1;
        HASHING_MOST.fetch_max(now, Ordering::SeqCst);
        // A panic must not take the thread with it; the caller then hears "no answer".
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(memory)));
        HASHING_NOW.fetch_sub(1, Ordering::SeqCst);
        if let Ok(result) = result {
            let _ = answer.send(result);
        }
    });
    hashers()
        .queue
        .lock()
        .map_err(|e| AuthError::Hashing(e.to_string()))?
        .send(job)
        .map_err(|e| AuthError::Hashing(e.to_string()))?;
    answered
        .await
        .map_err(|_| AuthError::Hashing("the hashing thread gave no answer".to_owned()))
}

/// [`hash_password`] within the process's bound on hashes at once.
pub async fn hash_password_bounded(password: String) -> Result<String, AuthError> {
    bounded(move |memory| hash_password_in(memory, &password)).await?
}

/// [`verify_password`] within the process's bound on hashes at once. `None` for the
/// stored hash checks against a dummy (an unknown e-mail takes as long as a wrong
/// password) and is never right.
pub async fn verify_password_bounded(
    stored: Option<String>,
    password: String,
) -> Result<bool, AuthError> {
    bounded(move |memory| match stored {
        Some(hash) => verify_password_in(memory, &hash, &password),
        None => {
            let dummy = dummy_hash(memory);
            verify_password_in(memory, dummy, &password);
            false
        }
    })
    .await
}

/// A hash of nothing anybody knows, checked when the e-mail is unknown so that answer
/// takes as long as a wrong password. Made on first use, inside the bound.
fn dummy_hash(memory: &mut HashMemory) -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash_password_in(memory, &random_hex(16)).unwrap_or_default())
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
    E: sqlx::AnyExecutor<'e>,
{
    sqlx::query_scalar(
        "SELECT organisation_id FROM user_organisations WHERE user_id = $1 ORDER BY organisation_id",
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
pub async fn session(pool: &AnyPool, token: &str, now: i64) -> Result<Option<Staff>, AuthError> {
    if !looks_like_token(token) {
        return Ok(None);
    }
    let hash = token_hash(token);
    let row: Option<(i64, String, String, String)> = sqlx::query_as(
        "SELECT u.id, u.email, u.role, s.expires_at FROM sessions s \
         JOIN users u ON u.id = s.user_id \
         WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled = FALSE",
    )
    .bind(&hash)
    .bind(iso(now))
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

pub async fn sign_out(pool: &AnyPool, staff: &Staff) -> Result<(), AuthError> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
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

/// One sign-in as it arrives.
#[derive(Clone, Copy, Debug)]
pub struct Attempt<'a> {
    pub email: &'a str,
    pub password: &'a str,
    /// The client address (`ClientIp`).
    pub ip: &'a str,
    /// The known-device cookie the request came with, if any; its value is checked here.
    pub device: Option<&'a str>,
}

/// A sign-in that worked: the session, and the device token for the cookie (the one the
/// device had when it was ours, or a new one).
#[derive(Debug)]
pub struct SignedIn {
    pub session: SignInResponse,
    pub device_token: String,
}

/// Which failures can hold an attempt back, each with its own allowance in the window.
#[derive(Clone, Copy, Debug)]
enum Throttle<'a> {
    /// A known device, on the account it is known for: its own failures only.
    Device { device: &'a str, email: &'a str },
    /// Any other device: the pair (e-mail, address) …
    Pair { email: &'a str, ip: &'a str },
    /// … and the address over all e-mails.
    Address { ip: &'a str },
}

impl Throttle<'_> {
    fn name(&self) -> &'static str {
        match self {
            Throttle::Device { .. } => "device",
            Throttle::Pair { .. } => "account and address",
            Throttle::Address { .. } => "address",
        }
    }

    /// Seconds until one more attempt may be made; 0 when it may be made now. The
    /// `allowed`-th newest failure in the window is the one that must leave it first.
    async fn wait(
        &self,
        conn: &mut AnyConnection,
        allowed: i64,
        now: i64,
    ) -> Result<u64, sqlx::Error> {
        let (condition, keys): (&str, Vec<&str>) = match *self {
            Throttle::Device { device, email } => {
                ("device = $1 AND email = $2", vec![device, email])
            }
            Throttle::Pair { email, ip } => ("email = $1 AND ip = $2", vec![email, ip]),
            Throttle::Address { ip } => ("ip = $1", vec![ip]),
        };
        let (since, skip) = (keys.len() + 1, keys.len() + 2);
        let sql = format!(
            "SELECT at FROM sign_in_attempts \
             WHERE {condition} AND succeeded = FALSE AND at > ${since} \
             ORDER BY at DESC LIMIT 1 OFFSET ${skip}"
        );
        let mut query = sqlx::query_scalar::<_, String>(&sql);
        for key in keys {
            query = query.bind(key);
        }
        let oldest_that_counts = query
            .bind(iso(now - FAILURE_WINDOW_SECS))
            .bind(allowed.max(1) - 1)
            .fetch_optional(conn)
            .await?;
        // Attempts are written at whole seconds (`now`), so reading them back as seconds
        // loses nothing; read here, not with SQLite's strftime('%s'), for PostgreSQL.
        let oldest_that_counts = oldest_that_counts.and_then(|at| unix_seconds(&at));
        Ok(oldest_that_counts.map_or(0, |at| {
            u64::try_from(at + FAILURE_WINDOW_SECS - now)
                .unwrap_or(0)
                .max(1)
        }))
    }
}

/// Checks an e-mail and password and opens a session.
///
/// The attempt is written as failed *before* the password is checked, in the same
/// write transaction as the count, so guesses sent in parallel cannot all slip under
/// the limit; it is marked good afterwards when the password was right. An attempt that
/// must wait is not written and costs no hashing.
pub async fn sign_in(
    pool: &AnyPool,
    auth: &Auth,
    attempt: Attempt<'_>,
    now: i64,
) -> Result<SignedIn, SignInError> {
    let email = normalise_email(attempt.email);
    let ip = attempt.ip;
    let presented = attempt
        .device
        .filter(|token| looks_like_token(token))
        .map(token_hash);
    let mut tx = crate::db::write(pool).await?;
    let user: Option<(i64, String, String, Flag)> =
        sqlx::query_as("SELECT id, role, password_hash, disabled FROM users WHERE email = $1")
            .bind(&email)
            .fetch_optional(&mut *tx)
            .await?;
    // The device is known only for the accounts that signed in on it.
    let known_device = match (&user, &presented) {
        (Some((user_id, ..)), Some(device)) => sqlx::query_scalar::<_, Flag>(
            "SELECT EXISTS (SELECT 1 FROM known_devices WHERE token_hash = $1 AND user_id = $2)",
        )
        .bind(device)
        .bind(user_id)
        .fetch_one(&mut *tx)
        .await?
        .0
        .then_some(device.as_str()),
        _ => None,
    };
    let throttles = match known_device {
        Some(device) => vec![(
            Throttle::Device {
                device,
                email: &email,
            },
            MAX_DEVICE_FAILURES,
        )],
        None => vec![
            (Throttle::Pair { email: &email, ip }, MAX_FAILURES),
            (Throttle::Address { ip }, i64::from(auth.address_failures)),
        ],
    };
    for (throttle, allowed) in throttles {
        let retry_after = throttle.wait(&mut tx, allowed, now).await?;
        if retry_after > 0 {
            tx.rollback().await?;
            tracing::warn!(%ip, by = throttle.name(), retry_after, "sign-in slowed down");
            return Err(SignInError::Limited { retry_after });
        }
    }
    let attempt_id: i64 = sqlx::query_scalar(
        "INSERT INTO sign_in_attempts (email, ip, at, device) VALUES ($1, $2, $3, $4) \
         RETURNING id",
    )
    .bind(&email)
    .bind(ip)
    .bind(iso(now))
    .bind(known_device)
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;

    let too_long = attempt.password.len() > MAX_PASSWORD;
    let stored = user.as_ref().map(|(_, _, hash, _)| hash.clone());
    let matches = verify_password_bounded(stored, attempt.password.to_owned()).await? && !too_long;
    let Some((user_id, role, _, Flag(disabled))) = user else {
        return Err(SignInError::Failed);
    };
    if !matches || disabled {
        if known_device.is_none() {
            report_attack(pool, user_id, &email, ip, now).await?;
        }
        return Err(SignInError::Failed);
    }
    let role = Role::parse(&role).ok_or(AuthError::CorruptRole(role))?;

    let token = new_token();
    let mut tx = crate::db::write(pool).await?;
    sqlx::query("UPDATE sign_in_attempts SET succeeded = TRUE WHERE id = $1")
        .bind(attempt_id)
        .execute(&mut *tx)
        .await?;
    // The right password forgives her own typos: those from this address or this device.
    // Not the account's other failures: they may be someone else's guesses, which admins
    // should see and which must not start afresh because she signed in.
    sqlx::query(
        "DELETE FROM sign_in_attempts WHERE email = $1 AND succeeded = FALSE \
         AND (ip = $2 OR device = $3)",
    )
    .bind(&email)
    .bind(ip)
    .bind(known_device)
    .execute(&mut *tx)
    .await?;
    let device_token = remember_device(&mut tx, attempt.device, user_id, now).await?;
    let expires_at: String = sqlx::query_scalar(
        "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) \
         VALUES ($1, $2, $3, $4) RETURNING expires_at",
    )
    .bind(token_hash(&token))
    .bind(user_id)
    .bind(iso(now))
    .bind(iso(now + i64::from(auth.session_days) * 24 * 3600))
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(SignedIn {
        session: SignInResponse {
            token,
            expires_at,
            role,
            email,
        },
        device_token,
    })
}

/// Makes the device known for this account and returns the token its cookie should hold.
/// A device keeps one token for every account that signs in on it (a shared office
/// tablet), but only a token we gave out before: one the client made up gets a fresh
/// token instead, so nobody can plant a token they know on someone else's browser.
async fn remember_device(
    conn: &mut AnyConnection,
    presented: Option<&str>,
    user_id: i64,
    now: i64,
) -> Result<String, sqlx::Error> {
    let mut token = None;
    if let Some(candidate) = presented.filter(|t| looks_like_token(t)) {
        let Flag(ours) =
            sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM known_devices WHERE token_hash = $1)")
                .bind(token_hash(candidate))
                .fetch_one(&mut *conn)
                .await?;
        if ours {
            token = Some(candidate.to_owned());
        }
    }
    let token = token.unwrap_or_else(new_token);
    sqlx::query(
        "INSERT INTO known_devices (token_hash, user_id, first_at, last_at) \
         VALUES ($1, $2, $3, $3) \
         ON CONFLICT (token_hash, user_id) DO UPDATE SET last_at = excluded.last_at",
    )
    .bind(token_hash(&token))
    .bind(user_id)
    .bind(iso(now))
    .execute(&mut *conn)
    .await?;
    Ok(token)
}

/// The failed sign-ins on one account within a day from devices it does not know.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FailureCount {
    pub failures: i64,
    pub addresses: i64,
}

impl FailureCount {
    /// Guessing from many places rather than its owner mistyping.
    pub fn under_attack(&self) -> bool {
        self.failures >= ATTACK_FAILURES && self.addresses >= ATTACK_ADDRESSES
    }

    /// Whether the latest failure, one of `from_its_address` from its address (itself
    /// included), is the one that made this count an attack.
    fn crossed_with_one_from(&self, from_its_address: i64) -> bool {
        let before = FailureCount {
            failures: self.failures - 1,
            addresses: self.addresses - i64::from(from_its_address == 1),
        };
        self.under_attack() && !before.under_attack()
    }
}

/// Warns in the log when this failure makes the account's count cross into an attack:
/// once per crossing, not at every guess after it. Admins see the count itself in the
/// list of accounts (`accounts::list`).
async fn report_attack(
    pool: &AnyPool,
    user_id: i64,
    email: &str,
    ip: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    // SUM of a CASE, not of a comparison: PostgreSQL sums no booleans.
    let (failures, addresses, from_here): (i64, i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), COUNT(DISTINCT ip), COALESCE(SUM(CASE WHEN ip = $1 THEN 1 ELSE 0 END), 0) \
         FROM sign_in_attempts \
         WHERE email = $2 AND succeeded = FALSE AND device IS NULL AND at > $3",
    )
    .bind(ip)
    .bind(email)
    .bind(iso(now - ATTACK_WINDOW_SECS))
    .fetch_one(pool)
    .await?;
    let after = FailureCount {
        failures,
        addresses,
    };
    if after.crossed_with_one_from(from_here) {
        tracing::warn!(
            user_id,
            failures,
            addresses,
            "account under attack: failed sign-ins from many addresses within a day; \
             admins see it in the list of accounts"
        );
    }
    Ok(())
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
    fn our_hashes_and_the_argon2_crates_own_agree_both_ways() {
        use argon2::password_hash::{PasswordHasher, PasswordVerifier};
        let password = "correct horse battery";
        let ours = hash_password(password).unwrap();
        let parsed = PasswordHash::new(&ours).unwrap();
        assert!(Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok());
        assert!(Argon2::default()
            .verify_password(b"correct horse batterY", &parsed)
            .is_err());
        assert!(
            ours.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{ours}"
        );

        let salt = SaltString::generate(&mut OsRng);
        let theirs = Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .unwrap()
            .to_string();
        assert!(verify_password(&theirs, password));
        assert!(!verify_password(&theirs, "correct horse batterY"));

        // One memory for hashes of other algorithms, versions and sizes, in any order.
        let mut memory = HashMemory::default();
        let other = |algorithm, version, m_kib| {
            Argon2::new(
                algorithm,
                version,
                Params::new(m_kib, 3, 2, Some(16)).unwrap(),
            )
            .hash_password(b"x y z", &salt)
            .unwrap()
            .to_string()
        };
        let older = [
            other(Algorithm::Argon2id, Version::V0x13, 8 * 1024),
            other(Algorithm::Argon2i, Version::V0x10, 1024),
            other(Algorithm::Argon2d, Version::V0x13, 64 * 1024),
        ];
        assert!(verify_password_in(&mut memory, &ours, password));
        for hash in &older {
            assert!(verify_password_in(&mut memory, hash, "x y z"), "{hash}");
            assert!(!verify_password_in(&mut memory, hash, "x y"), "{hash}");
        }
        assert!(verify_password_in(&mut memory, &ours, password));
        assert!(verify_password_in(&mut memory, &theirs, password));

        // A stored hash that was tampered with, or is no hash, never matches.
        let last = if ours.ends_with('A') { "Q" } else { "A" };
        let tampered = format!("{}{last}", &ours[..ours.len() - 1]);
        assert_ne!(tampered, ours);
        assert!(!verify_password_in(&mut memory, &tampered, password));
        let no_output = ours.rsplit_once('$').unwrap().0;
        assert!(!verify_password_in(&mut memory, no_output, password));
        assert!(!verify_password_in(&mut memory, "", ""));
    }

    #[test]
    fn an_attack_is_reported_once_when_it_crosses_the_line() {
        let count = |failures, addresses| FailureCount {
            failures,
            addresses,
        };
        // The tenth failure, from a fifth address: crossed.
        assert!(count(10, 5).crossed_with_one_from(1));
        // The tenth, from an address seen before, with five already: crossed.
        assert!(count(10, 5).crossed_with_one_from(3));
        // The fifth address, after ten failures from four: crossed.
        assert!(count(11, 5).crossed_with_one_from(1));
        // Already an attack before this failure: said once already.
        assert!(!count(11, 5).crossed_with_one_from(2));
        assert!(!count(40, 12).crossed_with_one_from(1));
        // Not (yet) an attack: her own typos from home, work and the road.
        assert!(!count(9, 5).crossed_with_one_from(1));
        assert!(!count(30, 4).crossed_with_one_from(1));
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
