//! Types that cross the wire between the app and the server. They live here, once, so
//! client and server cannot drift apart.

use serde::{Deserialize, Serialize};

use crate::edit::{ActivityEdit, Freshness};
use crate::form::{Field, FieldError, Rule};
use crate::info::{Campaign, InfoPage};
use crate::model::{Activity, Figures, Organisation, Wijk};
use crate::note::ConcernNoteRequest;
use crate::seal::MeldpuntKey;
use crate::signup::{Channel, SignUpRequest};

pub const API_PREFIX: &str = "/api/v1";

/// The header with which the app names the device that pushes: a random UUID it keeps,
/// so that the limits on pushes (one kiosk's day of sign-ups may come at once, a flood
/// may not) count per device and not only per address. The server keeps it in memory
/// only, never with what was pushed.
pub const DEVICE_HEADER: &str = "x-omzien-device";

/// `GET /api/v1/health`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Health {
    pub status: String,
    pub version: String,
    /// The newest change the server has; a client at this cursor is up to date.
    pub cursor: u64,
}

/// `GET /api/v1/sync/pull?cursor=N`: what changed after `N`, one page at a time: at
/// most the server's page size of records, oldest change first.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PullResponse {
    /// Pass this back as `cursor` next time. It never goes down. With `more`, it is the
    /// version of this page's last record, so a device that stored this page and then
    /// lost its connection goes on from here.
    pub cursor: u64,
    /// True when more pages follow: ask again from `cursor` at once.
    #[serde(default)]
    pub more: bool,
    /// True when the response holds everything and the client must drop what it had:
    /// a pull from 0, or from a cursor the server does not know (its data was replaced).
    #[serde(default)]
    pub reset: bool,
    #[serde(default)]
    pub organisations: Vec<Organisation>,
    #[serde(default)]
    pub activities: Vec<Activity>,
    #[serde(default)]
    pub wijken: Vec<Wijk>,
    /// The city / region / NL comparison figures, when they changed.
    #[serde(default)]
    pub figures: Option<Figures>,
    #[serde(default)]
    pub info_pages: Vec<InfoPage>,
    #[serde(default)]
    pub campaigns: Vec<Campaign>,
    #[serde(default)]
    pub deleted: Vec<Deleted>,
    /// The server's thresholds for "Mogelijk niet meer actueel".
    #[serde(default)]
    pub freshness: Freshness,
    /// The meldpunt's newest public key, in every pull: a device seals new notes to
    /// it. `None` until a coordinator set the meldpunt up; then the form says the
    /// meldpunt cannot take notes yet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meldpunt_key: Option<MeldpuntKey>,
}

impl PullResponse {
    pub fn is_empty(&self) -> bool {
        self.organisations.is_empty()
            && self.activities.is_empty()
            && self.wijken.is_empty()
            && self.figures.is_none()
            && self.info_pages.is_empty()
            && self.campaigns.is_empty()
            && self.deleted.is_empty()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    Organisation,
    Activity,
    Wijk,
    Figures,
    InfoPage,
    Campaign,
    /// A kind a newer server has and this app does not know yet: its records and
    /// deletions are skipped instead of failing the whole pull.
    #[serde(other)]
    Unknown,
}

impl RecordKind {
    pub const ALL: [RecordKind; 6] = [
        Self::Organisation,
        Self::Activity,
        Self::Wijk,
        Self::Figures,
        Self::InfoPage,
        Self::Campaign,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Organisation => "organisation",
            Self::Activity => "activity",
            Self::Wijk => "wijk",
            Self::Figures => "figures",
            Self::InfoPage => "info_page",
            Self::Campaign => "campaign",
            Self::Unknown => "unknown",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// A record the client must forget.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deleted {
    pub kind: RecordKind,
    pub id: String,
}

/// Every error answer of the API: a stable code for programs, a sentence for developers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    pub error: String,
    pub message: String,
}

/// The most mutations one push may carry; a larger outbox is sent in several pushes.
pub const MAX_BATCH: usize = 100;

/// `POST /api/v1/sync/push`: queued changes, each under a UUID the client made.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PushRequest {
    pub mutations: Vec<Mutation>,
}

