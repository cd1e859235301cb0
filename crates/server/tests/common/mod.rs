//! Shared by the integration tests: a real server on a free loopback port with a real
//! SQLite file in a temporary directory.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use std::sync::Arc;

use omzien_core::Catalogue;
use omzien_server::auth::Auth;
use omzien_server::faults::{FaultPlan, Faults};
use omzien_server::{app, catalogue, db, AppState};

pub struct TestServer {
    pub url: String,
    pub pool: sqlx::SqlitePool,
    _dir: tempfile::TempDir,
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

    let url = format!("sqlite://{}", dir.path().join("test.db").display());
    let pool = db::connect(&url).await.expect("database");
    let data = catalogue::read_data_dir(&repo_data()).expect("seed data reads");
    catalogue::import(&pool, &data)
        .await
        .expect("seed data imports");

    let state = AppState {
        pool: pool.clone(),
        dist_dir: dist,
        faults: Arc::new(Faults::new(plan)),
        auth: Arc::new(Auth::default()),
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(
            listener,
            app(state).into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .await
    });
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
