//! A seeded, randomised simulation of the outbox against a model of the server's
//! push contract, over a network that loses, duplicates and reorders messages, with
//! server restarts (also in the middle of a batch), client timeouts and client crashes
//! that lose whatever was not yet written to storage.
//!
//! After the storm the network heals; then every queued mutation must have been
//! applied exactly once, with the client holding the server's own answer, and no
//! activity may have more people confirmed than it has places.
//!
//!     cargo test -p omzien-core --test sync_simulation              # 2,000 runs
//!     SIM_SEED=1234 cargo test -p omzien-core --test sync_simulation  # one run
//!     SIM_RUNS=20000 cargo test -p omzien-core --test sync_simulation

use std::collections::HashMap;

use omzien_core::note::{
    About, ConcernNoteRequest, NoteBody, NoteConsent, NoteKind, NoteRouting, ReporterRole, Signal,
    Urgency,
};
use omzien_core::outbox::{Entry, EntryState, Outbox};
use omzien_core::signup::{decide_place, Channel, ContactNeed, Place, SignUpRequest};
use omzien_core::wire::{
    Change, Mutation, MutationResult, Outcome, PushRequest, PushResponse, Refusal,
};

const DEFAULT_RUNS: u64 = 2_000;
const STORM_STEPS: usize = 400;
const HEAL_STEPS: usize = 20_000;

/// Activities and their places (`None`: no limit).
const ACTIVITIES: [(&str, Option<u32>); 3] = [
    ("wandelen", Some(4)),
    ("scrabble", Some(1)),
    ("luisterlijn", None),
];

/// The server as the push contract describes it: each id applied at most once, in
/// its own transaction with its effect; a repeat gets the first answer.
#[derive(Default)]
struct Server {
    up: bool,
    answers: HashMap<String, Outcome>,
    /// How often each id's effect was applied: must end at exactly 1.
    effects: HashMap<String, u32>,
    /// sign-up id → (activity, party size, confirmed?, cancelled?)
    sign_ups: HashMap<String, (String, u8, bool, bool)>,
    /// Concern notes received, by id.
    notes: HashMap<String, ConcernNoteRequest>,
}

impl Server {
    fn taken(&self, activity: &str) -> u32 {
        self.sign_ups
            .values()
            .filter(|(a, _, confirmed, cancelled)| a == activity && *confirmed && !*cancelled)
            .map(|(_, n, _, _)| u32::from(*n))
            .sum()
    }

    fn apply(&mut self, m: &Mutation) -> MutationResult {
        if let Some(outcome) = self.answers.get(&m.id) {
            return MutationResult {
                id: m.id.clone(),
                outcome: outcome.clone(),
                replayed: true,
            };
        }
        let outcome = match &m.change {
            Change::SignUp(request) => self.sign_up(&m.id, request),
            Change::CancelSignUp { sign_up_id } => match self.sign_ups.get_mut(sign_up_id) {
                Some(entry) if !entry.3 => {
                    entry.3 = true;
                    Outcome::Cancelled
                }
                _ => Outcome::Refused {
                    reason: Refusal::UnknownSignUp,
                    errors: vec![],
                },
            },
            Change::ConcernNote(note) => match note.validate() {
                Ok(()) => {
                    self.notes.insert(m.id.clone(), (**note).clone());
                    Outcome::Received
                }
                Err(errors) => Outcome::Refused {
                    reason: Refusal::Invalid,
                    errors,
                },
            },
            Change::SelfTestResult(result) => match result.validate() {
                Ok(()) => Outcome::Received,
                Err(errors) => Outcome::Refused {
                    reason: Refusal::Invalid,
                    errors,
                },
            },
        };
        *self.effects.entry(m.id.clone()).or_default() += 1;
        self.answers.insert(m.id.clone(), outcome.clone());
        MutationResult {
            id: m.id.clone(),
            outcome,
            replayed: false,
        }
    }

