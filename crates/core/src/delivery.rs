//! What the sync engine decides: which queued entries go in a push, what is written to
//! storage after an answer, and how long to wait before the next round. Plain rules, no
//! I/O and no clock: the app's driver (`src/sync/outbox.rs`) reads the outbox from IndexedDB,
//! hands it to a [`Delivery`], sends what that gives, and stores each [`Settlement`];
//! `tests/sync_simulation.rs` does the same against a model server over a bad network.
//!
//! The promises, each tested here and in the simulation:
//!
//! - No personal field survives an answer in anything kept: a kept entry holds
//!   `Change::without_personal_data`, never the change as made.
//! - Nothing unanswered is dropped: a settlement names only entries this answer
//!   answered, so an entry without an answer stays in storage as it was, to be sent in
//!   a later round.
//! - An entry answered in a round is not sent again in that round, also after a failed
//!   push; a round read from storage after the settlement does not send it either.
//! - An earlier kiosk visitor's entries are still sent (they were promised), but once
//!   answered they are forgotten, not kept: the current visitor must not see them.
//! - Entries that need staff go only with a sender who has the right they need (acting
//!   "on behalf", keeping activities): without it the server refuses the whole push, so
//!   they wait, untouched.

use std::time::Duration;

use crate::outbox::{Entry, Outbox};
use crate::wire::{Mutation, PushResponse, StaffNeed};

/// Who is sending and on which device: decides what goes and what stays.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rules {
    /// A staff session of a role that may act for residents is live. Without it a push
    /// with "on behalf" items is refused as a whole (401 or 403).
    pub may_act_on_behalf: bool,
    /// A staff session of a role that keeps activities (an organiser, an editor) is
    /// live: activity changes go only then.
    pub may_edit_activities: bool,
    /// On a kiosk, when the current visit began (JavaScript milliseconds): entries made
    /// before it are an earlier visitor's. `None` on a personal device.
    pub visit_started: Option<f64>,
}

impl Rules {
    fn sends(&self, entry: &Entry) -> bool {
        match entry.mutation.change.staff_need() {
            None => true,
            Some(StaffNeed::OnBehalf) => self.may_act_on_behalf,
            Some(StaffNeed::Activities) => self.may_edit_activities,
        }
    }

    /// Whether an answered entry stays on the device: it shows in "Mijn aanmeldingen"
    /// or as a note's receipt, and it is this visitor's own.
    fn keeps(&self, entry: &Entry) -> bool {
        entry.mutation.change.stays_after_answer()
            && !earlier_visitors(entry.created_at, self.visit_started)
    }
}

/// Whether an entry made at `created_at` is an earlier kiosk visitor's: not shown, and
/// not kept once the server has it.
pub fn earlier_visitors(created_at: f64, visit_started: Option<f64>) -> bool {
    visit_started.is_some_and(|started| created_at < started)
}

/// The outbox as this device shows it: on a kiosk, what an earlier visitor left is
/// theirs and not on screen for the next one.
pub fn shown(stored: Vec<Entry>, visit_started: Option<f64>) -> Outbox {
    let own = stored
        .into_iter()
        .filter(|e| !earlier_visitors(e.created_at, visit_started))
        .collect();
    Outbox::restore(own)
}

/// One round of sending what waits, from the outbox as stored when the round began. An
/// entry queued during the round waits for the next one.
#[derive(Clone, Debug)]
pub struct Delivery {
    outbox: Outbox,
    rules: Rules,
}

impl Delivery {
    /// Entries needing staff are left out unless `rules` may act on behalf; they stay in
    /// storage for a round that may. A push under way when the app stopped may or may
    /// not have reached the server: its entries are sent again.
    pub fn new(stored: Vec<Entry>, rules: Rules) -> Self {
        let sendable = stored.into_iter().filter(|e| rules.sends(e)).collect();
        Delivery {
            outbox: Outbox::restore(sendable),
            rules,
        }
    }

