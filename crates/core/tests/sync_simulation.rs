//! A seeded, randomised simulation of the sync engine against a model of the server's
//! push contract, over a network that loses, duplicates and reorders messages, with
//! server restarts (also in the middle of a batch), client timeouts, failed storage
//! writes and client crashes that lose whatever was only in memory.
//!
//! The simulated client is the app's loop in small: each round reads the outbox from
//! storage into a `Delivery`, pushes its batches and writes each `Settlement` back.
//! Some runs are kiosks whose visits end (an earlier visitor's entries are still sent,
//! then forgotten); some make items "on behalf" of residents with a sender who may,
//! may not, or now and then may act for them.
//!
//! After every answer: no personal field in anything kept, and no unanswered entry
//! missing from storage. After the storm the network heals; then every entry the
//! sender may send has been applied exactly once, with the client holding the server's
//! own answer; what waits for staff is still stored as made; no activity has more
//! people confirmed than it has places; and organisers' activity edits, made on
//! whatever revision the device last saw, never overwrite one another: each revision
//! is saved once, and an edit on an older one gets a conflict.
//!
//!     cargo test -p omzien-core --test sync_simulation              # 2,000 runs
//!     SIM_SEED=1234 cargo test -p omzien-core --test sync_simulation  # one run
//!     SIM_RUNS=20000 cargo test -p omzien-core --test sync_simulation

use std::collections::{HashMap, HashSet};

use omzien_core::delivery::{earlier_visitors, shown, Delivery, Rules, Settlement};
use omzien_core::edit::{ActivityEdit, Verdict};
use omzien_core::model::Activity;
use omzien_core::note::{
    About, ConcernNoteRequest, NoteBody, NoteConsent, NoteKind, NoteRouting, ReporterContact,
    ReporterRole, Signal, Urgency,
};
use omzien_core::outbox::{Entry, EntryState};
use omzien_core::signup::{decide_place, Channel, ContactNeed, Place, SignUpRequest};
use omzien_core::wire::{
    Change, Mutation, MutationResult, Outcome, PushRequest, PushResponse, Refusal, SharedResult,
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

/// Every personal value the client puts in a sign-up or note. None of them may be in
/// an entry kept after its answer; the check reads the stored JSON, so it does not
/// depend on knowing which field holds what.
const PERSONAL: [&str; 7] = [
    "Joke",
    "06 12345678",
    "joke@example.nl",
    "Ik kom met de rollator",
    "Mevrouw op nummer 12",
    "Ze komt niet meer buiten",
    "Piet de buurman",
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
    /// The one activity organisers edit, as stored.
    walk: Option<Activity>,
}

/// The activity the organisers edit, as imported (revision 0).
fn walk() -> Activity {
    serde_json::from_str(
        r#"{"id": "wandelen", "name": "Wandelen", "summary": "Samen wandelen.",
            "kind": "walking", "organisation_id": "senver", "loneliness_types": [],
            "target_groups": [], "source": "simulatie"}"#,
    )
    .expect("a valid activity")
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
            Change::CancelSignUp { sign_up_id, .. } => match self.sign_ups.get_mut(sign_up_id) {
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
            Change::EditActivity(edit) => self.edit(edit),
            Change::ConfirmActivity { .. } | Change::WithdrawActivity { .. } => {
                panic!("the simulation makes no confirmations or withdrawals")
            }
        };
        *self.effects.entry(m.id.clone()).or_default() += 1;
        self.answers.insert(m.id.clone(), outcome.clone());
        MutationResult {
            id: m.id.clone(),
            outcome,
            replayed: false,
        }
    }

    /// As `push.rs` does: core's verdict, then the next revision.
    fn edit(&mut self, edit: &ActivityEdit) -> Outcome {
        let stored = self.walk.get_or_insert_with(walk);
        match edit.judge(Some(stored), |_| true) {
            Verdict::Update => {
                let revision = stored.revision + 1;
                *stored = Activity {
                    revision,
                    ..edit.activity.clone()
                };
                Outcome::Saved {
                    revision,
                    published: true,
                }
            }
            Verdict::Conflict(current) => Outcome::Conflict { current },
            other => panic!("the simulation only makes valid edits: {other:?}"),
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

#[derive(Clone)]
enum Message {
    Request {
        batch: u64,
        /// The push carries a staff session that may act for residents.
        staff: bool,
        body: PushRequest,
    },
    Response {
        batch: u64,
        body: PushResponse,
    },
}

/// Whether a staff member who may act for residents is signed in.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Staff {
    Never,
    Always,
    /// Signs in and out during the storm.
    Sometimes,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Device {
    Own(Staff),
    /// A public kiosk: visits end, and no staff works on it.
    Kiosk,
}

/// One round of the app's sync loop: memory only, gone with a crash.
struct Round {
    delivery: Delivery,
    /// The session the round began with goes with each of its pushes, as the app
    /// reads the session once per round.
    staff: bool,
    /// The push under way, by number.
    awaiting: Option<u64>,
    /// Ids this round has had answered: none may go again in it.
    answered: HashSet<String>,
}

struct Client {
    /// What IndexedDB holds, oldest first, one entry per id. A new entry is written
    /// before the person is told it is saved; a settlement right after its answer (or
    /// the write fails, and the round ends).
    stored: Vec<Entry>,
    round: Option<Round>,
    /// The session and the kiosk visit now; a round keeps the session it began with.
    rules: Rules,
    /// The number of the last push, so an answer can be told from a stale one.
    batch: u64,
}

impl Client {
    fn stored(&self, id: &str) -> Option<&Entry> {
        find(&self.stored, id)
    }

    /// As IndexedDB does it: `put` each kept entry (by id), `delete` each forgotten id.
    fn write(&mut self, settlement: &Settlement) {
        for kept in &settlement.keep {
            match self
                .stored
                .iter_mut()
                .find(|e| e.mutation.id == kept.mutation.id)
            {
                Some(slot) => *slot = kept.clone(),
                None => self.stored.push(kept.clone()),
            }
        }
        self.stored
            .retain(|e| !settlement.forget.contains(&e.mutation.id));
    }

    /// Whether nothing is left that this sender may send.
    fn all_sent(&self) -> bool {
        self.stored.iter().all(|e| {
            e.is_answered() || (e.mutation.change.needs_staff() && !self.rules.may_act_on_behalf)
        })
    }
}

fn find<'a>(stored: &'a [Entry], id: &str) -> Option<&'a Entry> {
    stored.iter().find(|e| e.mutation.id == id)
}