    fn sign_up(&mut self, id: &str, request: &SignUpRequest) -> Outcome {
        if let Err(errors) = request.validate(ContactNeed::PhoneOrEmail) {
            return Outcome::Refused {
                reason: Refusal::Invalid,
                errors,
            };
        }
        let Some((_, capacity)) = ACTIVITIES.iter().find(|(a, _)| *a == request.activity_id) else {
            return Outcome::Refused {
                reason: Refusal::UnknownActivity,
                errors: vec![],
            };
        };
        let place = decide_place(
            *capacity,
            self.taken(&request.activity_id),
            request.party_size,
        );
        let confirmed = place == Place::Confirmed;
        self.sign_ups.insert(
            id.to_owned(),
            (
                request.activity_id.clone(),
                request.party_size,
                confirmed,
                false,
            ),
        );
        if confirmed {
            Outcome::Confirmed
        } else {
            Outcome::WaitingList
        }
    }
}

enum Message {
    Request { batch: u64, body: PushRequest },
    Response { batch: u64, body: PushResponse },
}

struct Client {
    outbox: Outbox,
    /// What IndexedDB holds: new entries are written before the UI says "saved";
    /// answers are written some time after they arrive (a crash in between loses them).
    stored: Vec<Entry>,
    batch: u64,
}

impl Client {
    /// As the app stores entries: an answered one without its personal data.
    fn persist(&mut self) {
        self.stored = self
            .outbox
            .entries()
            .iter()
            .map(|e| match &e.state {
                EntryState::Done(_) => Entry {
                    mutation: Mutation {
                        id: e.mutation.id.clone(),
                        change: e.mutation.change.without_personal_data(),
                    },
                    state: e.state.clone(),
                    created_at: e.created_at,
                },
                _ => e.clone(),
            })
            .collect();
    }
}

struct World {
    rng: fastrand::Rng,
    server: Server,
    client: Client,
    network: Vec<Message>,
    next_id: u64,
    /// Chances, in percent, while the storm lasts.
    loss: u8,
    duplication: u8,
}

impl World {
    fn new(seed: u64) -> Self {
        let mut rng = fastrand::Rng::with_seed(seed);
        let loss = rng.u8(0..50);
        let duplication = rng.u8(0..30);
        World {
            rng,
            server: Server {
                up: true,
                ..Server::default()
            },
            client: Client {
                outbox: Outbox::default(),
                stored: Vec::new(),
                batch: 0,
            },
            network: Vec::new(),
            next_id: 0,
            loss,
            duplication,
        }
    }

    fn send(&mut self, message: Message, stormy: bool) {
        if stormy && self.rng.u8(0..100) < self.loss {
            return;
        }
        if stormy && self.rng.u8(0..100) < self.duplication {
            let copy = match &message {
                Message::Request { batch, body } => Message::Request {
                    batch: *batch,
                    body: body.clone(),
                },
                Message::Response { batch, body } => Message::Response {
                    batch: *batch,
                    body: body.clone(),
                },
            };
            self.network.push(copy);
        }
        self.network.push(message);
    }

    fn new_mutation(&mut self) {
        self.next_id += 1;
        let id = format!("m{}", self.next_id);
        let earlier_sign_up = self
            .client
            .outbox
            .entries()
            .iter()
            .filter(|e| matches!(e.mutation.change, Change::SignUp(_)))
            .map(|e| e.mutation.id.clone())
            .collect::<Vec<_>>();
        let dice = self.rng.u8(0..100);
        let change = if dice < 20 {
            self.concern_note()
        } else if !earlier_sign_up.is_empty() && dice < 35 {
            Change::CancelSignUp {
                sign_up_id: earlier_sign_up[self.rng.usize(0..earlier_sign_up.len())].clone(),
            }
        } else {
            let activity = if self.rng.u8(0..100) < 5 {
                "bestaat-niet"
            } else {
                ACTIVITIES[self.rng.usize(0..3)].0
            };
            Change::SignUp(SignUpRequest {
                activity_id: activity.to_owned(),
                first_name: if self.rng.u8(0..100) < 5 {
                    String::new()
                } else {
                    "Joke".to_owned()
                },
                phone: Some("06 12345678".to_owned()),
                email: None,
                party_size: self.rng.u8(1..4),
                note: None,
                channel: Channel::Kiosk,
                consent: true,
            })
        };
        self.client
            .outbox
            .add(Mutation { id, change }, self.next_id as f64);
        // Written to storage before the person is told it is saved.
        self.client.persist();
    }