    /// The next push, oldest first, at most `max`; empty when nothing is left to send.
    /// Call it after the previous push's `answer` or `failed`: while one is under way
    /// it is empty too.
    pub fn next_batch(&mut self, max: usize) -> Vec<Mutation> {
        self.outbox.start_batch(max)
    }

    /// Takes the server's answer to the push under way and says what to store: only
    /// the entries this answer answered, so an answer given twice is settled once.
    /// Entries of the push left without an answer go in a later push.
    pub fn answer(&mut self, response: &PushResponse) -> Settlement {
        // Position by position: finishing a batch changes states, never the order.
        let before: Vec<bool> = self
            .outbox
            .entries()
            .iter()
            .map(Entry::is_answered)
            .collect();
        self.outbox.finish_batch(response);
        let newly_answered = self
            .outbox
            .entries()
            .iter()
            .zip(before)
            .filter(|(entry, was_answered)| entry.is_answered() && !was_answered)
            .map(|(entry, _)| entry);
        Settlement::of(newly_answered, self.rules)
    }

    /// The push failed or timed out: its entries go again in the next push.
    pub fn failed(&mut self) {
        self.outbox.fail_batch();
    }
}

/// What to write to storage after an answer, in one transaction: the answered entries
/// to keep, without personal data, and the ids of the other answered entries to delete.
/// Entries without an answer are in neither.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Settlement {
    pub keep: Vec<Entry>,
    pub forget: Vec<String>,
}

impl Settlement {
    fn of<'a>(answered: impl Iterator<Item = &'a Entry>, rules: Rules) -> Settlement {
        let mut settlement = Settlement::default();
        for entry in answered {
            if rules.keeps(entry) {
                settlement.keep.push(without_personal_data(entry));
            } else {
                settlement.forget.push(entry.mutation.id.clone());
            }
        }
        settlement
    }

    /// Nothing to write: the answer answered nothing new.
    pub fn is_empty(&self) -> bool {
        self.keep.is_empty() && self.forget.is_empty()
    }
}

fn without_personal_data(entry: &Entry) -> Entry {
    Entry {
        mutation: Mutation {
            id: entry.mutation.id.clone(),
            change: entry.mutation.change.without_personal_data(),
        },
        state: entry.state.clone(),
        created_at: entry.created_at,
    }
}

/// Between checks when all is well: the catalogue changes a few times a week at most.
pub const CHECK_EVERY: Duration = Duration::from_secs(5 * 60);
/// The first wait after a failure: long enough not to hammer a server that restarts.
pub const RETRY_FIRST: Duration = Duration::from_secs(15);
/// The longest wait after failures, and while the browser says it is offline: the
/// `online` event wakes the loop sooner when the connection comes back.
pub const RETRY_MAX: Duration = Duration::from_secs(10 * 60);

/// How long the sync loop waits before its next round: exponential backoff after
/// failures, a calm pace when all is well. Waits come without jitter; see [`jitter`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Backoff {
    retry: Duration,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff { retry: RETRY_FIRST }
    }
}

impl Backoff {
    pub fn new() -> Self {
        Self::default()
    }

    /// A round went well: the next failure starts the backoff afresh.
    pub fn after_success(&mut self) -> Duration {
        self.retry = RETRY_FIRST;
        CHECK_EVERY
    }

    /// A round failed: wait, and wait twice as long after the next failure, up to
    /// [`RETRY_MAX`].
    pub fn after_failure(&mut self) -> Duration {
        let wait = self.retry;
        self.retry = self.retry.saturating_mul(2).min(RETRY_MAX);
        wait
    }

    /// The browser says it is offline: asking would only fail, and the `online` event
    /// wakes the loop. The backoff stays where it was.
    pub fn offline(&self) -> Duration {
        RETRY_MAX
    }

    /// Something was queued, the browser came online or the page became visible: there
    /// is a reason to try now, so the next failure waits only briefly again.
    pub fn woken(&mut self) {
        self.retry = RETRY_FIRST;
    }