/// One queued change. The server applies each `id` at most once; sending it again
/// returns the first answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mutation {
    pub id: String,
    pub change: Change,
}

/// Externally tagged (`{"sign_up": {…}}`): serde's internally tagged form buffers
/// every value first and costs the app ~10 KB of wasm for nothing we need.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    SignUp(SignUpRequest),
    /// Cancels the sign-up made by the mutation with this id. Only its device (which
    /// holds the sign-up's `cancel_secret` and sends it here) or the staff member who
    /// pushed it (her session) may; anyone else gets the same refusal as for an id
    /// the server does not have (`Refusal::UnknownSignUp`).
    CancelSignUp {
        sign_up_id: String,
        /// The sign-up's `cancel_secret`. Absent from an app of before it existed:
        /// such a cancel is refused unless the pusher's session made the sign-up.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        secret: Option<String>,
    },
    /// A note for the meldpunt (`{"concern_note": {"routing": {…}, "sealed": {…}}}`).
    /// Boxed: it is the largest change by far, and every queued `Mutation` would
    /// otherwise be that size.
    ConcernNote(Box<ConcernNoteRequest>),
    /// A self-test outcome its maker chose to share, anonymously, for monitoring.
    SelfTestResult(SharedResult),
    /// An organiser's or editor's new or changed activity (`edit.rs`). Boxed like a
    /// note: an activity is large.
    EditActivity(Box<ActivityEdit>),
    /// "Klopt dit nog?" — yes: the activity is still right as it stands.
    ConfirmActivity {
        activity_id: String,
    },
    /// The activity no longer takes place: residents' devices drop it at their next
    /// pull. An editor can put it back from its history.
    WithdrawActivity {
        activity_id: String,
    },
}

impl Change {
    /// The change without what identifies a person (name, phone, e-mail, note; a
    /// concern note's whole body): what stays on the device once the server has it,
    /// enough for "Mijn aanmeldingen" and a note's receipt.
    pub fn without_personal_data(&self) -> Change {
        match self {
            Change::SignUp(request) => Change::SignUp(SignUpRequest {
                first_name: String::new(),
                phone: None,
                email: None,
                note: None,
                ..request.clone()
            }),
            Change::ConcernNote(note) => Change::ConcernNote(Box::new(ConcernNoteRequest {
                routing: note.routing.clone(),
                body: None,
                sealed: None,
            })),
            Change::CancelSignUp { .. }
            | Change::SelfTestResult(_)
            | Change::EditActivity(_)
            | Change::ConfirmActivity { .. }
            | Change::WithdrawActivity { .. } => self.clone(),
        }
    }

    /// Whether the entry stays on the device once the server has answered: a sign-up
    /// does (for "Mijn aanmeldingen"), a note does (for its receipt), a shared
    /// self-test result has nothing to show and goes.
    pub fn stays_after_answer(&self) -> bool {
        !matches!(self, Change::SelfTestResult(_))
    }

    /// Whether the server takes the change only with a valid staff session.
    pub fn needs_staff(&self) -> bool {
        self.staff_need().is_some()
    }

    /// Which right of a staff member the change needs: "on behalf" changes are made by
    /// staff for a resident; activity changes by those who keep the catalogue.
    pub fn staff_need(&self) -> Option<StaffNeed> {
        match self {
            Change::SignUp(request) if request.channel == Channel::OnBehalf => {
                Some(StaffNeed::OnBehalf)
            }
            Change::ConcernNote(note) if note.routing.channel == Channel::OnBehalf => {
                Some(StaffNeed::OnBehalf)
            }
            Change::SignUp(_)
            | Change::ConcernNote(_)
            | Change::CancelSignUp { .. }
            | Change::SelfTestResult(_) => None,
            Change::EditActivity(_)
            | Change::ConfirmActivity { .. }
            | Change::WithdrawActivity { .. } => Some(StaffNeed::Activities),
        }
    }
}

