//! Applying pushed mutations: each at most once, capacity decided atomically.
//! Sign-ups, their cancellations, concern notes and activity edits share the same
//! contract.
//!
//! A push is one `BEGIN IMMEDIATE` transaction: SQLite takes the write lock at the
//! start, so two pushes never decide on the same free places. Every mutation's id is
//! written with its effect; a repeat (a retry after a lost answer, a second tab) finds
//! the id and gets the first answer back. Refusals are answers too, so one refused
//! item never holds up the rest.
//!
//! Holding the write lock also means the batch may be decided in memory: read what it
//! needs once (earlier answers, capacities, places taken), decide every mutation, then
//! write all rows at the end. A handful of statements per push instead of several per
//! mutation (docs/benchmarks.md).

use std::collections::{HashMap, HashSet};

use omzien_core::edit::{ActivityEdit, HistoryAction, Verdict};
use omzien_core::form::{Field, FieldError, Rule};
use omzien_core::ics::Stamp;
use omzien_core::model::Activity;
use omzien_core::note::ConcernNoteRequest;
use omzien_core::seal::{seal_body, MeldpuntKey, SystemRng};
use omzien_core::signup::{
    cancel_secret_is_well_formed, decide_place, ContactNeed, Place, SignUpRequest,
};
use omzien_core::staff::Role;
use omzien_core::wire::RecordKind;
use omzien_core::wire::SharedResult;
use omzien_core::wire::{is_uuid, Change, Mutation, MutationResult, Outcome, Refusal, StaffNeed};
use sha2::{Digest, Sha256};
use sqlx::{Any, AnyPool, Transaction};

use crate::sql::Sql;
use subtle::{Choice, ConstantTimeEq};

use crate::catalogue::{
    live_activity, record_history, store_staff_record, withdraw_record, HistoryRow,
};
use crate::db::{json_field, Flag};
use crate::limits::Gate;

#[derive(Debug, thiserror::Error)]
pub enum PushError {
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error("a stored answer or record is not valid JSON: {0}")]
    Corrupt(#[from] serde_json::Error),
    /// The meldpunt's stored public key cannot be sealed to.
    #[error("sealing a note failed: {0}")]
    Seal(String),
}

/// The staff member whose session came with a push.
#[derive(Clone, Copy, Debug)]
pub struct Pusher {
    pub user_id: i64,
    pub role: Role,
}

/// Whose activities the sender may change: an organiser her organisations', an
/// editor every one.
struct Keeper {
    user_id: i64,
    every: bool,
    organisations: HashSet<String>,
}

impl Keeper {
    fn keeps(&self, organisation: &str) -> bool {
        self.every || self.organisations.contains(organisation)
    }
}

/// A sign-up decided in this push, written at the end.
struct NewSignUp<'a> {
    id: String,
    request: &'a SignUpRequest,
    place: Place,
    cancelled: bool,
    /// The SHA-256 of its cancel secret: all the server keeps of it.
    secret_sha256: Option<[u8; 32]>,
}

/// What a cancel needs to know of the sign-up it names.
struct CancelTarget {
    activity_id: String,
    party_size: i64,
    confirmed: bool,
    cancelled_before: bool,
    secret_sha256: Option<[u8; 32]>,
    pushed_by: Option<i64>,
}

/// A stored sign-up as a cancel reads it: activity, party size, place, whether it was
/// cancelled, the SHA-256 of its secret and who pushed it.
type StoredSignUp = (String, i64, String, Flag, Option<Vec<u8>>, Option<i64>);

fn sha256(secret: &str) -> [u8; 32] {
    Sha256::digest(secret.as_bytes()).into()
}