struct World {
    rng: fastrand::Rng,
    device: Device,
    server: Server,
    client: Client,
    network: Vec<Message>,
    /// Steps so far: the clock entries are made by.
    clock: u64,
    /// Every mutation as made, in order.
    made: Vec<Mutation>,
    /// Ids the client forgot after an answer, with the answer it had.
    forgotten: HashMap<String, Outcome>,
    /// How many of those a settlement forgot as an earlier kiosk visitor's.
    earlier_visitors_forgotten: usize,
    /// Chances, in percent, while the storm lasts.
    loss: u8,
    duplication: u8,
}

impl World {
    fn new(seed: u64) -> Self {
        let mut rng = fastrand::Rng::with_seed(seed);
        let loss = rng.u8(0..50);
        let duplication = rng.u8(0..30);
        let device = match rng.u8(0..4) {
            0 => Device::Kiosk,
            1 => Device::Own(Staff::Never),
            2 => Device::Own(Staff::Always),
            _ => Device::Own(Staff::Sometimes),
        };
        // Staff here are coordinators: they act for residents and keep activities.
        let staff = device == Device::Own(Staff::Always);
        let rules = Rules {
            may_act_on_behalf: staff,
            may_edit_activities: staff,
            visit_started: (device == Device::Kiosk).then_some(0.0),
        };
        World {
            rng,
            device,
            server: Server {
                up: true,
                ..Server::default()
            },
            client: Client {
                stored: Vec::new(),
                round: None,
                rules,
                batch: 0,
            },
            network: Vec::new(),
            clock: 0,
            made: Vec::new(),
            forgotten: HashMap::new(),
            earlier_visitors_forgotten: 0,
            loss,
            duplication,
        }
    }