    /// A note from a kiosk about a neighbour; one in twenty forgets the consent tick.
    fn concern_note(&mut self) -> Change {
        Change::ConcernNote(Box::new(ConcernNoteRequest {
            routing: NoteRouting {
                kind: NoteKind::Worried,
                about: About::SomeoneElse,
                wijk: "oost".to_owned(),
                urgency: Urgency::ALL[self.rng.usize(0..3)],
                reporter_role: ReporterRole::Neighbour,
                channel: Channel::Kiosk,
            },
            body: Some(NoteBody {
                signals: vec![Signal::ALL[self.rng.usize(0..5)]],
                person_hint: Some("Mevrouw op nummer 12".to_owned()),
                consent: NoteConsent {
                    agreed: self.rng.u8(0..100) >= 5,
                    ..NoteConsent::default()
                },
                ..NoteBody::default()
            }),
        }))
    }

    fn client_tick(&mut self, stormy: bool) {
        let size = self.rng.usize(1..6);
        let batch = self.client.outbox.start_batch(size);
        if !batch.is_empty() {
            self.client.batch += 1;
            let message = Message::Request {
                batch: self.client.batch,
                body: PushRequest { mutations: batch },
            };
            self.send(message, stormy);
        }
    }

    fn deliver(&mut self, stormy: bool) {
        if self.network.is_empty() {
            return;
        }
        // Any message in flight may arrive next: reordering.
        let message = self
            .network
            .swap_remove(self.rng.usize(0..self.network.len()));
        match message {
            Message::Request { batch, body } => {
                if !self.server.up {
                    return;
                }
                let mut results = Vec::new();
                for m in &body.mutations {
                    // The server may die between two items: those before are committed.
                    if stormy && self.rng.u8(0..100) < 3 {
                        self.server.up = false;
                        return;
                    }
                    results.push(self.server.apply(m));
                }
                self.send(
                    Message::Response {
                        batch,
                        body: PushResponse { results },
                    },
                    stormy,
                );
            }
            Message::Response { batch, body } => {
                if batch == self.client.batch && self.client.outbox.is_sending() {
                    self.client.outbox.finish_batch(&body);
                } else {
                    self.client.outbox.record_answers(&body);
                }
                if !stormy || self.rng.bool() {
                    self.client.persist();
                }
            }
        }
    }

    fn storm_step(&mut self) {
        match self.rng.u8(0..100) {
            0..=14 => self.new_mutation(),
            15..=39 => self.client_tick(true),
            40..=84 => self.deliver(true),
            85..=89 => self.client.outbox.fail_batch(), // timeout
            90..=92 => {
                // Crash: memory is gone, storage is what it is.
                self.client.outbox = Outbox::restore(self.client.stored.clone());
            }
            93..=95 => self.server.up = !self.server.up, // restart: down, later up again
            _ => self.client.persist(),
        }
    }

    fn healed(&self) -> bool {
        self.client.outbox.unanswered() == 0 && !self.client.outbox.is_sending()
    }

    fn heal(&mut self) -> Result<(), String> {
        self.server.up = true;
        for _ in 0..HEAL_STEPS {
            if self.healed() {
                return Ok(());
            }
            if self.rng.bool() {
                self.client_tick(false);
            } else if self.network.is_empty() {
                // Nothing in flight and no answer: the client's timeout fires.
                self.client.outbox.fail_batch();
            } else {
                self.deliver(false);
            }
        }
        Err(format!(
            "{} entries still unanswered after the network healed",
            self.client.outbox.unanswered()
        ))
    }

