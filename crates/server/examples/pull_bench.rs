//! The pull at 10,000 activities on SQLite: for several page sizes, the time to build
//! every page of a first sync (query, parse, serialise), to compress the pages once
//! (brotli as served, gzip), their sizes, and the time to serve an already built page
//! from the cache (`pull_pages.rs`).
//!
//!     cargo run --release -p omzien-core --example search_bench -- --write target/search-bench
//!     cargo run --release -p omzien-server --example pull_bench [target/search-bench]
//!
//! The activities are the search benchmark's corpus; the rest is the seed data.

use std::time::Instant;

use omzien_core::model::Activity;
use omzien_server::pull_pages::{Encoding, PullPages};
use omzien_server::{catalogue, db};

#[tokio::main]
async fn main() {
    let bench = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/search-bench".to_owned());
    let text = std::fs::read_to_string(format!("{bench}/search-activities.json"))
        .expect("run search_bench --write target/search-bench first");
    let activities: Vec<Activity> = serde_json::from_str(&text).expect("activities");
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("bench.db").display());
    let pool = db::connect(&url).await.expect("database");
    let data_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    let mut data = catalogue::read_data_dir(&data_dir).expect("seed data");
    data.activities = activities;
    data.campaigns.clear();
    catalogue::import(&pool, &data).await.expect("import");
    let freshness = Default::default();

    println!(
        "| page size | pages | build all (ms) | brotli all (ms) | gzip all (ms) | JSON bytes | brotli bytes | cached page served (ms) |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|");
    for size in [250, 500, 1000, 2000, 20_000] {
        let pages = PullPages::new(size);
        let (mut built, mut brotli, mut gzip) = (0.0, 0.0, 0.0);
        let (mut json, mut compressed, mut count) = (0, 0, 0);
        let mut cursors = Vec::new();
        let mut cursor = 0;
        loop {
            let started = Instant::now();
            let page = pages.get(&pool, cursor, freshness).await.expect("page");
            built += ms(started);
            let plain = page.bytes(Encoding::Identity).await.expect("json");
            let started = Instant::now();
            let br = page.bytes(Encoding::Brotli).await.expect("brotli");
            brotli += ms(started);
            let started = Instant::now();
            page.bytes(Encoding::Gzip).await.expect("gzip");
            gzip += ms(started);
            json += plain.len();
            compressed += br.len();
            count += 1;
            cursors.push(cursor);
            let pull: omzien_core::wire::PullResponse =
                serde_json::from_slice(&plain).expect("a pull");
            if !pull.more {
                break;
            }
            cursor = pull.cursor;
        }
        // Served again: every kiosk after the first.
        let started = Instant::now();
        let rounds = 20;
        for _ in 0..rounds {
            for &cursor in &cursors {
                let page = pages.get(&pool, cursor, freshness).await.expect("page");
                page.bytes(Encoding::Brotli).await.expect("brotli");
            }
        }
        let served = ms(started) / f64::from(rounds * count);
        println!(
            "| {size} | {count} | {built:.0} | {brotli:.0} | {gzip:.0} | {json} | {compressed} | {served:.2} |"
        );
    }
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}
