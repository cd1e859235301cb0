//! Many devices pushing at once: concurrent clients, each a tablet or kiosk with its
//! own device id and its own connection, push sign-ups and concern notes in batches
//! to a real server on loopback (our accept loop with its time limits, a fresh SQLite
//! file), and each sends one batch a second time, as after a lost answer. Afterwards
//! the database must hold every mutation exactly once.
//!
//!     cargo run --release -p omzien-server --example load_bench [clients] [batches] [batch size]
//!
//! Defaults: 100 clients × 4 batches × 50 mutations. Prints one line for
//! docs/benchmarks.md: throughput and the p50 / p99 / max time of one push.
//!
//! The push limits are the real defaults per device, which each client stays within
//! (at most 200 mutations, 20 notes and 10 sign-ups per activity); the limits per
//! address are lifted, because on loopback every client has the same address.

use std::sync::Arc;
use std::time::{Duration, Instant};

use omzien_core::note::{
    About, ConcernNoteRequest, NoteBody, NoteConsent, NoteKind, NoteRouting, ReporterContact,
    ReporterRole, Signal, Urgency,
};
use omzien_core::signup::{Channel, SignUpRequest};
use omzien_core::wire::{Change, Mutation, Outcome, PushRequest, PushResponse, DEVICE_HEADER};
use omzien_server::limits::{Limiter, PushLimits};
use omzien_server::serve::{self, Timeouts};
use omzien_server::{app, catalogue, db, AppState};

/// Every tenth mutation is a concern note: 20 in a client's 200, the daily cap.
const NOTE_EVERY: usize = 10;

fn arg(n: usize, default: usize) -> usize {
    std::env::args()
        .nth(n)
        .and_then(|a| a.parse().ok())
        .unwrap_or(default)
}

#[tokio::main]
async fn main() {
    let clients = arg(1, 100);
    let batches = arg(2, 4);
    let batch = arg(3, 50).clamp(1, omzien_core::wire::MAX_BATCH);

    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("bench.db").display());
    let pool = db::connect(&url).await.expect("database");
    let data_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    let data = catalogue::read_data_dir(&data_dir).expect("seed data");
    catalogue::import(&pool, &data).await.expect("import");
    let activities: Arc<Vec<String>> =
        Arc::new(data.activities.iter().map(|a| a.id.clone()).collect());

    let lifted = PushLimits::off();
    let limits = PushLimits {
        per_address: lifted.per_address,
        notes_per_address_day: lifted.notes_per_address_day,
        places_per_address_day: lifted.places_per_address_day,
        ..PushLimits::default()
    };
    let state = AppState {
        pool: pool.clone(),
        dist_dir: dir.path().join("dist"),
        faults: Default::default(),
        auth: Default::default(),
        freshness: Default::default(),
        limits: Arc::new(Limiter::new(limits)),
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
    let endpoint = format!("http://{addr}/api/v1/sync/push");

    // Bodies are built before the clock starts: we measure the server, not serde here.
    let work: Vec<(String, Vec<String>)> = (0..clients)
        .map(|c| {
            let device = format!("{c:08x}-0000-4000-9000-000000000000");
            let bodies = (0..batches)
                .map(|b| {
                    let mutations = (0..batch)
                        .map(|i| mutation(c, b * batch + i, &activities))
                        .collect();
                    serde_json::to_string(&PushRequest { mutations }).unwrap()
                })
                .collect();
            (device, bodies)
        })
        .collect();

    let start = Instant::now();
    let tasks: Vec<_> = work
        .into_iter()
        .map(|(device, bodies)| {
            let endpoint = endpoint.clone();
            tokio::spawn(async move { run_client(&endpoint, &device, bodies).await })
        })
        .collect();
    let mut report = Report::default();
    for task in tasks {
        report.add(task.await.expect("client"));
    }
    let seconds = start.elapsed().as_secs_f64();

    // Exactly once: every mutation answered once for the first time, and the database
    // holding each effect once.
    let sent = clients * batches * batch;
    let notes_sent = clients * batches * batch.div_ceil(NOTE_EVERY);
    let count = |sql: &'static str| {
        let pool = pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>(sql)
                .fetch_one(&pool)
                .await
                .unwrap() as usize
        }
    };
    assert_eq!(
        report.first_answers, sent,
        "a first answer for each mutation"
    );
    assert_eq!(report.held_back, 0, "no limit held anything back");
    assert_eq!(count("SELECT COUNT(*) FROM applied_mutations").await, sent);
    assert_eq!(
        count("SELECT COUNT(*) FROM sign_ups").await,
        report.places,
        "one sign-up row for each confirmed or waiting-list answer"
    );
    assert_eq!(report.places + report.refused, sent - notes_sent);
    assert_eq!(
        count("SELECT COUNT(*) FROM concern_notes").await,
        notes_sent
    );
    assert_eq!(report.received, notes_sent);

    let mut times = report.times;
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    println!(
        "load: {clients} clients × {batches} pushes of {batch} (+1 repeat each), {sent} mutations \
         in {seconds:.2} s: {:.0} mutations/s, {:.0} pushes/s; one push p50 {} ms, p99 {} ms, \
         max {} ms; exactly once: yes ({} places, {} refused, {} notes, {} repeats answered \
         from the first answer)",
        sent as f64 / seconds,
        times.len() as f64 / seconds,
        at(0.5).as_millis(),
        at(0.99).as_millis(),
        times.last().unwrap().as_millis(),
        report.places,
        report.refused,
        report.received,
        report.replayed,
    );
}