    fn send(&mut self, message: Message, stormy: bool) {
        if stormy && self.rng.u8(0..100) < self.loss {
            return;
        }
        if stormy && self.rng.u8(0..100) < self.duplication {
            self.network.push(message.clone());
        }
        self.network.push(message);
    }

    fn channel(&mut self) -> Channel {
        match self.device {
            Device::Kiosk => Channel::Kiosk,
            Device::Own(_) if self.rng.u8(0..100) < 15 => Channel::OnBehalf,
            Device::Own(_) => Channel::Own,
        }
    }

    fn new_mutation(&mut self) {
        let id = format!("m{}", self.made.len() + 1);
        let earlier_sign_up = self
            .made
            .iter()
            .filter(|m| matches!(m.change, Change::SignUp(_)))
            .map(|m| m.id.clone())
            .collect::<Vec<_>>();
        let dice = self.rng.u8(0..100);
        let change = if dice < 20 {
            self.concern_note()
        } else if dice < 25 {
            Change::SelfTestResult(SharedResult {
                wijk: Some("oost".to_owned()),
                emotional: self.rng.u8(0..4),
                social: self.rng.u8(0..4),
            })
        } else if dice < 32 && self.device != Device::Kiosk {
            self.activity_edit()
        } else if !earlier_sign_up.is_empty() && dice < 40 {
            Change::CancelSignUp {
                sign_up_id: earlier_sign_up[self.rng.usize(0..earlier_sign_up.len())].clone(),
                secret: None,
            }
        } else {
            self.sign_up()
        };
        let mutation = Mutation { id, change };
        self.made.push(mutation.clone());
        // Written to storage before the person is told it is saved.
        self.client.stored.push(Entry {
            mutation,
            state: EntryState::Waiting,
            created_at: self.clock as f64,
        });
    }

    /// An organiser's edit, made on the revision this device last saw: often the
    /// current one, sometimes one or two behind (another organiser was quicker).
    fn activity_edit(&mut self) -> Change {
        let current = self.server.walk.as_ref().map_or(0, |w| w.revision);
        let seen = current.saturating_sub(u32::from(self.rng.u8(0..3)) / 2);
        let mut activity = walk();
        activity.summary = format!("Samen wandelen, versie {}.", self.made.len());
        Change::EditActivity(Box::new(ActivityEdit {
            activity,
            base_revision: Some(seen),
        }))
    }

    /// One in twenty names an activity that does not exist, one in twenty forgets the
    /// first name: the server refuses those.
    fn sign_up(&mut self) -> Change {
        let activity = if self.rng.u8(0..100) < 5 {
            "bestaat-niet"
        } else {
            ACTIVITIES[self.rng.usize(0..3)].0
        };
        let first_name = if self.rng.u8(0..100) < 5 { "" } else { "Joke" };
        Change::SignUp(SignUpRequest {
            activity_id: activity.to_owned(),
            first_name: first_name.to_owned(),
            phone: Some("06 12345678".to_owned()),
            email: self.rng.bool().then(|| "joke@example.nl".to_owned()),
            party_size: self.rng.u8(1..4),
            note: self.rng.bool().then(|| "Ik kom met de rollator".to_owned()),
            channel: self.channel(),
            consent: true,
            share_with_organiser: false,
            cancel_secret: None,
        })
    }

    /// A note about a neighbour; one in twenty forgets the consent tick.
    fn concern_note(&mut self) -> Change {
        Change::ConcernNote(Box::new(ConcernNoteRequest {
            routing: NoteRouting {
                kind: NoteKind::Worried,
                about: About::SomeoneElse,
                wijk: "oost".to_owned(),
                urgency: Urgency::ALL[self.rng.usize(0..3)],
                reporter_role: ReporterRole::Neighbour,
                channel: self.channel(),
            },
            body: Some(NoteBody {
                signals: vec![Signal::ALL[self.rng.usize(0..5)]],
                story: Some("Ze komt niet meer buiten".to_owned()),
                person_hint: Some("Mevrouw op nummer 12".to_owned()),
                reporter: ReporterContact {
                    name: Some("Piet de buurman".to_owned()),
                    ..ReporterContact::default()
                },
                consent: NoteConsent {
                    agreed: self.rng.u8(0..100) >= 5,
                    ..NoteConsent::default()
                },
            }),
            sealed: None,
        }))
    }

