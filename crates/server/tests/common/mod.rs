//! Shared by the integration tests: a real server on a free loopback port with a real
//! database: a SQLite file in a temporary directory, or, with
//! `OMZIEN_TEST_BACKEND=postgres`, a database of its own on the PostgreSQL cluster
//! `OMZIEN_TEST_PG_URL` names (`make test-server` runs the suite both ways).
#![allow(dead_code)]

pub mod endpoints;
pub mod keys;

use std::path::{Path, PathBuf};

use std::sync::Arc;

use omzien_core::account::NewAccount;
use omzien_core::note::{
    About, ConcernNoteRequest, NoteBody, NoteConsent, NoteKind, NoteRouting, ReporterContact,
    ReporterRole, Signal, Urgency,
};
use omzien_core::signup::Channel;
use omzien_core::staff::{Role, SignInRequest, SignInResponse};
use omzien_core::wire::{Change, Mutation, PushRequest};
use omzien_core::Catalogue;
use omzien_server::auth::Auth;
use omzien_server::faults::{FaultPlan, Faults};
use omzien_server::limits::{Limiter, PushLimits};
use omzien_server::serve::{self, Timeouts};
use omzien_server::{app, catalogue, db, AppState};

pub struct TestServer {
    pub url: String,
    pub pool: sqlx::AnyPool,
    _dir: tempfile::TempDir,
}

/// Whether this run of the suite is on PostgreSQL (`OMZIEN_TEST_BACKEND=postgres`).
pub fn on_postgres() -> bool {
    std::env::var("OMZIEN_TEST_BACKEND").is_ok_and(|b| b == "postgres")
}

/// The URL of a new, empty database for one test: a SQLite file in `dir`, or a fresh
/// database on the test cluster. The cluster's databases go when `make test-server`
/// resets it, so a test leaves its database behind for a look after a failure.
pub async fn new_database_url(dir: &Path) -> String {
    if !on_postgres() {
        return format!("sqlite://{}", dir.join("test.db").display());
    }
    let cluster = std::env::var("OMZIEN_TEST_PG_URL")
        .expect("OMZIEN_TEST_BACKEND=postgres needs OMZIEN_TEST_PG_URL (scripts/pg-cluster url)");
    new_pg_database(&cluster).await
}

