//! Push ingestion: mutations per second with batches of 100, over real HTTP on loopback
//! to a real server with a fresh database: a SQLite file, or with `BENCH_DATABASE_URL` an
//! empty PostgreSQL database (scripts/bench makes one on the private cluster).
//!
//!     cargo run --release -p omzien-server --example push_bench [batches]
//!
//! Prints one line; scripts/bench puts it in docs/benchmarks.md.

use std::sync::Arc;
use std::time::Instant;

use omzien_core::signup::{Channel, SignUpRequest};
use omzien_core::wire::{Change, Mutation, PushRequest, PushResponse, MAX_BATCH};
use omzien_server::limits::{Limiter, PushLimits};
use omzien_server::{app, catalogue, db, AppState};

#[tokio::main]
async fn main() {
    let batches: u32 = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(200);
    let dir = tempfile::tempdir().expect("temp dir");
    let url = std::env::var("BENCH_DATABASE_URL")
        .unwrap_or_else(|_| format!("sqlite://{}", dir.path().join("bench.db").display()));
    let backend = if db::is_postgres(&url) {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    let pool = db::connect(&url).await.expect("database");
    let data_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    let data = catalogue::read_data_dir(&data_dir).expect("seed data");
    catalogue::import(&pool, &data).await.expect("import");
    let activities: Vec<String> = data.activities.iter().map(|a| a.id.clone()).collect();

    // As the server chooses: the push limits' buckets in the database on PostgreSQL.
    let limits = Arc::new(Limiter::for_pool(PushLimits::off(), &pool));
    let state = AppState {
        pool,
        dist_dir: dir.path().join("dist"),
        faults: Default::default(),
        auth: Default::default(),
        freshness: Default::default(),
        limits,
        open_data: Default::default(),
        pull_pages: Default::default(),
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app(state)).await });
    let client = reqwest::Client::new();
    let endpoint = format!("http://{addr}/api/v1/sync/push");

    // Bodies are built before the clock starts: we measure the server, not serde here.
    let bodies: Vec<String> = (0..batches)
        .map(|b| {
            let mutations = (0..MAX_BATCH as u32)
                .map(|i| {
                    let n = b * MAX_BATCH as u32 + i;
                    Mutation {
                        id: format!("00000000-0000-4000-8000-{n:012x}"),
                        change: Change::SignUp(SignUpRequest {
                            activity_id: activities[n as usize % activities.len()].clone(),
                            first_name: "Joke".into(),
                            phone: Some("06 12345678".into()),
                            email: None,
                            party_size: 1,
                            note: Some("Ik kom graag.".into()),
                            channel: Channel::Kiosk,
                            consent: true,
                            share_with_organiser: false,
                            cancel_secret: None,
                        }),
                    }
                })
                .collect();
            serde_json::to_string(&PushRequest { mutations }).unwrap()
        })
        .collect();

    let start = Instant::now();
    for body in bodies {
        let response: PushResponse = client
            .post(&endpoint)
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(response.results.len(), MAX_BATCH);
    }
    let seconds = start.elapsed().as_secs_f64();
    let total = f64::from(batches) * MAX_BATCH as f64;
    println!(
        "push ingestion ({backend}): {total} mutations in {batches} batches of {MAX_BATCH}: {seconds:.2} s, {:.0} mutations/s",
        total / seconds
    );
}