    /// The sync loop's next move: start a round from storage, or send its next batch;
    /// a round with nothing left ends.
    fn client_tick(&mut self, stormy: bool) -> Result<(), String> {
        let client = &mut self.client;
        let round = client.round.get_or_insert_with(|| Round {
            delivery: Delivery::new(client.stored.clone(), client.rules),
            staff: client.rules.may_act_on_behalf,
            awaiting: None,
            answered: HashSet::new(),
        });
        if round.awaiting.is_some() {
            return Ok(()); // one push at a time
        }
        let batch = round.delivery.next_batch(self.rng.usize(1..6));
        if batch.is_empty() {
            client.round = None;
            return Ok(());
        }
        for m in &batch {
            if round.answered.contains(&m.id) {
                return Err(format!("{}: sent again after its answer", m.id));
            }
            match find(&client.stored, &m.id) {
                Some(entry) if !entry.is_answered() => {}
                other => return Err(format!("{}: sent while stored as {other:?}", m.id)),
            }
        }
        client.batch += 1;
        round.awaiting = Some(client.batch);
        let message = Message::Request {
            batch: client.batch,
            staff: round.staff,
            body: PushRequest { mutations: batch },
        };
        self.send(message, stormy);
        Ok(())
    }

    fn deliver(&mut self, stormy: bool) -> Result<(), String> {
        if self.network.is_empty() {
            return Ok(());
        }
        // Any message in flight may arrive next: reordering.
        let message = self
            .network
            .swap_remove(self.rng.usize(0..self.network.len()));
        match message {
            Message::Request { batch, staff, body } => self.serve(batch, staff, &body, stormy),
            Message::Response { batch, body } => self.take_answer(batch, &body, stormy),
        }
    }

    /// The real server refuses a push with "on behalf" items from a sender without the
    /// right as a whole (401/403); the client must never send one.
    fn serve(
        &mut self,
        batch: u64,
        staff: bool,
        body: &PushRequest,
        stormy: bool,
    ) -> Result<(), String> {
        if !self.server.up {
            return Ok(());
        }
        let on_behalf = body.mutations.iter().find(|m| m.change.needs_staff());
        if let (false, Some(m)) = (staff, on_behalf) {
            return Err(format!("{}: sent on behalf without a sender who may", m.id));
        }
        let mut results = Vec::new();
        for m in &body.mutations {
            // The server may die between two items: those before are committed.
            if stormy && self.rng.u8(0..100) < 3 {
                self.server.up = false;
                return Ok(());
            }
            results.push(self.server.apply(m));
        }
        let response = Message::Response {
            batch,
            body: PushResponse {
                results,
                retry_after: None,
            },
        };
        self.send(response, stormy);
        Ok(())
    }

    /// An answer to the push under way is settled and written; any other is the answer
    /// to a request the app has given up on, which it never reads.
    fn take_answer(&mut self, batch: u64, body: &PushResponse, stormy: bool) -> Result<(), String> {
        let Some(round) = &mut self.client.round else {
            return Ok(());
        };
        if round.awaiting != Some(batch) {
            return Ok(());
        }
        round.awaiting = None;
        let settlement = round.delivery.answer(body);
        let settled = settlement.keep.iter().map(|e| &e.mutation.id);
        round
            .answered
            .extend(settled.chain(&settlement.forget).cloned());
        let of_earlier_visits = self.check_settlement(&settlement, body)?;
        if stormy && self.rng.u8(0..100) < 5 {
            // The write failed: the round ends, and the answers are asked again.
            self.client.round = None;
        } else {
            self.client.write(&settlement);
            self.earlier_visitors_forgotten += of_earlier_visits;
            for id in &settlement.forget {
                if let Some(result) = body.results.iter().find(|r| &r.id == id) {
                    self.forgotten.insert(id.clone(), result.outcome.clone());
                }
            }
        }
        self.check_storage()
    }