/// A new, empty database on the PostgreSQL cluster `cluster` (a URL of one of its
/// databases), and its URL.
pub async fn new_pg_database(cluster: &str) -> String {
    use sqlx::{ConnectOptions, Connection};
    use std::str::FromStr;
    let cluster = cluster.to_owned();
    let admin = sqlx::postgres::PgConnectOptions::from_str(&cluster)
        .expect("OMZIEN_TEST_PG_URL is a postgres:// URL");
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let name = format!(
        "omzien_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    );
    let mut conn = admin.connect().await.expect("the test cluster answers");
    sqlx::raw_sql(&format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await
        .expect("a test database");
    conn.close().await.ok();
    // The same URL with the new database's name in its path.
    let (base, query) = cluster.split_once('?').unwrap_or((&cluster, ""));
    let base = base.rsplit_once('/').map_or(base, |(b, _)| b);
    if query.is_empty() {
        format!("{base}/{name}")
    } else {
        format!("{base}/{name}?{query}")
    }
}

impl TestServer {
    /// The SQLite file and its write-ahead log, as they are on disk now (SQLite only:
    /// PostgreSQL's files belong to its own user).
    pub fn database_bytes(&self) -> Vec<u8> {
        assert!(!on_postgres(), "database_bytes reads SQLite's file");
        let mut bytes = Vec::new();
        for name in ["test.db", "test.db-wal"] {
            if let Ok(more) = std::fs::read(self._dir.path().join(name)) {
                bytes.extend(more);
            }
        }
        bytes
    }
}

pub fn repo_data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data")
}

/// A server on a free port with a fresh database holding the repository's seed data,
/// and a small fake `dist/` with a page shell and one hashed asset.
pub async fn start() -> TestServer {
    start_faulty(FaultPlan::default()).await
}

/// As `start`, with test faults switched on (what `OMZIEN_TEST_FAULTS` sets).
pub async fn start_faulty(plan: FaultPlan) -> TestServer {
    start_custom(plan, PushLimits::off()).await
}

/// As `start`, with these limits on pushes (`start` has them off: other tests push
/// more from one address than any one resident would).
pub async fn start_limited(limits: PushLimits) -> TestServer {
    start_custom(FaultPlan::default(), limits).await
}

/// As `start`, with these time limits on connections (`start` has the defaults).
pub async fn start_timed(timeouts: Timeouts) -> TestServer {
    start_custom_timed(FaultPlan::default(), PushLimits::off(), timeouts).await
}

async fn start_custom(plan: FaultPlan, limits: PushLimits) -> TestServer {
    start_custom_timed(plan, limits, Timeouts::default()).await
}

/// As `start`, with pull pages of `page` records (`start` has the default, 1000).
pub async fn start_paged(page: usize) -> TestServer {
    start_server(
        FaultPlan::default(),
        PushLimits::off(),
        Timeouts::default(),
        page,
    )
    .await
}

async fn start_custom_timed(plan: FaultPlan, limits: PushLimits, timeouts: Timeouts) -> TestServer {
    start_server(
        plan,
        limits,
        timeouts,
        omzien_server::pull_pages::DEFAULT_PAGE,
    )
    .await
}

async fn start_server(
    plan: FaultPlan,
    limits: PushLimits,
    timeouts: Timeouts,
    page: usize,
) -> TestServer {
    // The server's error log in the test's output, shown when the test fails.
    let _ = tracing_subscriber::fmt()
        .with_test_writer()
        .with_ansi(false)
        .try_init();
    let dir = tempfile::tempdir().expect("temp dir");
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(
        dist.join("index.html"),
        "<!doctype html><title>Omzien</title>",
    )
    .unwrap();
    std::fs::write(dist.join("index.html.br"), b"fake-brotli").unwrap();
    std::fs::write(dist.join("omzien-0123456789abcdef.wasm"), b"\0asm").unwrap();
    std::fs::write(
        dist.join("sw.js"),
        "self.addEventListener('fetch', () => {});",
    )
    .unwrap();

    let url = new_database_url(dir.path()).await;
    let pool = db::connect(&url).await.expect("database");
    let data = catalogue::read_data_dir(&repo_data()).expect("seed data reads");
    catalogue::import(&pool, &data)
        .await
        .expect("seed data imports");
    let (actions, budget) =
        omzien_server::programme::read_data_dir(&repo_data()).expect("programme data reads");
    omzien_server::programme::seed(&pool, &actions, &budget)
        .await
        .expect("programme data seeds");

    let state = AppState {
        pool: pool.clone(),
        dist_dir: dist,
        faults: Arc::new(Faults::new(plan)),
        auth: Arc::new(Auth::default()),
        freshness: Default::default(),
        limits: Arc::new(Limiter::for_pool(limits, &pool)),
        open_data: Default::default(),
        pull_pages: Arc::new(omzien_server::pull_pages::PullPages::new(page)),
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    // As `omzien-server serve` does: our accept loop, with its time limits.
    tokio::spawn(serve::serve(
        listener,
        app(state),
        timeouts,
        std::future::pending(),
    ));
    TestServer {
        url: format!("http://{addr}"),
        pool,
        _dir: dir,
    }
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_brotli()
        .no_gzip()
        .build()
        .unwrap()
}

/// Starts a server whose catalogue is the seed data changed by `edit` (e.g. capacities).
pub async fn start_with(edit: impl FnOnce(&mut Catalogue)) -> TestServer {
    let server = start().await;
    let mut data = catalogue::read_data_dir(&repo_data()).expect("seed data reads");
    edit(&mut data);
    catalogue::import(&server.pool, &data)
        .await
        .expect("edited data imports");
    server
}

pub const PASSWORD: &str = "correct horse battery staple";

/// Creates a staff account with [`PASSWORD`] and returns its id. An organiser keeps
/// Senver's activities; [`add_organiser`] names others.
pub async fn add_user(server: &TestServer, email: &str, role: Role) -> i64 {
    let organisations: &[&str] = if role.keeps_organisations() {
        &["senver"]
    } else {
        &[]
    };
    add_account(server, email, role, organisations).await
}

/// Creates an organiser of `organisations` with [`PASSWORD`] and returns her id.
pub async fn add_organiser(server: &TestServer, email: &str, organisations: &[&str]) -> i64 {
    add_account(server, email, Role::Organiser, organisations).await
}

async fn add_account(server: &TestServer, email: &str, role: Role, organisations: &[&str]) -> i64 {
    let account = NewAccount {
        email: email.to_owned(),
        role,
        organisations: organisations.iter().map(|o| (*o).to_owned()).collect(),
        password: PASSWORD.to_owned(),
    };
    omzien_server::accounts::create(&server.pool, &account, None)
        .await
        .expect("user added")
        .id
}

/// Signs in over HTTP and returns the bearer token.
pub async fn sign_in(server: &TestServer, email: &str) -> String {
    let response = client()
        .post(format!("{}/api/v1/auth/sign-in", server.url))
        .json(&SignInRequest {
            email: email.to_owned(),
            password: PASSWORD.to_owned(),
        })
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        reqwest::StatusCode::OK,
        "sign-in of {email}"
    );
    response.json::<SignInResponse>().await.unwrap().token
}

/// A new account of this role, signed in: (user id, token).
pub async fn staff(server: &TestServer, role: Role) -> (i64, String) {
    let email = format!("{}-{}@hilversum.example", role.as_str(), uuid_suffix());
    let id = add_user(server, &email, role).await;
    (id, sign_in(server, &email).await)
}

fn uuid_suffix() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

pub fn uuid(n: u32) -> String {
    format!("00000000-0000-4000-8000-{n:012x}")
}

/// A valid note about a neighbour, from a kiosk unless `channel` says otherwise.
pub fn note(n: u32, channel: Channel) -> Mutation {
    Mutation {
        id: uuid(n),
        change: Change::ConcernNote(Box::new(ConcernNoteRequest {
            routing: NoteRouting {
                kind: NoteKind::Worried,
                about: About::SomeoneElse,
                wijk: "oost".into(),
                urgency: Urgency::ThisWeek,
                reporter_role: ReporterRole::Neighbour,
                channel,
            },
            body: Some(NoteBody {
                signals: vec![Signal::MailPilingUp, Signal::NotSeenOutside],
                story: Some("De gordijnen blijven dicht.".into()),
                person_hint: Some("Mevrouw op nummer 12".into()),
                reporter: ReporterContact {
                    name: Some("Piet".into()),
                    phone: Some("06 12345678".into()),
                    email: None,
                },
                consent: NoteConsent {
                    agreed: true,
                    may_contact_reporter: true,
                    may_share_with_partners: true,
                    ..NoteConsent::default()
                },
            }),
            sealed: None,
        })),
    }
}

/// Sends a push, with a bearer token if given; the raw response.
pub async fn push_as(
    server: &TestServer,
    token: Option<&str>,
    mutations: Vec<Mutation>,
) -> reqwest::Response {
    let mut request = client()
        .post(format!("{}/api/v1/sync/push", server.url))
        .json(&PushRequest { mutations });
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.unwrap()
}

/// A catalogue record's stored body, as JSON to change in a test (the SQL of neither
/// database is needed to read or set one field).
pub async fn stored_body(server: &TestServer, kind: &str, id: &str) -> serde_json::Value {
    let body: String =
        sqlx::query_scalar("SELECT body FROM catalogue_records WHERE kind = $1 AND id = $2")
            .bind(kind)
            .bind(id)
            .fetch_one(&server.pool)
            .await
            .unwrap();
    serde_json::from_str(&body).unwrap()
}

/// An ISO time `seconds` from now, in the form the server stores times.
pub fn iso_from_now(seconds: i64) -> String {
    omzien_server::auth::iso(omzien_server::auth::now_unix() + seconds)
}

pub async fn count(server: &TestServer, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&server.pool)
        .await
        .unwrap()
}