/// The staff right a change needs (`Change::staff_need`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StaffNeed {
    /// Acting for a resident: `Role::can_act_on_behalf`.
    OnBehalf,
    /// Keeping activities: `Role::can_edit_activities`.
    Activities,
}

/// A self-test outcome someone chose to share for monitoring: the scores and, if they
/// said, their wijk. No answers, no time finer than the server's month, nothing else.
/// It lives here, not with the self-test, because it crosses the wire: the scale's
/// scoring stays on the device.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedResult {
    #[serde(default)]
    pub wijk: Option<String>,
    pub emotional: u8,
    pub social: u8,
}

impl SharedResult {
    /// The highest score of one part: the 6-item scale has three items per part.
    pub const MAX_PART: u8 = 3;

    /// Scores a 6-item test can give; the wijk is checked by the server.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        if self.emotional > Self::MAX_PART || self.social > Self::MAX_PART {
            return Err(vec![FieldError::new(
                Field::Score,
                Rule::Impossible,
                "Deze uitkomst kan niet uit de test komen.",
            )]);
        }
        Ok(())
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PushResponse {
    /// One result per mutation, in the order sent. Fewer results than mutations: the
    /// rest was not looked at (a limit on one source was reached, `retry_after` says
    /// for how long) and is sent again later.
    pub results: Vec<MutationResult>,
    /// Seconds before the mutations without a result may come again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MutationResult {
    pub id: String,
    pub outcome: Outcome,
    /// True when the server had applied this id before: the outcome is the first one.
    #[serde(default)]
    pub replayed: bool,
}

/// What became of a mutation. A refusal is final: sending it again changes nothing.
/// On the wire: `"confirmed"`, `"waiting_list"`, `"cancelled"`, `"received"` or
/// `{"refused": {…}}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Confirmed,
    WaitingList,
    Cancelled,
    /// A concern note is with the meldpunt.
    Received,
    /// An activity edit is stored as this revision: live for residents when
    /// `published`, otherwise waiting for an editor.
    Saved {
        revision: u32,
        published: bool,
    },
    /// The edit was made on an older revision than the stored one: nothing was changed.
    /// `current` is the stored version, so the organiser can compare and choose
    /// (sending hers again on `current.revision`, or keeping this one).
    Conflict {
        current: Box<Activity>,
    },
    Refused {
        reason: Refusal,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        errors: Vec<FieldError>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    /// The id is not a UUID like `0b6f…-…`; nothing was stored.
    BadId,
    /// Fields break the rules in `errors`.
    Invalid,
    UnknownActivity,
    /// A cancel the server does not carry out: for a sign-up it does not have, or
    /// without the sign-up's secret or its worker's session. One answer for all of
    /// these, so nobody can learn from it whether a sign-up id exists.
    UnknownSignUp,
    /// The activity belongs to an organisation this account does not keep.
    NotYours,
}

/// The `error` code of a push's 401 when it carries "on behalf" items without a valid
/// staff session: the client keeps the items and sends them again after signing in.
pub const SIGN_IN_NEEDED: &str = "sign_in_needed";