fn mutation(client: usize, n: usize, activities: &[String]) -> Mutation {
    let id = format!("{client:08x}-0000-4000-8000-{n:012x}");
    if n % NOTE_EVERY == 0 {
        return Mutation {
            id,
            change: Change::ConcernNote(Box::new(ConcernNoteRequest {
                routing: NoteRouting {
                    kind: NoteKind::Worried,
                    about: About::SomeoneElse,
                    wijk: "oost".into(),
                    urgency: Urgency::ThisWeek,
                    reporter_role: ReporterRole::Neighbour,
                    channel: Channel::Kiosk,
                },
                body: Some(NoteBody {
                    signals: vec![Signal::MailPilingUp],
                    story: Some("De gordijnen blijven dicht.".into()),
                    person_hint: None,
                    reporter: ReporterContact::default(),
                    consent: NoteConsent {
                        agreed: true,
                        ..NoteConsent::default()
                    },
                }),
                sealed: None,
            })),
        };
    }
    Mutation {
        id,
        change: Change::SignUp(SignUpRequest {
            // Spread over the activities: a device stays under its 10 per activity.
            activity_id: activities[(client + n) % activities.len()].clone(),
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
}

#[derive(Default)]
struct Report {
    times: Vec<Duration>,
    first_answers: usize,
    replayed: usize,
    places: usize,
    refused: usize,
    received: usize,
    held_back: usize,
}

impl Report {
    fn add(&mut self, other: Report) {
        self.times.extend(other.times);
        self.first_answers += other.first_answers;
        self.replayed += other.replayed;
        self.places += other.places;
        self.refused += other.refused;
        self.received += other.received;
        self.held_back += other.held_back;
    }
}

/// One device: its own connection, its batches one after another, then its first
/// batch again (the answer to it "lost"), which must come back as replayed.
async fn run_client(endpoint: &str, device: &str, bodies: Vec<String>) -> Report {
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(1)
        .build()
        .unwrap();
    let mut report = Report::default();
    let repeat = bodies.first().cloned();
    for (body, is_repeat) in bodies
        .into_iter()
        .map(|b| (b, false))
        .chain(repeat.map(|b| (b, true)))
    {
        let sent = Instant::now();
        let answer: PushResponse = http
            .post(endpoint)
            .header("content-type", "application/json")
            .header(DEVICE_HEADER, device)
            .body(body)
            .send()
            .await
            .expect("an answer")
            .error_for_status()
            .expect("a 200")
            .json()
            .await
            .expect("a push answer");
        report.times.push(sent.elapsed());
        if answer.retry_after.is_some() {
            report.held_back += 1;
        }
        for result in answer.results {
            assert_eq!(result.replayed, is_repeat, "{}", result.id);
            if is_repeat {
                report.replayed += 1;
                continue;
            }
            report.first_answers += 1;
            match result.outcome {
                Outcome::Confirmed | Outcome::WaitingList => report.places += 1,
                Outcome::Received => report.received += 1,
                Outcome::Refused { .. } => report.refused += 1,
                other => panic!("unexpected outcome {other:?}"),
            }
        }
    }
    report
}