/// Whether a cancel may go ahead: it carries the secret whose hash the sign-up has,
/// or it comes with the session of the staff member who pushed the sign-up (an
/// outreach worker and her resident's sign-up). The hashes are compared in constant
/// time, and one is computed and compared also when the sign-up is unknown or has no
/// hash, so the time taken tells as little as the answer (`Refusal::UnknownSignUp`).
fn may_cancel(target: Option<&CancelTarget>, secret: Option<&str>, pusher: Option<i64>) -> bool {
    let offered = sha256(secret.unwrap_or(""));
    let stored = target.and_then(|t| t.secret_sha256);
    let by_secret = offered.ct_eq(&stored.unwrap_or([0; 32]))
        & Choice::from(u8::from(stored.is_some() && secret.is_some()));
    let by_session = pusher.is_some() && target.is_some_and(|t| t.pushed_by == pusher);
    bool::from(by_secret) || by_session
}

/// A note's body as `concern_note_bodies` keeps it: (note id, JSON, sealed). A sealed
/// body is kept as it came. A plain one (from an app of before sealing, validated
/// above) is sealed here to the newest meldpunt key, so it is never stored in the
/// clear; only while the meldpunt has no key at all is it kept as it is, until the
/// first key is made (`keys::new_key` seals it then).
fn stored_body<'n>(
    id: &'n str,
    request: &ConcernNoteRequest,
    newest: Option<&MeldpuntKey>,
) -> Result<(&'n str, String, bool), PushError> {
    match (&request.body, &request.sealed, newest) {
        (Some(body), _, Some(key)) => {
            let envelope = seal_body(key, id, &body.tidied(), &mut SystemRng)
                .map_err(|e| PushError::Seal(e.to_string()))?;
            Ok((id, serde_json::to_string(&envelope)?, true))
        }
        (Some(body), _, None) => Ok((id, serde_json::to_string(&body.tidied())?, false)),
        (None, Some(sealed), _) => Ok((id, serde_json::to_string(&sealed.envelope)?, true)),
        // Validation refuses a note with neither.
        (None, None, _) => Ok((id, "{}".to_owned(), false)),
    }
}

/// A concern note received in this push, written at the end.
struct NewNote<'a> {
    id: String,
    request: &'a ConcernNoteRequest,
}

/// The push's view of the database while it holds the write lock.
struct Batch<'a> {
    /// The staff member whose session came with the push, if any.
    pushed_by: Option<i64>,
    /// Read only when the push carries activity edits from someone who may edit.
    keeper: Option<Keeper>,
    /// Hilversum's date now, for `updated_on`.
    today: Option<omzien_core::schedule::Date>,
    answers: HashMap<String, Outcome>,
    /// Per activity: its capacity (`None`: no limit) and the contact detail it needs.
    activities: HashMap<String, (Option<u32>, ContactNeed)>,
    taken: HashMap<String, i64>,
    changed_taken: Vec<String>,
    sign_ups: Vec<NewSignUp<'a>>,
    /// Earlier sign-ups cancelled by this push.
    cancelled: Vec<String>,
    applied: Vec<(String, String)>,
    /// Catalogue wijk ids; read only when the push carries a note.
    wijken: HashSet<String>,
    /// The meldpunt's keys by id, newest last: a sealed note must name one; a plain body
    /// from an app of before sealing is sealed to the newest on arrival.
    meldpunt_keys: Vec<MeldpuntKey>,
    notes: Vec<NewNote<'a>>,
    self_tests: Vec<&'a SharedResult>,
}

/// Applies a push. Whether its sender may push "on behalf" items was decided before
/// (`http::sync::push`); `pushed_by` is recorded with what it makes. Each new mutation
/// passes `gate` first (a repeat was counted the first time); the first one held back
/// ends the batch, and the results stop there.
pub async fn apply_batch(
    pool: &AnyPool,
    mutations: &[Mutation],
    pushed_by: Option<Pusher>,
    now_unix: i64,
    gate: &mut Gate<'_>,
) -> Result<Vec<MutationResult>, PushError> {
    let mut tx = crate::db::write(pool).await?;
    gate.load(&mut tx, mutations).await?;
    let mut batch = Batch::load(&mut tx, mutations, pushed_by).await?;
    batch.today = Stamp::from_unix_seconds(now_unix).map(Stamp::amsterdam_date);
    let mut results = Vec::with_capacity(mutations.len());
    for mutation in mutations {
        if !batch.answered_before(mutation) && !gate.admits(&mutation.change) {
            break;
        }
        results.push(batch.apply(&mut tx, mutation).await?);
    }
    batch.write(&mut tx).await?;
    gate.store(&mut tx).await?;
    tx.commit().await?;
    Ok(results)
}