/// Whether `id` is a UUID in its usual text form (as `crypto.randomUUID()` makes).
pub fn is_uuid(id: &str) -> bool {
    id.len() == 36
        && id.char_indices().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_hexdigit(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shared_self_test_result_holds_scores_a_test_can_give() {
        let ok = SharedResult {
            wijk: Some("centrum".into()),
            emotional: 3,
            social: 0,
        };
        assert_eq!(ok.validate(), Ok(()));
        let bad = SharedResult { social: 4, ..ok };
        assert_eq!(bad.validate().unwrap_err()[0].field, Field::Score);
    }

    #[test]
    fn uuids_in_text_form() {
        assert!(is_uuid("0b6f3c1e-2a4d-4c8e-9f00-1234567890ab"));
        assert!(is_uuid("0B6F3C1E-2A4D-4C8E-9F00-1234567890AB"));
        assert!(!is_uuid("0b6f3c1e2a4d4c8e9f001234567890ab"));
        assert!(!is_uuid("0b6f3c1e-2a4d-4c8e-9f00-1234567890ag"));
        assert!(!is_uuid(""));
    }

    #[test]
    fn a_sign_up_mutation_on_the_wire() {
        let json = r#"{"id":"0b6f3c1e-2a4d-4c8e-9f00-1234567890ab","change":{"cancel_sign_up":{"sign_up_id":"x"}}}"#;
        let m: Mutation = serde_json::from_str(json).unwrap();
        assert_eq!(
            m.change,
            Change::CancelSignUp {
                sign_up_id: "x".into(),
                secret: None,
            },
            "a cancel from an app of before the secret still parses"
        );
        let with_secret = Change::CancelSignUp {
            sign_up_id: "x".into(),
            secret: Some("s".repeat(64)),
        };
        let text = serde_json::to_string(&with_secret).unwrap();
        assert!(text.contains(r#""secret":"sss"#), "{text}");
        assert_eq!(serde_json::from_str::<Change>(&text).unwrap(), with_secret);
        assert_eq!(with_secret.without_personal_data(), with_secret);
        assert!(
            !with_secret.needs_staff(),
            "a resident cancels without an account"
        );
        let outcome = Outcome::Refused {
            reason: Refusal::UnknownSignUp,
            errors: vec![],
        };
        assert_eq!(
            serde_json::to_string(&outcome).unwrap(),
            r#"{"refused":{"reason":"unknown_sign_up"}}"#
        );
        assert_eq!(
            serde_json::to_string(&Outcome::Confirmed).unwrap(),
            r#""confirmed""#
        );
    }

    #[test]
    fn the_cancel_secret_stays_on_the_device_when_the_personal_data_goes() {
        let old_request = || SignUpRequest {
            activity_id: "senver-wandelen".into(),
            first_name: "Joke".into(),
            phone: Some("06 12345678".into()),
            email: None,
            party_size: 1,
            note: None,
            channel: Channel::Kiosk,
            consent: true,
            share_with_organiser: false,
            cancel_secret: None,
        };
        let with_secret = SignUpRequest {
            cancel_secret: Some("f".repeat(64)),
            ..old_request()
        };
        let text = serde_json::to_string(&with_secret).unwrap();
        assert!(text.contains(r#""cancel_secret":"fff"#), "{text}");
        let kept = Change::SignUp(with_secret).without_personal_data();
        let Change::SignUp(kept) = kept else {
            panic!("{kept:?}");
        };
        assert!(kept.first_name.is_empty() && kept.phone.is_none());
        assert_eq!(
            kept.cancel_secret,
            Some("f".repeat(64)),
            "needed to cancel later"
        );
        // Without one (queued before it existed), nothing is written for it.
        assert!(!serde_json::to_string(&old_request())
            .unwrap()
            .contains("cancel_secret"));
    }

    #[test]
    fn a_delivered_concern_note_keeps_only_its_routing() {
        let json = r#"{"concern_note":{"routing":{"kind":"worried","about":"someone_else","wijk":"oost","urgency":"today","reporter_role":"neighbour","channel":"kiosk"},"body":{"signals":["mail_piling_up"],"person_hint":"nr 12","consent":{"agreed":true}}}}"#;
        let change: Change = serde_json::from_str(json).unwrap();
        let Change::ConcernNote(note) = &change else {
            panic!("{change:?}");
        };
        assert!(note.body.is_some());
        assert!(!change.needs_staff());
        let kept = change.without_personal_data();
        let text = serde_json::to_string(&kept).unwrap();
        assert_eq!(
            text,
            r#"{"concern_note":{"routing":{"kind":"worried","about":"someone_else","wijk":"oost","urgency":"today","reporter_role":"neighbour","channel":"kiosk"}}}"#
        );
        assert_eq!(
            serde_json::to_string(&Outcome::Received).unwrap(),
            r#""received""#
        );
    }
}