    fn check(&self) -> Result<(), String> {
        let ids: Vec<&str> = self
            .client
            .outbox
            .entries()
            .iter()
            .map(|e| e.mutation.id.as_str())
            .collect();
        if ids.len() as u64 != self.next_id {
            return Err(format!(
                "client lost entries: has {}, made {}",
                ids.len(),
                self.next_id
            ));
        }
        for entry in self.client.outbox.entries() {
            let id = &entry.mutation.id;
            let applied = self.server.effects.get(id).copied().unwrap_or(0);
            if applied != 1 {
                return Err(format!("{id} was applied {applied} times"));
            }
            match &entry.state {
                EntryState::Done(outcome) if Some(outcome) == self.server.answers.get(id) => {}
                other => {
                    return Err(format!(
                        "{id}: client has {other:?}, server said {:?}",
                        self.server.answers.get(id)
                    ))
                }
            }
        }
        if self.server.answers.len() != ids.len() {
            return Err(format!(
                "server applied {} ids, client made {}",
                self.server.answers.len(),
                ids.len()
            ));
        }
        let notes_made = self
            .client
            .outbox
            .entries()
            .iter()
            .filter(|e| matches!(e.mutation.change, Change::ConcernNote(_)))
            .count();
        if self.client.outbox.notes().len() != notes_made {
            return Err("a concern note is missing from the notes view".into());
        }
        let sign_ups_made = self
            .client
            .outbox
            .entries()
            .iter()
            .filter(|e| matches!(e.mutation.change, Change::SignUp(_)))
            .count();
        if self.client.outbox.sign_ups().len() != sign_ups_made {
            return Err("a concern note shows up as a sign-up".into());
        }
        let received = self
            .server
            .answers
            .values()
            .filter(|o| **o == Outcome::Received)
            .count();
        if received != self.server.notes.len() {
            return Err(format!(
                "{received} notes received, {} stored",
                self.server.notes.len()
            ));
        }
        // Once answered and stored, a note's body is no longer on the device.
        let mut stored_client = Client {
            outbox: self.client.outbox.clone(),
            stored: Vec::new(),
            batch: 0,
        };
        stored_client.persist();
        for entry in &stored_client.stored {
            if let Change::ConcernNote(note) = &entry.mutation.change {
                if note.body.is_some() {
                    return Err(format!(
                        "{}: the note's body stayed on the device",
                        entry.mutation.id
                    ));
                }
            }
        }
        for (activity, capacity) in ACTIVITIES {
            if let Some(cap) = capacity {
                let taken = self.server.taken(activity);
                if taken > cap {
                    return Err(format!("{activity}: {taken} confirmed for {cap} places"));
                }
            }
        }
        Ok(())
    }
}

fn run(seed: u64) -> Result<usize, String> {
    let mut world = World::new(seed);
    for _ in 0..STORM_STEPS {
        world.storm_step();
    }
    world.heal()?;
    world.check()?;
    Ok(world.next_id as usize)
}

#[test]
fn every_queued_mutation_arrives_exactly_once() {
    let seeds: Vec<u64> = match std::env::var("SIM_SEED") {
        Ok(seed) => vec![seed.parse().expect("SIM_SEED is a number")],
        Err(_) => {
            let runs = std::env::var("SIM_RUNS")
                .ok()
                .and_then(|r| r.parse().ok())
                .unwrap_or(DEFAULT_RUNS);
            (0..runs).collect()
        }
    };
    let mut mutations = 0;
    for &seed in &seeds {
        match run(seed) {
            Ok(n) => mutations += n,
            Err(problem) => panic!("seed {seed}: {problem}\nreproduce: SIM_SEED={seed} cargo test -p omzien-core --test sync_simulation"),
        }
    }
    println!(
        "sync simulation: {} runs, {mutations} mutations, each applied exactly once",
        seeds.len()
    );
    assert!(mutations > seeds.len(), "the runs made mutations");
}