    /// A settlement names only what this answer answered: kept with the server's own
    /// outcome, forgotten only when there is nothing to show of it. Says how many it
    /// forgets as an earlier kiosk visitor's.
    fn check_settlement(
        &self,
        settlement: &Settlement,
        body: &PushResponse,
    ) -> Result<usize, String> {
        let answered = |id: &str| body.results.iter().find(|r| r.id == id);
        for kept in &settlement.keep {
            let id = &kept.mutation.id;
            let Some(result) = answered(id) else {
                return Err(format!("{id}: kept, but this answer did not answer it"));
            };
            if kept.state != EntryState::Done(result.outcome.clone()) {
                return Err(format!("{id}: kept as {:?}", kept.state));
            }
            if earlier_visitors(kept.created_at, self.client.rules.visit_started) {
                return Err(format!("{id}: an earlier kiosk visitor's entry was kept"));
            }
        }
        let mut of_earlier_visits = 0;
        for id in &settlement.forget {
            if answered(id).is_none() {
                return Err(format!("{id}: forgotten without an answer"));
            }
            let Some(entry) = self.client.stored(id) else {
                return Err(format!("{id}: forgotten, but not in storage"));
            };
            let change = &entry.mutation.change;
            let earlier = earlier_visitors(entry.created_at, self.client.rules.visit_started);
            if change.stays_after_answer() && !earlier {
                return Err(format!("{id}: forgotten, but it has something to show"));
            }
            of_earlier_visits += usize::from(earlier);
        }
        Ok(of_earlier_visits)
    }

    /// Storage holds every unanswered entry as made, and no personal data in anything
    /// answered; what it no longer holds was answered, by the server's own answer.
    fn check_storage(&self) -> Result<(), String> {
        for entry in &self.client.stored {
            let id = &entry.mutation.id;
            if entry.is_answered() {
                let text = serde_json::to_string(&entry.mutation.change)
                    .map_err(|e| format!("{id}: {e}"))?;
                if let Some(value) = PERSONAL.iter().find(|v| text.contains(*v)) {
                    return Err(format!("{id}: `{value}` stayed after the answer: {text}"));
                }
            }
        }
        for made in &self.made {
            let id = &made.id;
            match (self.client.stored(id), self.forgotten.get(id)) {
                (Some(entry), None) if !entry.is_answered() && entry.mutation != *made => {
                    return Err(format!("{id}: stored unanswered, but not as made"));
                }
                (Some(_), None) => {}
                (None, Some(outcome)) if self.server.answers.get(id) == Some(outcome) => {}
                (None, Some(outcome)) => {
                    return Err(format!(
                        "{id}: forgotten after {outcome:?}, the server said {:?}",
                        self.server.answers.get(id)
                    ))
                }
                (None, None) => return Err(format!("{id}: gone from storage unanswered")),
                (Some(_), Some(_)) => return Err(format!("{id}: forgotten, yet stored")),
            }
        }
        Ok(())
    }

    /// The round under way gives up on its push; the app's loop ends the round then, and
    /// a round may also go on: both are sound.
    fn time_out(&mut self) {
        let ends = self.rng.bool();
        if let Some(round) = &mut self.client.round {
            round.delivery.failed();
            round.awaiting = None;
            if ends {
                self.client.round = None;
            }
        }
    }

    /// A kiosk visit ends: the answered entries are wiped and the page restarts, so
    /// what was in memory is gone; the next visitor's entries are told apart by time.
    fn end_visit(&mut self) {
        for entry in &self.client.stored {
            if let EntryState::Done(outcome) = &entry.state {
                self.forgotten
                    .insert(entry.mutation.id.clone(), outcome.clone());
            }
        }
        self.client.stored.retain(|e| !e.is_answered());
        self.client.round = None;
        self.client.rules.visit_started = Some(self.clock as f64);
    }