fn refused(reason: Refusal) -> Outcome {
    Outcome::Refused {
        reason,
        errors: Vec::new(),
    }
}

impl<'a> Batch<'a> {
    async fn load(
        tx: &mut Transaction<'_, Any>,
        mutations: &[Mutation],
        pusher: Option<Pusher>,
    ) -> Result<Batch<'a>, PushError> {
        let edits = mutations
            .iter()
            .any(|m| m.change.staff_need() == Some(StaffNeed::Activities));
        let keeper = match pusher.filter(|p| edits && p.role.can_edit_activities()) {
            Some(p) => {
                let organisations = crate::auth::organisations_of(&mut **tx, p.user_id).await?;
                Some(Keeper {
                    user_id: p.user_id,
                    every: p.role.can_edit_catalogue(),
                    organisations: organisations.into_iter().collect(),
                })
            }
            None => None,
        };
        let pushed_by = pusher.map(|p| p.user_id);
        let ids: Vec<String> = mutations
            .iter()
            .filter(|m| is_uuid(&m.id))
            .map(|m| m.id.to_ascii_lowercase())
            .collect();
        let mut answers = HashMap::new();
        if !ids.is_empty() {
            let mut query = Sql::new("SELECT id, outcome FROM applied_mutations WHERE id IN (");
            query.push_list(&ids).push(")");
            let rows: Vec<(String, String)> = query.build_query_as().fetch_all(&mut **tx).await?;
            for (id, outcome) in rows {
                answers.insert(id, serde_json::from_str(&outcome)?);
            }
        }
        let activities: Vec<(String, Option<i64>, Option<String>)> =
            sqlx::query_as::<_, (String, Option<String>)>(
                "SELECT id, body FROM catalogue_records \
             WHERE kind = 'activity' AND deleted = FALSE AND published = TRUE",
            )
            .fetch_all(&mut **tx)
            .await?
            .into_iter()
            .map(|(id, body)| {
                let capacity = json_field(body.as_deref(), "capacity").and_then(|c| c.as_i64());
                let contact = json_field(body.as_deref(), "sign_up_contact")
                    .and_then(|c| c.as_str().map(str::to_owned));
                (id, capacity, contact)
            })
            .collect();
        let taken: Vec<(String, i64)> =
            sqlx::query_as("SELECT activity_id, taken FROM places_taken")
                .fetch_all(&mut **tx)
                .await?;
        let wijken: Vec<String> = if mutations.iter().any(|m| {
            matches!(
                m.change,
                Change::ConcernNote(_) | Change::SelfTestResult(_) | Change::EditActivity(_)
            )
        }) {
            sqlx::query_scalar(
                "SELECT id FROM catalogue_records WHERE kind = 'wijk' AND deleted = FALSE",
            )
            .fetch_all(&mut **tx)
            .await?
        } else {
            Vec::new()
        };
        let meldpunt_keys = if mutations
            .iter()
            .any(|m| matches!(m.change, Change::ConcernNote(_)))
        {
            sqlx::query_as::<_, (String, String)>(
                "SELECT id, public_key FROM meldpunt_keys ORDER BY seq",
            )
            .fetch_all(&mut **tx)
            .await?
            .into_iter()
            .map(|(id, public_key)| MeldpuntKey { id, public_key })
            .collect()
        } else {
            Vec::new()
        };
        Ok(Batch {
            pushed_by,
            keeper,
            today: None,
            wijken: wijken.into_iter().collect(),
            meldpunt_keys,
            notes: Vec::new(),
            self_tests: Vec::new(),
            answers,
            activities: activities
                .into_iter()
                .map(|(id, capacity, contact)| {
                    let capacity = capacity.map(|c| u32::try_from(c).unwrap_or(0));
                    // The import validated the catalogue, so an unknown word cannot be
                    // stored; the default is the rule that asks the least.
                    let contact = contact
                        .and_then(|c| serde_json::from_value(serde_json::Value::String(c)).ok())
                        .unwrap_or_default();
                    (id, (capacity, contact))
                })
                .collect(),
            taken: taken.into_iter().collect(),
            changed_taken: Vec::new(),
            sign_ups: Vec::new(),
            cancelled: Vec::new(),
            applied: Vec::new(),
        })
    }

    fn answered_before(&self, mutation: &Mutation) -> bool {
        is_uuid(&mutation.id) && self.answers.contains_key(&mutation.id.to_ascii_lowercase())
    }

    async fn apply(
        &mut self,
        tx: &mut Transaction<'_, Any>,
        mutation: &'a Mutation,
    ) -> Result<MutationResult, PushError> {
        let answer = |outcome, replayed| MutationResult {
            id: mutation.id.clone(),
            outcome,
            replayed,
        };
        if !is_uuid(&mutation.id) {
            return Ok(answer(refused(Refusal::BadId), false));
        }
        let id = mutation.id.to_ascii_lowercase();
        if let Some(earlier) = self.answers.get(&id) {
            return Ok(answer(earlier.clone(), true));
        }
        let outcome = match &mutation.change {
            Change::SignUp(request) => self.sign_up(&id, request),
            Change::CancelSignUp { sign_up_id, secret } => {
                self.cancel(tx, sign_up_id, secret.as_deref()).await?
            }
            Change::ConcernNote(request) => self.concern_note(&id, request),
            Change::SelfTestResult(result) => self.self_test(result),
            Change::EditActivity(edit) => self.edit_activity(tx, &id, edit).await?,
            Change::ConfirmActivity { activity_id } => {
                self.confirm_activity(tx, &id, activity_id).await?
            }
            Change::WithdrawActivity { activity_id } => {
                self.withdraw_activity(tx, &id, activity_id).await?
            }
        };
        self.applied
            .push((id.clone(), serde_json::to_string(&outcome)?));
        self.answers.insert(id, outcome.clone());
        Ok(answer(outcome, false))
    }

    fn sign_up(&mut self, id: &str, request: &'a SignUpRequest) -> Outcome {
        let Some((capacity, contact)) = self.activities.get(&request.activity_id).copied() else {
            return refused(Refusal::UnknownActivity);
        };
        if let Err(errors) = request.validate(contact) {
            return Outcome::Refused {
                reason: Refusal::Invalid,
                errors,
            };
        }
        // Only a broken or hostile client sends one no device makes: a weak secret would
        // let others cancel, so the sign-up is not taken.
        let secret = request.cancel_secret.as_deref();
        if secret.is_some_and(|s| !cancel_secret_is_well_formed(s)) {
            return refused(Refusal::Invalid);
        }
        let taken = self.taken.get(&request.activity_id).copied().unwrap_or(0);
        let place = decide_place(
            capacity,
            u32::try_from(taken).unwrap_or(u32::MAX),
            request.party_size,
        );
        if place == Place::Confirmed {
            self.change_taken(&request.activity_id, i64::from(request.party_size));
        }
        self.sign_ups.push(NewSignUp {
            id: id.to_owned(),
            request,
            place,
            cancelled: false,
            secret_sha256: secret.map(sha256),
        });
        match place {
            Place::Confirmed => Outcome::Confirmed,
            Place::WaitingList => Outcome::WaitingList,
        }
    }

    fn concern_note(&mut self, id: &str, request: &'a ConcernNoteRequest) -> Outcome {
        let mut errors = request.validate().err().unwrap_or_default();
        let wijk_named = !errors.iter().any(|e| e.field == Field::Wijk);
        if wijk_named && !self.wijken.contains(&request.routing.wijk) {
            errors.insert(
                0,
                FieldError::new(
                    Field::Wijk,
                    Rule::Unknown,
                    "Deze wijk kennen we niet. Kies een wijk uit de lijst.",
                ),
            );
        }
        if let Some(sealed) = &request.sealed {
            let known = self
                .meldpunt_keys
                .iter()
                .any(|k| k.id.eq_ignore_ascii_case(&sealed.envelope.key_id));
            if request.body.is_none() && !known {
                errors.push(FieldError::new(
                    Field::NoteBody,
                    Rule::Unknown,
                    "De melding is versleuteld met een sleutel die het meldpunt niet kent. Vul het formulier opnieuw in.",
                ));
            }
        }
        if !errors.is_empty() {
            return Outcome::Refused {
                reason: Refusal::Invalid,
                errors,
            };
        }
        self.notes.push(NewNote {
            id: id.to_owned(),
            request,
        });
        Outcome::Received
    }

    fn self_test(&mut self, result: &'a SharedResult) -> Outcome {
        let mut errors = result.validate().err().unwrap_or_default();
        if result
            .wijk
            .as_ref()
            .is_some_and(|w| !self.wijken.contains(w))
        {
            errors.push(FieldError::new(
                Field::Wijk,
                Rule::Unknown,
                "Deze wijk kennen we niet.",
            ));
        }
        if !errors.is_empty() {
            return Outcome::Refused {
                reason: Refusal::Invalid,
                errors,
            };
        }
        self.self_tests.push(result);
        Outcome::Received
    }

    /// Judges an activity edit (core's `edit.rs`) and, when it stands, stores it at
    /// once as the next revision, with its history: a later item in the same push may
    /// edit the same activity again, or sign up for it.
    async fn edit_activity(
        &mut self,
        tx: &mut Transaction<'_, Any>,
        id: &str,
        edit: &ActivityEdit,
    ) -> Result<Outcome, PushError> {
        let Some(keeper) = &self.keeper else {
            return Ok(refused(Refusal::NotYours));
        };
        let wanted = &edit.activity.id;
        let stored: Option<(Activity, bool, String)> = match live_activity(tx, wanted).await? {
            Some((body, published)) => Some((serde_json::from_str(&body)?, published, body)),
            None => None,
        };
        match edit.judge(stored.as_ref().map(|s| &s.0), |o| keeper.keeps(o)) {
            Verdict::NotYours => return Ok(refused(Refusal::NotYours)),
            Verdict::Unknown => return Ok(refused(Refusal::UnknownActivity)),
            Verdict::Invalid(errors) => {
                return Ok(Outcome::Refused {
                    reason: Refusal::Invalid,
                    errors,
                })
            }
            Verdict::Conflict(current) => return Ok(Outcome::Conflict { current }),
            Verdict::Create | Verdict::Update => {}
        }
        let mut errors = Vec::new();
        // Whether the organisation is there, and whether residents see it yet.
        let organisation_published: Option<bool> = sqlx::query_scalar::<_, Flag>(
            "SELECT published FROM catalogue_records \
             WHERE kind = 'organisation' AND id = $1 AND deleted = FALSE",
        )
        .bind(&edit.activity.organisation_id)
        .fetch_optional(&mut **tx)
        .await?
        .map(|Flag(published)| published);
        if organisation_published.is_none() {
            errors.push(FieldError::new(
                Field::Organisation,
                Rule::Unknown,
                "Deze organisatie staat niet in Omzien.",
            ));
        }
        if edit
            .activity
            .wijk
            .as_ref()
            .is_some_and(|w| !self.wijken.contains(w))
        {
            errors.push(FieldError::new(
                Field::Wijk,
                Rule::Unknown,
                "Deze wijk kennen we niet. Kies een wijk uit de lijst.",
            ));
        }
        if !errors.is_empty() {
            return Ok(Outcome::Refused {
                reason: Refusal::Invalid,
                errors,
            });
        }
        let mut activity = edit.activity.clone();
        activity.revision = stored.as_ref().map_or(1, |s| s.0.revision + 1);
        activity.updated_on = self.today;
        // A change to a published activity goes live at once; a new one from an
        // organiser waits for an editor, one from an editor is published. Never before
        // its organisation: residents' devices would hold an activity of nobody they know.
        let published =
            stored.as_ref().map_or(keeper.every, |s| s.1) && organisation_published == Some(true);
        let body = serde_json::to_string(&activity)?;
        store_staff_record(
            tx,
            RecordKind::Activity,
            wanted,
            &body,
            published,
            self.today,
        )
        .await?;
        let action = if stored.is_some() {
            HistoryAction::Edit
        } else {
            HistoryAction::Create
        };
        let row = HistoryRow {
            kind: RecordKind::Activity,
            record_id: wanted,
            revision: activity.revision,
            action,
            body: &body,
            previous: stored.as_ref().map(|s| s.2.as_str()),
            user_id: keeper.user_id,
            mutation_id: Some(id),
        };
        record_history(tx, &row).await?;
        // Sign-ups later in this push see the new capacity and contact rule.
        if published {
            self.activities.insert(
                wanted.clone(),
                (activity.capacity, activity.sign_up_contact),
            );
        }
        Ok(Outcome::Saved {
            revision: activity.revision,
            published,
        })
    }

    /// "Klopt dit nog?" — yes: today becomes the activity's date, with a new version so
    /// devices pull it; the body and its revision stay, so an edit made offline on
    /// that revision still applies.
    async fn confirm_activity(
        &mut self,
        tx: &mut Transaction<'_, Any>,
        id: &str,
        activity_id: &str,
    ) -> Result<Outcome, PushError> {
        let (user_id, activity, body, published) = match self.own_activity(tx, activity_id).await? {
            Ok(found) => found,
            Err(refusal) => return Ok(refused(refusal)),
        };
        store_staff_record(
            tx,
            RecordKind::Activity,
            activity_id,
            &body,
            published,
            self.today,
        )
        .await?;
        let row = HistoryRow {
            kind: RecordKind::Activity,
            record_id: activity_id,
            revision: activity.revision,
            action: HistoryAction::Confirm,
            body: &body,
            previous: Some(&body),
            user_id,
            mutation_id: Some(id),
        };
        record_history(tx, &row).await?;
        Ok(Outcome::Saved {
            revision: activity.revision,
            published,
        })
    }

    /// The activity no longer takes place: a tombstone, so devices drop it. The body
    /// stays, so an editor can put it back; sign-ups already made stay too.
    async fn withdraw_activity(
        &mut self,
        tx: &mut Transaction<'_, Any>,
        id: &str,
        activity_id: &str,
    ) -> Result<Outcome, PushError> {
        let (user_id, activity, body, _) = match self.own_activity(tx, activity_id).await? {
            Ok(found) => found,
            Err(refusal) => return Ok(refused(refusal)),
        };
        withdraw_record(tx, RecordKind::Activity, activity_id).await?;
        let row = HistoryRow {
            kind: RecordKind::Activity,
            record_id: activity_id,
            revision: activity.revision,
            action: HistoryAction::Withdraw,
            body: &body,
            previous: Some(&body),
            user_id,
            mutation_id: Some(id),
        };
        record_history(tx, &row).await?;
        // Later items of this batch cannot sign up for it any more.
        self.activities.remove(activity_id);
        Ok(Outcome::Saved {
            revision: activity.revision,
            published: false,
        })
    }

    /// A live activity the sender keeps: who she is, the activity, its JSON and
    /// whether it is published; or why not.
    async fn own_activity(
        &self,
        tx: &mut Transaction<'_, Any>,
        activity_id: &str,
    ) -> Result<Result<(i64, Activity, String, bool), Refusal>, PushError> {
        let Some(keeper) = &self.keeper else {
            return Ok(Err(Refusal::NotYours));
        };
        let Some((body, published)) = live_activity(tx, activity_id).await? else {
            return Ok(Err(Refusal::UnknownActivity));
        };
        let activity: Activity = serde_json::from_str(&body)?;
        if !keeper.keeps(&activity.organisation_id) {
            return Ok(Err(Refusal::NotYours));
        }
        Ok(Ok((keeper.user_id, activity, body, published)))
    }

    /// Frees the places of a sign-up, when the cancel comes from its device or its
    /// worker (`may_cancel`); otherwise the same refusal as for an unknown id. Moving
    /// someone up from the waiting list is the organiser's call for now (they phone
    /// them); see docs/decisions.md.
    async fn cancel(
        &mut self,
        tx: &mut Transaction<'_, Any>,
        sign_up_id: &str,
        secret: Option<&str>,
    ) -> Result<Outcome, sqlx::Error> {
        let id = sign_up_id.to_ascii_lowercase();
        let target = match self.sign_ups.iter().find(|s| s.id == id) {
            // Made earlier in this push.
            Some(new) => Some(CancelTarget {
                activity_id: new.request.activity_id.clone(),
                party_size: i64::from(new.request.party_size),
                confirmed: new.place == Place::Confirmed,
                cancelled_before: new.cancelled,
                secret_sha256: new.secret_sha256,
                pushed_by: self.pushed_by,
            }),
            None => self.stored_sign_up(tx, &id).await?,
        };
        if !may_cancel(target.as_ref(), secret, self.pushed_by) {
            return Ok(refused(Refusal::UnknownSignUp));
        }
        let Some(target) = target else {
            return Ok(refused(Refusal::UnknownSignUp));
        };
        // Cancelled before (another device, or pressed twice): the same answer.
        if target.cancelled_before || self.cancelled.contains(&id) {
            return Ok(Outcome::Cancelled);
        }
        if target.confirmed {
            self.change_taken(&target.activity_id, -target.party_size);
        }
        match self.sign_ups.iter_mut().find(|s| s.id == id) {
            Some(new) => new.cancelled = true,
            None => self.cancelled.push(id),
        }
        Ok(Outcome::Cancelled)
    }

    async fn stored_sign_up(
        &self,
        tx: &mut Transaction<'_, Any>,
        id: &str,
    ) -> Result<Option<CancelTarget>, sqlx::Error> {
        let found: Option<StoredSignUp> = sqlx::query_as(
            "SELECT activity_id, party_size, place, cancelled_at IS NOT NULL, \
                 cancel_secret_sha256, pushed_by FROM sign_ups WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
        Ok(found.map(
            |(activity_id, party_size, place, Flag(cancelled_before), hash, pushed_by)| {
                CancelTarget {
                    activity_id,
                    party_size,
                    confirmed: place == "confirmed",
                    cancelled_before,
                    // The column's CHECK keeps it 32 bytes long.
                    secret_sha256: hash.and_then(|h| <[u8; 32]>::try_from(h).ok()),
                    pushed_by,
                }
            },
        ))
    }

    fn change_taken(&mut self, activity: &str, delta: i64) {
        *self.taken.entry(activity.to_owned()).or_insert(0) += delta;
        if !self.changed_taken.iter().any(|a| a == activity) {
            self.changed_taken.push(activity.to_owned());
        }
    }

    async fn write(self, tx: &mut Transaction<'_, Any>) -> Result<(), PushError> {
        if !self.sign_ups.is_empty() {
            let mut insert = Sql::new(
                "INSERT INTO sign_ups (id, activity_id, first_name, phone, email, party_size, \
                 note, channel, share_with_organiser, pushed_by, place, cancel_secret_sha256, \
                 cancelled_at) ",
            );
            insert.push_values(&self.sign_ups, |row, s| {
                let r = s.request;
                row.push_bind(&s.id)
                    .push_bind(&r.activity_id)
                    .push_bind(r.first_name.trim())
                    .push_bind(trimmed(&r.phone))
                    .push_bind(trimmed(&r.email))
                    .push_bind(i64::from(r.party_size))
                    .push_bind(trimmed(&r.note))
                    .push_bind(r.channel.as_str())
                    .push_bind(r.share_with_organiser)
                    .push_bind(self.pushed_by)
                    .push_bind(s.place.as_str())
                    .push_bind(s.secret_sha256.map(Vec::from));
                row.push_bind(s.cancelled.then(crate::auth::iso_now));
            });
            insert.build().execute(&mut **tx).await?;
        }
        if !self.notes.is_empty() {
            let mut insert = Sql::new(
                "INSERT INTO concern_notes (id, kind, about, wijk, urgency, reporter_role, \
                 channel, pushed_by, may_share) ",
            );
            insert.push_values(&self.notes, |row, n| {
                let r = &n.request.routing;
                let may_share = n
                    .request
                    .consent()
                    .is_some_and(|c| c.may_share_with_partners);
                row.push_bind(&n.id)
                    .push_bind(r.kind.as_str())
                    .push_bind(r.about.as_str())
                    .push_bind(&r.wijk)
                    .push_bind(r.urgency.as_str())
                    .push_bind(r.reporter_role.as_str())
                    .push_bind(r.channel.as_str())
                    .push_bind(self.pushed_by)
                    .push_bind(may_share);
            });
            insert.build().execute(&mut **tx).await?;
            let newest = self.meldpunt_keys.last();
            let mut bodies = Vec::with_capacity(self.notes.len());
            for n in &self.notes {
                bodies.push(stored_body(&n.id, n.request, newest)?);
            }
            let mut insert = Sql::new("INSERT INTO concern_note_bodies (note_id, body, sealed) ");
            insert.push_values(&bodies, |row, (id, body, sealed)| {
                row.push_bind(*id).push_bind(body).push_bind(*sealed);
            });
            insert.build().execute(&mut **tx).await?;
        }
        for r in &self.self_tests {
            sqlx::query(
                "INSERT INTO self_test_counts (month, wijk, emotional, social, count) \
                 VALUES ($1, $2, $3, $4, 1) \
                 ON CONFLICT (month, wijk, emotional, social) DO UPDATE SET count = self_test_counts.count + 1",
            )
            .bind(crate::auth::iso_now()[..7].to_owned())
            .bind(r.wijk.as_deref().unwrap_or(""))
            .bind(i64::from(r.emotional))
            .bind(i64::from(r.social))
            .execute(&mut **tx)
            .await?;
        }
        for id in &self.cancelled {
            sqlx::query("UPDATE sign_ups SET cancelled_at = $1 WHERE id = $2")
                .bind(crate::auth::iso_now())
                .bind(id)
                .execute(&mut **tx)
                .await?;
        }
        for activity in &self.changed_taken {
            sqlx::query(
                "INSERT INTO places_taken (activity_id, taken) VALUES ($1, $2) \
                 ON CONFLICT (activity_id) DO UPDATE SET taken = excluded.taken",
            )
            .bind(activity)
            .bind(self.taken[activity])
            .execute(&mut **tx)
            .await?;
        }
        if !self.applied.is_empty() {
            let mut insert = Sql::new("INSERT INTO applied_mutations (id, outcome) ");
            insert.push_values(&self.applied, |row, (id, outcome)| {
                row.push_bind(id).push_bind(outcome);
            });
            insert.build().execute(&mut **tx).await?;
        }
        Ok(())
    }
}

fn trimmed(text: &Option<String>) -> Option<String> {
    text.as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}
