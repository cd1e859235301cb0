//! The outbox: queued mutations and what the client knows of each. Pure state, no I/O:
//! the app persists it in IndexedDB and sends batches from `src/sync/`; a seeded
//! simulation (`tests/sync_simulation.rs`) drives it through lost, duplicated and
//! reordered messages, server restarts and client crashes.
//!
//! The rule that makes "exactly once" work: an entry leaves the outbox only with an
//! answer from the server, and the server applies each id at most once and repeats its
//! first answer. So the client may send an entry as often as it likes.

use crate::note::{About, NoteKind, Urgency};
use crate::signup::Channel;
use crate::wire::{Change, Mutation, Outcome, PushResponse, Refusal, StaffNeed};

#[derive(Clone, Debug, PartialEq)]
pub enum EntryState {
    /// Not yet answered: to be sent (again).
    Waiting,
    /// Part of the push now under way.
    Sending,
    /// The server's answer.
    Done(Outcome),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub mutation: Mutation,
    pub state: EntryState,
    /// When it was made, in JavaScript milliseconds: on a kiosk this tells an earlier
    /// visitor's entries from the current one's (`delivery::earlier_visitors`).
    pub created_at: f64,
}

impl Entry {
    pub fn is_answered(&self) -> bool {
        matches!(self.state, EntryState::Done(_))
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outbox {
    entries: Vec<Entry>,
}

impl Outbox {
    /// Restores an outbox from storage. A push that was under way when the app stopped
    /// may or may not have reached the server: its entries are sent again.
    pub fn restore(entries: Vec<Entry>) -> Self {
        let mut outbox = Outbox { entries };
        outbox.fail_batch();
        outbox
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Queues a mutation made at `created_at` (JavaScript milliseconds); a second one
    /// with the same id is ignored.
    pub fn add(&mut self, mutation: Mutation, created_at: f64) {
        if self.entries.iter().all(|e| e.mutation.id != mutation.id) {
            self.entries.push(Entry {
                mutation,
                state: EntryState::Waiting,
                created_at,
            });
        }
    }

    /// How many entries have no answer yet.
    pub fn unanswered(&self) -> usize {
        self.entries.iter().filter(|e| !e.is_answered()).count()
    }

    pub fn counts(&self) -> Counts {
        Counts::of(&self.entries)
    }

    pub fn is_sending(&self) -> bool {
        self.entries.iter().any(|e| e.state == EntryState::Sending)
    }

    /// The next batch to push, oldest first, at most `max`; empty while a push is
    /// under way (one at a time) or when nothing waits.
    pub fn start_batch(&mut self, max: usize) -> Vec<Mutation> {
        if self.is_sending() {
            return Vec::new();
        }
        self.entries
            .iter_mut()
            .filter(|e| e.state == EntryState::Waiting)
            .take(max)
            .map(|e| {
                e.state = EntryState::Sending;
                e.mutation.clone()
            })
            .collect()
    }

    /// Takes the answer to the push under way. Entries of this push left without an
    /// answer wait for the next one.
    pub fn finish_batch(&mut self, response: &PushResponse) {
        self.record_answers(response);
        self.fail_batch();
    }

    /// Takes answers that arrive outside the current push (an abandoned push's late
    /// answer): they are just as true, and the push under way goes on.
    pub fn record_answers(&mut self, response: &PushResponse) {
        for result in &response.results {
            if let Some(entry) = self
                .entries
                .iter_mut()
                .find(|e| e.mutation.id == result.id && !e.is_answered())
            {
                entry.state = EntryState::Done(result.outcome.clone());
            }
        }
    }

    /// The push failed or timed out: its entries wait to be sent again.
    pub fn fail_batch(&mut self) {
        for entry in &mut self.entries {
            if entry.state == EntryState::Sending {
                entry.state = EntryState::Waiting;
            }
        }
    }
}

/// What the footer tells about items not yet with the server. Every count is of
/// unanswered entries: an answered one needs nothing more from anyone.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub unanswered: usize,
    /// Sign-ups and cancellations: the person waits to hear about a place.
    pub sign_ups: usize,
    /// Made on behalf of a resident: they wait for a staff member's sign-in.
    pub needing_staff: usize,
}

impl Counts {
    pub fn of(entries: &[Entry]) -> Counts {
        entries
            .iter()
            .filter(|e| !e.is_answered())
            .fold(Counts::default(), |counts, e| {
                let change = &e.mutation.change;
                let sign_up = matches!(change, Change::SignUp(_) | Change::CancelSignUp { .. });
                Counts {
                    unanswered: counts.unanswered + 1,
                    sign_ups: counts.sign_ups + usize::from(sign_up),
                    needing_staff: counts.needing_staff
                        + usize::from(change.staff_need() == Some(StaffNeed::OnBehalf)),
                }
            })
    }
}

/// Where a sign-up stands, as "Mijn aanmeldingen" shows it.
#[derive(Clone, Debug, PartialEq)]
pub enum SignUpStatus {
    WaitingToSend,
    Confirmed,
    WaitingList,
    Refused(Refusal),
    CancelWaiting,
    Cancelled,
    /// The server did not carry out the cancel (it was not sent from the sign-up's own
    /// device or worker): the place stands, the organiser can cancel it by phone.
    CancelRefused,
}

impl SignUpStatus {
    /// Whether the person can still cancel it.
    pub fn can_cancel(&self) -> bool {
        matches!(self, SignUpStatus::Confirmed | SignUpStatus::WaitingList)
    }
}

/// One sign-up with its status, for the list of a person's sign-ups.
#[derive(Clone, Debug, PartialEq)]
pub struct SignUpView {
    pub id: String,
    pub activity_id: String,
    pub party_size: u8,
    /// The first name given, while the entry waits to be sent (an answered entry keeps
    /// no personal field, so it is empty then): a worker tells her residents' sign-ups
    /// apart by it, shown only for one made on behalf, never on a kiosk.
    pub first_name: String,
    pub status: SignUpStatus,
    /// The secret made with the sign-up, which its cancel must carry; `None` for a
    /// sign-up made before secrets existed.
    pub cancel_secret: Option<String>,
    pub channel: Channel,
}

impl SignUpView {
    /// Whether this device can cancel it: with its secret, or, for one made on behalf
    /// of a resident before secrets existed, with the worker's session. Other sign-ups
    /// from before secrets are cancelled by phoning the organiser.
    pub fn can_cancel(&self) -> bool {
        self.status.can_cancel()
            && (self.cancel_secret.is_some() || self.channel == Channel::OnBehalf)
    }

    /// Whether it could be cancelled but not from here: it was made before secrets.
    pub fn cancel_by_phone(&self) -> bool {
        self.status.can_cancel() && !self.can_cancel()
    }

    /// The change that cancels it, carrying its secret.
    pub fn cancel(&self) -> Change {
        Change::CancelSignUp {
            sign_up_id: self.id.clone(),
            secret: self.cancel_secret.clone(),
        }
    }
}

impl Outbox {
    /// Every sign-up, oldest first, with its cancellation (if any) folded in.
    pub fn sign_ups(&self) -> Vec<SignUpView> {
        let cancel_of = |id: &str| {
            self.entries.iter().find(
                |e| matches!(&e.mutation.change, Change::CancelSignUp { sign_up_id, .. } if sign_up_id == id),
            )
        };
        self.entries
            .iter()
            .filter_map(|e| {
                let Change::SignUp(request) = &e.mutation.change else {
                    return None;
                };
                let own = match &e.state {
                    EntryState::Done(Outcome::Confirmed) => SignUpStatus::Confirmed,
                    EntryState::Done(Outcome::WaitingList) => SignUpStatus::WaitingList,
                    EntryState::Done(Outcome::Refused { reason, .. }) => {
                        SignUpStatus::Refused(*reason)
                    }
                    EntryState::Done(Outcome::Cancelled) => SignUpStatus::Cancelled,
                    // Only notes are "received"; a server that said so of a sign-up
                    // still has it.
                    EntryState::Done(
                        Outcome::Received | Outcome::Saved { .. } | Outcome::Conflict { .. },
                    ) => SignUpStatus::Confirmed,
                    EntryState::Waiting | EntryState::Sending => SignUpStatus::WaitingToSend,
                };
                let status = match cancel_of(&e.mutation.id).map(|c| &c.state) {
                    Some(EntryState::Done(Outcome::Cancelled)) => SignUpStatus::Cancelled,
                    Some(EntryState::Done(Outcome::Refused { .. })) if own.can_cancel() => {
                        SignUpStatus::CancelRefused
                    }
                    Some(EntryState::Done(_)) => own,
                    Some(_) => SignUpStatus::CancelWaiting,
                    None => own,
                };
                Some(SignUpView {
                    id: e.mutation.id.clone(),
                    activity_id: request.activity_id.clone(),
                    party_size: request.party_size,
                    first_name: request.first_name.clone(),
                    status,
                    cancel_secret: request.cancel_secret.clone(),
                    channel: request.channel,
                })
            })
            .collect()
    }
}

/// Where a concern note stands on the device. What the meldpunt does with it after
/// that is not the device's business: the note's body is gone from it by then.
#[derive(Clone, Debug, PartialEq)]
pub enum NoteStatusOnDevice {
    WaitingToSend,
    Received,
    Refused(Refusal),
}

/// One concern note with its status: the routing fields only, never the body.
#[derive(Clone, Debug, PartialEq)]
pub struct NoteView {
    pub id: String,
    pub kind: NoteKind,
    pub about: About,
    pub wijk: String,
    pub urgency: Urgency,
    pub status: NoteStatusOnDevice,
}

impl Outbox {
    /// Every concern note, oldest first.
    pub fn notes(&self) -> Vec<NoteView> {
        self.entries
            .iter()
            .filter_map(|e| {
                let Change::ConcernNote(note) = &e.mutation.change else {
                    return None;
                };
                let status = match &e.state {
                    EntryState::Done(Outcome::Refused { reason, .. }) => {
                        NoteStatusOnDevice::Refused(*reason)
                    }
                    EntryState::Done(_) => NoteStatusOnDevice::Received,
                    EntryState::Waiting | EntryState::Sending => NoteStatusOnDevice::WaitingToSend,
                };
                let routing = &note.routing;
                Some(NoteView {
                    id: e.mutation.id.clone(),
                    kind: routing.kind,
                    about: routing.about,
                    wijk: routing.wijk.clone(),
                    urgency: routing.urgency,
                    status,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signup::SignUpRequest;
    use crate::wire::{Change, MutationResult};

    fn mutation(id: &str) -> Mutation {
        Mutation {
            id: id.to_owned(),
            change: Change::SignUp(SignUpRequest {
                activity_id: "a".into(),
                first_name: "Joke".into(),
                phone: Some("0612345678".into()),
                email: None,
                party_size: 1,
                note: None,
                channel: Channel::Kiosk,
                consent: true,
                share_with_organiser: false,
                cancel_secret: Some(format!("{id:0>64}")),
            }),
        }
    }

    fn answer(ids: &[&str]) -> PushResponse {
        PushResponse {
            results: ids
                .iter()
                .map(|id| MutationResult {
                    id: (*id).to_owned(),
                    outcome: Outcome::Confirmed,
                    replayed: false,
                })
                .collect(),
            retry_after: None,
        }
    }

    #[test]
    fn one_push_at_a_time_in_order_of_creation() {
        let mut outbox = Outbox::default();
        for id in ["1", "2", "3"] {
            outbox.add(mutation(id), 0.0);
        }
        let batch = outbox.start_batch(2);
        assert_eq!(
            batch.iter().map(|m| m.id.as_str()).collect::<Vec<_>>(),
            ["1", "2"]
        );
        assert!(outbox.start_batch(2).is_empty(), "a push is under way");
        outbox.finish_batch(&answer(&["1", "2"]));
        assert_eq!(outbox.unanswered(), 1);
        assert_eq!(outbox.start_batch(2)[0].id, "3");
    }

    #[test]
    fn a_failed_push_is_sent_again() {
        let mut outbox = Outbox::default();
        outbox.add(mutation("1"), 0.0);
        outbox.start_batch(10);
        outbox.fail_batch();
        assert_eq!(outbox.start_batch(10).len(), 1);
    }

    #[test]
    fn a_partial_answer_leaves_the_rest_waiting() {
        let mut outbox = Outbox::default();
        outbox.add(mutation("1"), 0.0);
        outbox.add(mutation("2"), 0.0);
        outbox.start_batch(10);
        outbox.finish_batch(&answer(&["2"]));
        assert_eq!(outbox.unanswered(), 1);
        assert_eq!(outbox.start_batch(10)[0].id, "1");
    }

    #[test]
    fn restoring_after_a_crash_mid_push_sends_again() {
        let mut outbox = Outbox::default();
        outbox.add(mutation("1"), 0.0);
        outbox.start_batch(10);
        let restored = Outbox::restore(outbox.entries().to_vec());
        assert!(!restored.is_sending());
        assert_eq!(restored.unanswered(), 1);
    }

    #[test]
    fn a_sign_up_goes_from_waiting_to_confirmed_to_cancelled() {
        let mut outbox = Outbox::default();
        outbox.add(mutation("1"), 0.0);
        outbox.add(mutation("2"), 0.0);
        assert_eq!(outbox.sign_ups()[0].status, SignUpStatus::WaitingToSend);
        outbox.start_batch(10);
        outbox.finish_batch(&answer(&["1", "2"]));
        assert_eq!(outbox.sign_ups()[0].status, SignUpStatus::Confirmed);
        assert!(outbox.sign_ups()[0].can_cancel());

        let cancel = outbox.sign_ups()[0].cancel();
        assert_eq!(
            cancel,
            Change::CancelSignUp {
                sign_up_id: "1".into(),
                secret: Some(format!("{:0>64}", "1")),
            },
            "the cancel carries the secret made with the sign-up"
        );
        outbox.add(
            Mutation {
                id: "3".into(),
                change: cancel,
            },
            0.0,
        );
        assert_eq!(outbox.sign_ups()[0].status, SignUpStatus::CancelWaiting);
        outbox.start_batch(10);
        outbox.finish_batch(&PushResponse {
            results: vec![MutationResult {
                id: "3".into(),
                outcome: Outcome::Cancelled,
                replayed: false,
            }],
            retry_after: None,
        });
        let views = outbox.sign_ups();
        assert_eq!(views.len(), 2, "a cancellation is not a sign-up of its own");
        assert_eq!(views[0].status, SignUpStatus::Cancelled);
        assert!(!views[0].status.can_cancel());
        assert_eq!(views[1].status, SignUpStatus::Confirmed);
    }

    #[test]
    fn a_refused_cancel_says_so_and_the_sign_up_stands() {
        let mut outbox = Outbox::default();
        outbox.add(mutation("1"), 0.0);
        outbox.start_batch(10);
        outbox.finish_batch(&answer(&["1"]));
        let cancel = outbox.sign_ups()[0].cancel();
        outbox.add(
            Mutation {
                id: "2".into(),
                change: cancel,
            },
            0.0,
        );
        outbox.start_batch(10);
        outbox.finish_batch(&PushResponse {
            results: vec![MutationResult {
                id: "2".into(),
                outcome: Outcome::Refused {
                    reason: Refusal::UnknownSignUp,
                    errors: vec![],
                },
                replayed: false,
            }],
            retry_after: None,
        });
        let view = &outbox.sign_ups()[0];
        assert_eq!(view.status, SignUpStatus::CancelRefused);
        assert!(
            !view.can_cancel(),
            "sending it again would be refused again"
        );
        assert!(
            !view.cancel_by_phone(),
            "the status already says what to do"
        );
    }

    #[test]
    fn a_sign_up_from_before_secrets_is_cancelled_by_phone_or_by_its_worker() {
        let mut old = mutation("1");
        let mut on_behalf = mutation("2");
        for (m, channel) in [
            (&mut old, Channel::Kiosk),
            (&mut on_behalf, Channel::OnBehalf),
        ] {
            if let Change::SignUp(request) = &mut m.change {
                request.cancel_secret = None;
                request.channel = channel;
            }
        }
        let mut outbox = Outbox::default();
        outbox.add(old, 0.0);
        outbox.add(on_behalf, 0.0);
        let waiting = outbox.sign_ups();
        assert!(!waiting[0].can_cancel() && !waiting[0].cancel_by_phone());
        outbox.start_batch(10);
        outbox.finish_batch(&answer(&["1", "2"]));
        let views = outbox.sign_ups();
        assert!(!views[0].can_cancel());
        assert!(views[0].cancel_by_phone());
        assert!(views[1].can_cancel(), "her session may cancel it");
        assert_eq!(
            views[1].cancel(),
            Change::CancelSignUp {
                sign_up_id: "2".into(),
                secret: None,
            }
        );
    }

    #[test]
    fn the_same_id_is_queued_once() {
        let mut outbox = Outbox::default();
        outbox.add(mutation("1"), 0.0);
        outbox.add(mutation("1"), 0.0);
        assert_eq!(outbox.entries().len(), 1);
    }

    #[test]
    fn a_late_answer_from_an_abandoned_push_still_counts() {
        let mut outbox = Outbox::default();
        outbox.add(mutation("1"), 0.0);
        outbox.start_batch(10);
        outbox.fail_batch(); // timed out
        outbox.add(mutation("2"), 0.0);
        outbox.start_batch(10); // "1" and "2" sent again
        outbox.record_answers(&answer(&["1"])); // the first push's answer arrives
        assert_eq!(outbox.unanswered(), 1);
        assert!(outbox.is_sending(), "the second push is still under way");
    }

    #[test]
    fn the_footer_counts_only_what_the_server_has_not_answered() {
        let mut outbox = Outbox::default();
        outbox.add(mutation("1"), 0.0);
        outbox.add(note("2"), 0.0);
        let cancel = Change::CancelSignUp {
            sign_up_id: "1".into(),
            secret: None,
        };
        outbox.add(
            Mutation {
                id: "3".into(),
                change: cancel,
            },
            0.0,
        );
        let mut on_behalf = note("4");
        if let Change::ConcernNote(note) = &mut on_behalf.change {
            note.routing.channel = Channel::OnBehalf;
        }
        outbox.add(on_behalf, 0.0);
        assert_eq!(
            outbox.counts(),
            Counts {
                unanswered: 4,
                sign_ups: 2,
                needing_staff: 1,
            }
        );
        outbox.start_batch(10);
        outbox.finish_batch(&answer(&["1", "4"]));
        assert_eq!(
            outbox.counts(),
            Counts {
                unanswered: 2,
                sign_ups: 1,
                needing_staff: 0,
            }
        );
        assert_eq!(Counts::of(&[]), Counts::default());
    }

    fn note(id: &str) -> Mutation {
        use crate::note::{
            ConcernNoteRequest, NoteBody, NoteConsent, NoteRouting, ReporterRole, Signal,
        };
        Mutation {
            id: id.to_owned(),
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
                    consent: NoteConsent {
                        agreed: true,
                        ..NoteConsent::default()
                    },
                    ..NoteBody::default()
                }),
                sealed: None,
            })),
        }
    }

    #[test]
    fn notes_have_their_own_view_and_are_never_sign_ups() {
        let mut outbox = Outbox::default();
        outbox.add(mutation("1"), 0.0);
        outbox.add(note("2"), 0.0);
        outbox.add(note("3"), 0.0);
        assert_eq!(outbox.sign_ups().len(), 1);
        let notes = outbox.notes();
        assert_eq!(notes.len(), 2);
        assert_eq!(notes[0].status, NoteStatusOnDevice::WaitingToSend);
        outbox.start_batch(10);
        outbox.finish_batch(&PushResponse {
            results: vec![
                MutationResult {
                    id: "2".into(),
                    outcome: Outcome::Received,
                    replayed: false,
                },
                MutationResult {
                    id: "3".into(),
                    outcome: Outcome::Refused {
                        reason: Refusal::Invalid,
                        errors: vec![],
                    },
                    replayed: false,
                },
            ],
            retry_after: None,
        });
        let notes = outbox.notes();
        assert_eq!(notes[0].status, NoteStatusOnDevice::Received);
        assert_eq!(
            notes[1].status,
            NoteStatusOnDevice::Refused(Refusal::Invalid)
        );
        assert_eq!(notes[0].wijk, "oost");
        assert_eq!(outbox.sign_ups().len(), 1);
        assert_eq!(outbox.sign_ups()[0].status, SignUpStatus::WaitingToSend);
    }
}