    fn storm_step(&mut self) -> Result<(), String> {
        self.clock += 1;
        match self.rng.u8(0..100) {
            0..=14 => self.new_mutation(),
            15..=39 => self.client_tick(true)?,
            40..=84 => self.deliver(true)?,
            85..=89 => self.time_out(),
            // Crash: memory is gone, storage is what it is.
            90..=92 => self.client.round = None,
            93..=95 => self.server.up = !self.server.up, // restart: down, later up again
            _ => self.turn(),
        }
        Ok(())
    }

    /// What changes on the device between rounds: a kiosk visit ends, or a staff member
    /// signs in or out (a round under way keeps the session it began with).
    fn turn(&mut self) {
        match self.device {
            Device::Kiosk => self.end_visit(),
            Device::Own(Staff::Sometimes) => {
                self.client.rules.may_act_on_behalf = !self.client.rules.may_act_on_behalf;
                self.client.rules.may_edit_activities = self.client.rules.may_act_on_behalf;
            }
            Device::Own(_) => {}
        }
    }

    fn healed(&self) -> bool {
        self.client.all_sent()
    }

    fn heal(&mut self) -> Result<(), String> {
        self.server.up = true;
        for _ in 0..HEAL_STEPS {
            if self.healed() {
                return Ok(());
            }
            let waiting = self
                .client
                .round
                .as_ref()
                .is_some_and(|r| r.awaiting.is_some());
            if self.rng.bool() {
                self.client_tick(false)?;
            } else if self.network.is_empty() && waiting {
                // Nothing in flight and no answer: the client's timeout fires.
                self.time_out();
            } else {
                self.deliver(false)?;
            }
        }
        let left = self.client.stored.iter().filter(|e| !e.is_answered());
        Err(format!(
            "{} entries still unanswered after the network healed",
            left.count()
        ))
    }

