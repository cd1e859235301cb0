//! `/hsds/services?per_page=50` at 10,000 activities, over HTTP on loopback against a
//! real server (our accept loop, a fresh SQLite file). The 10,000 are the seed
//! catalogue's activities repeated with their own ids and names, imported as data/
//! would be. The goal: under 50 ms per answer.
//!
//!     cargo run --release -p omzien-server --example hsds_bench [activities] [requests]
//!
//! Prints the first answer (which builds the snapshot the answers are made from) and
//! p50 / p95 / max of the following ones, for docs/benchmarks.md.

use std::time::{Duration, Instant};

use omzien_server::serve::{self, Timeouts};
use omzien_server::{app, catalogue, db, AppState};

fn arg(n: usize, default: usize) -> usize {
    std::env::args()
        .nth(n)
        .and_then(|a| a.parse().ok())
        .unwrap_or(default)
}

#[tokio::main]
async fn main() {
    let activities = arg(1, 10_000);
    let requests = arg(2, 200);
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("bench.db").display());
    let pool = db::connect(&url).await.expect("database");
    let data_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    let mut data = catalogue::read_data_dir(&data_dir).expect("seed data");
    let seed = data.activities.clone();
    data.activities = (0..activities)
        .map(|n| {
            let mut a = seed[n % seed.len()].clone();
            a.id = format!("{}-{n}", a.id);
            a.name = format!("{} {n}", a.name);
            a
        })
        .collect();
    // Campaigns name seed activities that are now renamed.
    data.campaigns.clear();
    catalogue::import(&pool, &data).await.expect("import");

    let state = AppState {
        pool,
        dist_dir: dir.path().join("dist"),
        faults: Default::default(),
        auth: Default::default(),
        freshness: Default::default(),
        limits: Default::default(),
        open_data: Default::default(),
        pull_pages: Default::default(),
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(serve::serve(
        listener,
        app(state),
        Timeouts::default(),
        std::future::pending(),
    ));
    let http = reqwest::Client::new();
    let get = |path: String| {
        let http = http.clone();
        async move {
            let started = Instant::now();
            let response = http
                .get(format!("http://{addr}{path}"))
                .send()
                .await
                .expect("answer");
            assert!(
                response.status().is_success(),
                "{path}: {}",
                response.status()
            );
            let body = response.bytes().await.expect("body");
            (started.elapsed(), body.len())
        }
    };

    let (first, _) = get("/hsds/services?per_page=50".to_owned()).await;
    println!(
        "{activities} activities: first /hsds/services?per_page=50 (builds the snapshot) {:.1} ms",
        first.as_secs_f64() * 1000.0
    );
    let pages = activities.div_ceil(50).max(1);
    for (label, path) in [
        (
            "/hsds/services?per_page=50&page=N",
            "/hsds/services?per_page=50&page=",
        ),
        (
            "/hsds/services?per_page=50&search=wandelen&page=1",
            "/hsds/services?per_page=50&search=wandelen&x=",
        ),
        (
            "/hsds/services?per_page=50&full=true&page=N",
            "/hsds/services?per_page=50&full=true&page=",
        ),
    ] {
        let mut times: Vec<Duration> = Vec::new();
        let mut bytes = 0;
        for i in 0..requests {
            let (t, n) = get(format!("{path}{}", 1 + (i * 37) % pages)).await;
            times.push(t);
            bytes = n;
        }
        times.sort();
        let at =
            |q: f64| times[((times.len() - 1) as f64 * q).round() as usize].as_secs_f64() * 1000.0;
        println!(
            "{label}: {requests} requests, p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms ({bytes} bytes)",
            at(0.5),
            at(0.95),
            at(1.0)
        );
    }
}
