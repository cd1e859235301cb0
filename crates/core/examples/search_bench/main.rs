//! Search speed at 10,000 activities, natively: µs per query for each of `QUERIES`,
//! the index alone, the scan it replaced, and the index with the catalogue's ranking
//! (what the app does per keystroke).
//!
//! ```sh
//! cargo run --release -p omzien-core --example search_bench
//! cargo run --release -p omzien-core --example search_bench -- --write target
//! ```
//! `--write DIR` also writes `DIR/search-corpus.json` (flat records for MiniSearch),
//! `DIR/search-activities.json` (the same activities for the app) and
//! `DIR/search-queries.json`, for the same measurement in a browser against MiniSearch
//! (`tests/bench/search.spec.ts`, run by `scripts/bench`).

mod corpus;

use std::time::Instant;

use omzien_core::{fold, Filter, SearchIndex};

const ACTIVITIES: usize = 10_000;
const ROUNDS: u32 = 200;

fn main() {
    let catalogue = corpus::corpus(ACTIVITIES);
    let args: Vec<String> = std::env::args().collect();
    if let Some(dir) = args
        .iter()
        .position(|a| a == "--write")
        .and_then(|i| args.get(i + 1))
    {
        let dir = std::path::Path::new(dir);
        std::fs::create_dir_all(dir).expect("output directory");
        std::fs::write(
            dir.join("search-corpus.json"),
            corpus::corpus_json(&catalogue),
        )
        .expect("corpus written");
        // The same activities as the app reads them, for a server's data directory.
        let activities = serde_json::to_string(&catalogue.activities).expect("serialises");
        std::fs::write(dir.join("search-activities.json"), activities).expect("activities written");
        let queries = serde_json::to_string_pretty(corpus::QUERIES).expect("serialises");
        std::fs::write(dir.join("search-queries.json"), queries).expect("queries written");
        println!(
            "wrote {}/search-corpus.json and search-queries.json",
            dir.display()
        );
    }

    let started = Instant::now();
    let index = SearchIndex::new(&catalogue);
    println!(
        "index of {ACTIVITIES} activities built in {:.1} ms",
        ms(started)
    );

    let scan = LinearScan::new(&catalogue);
    let mut total = 0.0;
    let mut slowest = 0.0f64;
    let today = omzien_core::schedule::Date::try_from("2026-12-07".to_owned()).expect("a date");
    let started = Instant::now();
    let standing = omzien_core::rank::Standing::new(&catalogue, today);
    println!(
        "standing for the ranking worked out in {:.1} ms",
        ms(started)
    );
    println!(
        "{:<24} {:>7} {:>10} {:>12} {:>12}",
        "query", "found", "µs/query", "scan µs", "+rank µs"
    );
    for &query in corpus::QUERIES {
        let filter = Filter {
            query: query.to_owned(),
            ..Filter::default()
        };
        let found = index.search(&catalogue, &filter).len();
        let started = Instant::now();
        for _ in 0..ROUNDS {
            std::hint::black_box(index.search(&catalogue, std::hint::black_box(&filter)));
        }
        let us = started.elapsed().as_secs_f64() * 1e6 / f64::from(ROUNDS);
        let started = Instant::now();
        for _ in 0..ROUNDS / 10 {
            std::hint::black_box(scan.count(std::hint::black_box(query)));
        }
        let scan_us = started.elapsed().as_secs_f64() * 1e6 / f64::from(ROUNDS / 10);
        let started = Instant::now();
        for _ in 0..ROUNDS / 10 {
            let hits: Vec<(usize, u32)> = index
                .matches(query)
                .into_iter()
                .map(|h| (h.activity, h.relevance))
                .collect();
            std::hint::black_box(standing.rank(&catalogue, &hits, None));
        }
        let rank_us = started.elapsed().as_secs_f64() * 1e6 / f64::from(ROUNDS / 10);
        println!("{query:<24} {found:>7} {us:>10.1} {scan_us:>12.1} {rank_us:>12.1}");
        total += us;
        slowest = slowest.max(us);
    }
    let mean = total / corpus::QUERIES.len() as f64;
    println!("mean {mean:.1} µs/query, slowest {slowest:.1} µs");
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1e3
}

/// The search this index replaced, for scale: every activity's folded text compared
/// with `contains` on each keystroke.
struct LinearScan(Vec<String>);

impl LinearScan {
    fn new(catalogue: &omzien_core::Catalogue) -> Self {
        LinearScan(
            catalogue
                .activities
                .iter()
                .map(|a| fold(&format!("{} {} {}", a.name, a.summary, a.kind.label())))
                .collect(),
        )
    }

    fn count(&self, query: &str) -> usize {
        let folded = fold(query);
        let words: Vec<&str> = folded.split_whitespace().collect();
        self.0
            .iter()
            .filter(|t| words.iter().all(|w| t.contains(w)))
            .count()
    }
}