    fn check(&self) -> Result<(), String> {
        self.check_storage()?;
        for made in &self.made {
            self.check_arrival(made)?;
        }
        let made: HashSet<&str> = self.made.iter().map(|m| m.id.as_str()).collect();
        if let Some(id) = self
            .server
            .answers
            .keys()
            .find(|id| !made.contains(id.as_str()))
        {
            return Err(format!("the server applied {id}, which nobody made"));
        }
        self.check_views()?;
        let received = self
            .server
            .answers
            .iter()
            .filter(|(_, o)| **o == Outcome::Received)
            .filter(|(id, _)| !self.is_self_test(id))
            .count();
        if received != self.server.notes.len() {
            return Err(format!(
                "{received} notes received, {} stored",
                self.server.notes.len()
            ));
        }
        // Each revision saved by exactly one edit: none overwrote another.
        let mut saved: Vec<u32> = self
            .server
            .answers
            .values()
            .filter_map(|o| match o {
                Outcome::Saved { revision, .. } => Some(*revision),
                _ => None,
            })
            .collect();
        saved.sort_unstable();
        let last = self.server.walk.as_ref().map_or(0, |w| w.revision);
        if saved != (1..=last).collect::<Vec<_>>() {
            return Err(format!("saved revisions {saved:?}, stored revision {last}"));
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

    fn is_self_test(&self, id: &str) -> bool {
        self.made
            .iter()
            .any(|m| m.id == id && matches!(m.change, Change::SelfTestResult(_)))
    }

    /// Applied exactly once with the client holding that answer; or, waiting for staff,
    /// still stored as made (and never sent at all where no staff ever signed in).
    fn check_arrival(&self, made: &Mutation) -> Result<(), String> {
        let id = &made.id;
        let applied = self.server.effects.get(id).copied().unwrap_or(0);
        let answer = self.server.answers.get(id);
        let held = match self.client.stored(id) {
            Some(entry) => match &entry.state {
                EntryState::Done(outcome) => Some(outcome),
                _ => None,
            },
            None => self.forgotten.get(id),
        };
        if held.is_none() {
            let staff_only = made.change.needs_staff() && !self.client.rules.may_act_on_behalf;
            if !staff_only {
                return Err(format!("{id}: no answer, though the sender may send it"));
            }
            let never_signed_in = self.device == Device::Own(Staff::Never);
            if applied > 1 || (never_signed_in && applied != 0) {
                return Err(format!(
                    "{id}: waits for staff, yet applied {applied} times"
                ));
            }
            return Ok(());
        }
        if applied != 1 {
            return Err(format!("{id} was applied {applied} times"));
        }
        if held != answer {
            return Err(format!("{id}: client has {held:?}, server said {answer:?}"));
        }
        Ok(())
    }

    /// What the device shows: the current visitor's notes and sign-ups, all of them,
    /// and notes never as sign-ups.
    fn check_views(&self) -> Result<(), String> {
        let visit = self.client.rules.visit_started;
        let own = |m: &&Mutation| {
            let created = self.client.stored(&m.id).map_or(f64::NAN, |e| e.created_at);
            !self.forgotten.contains_key(&m.id) && !earlier_visitors(created, visit)
        };
        let count = |kind: fn(&Change) -> bool| {
            self.made
                .iter()
                .filter(|m| kind(&m.change))
                .filter(own)
                .count()
        };
        let outbox = shown(self.client.stored.clone(), visit);
        let notes_made = count(|c| matches!(c, Change::ConcernNote(_)));
        if outbox.notes().len() != notes_made {
            return Err(format!(
                "{} notes shown, {notes_made} made in this visit",
                outbox.notes().len()
            ));
        }
        let sign_ups_made = count(|c| matches!(c, Change::SignUp(_)));
        if outbox.sign_ups().len() != sign_ups_made {
            return Err(format!(
                "{} sign-ups shown, {sign_ups_made} made in this visit",
                outbox.sign_ups().len()
            ));
        }
        Ok(())
    }
}

/// What one run did, for the summary line.
#[derive(Default)]
struct Tally {
    runs: usize,
    mutations: usize,
    kiosk_runs: usize,
    forgotten: usize,
    earlier_visitors_forgotten: usize,
    waiting_for_staff: usize,
    edits_saved: usize,
    edit_conflicts: usize,
}

fn run(seed: u64, tally: &mut Tally) -> Result<(), String> {
    let mut world = World::new(seed);
    for _ in 0..STORM_STEPS {
        world.storm_step()?;
    }
    world.heal()?;
    world.check()?;
    tally.runs += 1;
    tally.mutations += world.made.len();
    tally.kiosk_runs += usize::from(world.device == Device::Kiosk);
    tally.forgotten += world.forgotten.len();
    tally.earlier_visitors_forgotten += world.earlier_visitors_forgotten;
    let stored = &world.client.stored;
    tally.waiting_for_staff += stored.iter().filter(|e| !e.is_answered()).count();
    for outcome in world.server.answers.values() {
        tally.edits_saved += usize::from(matches!(outcome, Outcome::Saved { .. }));
        tally.edit_conflicts += usize::from(matches!(outcome, Outcome::Conflict { .. }));
    }
    Ok(())
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
    let mut tally = Tally::default();
    for &seed in &seeds {
        if let Err(problem) = run(seed, &mut tally) {
            panic!("seed {seed}: {problem}\nreproduce: SIM_SEED={seed} cargo test -p omzien-core --test sync_simulation");
        }
    }
    println!(
        "sync simulation: {} runs ({} kiosk), {} mutations; each one the sender may send \
         applied exactly once; {} forgotten after their answer ({} an earlier kiosk \
         visitor's, by a settlement); {} still waiting for staff; {} activity edits \
         saved, {} conflicts",
        tally.runs,
        tally.kiosk_runs,
        tally.mutations,
        tally.forgotten,
        tally.earlier_visitors_forgotten,
        tally.waiting_for_staff,
        tally.edits_saved,
        tally.edit_conflicts
    );
    assert!(tally.mutations > seeds.len(), "the runs made mutations");
    if seeds.len() >= 100 {
        // Many runs must reach every rule, or the checks above prove little.
        assert!(tally.kiosk_runs > 0, "no kiosk runs");
        assert!(
            tally.earlier_visitors_forgotten > 0,
            "no earlier visitor's entry sent"
        );
        assert!(tally.waiting_for_staff > 0, "nothing waited for staff");
        assert!(tally.edits_saved > 0, "no activity edit saved");
        assert!(tally.edit_conflicts > 0, "no edit met a newer revision");
    }
}