    /// The server answered, and said when to come again (a limit on one source was
    /// reached): that long, at least a second and at most [`TOLD_WAIT_MAX`]. The
    /// backoff stays where it was: the server is up. Unlike other waits this one must
    /// not be cut short by a wake, or the wake would only meet the limit again.
    pub fn told_to_wait(&self, seconds: u64) -> Duration {
        Duration::from_secs(seconds.max(1)).min(TOLD_WAIT_MAX)
    }
}

/// The longest a server's "come again in …" is believed: a wrong or hostile answer
/// must not silence a device for days.
pub const TOLD_WAIT_MAX: Duration = Duration::from_secs(6 * 60 * 60);

/// `wait` made up to 20 % longer, never shorter: for a wait the server asked for, so
/// that devices told the same time do not all come back at once, and none too early.
pub fn jitter_later(wait: Duration, random: f64) -> Duration {
    let random = if random.is_finite() {
        random.clamp(0.0, 1.0)
    } else {
        0.5
    };
    Duration::try_from_secs_f64(wait.as_secs_f64() * (1.0 + 0.2 * random)).unwrap_or(wait)
}

/// `wait` made 20 % shorter or longer, so many kiosks coming back online at once do not
/// all ask at the same moment. `random` is from 0 to 1 (`Math.random()`); anything
/// else counts as the middle, so no input can make the wait absurd.
pub fn jitter(wait: Duration, random: f64) -> Duration {
    let random = if random.is_finite() {
        random.clamp(0.0, 1.0)
    } else {
        0.5
    };
    let factor = 0.8 + 0.4 * random;
    Duration::try_from_secs_f64(wait.as_secs_f64() * factor).unwrap_or(wait)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::note::{
        About, ConcernNoteRequest, NoteBody, NoteConsent, NoteKind, NoteRouting, ReporterContact,
        ReporterRole, Urgency,
    };
    use crate::outbox::EntryState;
    use crate::signup::{Channel, SignUpRequest};
    use crate::wire::{Change, MutationResult, Outcome, SharedResult};

    fn sign_up(id: &str, channel: Channel, created_at: f64) -> Entry {
        waiting(
            id,
            Change::SignUp(SignUpRequest {
                activity_id: "wandelen".into(),
                first_name: "Joke".into(),
                phone: Some("0612345678".into()),
                email: Some("joke@example.nl".into()),
                party_size: 2,
                note: Some("Ik kom met de rollator".into()),
                channel,
                consent: true,
                share_with_organiser: false,
                cancel_secret: None,
            }),
            created_at,
        )
    }

    fn note(id: &str, channel: Channel, created_at: f64) -> Entry {
        let body = NoteBody {
            story: Some("Ze komt niet meer buiten".into()),
            person_hint: Some("Mevrouw op nummer 12".into()),
            reporter: ReporterContact {
                name: Some("Piet".into()),
                phone: Some("0698765432".into()),
                email: None,
            },
            consent: NoteConsent {
                agreed: true,
                ..NoteConsent::default()
            },
            ..NoteBody::default()
        };
        let routing = NoteRouting {
            kind: NoteKind::Worried,
            about: About::SomeoneElse,
            wijk: "oost".into(),
            urgency: Urgency::ThisWeek,
            reporter_role: ReporterRole::Neighbour,
            channel,
        };
        let request = ConcernNoteRequest {
            routing,
            body: Some(body),
            sealed: None,
        };
        waiting(id, Change::ConcernNote(Box::new(request)), created_at)
    }

    fn self_test(id: &str) -> Entry {
        let result = SharedResult {
            wijk: None,
            emotional: 1,
            social: 2,
        };
        waiting(id, Change::SelfTestResult(result), 0.0)
    }

    fn waiting(id: &str, change: Change, created_at: f64) -> Entry {
        Entry {
            mutation: Mutation {
                id: id.into(),
                change,
            },
            state: EntryState::Waiting,
            created_at,
        }
    }

    fn answer(ids: &[&str]) -> PushResponse {
        let result = |id: &&str| MutationResult {
            id: (*id).to_owned(),
            outcome: Outcome::Confirmed,
            replayed: false,
        };
        PushResponse {
            results: ids.iter().map(result).collect(),
            retry_after: None,
        }
    }

    fn ids(batch: &[Mutation]) -> Vec<&str> {
        batch.iter().map(|m| m.id.as_str()).collect()
    }

    const OWN_DEVICE: Rules = Rules {
        may_act_on_behalf: false,
        may_edit_activities: false,
        visit_started: None,
    };

    const STAFF: Rules = Rules {
        may_act_on_behalf: true,
        may_edit_activities: false,
        visit_started: None,
    };

    /// Every personal value the helpers above put in; none may be in a kept entry.
    const PERSONAL: [&str; 8] = [
        "Joke",
        "0612345678",
        "joke@example.nl",
        "rollator",
        "buiten",
        "nummer 12",
        "Piet",
        "0698765432",
    ];

    fn personal_values_in(entry: &Entry) -> Vec<&'static str> {
        let text = format!("{:?}", entry.mutation.change);
        PERSONAL.into_iter().filter(|v| text.contains(v)).collect()
    }

    #[test]
    fn kept_entries_hold_no_personal_data() {
        let stored = vec![
            sign_up("1", Channel::Own, 0.0),
            note("2", Channel::Own, 0.0),
        ];
        assert!(
            !personal_values_in(&stored[0]).is_empty(),
            "the test sees them"
        );
        let mut delivery = Delivery::new(stored, OWN_DEVICE);
        assert_eq!(ids(&delivery.next_batch(10)), ["1", "2"]);
        let settlement = delivery.answer(&answer(&["1", "2"]));
        assert_eq!(settlement.keep.len(), 2);
        assert!(settlement.forget.is_empty());
        for kept in &settlement.keep {
            assert_eq!(personal_values_in(kept), Vec::<&str>::new(), "{kept:?}");
            assert_eq!(kept.state, EntryState::Done(Outcome::Confirmed));
        }
        let Change::SignUp(request) = &settlement.keep[0].mutation.change else {
            panic!("a sign-up stays a sign-up");
        };
        assert_eq!(
            (request.activity_id.as_str(), request.party_size),
            ("wandelen", 2)
        );
    }

    #[test]
    fn a_shared_self_test_result_is_forgotten_once_answered() {
        let mut delivery = Delivery::new(vec![self_test("1")], OWN_DEVICE);
        delivery.next_batch(10);
        let settlement = delivery.answer(&answer(&["1"]));
        assert_eq!(settlement.forget, ["1"]);
        assert!(settlement.keep.is_empty());
    }

    #[test]
    fn unanswered_entries_are_neither_kept_nor_forgotten() {
        let stored = vec![
            sign_up("1", Channel::Own, 0.0),
            sign_up("2", Channel::Own, 0.0),
            self_test("3"),
        ];
        let mut delivery = Delivery::new(stored, OWN_DEVICE);
        delivery.next_batch(10);
        let settlement = delivery.answer(&answer(&["2"]));
        assert_eq!(ids_of(&settlement.keep), ["2"]);
        assert!(settlement.forget.is_empty());
        assert_eq!(ids(&delivery.next_batch(10)), ["1", "3"], "sent again");
    }

    fn ids_of(entries: &[Entry]) -> Vec<&str> {
        entries.iter().map(|e| e.mutation.id.as_str()).collect()
    }

    #[test]
    fn an_answered_entry_is_not_sent_again() {
        let stored = vec![
            sign_up("1", Channel::Own, 0.0),
            sign_up("2", Channel::Own, 0.0),
        ];
        let mut delivery = Delivery::new(stored, OWN_DEVICE);
        delivery.next_batch(1);
        delivery.answer(&answer(&["1"]));
        delivery.next_batch(1);
        delivery.failed();
        assert_eq!(ids(&delivery.next_batch(10)), ["2"]);
        let settlement = delivery.answer(&answer(&["2"]));
        assert_eq!(ids_of(&settlement.keep), ["2"]);
        assert!(delivery.next_batch(10).is_empty(), "the round is done");
    }

    #[test]
    fn an_answer_given_twice_is_settled_once() {
        let mut delivery = Delivery::new(vec![sign_up("1", Channel::Own, 0.0)], OWN_DEVICE);
        delivery.next_batch(10);
        assert_eq!(delivery.answer(&answer(&["1"])).keep.len(), 1);
        assert!(delivery.answer(&answer(&["1"])).is_empty());
    }

    #[test]
    fn an_answer_about_ids_never_queued_settles_nothing() {
        let mut delivery = Delivery::new(vec![sign_up("1", Channel::Own, 0.0)], OWN_DEVICE);
        delivery.next_batch(10);
        assert!(delivery.answer(&answer(&["elsewhere"])).is_empty());
        assert_eq!(ids(&delivery.next_batch(10)), ["1"]);
    }

    #[test]
    fn a_push_under_way_when_the_app_stopped_is_sent_again() {
        let mut stored = sign_up("1", Channel::Own, 0.0);
        stored.state = EntryState::Sending;
        let mut delivery = Delivery::new(vec![stored], OWN_DEVICE);
        assert_eq!(ids(&delivery.next_batch(10)), ["1"]);
    }

    #[test]
    fn entries_already_answered_are_not_sent() {
        let mut stored = sign_up("1", Channel::Own, 0.0);
        stored.state = EntryState::Done(Outcome::WaitingList);
        let mut delivery = Delivery::new(vec![stored], OWN_DEVICE);
        assert!(delivery.next_batch(10).is_empty());
    }

    #[test]
    fn on_behalf_entries_wait_for_a_sender_who_may_act_for_residents() {
        let stored = vec![
            sign_up("1", Channel::OnBehalf, 0.0),
            note("2", Channel::OnBehalf, 0.0),
            sign_up("3", Channel::Own, 0.0),
        ];
        let mut without = Delivery::new(stored.clone(), OWN_DEVICE);
        assert_eq!(ids(&without.next_batch(10)), ["3"]);
        let settlement = without.answer(&answer(&["1", "2", "3"]));
        assert_eq!(
            ids_of(&settlement.keep),
            ["3"],
            "not this round's to settle"
        );
        assert!(settlement.forget.is_empty());

        let mut with = Delivery::new(stored, STAFF);
        assert_eq!(ids(&with.next_batch(10)), ["1", "2", "3"]);
    }

    #[test]
    fn activity_changes_wait_for_a_sender_who_keeps_activities() {
        let confirm = |id: &str| {
            waiting(
                id,
                Change::ConfirmActivity {
                    activity_id: "wandelen".into(),
                },
                0.0,
            )
        };
        let stored = vec![
            confirm("1"),
            sign_up("2", Channel::OnBehalf, 0.0),
            sign_up("3", Channel::Own, 0.0),
        ];
        // An outreach worker acts for residents but keeps no activities.
        let mut worker = Delivery::new(stored.clone(), STAFF);
        assert_eq!(ids(&worker.next_batch(10)), ["2", "3"]);
        // An organiser keeps activities but acts for nobody.
        let organiser = Rules {
            may_edit_activities: true,
            ..OWN_DEVICE
        };
        let mut organiser = Delivery::new(stored, organiser);
        assert_eq!(ids(&organiser.next_batch(10)), ["1", "3"]);
    }

    #[test]
    fn an_earlier_kiosk_visitors_entries_go_but_are_not_kept() {
        let kiosk = Rules {
            visit_started: Some(1_000.0),
            ..OWN_DEVICE
        };
        let stored = vec![
            sign_up("earlier", Channel::Kiosk, 999.0),
            note("earlier note", Channel::Kiosk, 10.0),
            sign_up("now", Channel::Kiosk, 1_000.0),
        ];
        let mut delivery = Delivery::new(stored, kiosk);
        assert_eq!(ids(&delivery.next_batch(10)).len(), 3, "all were promised");
        let settlement = delivery.answer(&answer(&["earlier", "earlier note", "now"]));
        assert_eq!(settlement.forget, ["earlier", "earlier note"]);
        assert_eq!(ids_of(&settlement.keep), ["now"]);
    }

    #[test]
    fn a_kiosk_shows_only_the_current_visit() {
        assert!(earlier_visitors(999.0, Some(1_000.0)));
        assert!(!earlier_visitors(1_000.0, Some(1_000.0)));
        assert!(
            !earlier_visitors(0.0, None),
            "a personal device has no visits"
        );
        let stored = vec![
            sign_up("earlier", Channel::Kiosk, 5.0),
            sign_up("now", Channel::Kiosk, 20.0),
        ];
        let outbox = shown(stored.clone(), Some(10.0));
        assert_eq!(ids_of(outbox.entries()), ["now"]);
        assert_eq!(shown(stored, None).entries().len(), 2);
    }

    #[test]
    fn backoff_doubles_from_15_seconds_to_at_most_10_minutes() {
        let mut backoff = Backoff::new();
        let waits: Vec<u64> = (0..8).map(|_| backoff.after_failure().as_secs()).collect();
        assert_eq!(waits, [15, 30, 60, 120, 240, 480, 600, 600]);
    }

    #[test]
    fn success_and_waking_start_the_backoff_afresh() {
        let mut backoff = Backoff::new();
        backoff.after_failure();
        backoff.after_failure();
        assert_eq!(backoff.after_success(), Duration::from_secs(300));
        assert_eq!(backoff.after_failure(), RETRY_FIRST);
        backoff.after_failure();
        backoff.woken();
        assert_eq!(backoff.after_failure(), RETRY_FIRST);
    }

    #[test]
    fn offline_waits_long_and_leaves_the_backoff_alone() {
        let mut backoff = Backoff::new();
        backoff.after_failure();
        assert_eq!(backoff.offline(), Duration::from_secs(600));
        assert_eq!(backoff.after_failure(), Duration::from_secs(30));
    }

    #[test]
    fn a_wait_the_server_asks_for_is_kept_within_bounds_and_never_shortened() {
        let mut backoff = Backoff::new();
        backoff.after_failure();
        assert_eq!(backoff.told_to_wait(42), Duration::from_secs(42));
        assert_eq!(backoff.told_to_wait(0), Duration::from_secs(1));
        assert_eq!(backoff.told_to_wait(u64::MAX), TOLD_WAIT_MAX);
        assert_eq!(
            backoff.after_failure(),
            Duration::from_secs(30),
            "backoff untouched"
        );
        for random in [0.0, 0.5, 1.0, -3.0, f64::NAN] {
            let got = jitter_later(Duration::from_secs(10), random);
            assert!(got >= Duration::from_secs(10) && got <= Duration::from_secs(12));
        }
    }

    /// Within a microsecond: the factor is a float, and 0.8 + 0.4 is not quite 1.2.
    fn about(got: Duration, seconds: f64) -> bool {
        (got.as_secs_f64() - seconds).abs() < 1e-6
    }

    fn within_20_percent(got: Duration, wait: Duration) -> bool {
        let (got, wait) = (got.as_secs_f64(), wait.as_secs_f64());
        got >= wait * 0.8 - 1e-6 && got <= wait * 1.2 + 1e-6
    }

    #[test]
    fn jitter_stays_within_20_percent() {
        let wait = Duration::from_secs(100);
        assert!(about(jitter(wait, 0.0), 80.0));
        assert!(about(jitter(wait, 0.5), 100.0));
        assert!(about(jitter(wait, 1.0), 120.0));
        for step in 0..=100 {
            let random = f64::from(step) / 100.0;
            assert!(within_20_percent(jitter(RETRY_MAX, random), RETRY_MAX));
            assert!(within_20_percent(jitter(RETRY_FIRST, random), RETRY_FIRST));
        }
    }

    #[test]
    fn jitter_takes_no_input_as_a_reason_for_an_absurd_wait() {
        let wait = Duration::from_secs(100);
        for random in [-1.0, 2.0, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert!(within_20_percent(jitter(wait, random), wait), "{random}");
        }
        assert_eq!(jitter(Duration::ZERO, 0.7), Duration::ZERO);
        assert_eq!(jitter(Duration::MAX, 1.0), Duration::MAX, "no overflow");
    }
}
