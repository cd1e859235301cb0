//! Memory through a burst of failed sign-ins (issue 16: 40 of them, 20 at a time, took
//! the server from 9.6 MB to 730 MB, and it stayed there). The real binary, its resident
//! memory read from `/proc/<pid>/status` before and after.
//!
//! `make test` sends [`DEFAULT_SIGN_INS`]; `docs/benchmarks.md` records a run with 500:
//! `OMZIEN_BENCH_SIGN_INS=500 OMZIEN_BENCH_AT_ONCE=50 cargo test --release -p omzien-server --test sign_in_memory -- --nocapture`

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use omzien_core::account::NewAccount;
use omzien_core::staff::{Role, SignInRequest};
use omzien_server::{accounts, db};
use reqwest::StatusCode;

const DEFAULT_SIGN_INS: usize = 100;
/// How many are sent at once (`OMZIEN_BENCH_AT_ONCE`): the 20, and more.
const DEFAULT_AT_ONCE: usize = 25;
/// What the burst may add to the server's resident memory, in MiB, with two hashes at
/// once: 2 × 19 MiB that the two hashing threads keep, and room for the rest (SQLite's
/// caches, buffers). Measured: 43 MiB, for 100 as for 500 (docs/benchmarks.md); before
/// the bound, 800 MiB.
const MAX_GROWTH_MIB: u64 = 64;

/// The server's resident memory in KiB.
fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS in /proc/<pid>/status")
}

/// The server process, stopped when the test ends however it ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn memory_stays_flat_through_a_burst_of_failed_sign_ins() {
    if !std::path::Path::new("/proc/self/status").exists() {
        eprintln!("no /proc here: skipped");
        return;
    }
    let total: usize = std::env::var("OMZIEN_BENCH_SIGN_INS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_SIGN_INS);
    let at_once: usize = std::env::var("OMZIEN_BENCH_AT_ONCE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_AT_ONCE);
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("memory.db").display());
    // One real account, so half the guesses check a real hash and half the dummy.
    let pool = db::connect(&url).await.unwrap();
    let account = NewAccount {
        email: "anna@hilversum.example".into(),
        role: Role::Coordinator,
        organisations: vec![],
        password: "correct horse battery staple".into(),
    };
    accounts::create(&pool, &account, None).await.unwrap();
    pool.close().await;

    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(env!("CARGO_BIN_EXE_omzien-server"))
        .env("DATABASE_URL", &url)
        .env("OMZIEN_ADDR", format!("127.0.0.1:{port}"))
        .env(
            "OMZIEN_DATA",
            concat!(env!("CARGO_MANIFEST_DIR"), "/../../data"),
        )
        .env("OMZIEN_DIST", dir.path().join("dist"))
        // Every guess from an address of its own, so no limit holds one back from argon2.
        .env("OMZIEN_TRUST_FORWARDED_FOR", "1")
        .env("OMZIEN_HASHING_AT_ONCE", "2")
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the server binary runs");
    let server = Server(child);
    let pid = server.0.id();
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    let mut up = false;
    for _ in 0..200 {
        if client
            .get(format!("{base}/api/v1/health"))
            .send()
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            up = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(up, "the server answers");
    let before = rss_kib(pid);

    let started = std::time::Instant::now();
    let mut peak = before;
    for batch in 0..total.div_ceil(at_once) {
        let mut guesses = tokio::task::JoinSet::new();
        for n in batch * at_once..((batch + 1) * at_once).min(total) {
            let (client, base) = (client.clone(), base.clone());
            guesses.spawn(async move {
                let email = if n % 2 == 0 {
                    "anna@hilversum.example".to_owned()
                } else {
                    format!("gok{n}@hilversum.example")
                };
                client
                    .post(format!("{base}/api/v1/auth/sign-in"))
                    .header(
                        "x-forwarded-for",
                        format!("10.{}.{}.{}", n / 65536, n / 256 % 256, n % 256),
                    )
                    .json(&SignInRequest {
                        email,
                        password: format!("guess number {n}"),
                    })
                    .send()
                    .await
                    .unwrap()
                    .status()
            });
        }
        while let Some(status) = guesses.join_next().await {
            assert_eq!(
                status.unwrap(),
                StatusCode::UNAUTHORIZED,
                "every guess is hashed"
            );
        }
        peak = peak.max(rss_kib(pid));
    }
    let elapsed = started.elapsed();
    let after = rss_kib(pid);
    tokio::time::sleep(Duration::from_secs(2)).await;
    let settled = rss_kib(pid);
    println!(
        "{total} failed sign-ins, {at_once} at a time, in {:.1} s: VmRSS {:.1} MiB before, \
         {:.1} MiB peak between batches, {:.1} MiB after, {:.1} MiB 2 s later",
        elapsed.as_secs_f64(),
        before as f64 / 1024.0,
        peak as f64 / 1024.0,
        after as f64 / 1024.0,
        settled as f64 / 1024.0,
    );
    let growth = peak.max(after).saturating_sub(before) / 1024;
    assert!(
        growth <= MAX_GROWTH_MIB,
        "resident memory grew by {growth} MiB (at most {MAX_GROWTH_MIB})"
    );
}
