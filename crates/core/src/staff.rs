//! Staff accounts and the meldpunt's triage: the wire types of `/api/v1/auth`,
//! `/api/v1/notes`, `/api/v1/audit` and `/api/v1/my/items`, and the rules both sides
//! share (who may do what, which status may follow which).
//!
//! Residents never have an account; these are for the programme's own people.

use serde::{Deserialize, Serialize};

use crate::note::{NoteBody, NoteKind, NoteRouting, Urgency};
use crate::seal::Envelope;
use crate::signup::Place;

/// Longest password the server will hash: argon2 accepts more, but a megabyte of
/// "password" is a way to burn CPU, not a password.
pub const MAX_PASSWORD: usize = 1024;
/// Shortest password `omzien-server user add --password-stdin` accepts.
pub const MIN_PASSWORD: usize = 12;
pub const MAX_REFERRAL_NOTE: usize = 500;
/// Notes per page of the triage list when the request names no `limit`: what a
/// coordinator reads through in one go.
pub const NOTE_PAGE: u32 = 50;
/// The most notes one page may carry. A longer page helps nobody read and makes a slow
/// tablet wait; the counts say how many there are in all.
pub const MAX_NOTE_PAGE: u32 = 200;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Meldpunt coordinator: triages concern notes.
    Coordinator,
    /// On home visits: signs residents up and writes notes on their behalf.
    OutreachWorker,
    /// Keeps an organisation's activities current.
    Organiser,
    /// The municipality's catalogue editor (redacteur): publishes, changes and reverts
    /// every activity, and reads no concern notes.
    Editor,
    /// Manages accounts and reads the audit log.
    Admin,
    /// The programme lead (kartrekker): keeps the agenda's actions, their expected reach
    /// and milestones, and reads the monitoring counts. No notes, no accounts.
    Kartrekker,
    /// A library's or community centre's place manager (locatiebeheerder): turns kiosk
    /// mode on and off on a device, and nothing else — no notes, no sign-ups, no
    /// catalogue.
    PlaceManager,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Self::Coordinator,
        Self::OutreachWorker,
        Self::Organiser,
        Self::Editor,
        Self::Admin,
        Self::Kartrekker,
        Self::PlaceManager,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Coordinator => "coordinator",
            Self::OutreachWorker => "outreach_worker",
            Self::Organiser => "organiser",
            Self::Editor => "editor",
            Self::Admin => "admin",
            Self::Kartrekker => "kartrekker",
            Self::PlaceManager => "place_manager",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == text)
    }

    /// May list, read and handle concern notes.
    pub fn can_triage(self) -> bool {
        matches!(self, Self::Coordinator | Self::Admin)
    }

    /// May push sign-ups and notes with channel "on behalf".
    pub fn can_act_on_behalf(self) -> bool {
        matches!(self, Self::OutreachWorker | Self::Coordinator | Self::Admin)
    }

    /// May change, publish and revert every activity (an organiser only her own
    /// organisations').
    pub fn can_edit_catalogue(self) -> bool {
        matches!(self, Self::Coordinator | Self::Editor | Self::Admin)
    }

    /// May send activity edits at all.
    pub fn can_edit_activities(self) -> bool {
        self == Self::Organiser || self.can_edit_catalogue()
    }

    /// May read the audit log.
    pub fn can_read_audit(self) -> bool {
        self == Self::Admin
    }

    /// May read the monitoring counts and change the agenda's actions (expected reach,
    /// milestones): the programme lead, and admins, who may do all she may.
    pub fn can_steer(self) -> bool {
        matches!(self, Self::Kartrekker | Self::Admin)
    }

    /// May say which agenda action an activity serves: whoever steers, and the
    /// catalogue's editor, who knows the activities best.
    pub fn can_link_actions(self) -> bool {
        matches!(self, Self::Kartrekker | Self::Editor | Self::Admin)
    }

    /// May record a story (vertellen, chapter 8): those who hear them. Organisers meet
    /// the participants of their activities, coordinators the residents of the meldpunt,
    /// the programme lead the partners. Only those who steer read the stories back.
    pub fn can_tell_stories(self) -> bool {
        matches!(
            self,
            Self::Organiser | Self::Coordinator | Self::Kartrekker | Self::Admin
        )
    }

    /// May push anything with her session (a resident's items, on behalf or at a kiosk,
    /// and edits), and see what she pushed. A place manager only sets up kiosks: her
    /// session must never carry a sign-up or a note.
    pub fn can_push(self) -> bool {
        self != Self::PlaceManager
    }

    /// May list, add and disable staff accounts.
    pub fn can_manage_accounts(self) -> bool {
        self == Self::Admin
    }

    /// Whether an account of this role keeps named organisations' activities (and
    /// must name one or more).
    pub fn keeps_organisations(self) -> bool {
        self == Self::Organiser
    }
}

/// `POST /api/v1/auth/sign-in`
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInRequest {
    pub email: String,
    pub password: String,
}

/// The answer to a sign-in. The token is shown once; the server keeps only its hash.
/// Send it as `Authorization: Bearer <token>`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInResponse {
    pub token: String,
    /// RFC 3339, UTC.
    pub expires_at: String,
    pub role: Role,
    pub email: String,
}

/// `GET /api/v1/auth/me`
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub user_id: i64,
    pub email: String,
    pub role: Role,
    /// When this session ends, RFC 3339, UTC.
    pub expires_at: String,
    /// An organiser's organisations: the activities she keeps (empty for other roles).
    #[serde(default)]
    pub organisations: Vec<String>,
}

/// Where a concern note stands at the meldpunt.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoteStatus {
    New,
    InProgress,
    Referred,
    Closed,
}

impl NoteStatus {
    pub const ALL: [NoteStatus; 4] = [Self::New, Self::InProgress, Self::Referred, Self::Closed];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::New => "new",
            Self::InProgress => "in_progress",
            Self::Referred => "referred",
            Self::Closed => "closed",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// The way through: new → in behandeling → doorverwezen → afgerond. A note may be
    /// closed from "in behandeling" when no referral is needed (a wrong address, the
    /// person already has help). Nothing comes back from "afgerond": a closed note
    /// waits for deletion (retention), and a new worry is a new note.
    pub fn can_become(self, next: NoteStatus) -> bool {
        use NoteStatus::*;
        matches!(
            (self, next),
            (New, InProgress) | (InProgress, Referred) | (InProgress, Closed) | (Referred, Closed)
        )
    }

    /// Why `self` cannot become `next`, in words for the coordinator.
    pub fn refusal_nl(self, next: NoteStatus) -> &'static str {
        use NoteStatus::*;
        match (self, next) {
            (Closed, _) => "Deze melding is afgerond. Je kunt de status niet meer veranderen.",
            (New, Referred | Closed) => "Neem de melding eerst in behandeling.",
            (_, New) => "Een melding kan niet terug naar 'Nieuw'.",
            (Referred, InProgress) => {
                "Deze melding is al doorverwezen. Rond haar af, of verwijs opnieuw door."
            }
            _ => "Deze stap kan niet.",
        }
    }
}

/// An account named in an answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffRef {
    pub id: i64,
    pub email: String,
}

/// A note in the triage list: routing fields and handling, never the body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NoteListItem {
    pub id: String,
    pub routing: NoteRouting,
    pub status: NoteStatus,
    #[serde(default)]
    pub assignee: Option<StaffRef>,
    /// The staff member who sent it in, for a note made on behalf of a resident: the
    /// meldpunt can ask her.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pushed_by: Option<StaffRef>,
    /// RFC 3339, UTC.
    pub received_at: String,
    pub status_changed_at: String,
}

/// How many notes have each status (under the list's other filters).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusCounts {
    pub new: u32,
    pub in_progress: u32,
    pub referred: u32,
    pub closed: u32,
}

impl StatusCounts {
    /// How many notes the whole list holds under a status filter (`None`: every status).
    pub fn matching(&self, status: Option<NoteStatus>) -> u32 {
        match status {
            None => self
                .new
                .saturating_add(self.in_progress)
                .saturating_add(self.referred)
                .saturating_add(self.closed),
            Some(NoteStatus::New) => self.new,
            Some(NoteStatus::InProgress) => self.in_progress,
            Some(NoteStatus::Referred) => self.referred,
            Some(NoteStatus::Closed) => self.closed,
        }
    }
}

/// One page of `GET /api/v1/notes?status=&wijk=&urgency=&older_than_days=&limit=&after=`:
/// most urgent first, then oldest first, then by id (an order that never changes for a
/// note, so pages neither repeat nor skip one). `limit` is 1 to [`MAX_NOTE_PAGE`]
/// ([`NOTE_PAGE`] when left out); `after` is the `next` of the page before.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NoteList {
    pub notes: Vec<NoteListItem>,
    /// For the whole filter, not only this page.
    pub counts: StatusCounts,
    /// Where the next page starts, as `after=`; `None` on the last page. Opaque: only
    /// the server reads it.
    #[serde(default)]
    pub next: Option<String>,
}

/// `GET /api/v1/notes/{id}`: reading this is written to the audit log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NoteDetail {
    pub note: NoteListItem,
    /// The body, sealed to a meldpunt key: the coordinator's browser opens it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sealed: Option<Envelope>,
    /// The body in the clear: only a note that came before the meldpunt had a key,
    /// from an app of before sealing (the server seals it when the first key is made).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<NoteBody>,
    pub referrals: Vec<Referral>,
}

/// `POST /api/v1/notes/{id}/status`
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    pub status: NoteStatus,
}

/// `POST /api/v1/notes/{id}/assignee`: `None` takes the assignee off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignment {
    pub assignee_id: Option<i64>,
}

/// Where a note is referred to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferralTarget {
    /// An activity from the catalogue (`activity_id`).
    Activity,
    Buurtteam,
    WelzijnOpRecept,
    Luisterlijn,
    Other,
}

impl ReferralTarget {
    pub const ALL: [ReferralTarget; 5] = [
        Self::Activity,
        Self::Buurtteam,
        Self::WelzijnOpRecept,
        Self::Luisterlijn,
        Self::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Activity => "activity",
            Self::Buurtteam => "buurtteam",
            Self::WelzijnOpRecept => "welzijn_op_recept",
            Self::Luisterlijn => "luisterlijn",
            Self::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == text)
    }
}

/// `POST /api/v1/notes/{id}/referral`
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferralRequest {
    pub to: ReferralTarget,
    /// Only with `to: activity`: an activity id from the catalogue.
    #[serde(default)]
    pub activity_id: Option<String>,
    /// A short note for the file ("gebeld, ze gaat dinsdag mee wandelen").
    #[serde(default)]
    pub note: Option<String>,
}

/// Why a referral cannot be sent: a code for the app, words for the server's answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReferralProblem {
    /// To an activity, but none (or no sensible one) chosen.
    ChooseActivity,
    /// An activity named while referring elsewhere.
    ActivityNotWanted,
    /// "Iets anders" without a note saying where.
    NoteNeeded,
    NoteTooLong,
}

impl ReferralProblem {
    /// In words for the coordinator.
    pub fn message_nl(self) -> &'static str {
        match self {
            Self::ChooseActivity => "Kies de activiteit.",
            Self::ActivityNotWanted => {
                "Kies alleen een activiteit als je naar een activiteit doorverwijst."
            }
            Self::NoteNeeded => "Schrijf kort waarheen je doorverwijst.",
            Self::NoteTooLong => "Je notitie is te lang. Gebruik hoogstens 500 tekens.",
        }
    }
}

impl ReferralRequest {
    /// The rule broken. Whether the activity exists is the server's check.
    pub fn validate(&self) -> Result<(), ReferralProblem> {
        let activity = self
            .activity_id
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty());
        match (self.to, activity) {
            (ReferralTarget::Activity, None) => return Err(ReferralProblem::ChooseActivity),
            (ReferralTarget::Activity, Some(a)) if a.len() > 100 => {
                return Err(ReferralProblem::ChooseActivity)
            }
            (ReferralTarget::Activity, _) | (_, None) => {}
            (_, Some(_)) => return Err(ReferralProblem::ActivityNotWanted),
        }
        let note = self.note.as_deref().map(str::trim).unwrap_or("");
        if self.to == ReferralTarget::Other && note.is_empty() {
            return Err(ReferralProblem::NoteNeeded);
        }
        if note.chars().count() > MAX_REFERRAL_NOTE {
            return Err(ReferralProblem::NoteTooLong);
        }
        Ok(())
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Referral {
    pub to: ReferralTarget,
    #[serde(default)]
    pub activity_id: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    pub by: StaffRef,
    /// RFC 3339, UTC.
    pub at: String,
}

/// What someone did with a note.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    /// Opened the note's detail (its body).
    Read,
    Status,
    Assign,
    Referral,
}

impl AuditAction {
    pub const ALL: [AuditAction; 4] = [Self::Read, Self::Status, Self::Assign, Self::Referral];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Read => "read",
            Self::Status => "status",
            Self::Assign => "assign",
            Self::Referral => "referral",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == text)
    }
}

/// One line of the audit log. It outlives the note: who read what stays known after
/// the note itself is deleted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: String,
    pub user: StaffRef,
    pub note_id: String,
    pub action: AuditAction,
    /// For changes: the new status, assignee or referral target.
    #[serde(default)]
    pub detail: Option<String>,
}

/// `GET /api/v1/audit?note=&limit=`: newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLog {
    pub entries: Vec<AuditEntry>,
}

/// An item the signed-in person pushed, as she may see it again: where it stands, and
/// for a sign-up the resident's first name (she typed it herself). Nothing else
/// personal, and never anybody else's items.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MyItem {
    SignUp {
        id: String,
        activity_id: String,
        /// The resident's first name: only in the answer to the worker who pushed it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        first_name: Option<String>,
        place: Place,
        cancelled: bool,
        received_at: String,
    },
    ConcernNote {
        id: String,
        kind: NoteKind,
        wijk: String,
        urgency: Urgency,
        status: NoteStatus,
        received_at: String,
    },
}

/// `GET /api/v1/my/items`: newest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyItems {
    pub items: Vec<MyItem>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_status_goes_one_way() {
        use NoteStatus::*;
        let allowed: Vec<(NoteStatus, NoteStatus)> = NoteStatus::ALL
            .into_iter()
            .flat_map(|a| NoteStatus::ALL.into_iter().map(move |b| (a, b)))
            .filter(|(a, b)| a.can_become(*b))
            .collect();
        assert_eq!(
            allowed,
            [
                (New, InProgress),
                (InProgress, Referred),
                (InProgress, Closed),
                (Referred, Closed)
            ]
        );
        for a in NoteStatus::ALL {
            for b in NoteStatus::ALL {
                if !a.can_become(b) {
                    assert!(a.refusal_nl(b).ends_with('.'), "{a:?} → {b:?}");
                }
            }
        }
    }

    #[test]
    fn roles_and_what_they_may_do() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
            assert_eq!(
                serde_json::to_string(&role).unwrap(),
                format!("\"{}\"", role.as_str())
            );
        }
        let triage: Vec<_> = Role::ALL.into_iter().filter(|r| r.can_triage()).collect();
        assert_eq!(triage, [Role::Coordinator, Role::Admin]);
        assert!(!Role::Organiser.can_act_on_behalf());
        assert!(Role::OutreachWorker.can_act_on_behalf());
        assert!(!Role::Coordinator.can_read_audit());
    }

    #[test]
    fn the_kartrekker_steers_and_reads_no_notes() {
        let lead = Role::Kartrekker;
        assert_eq!(Role::parse("kartrekker"), Some(lead));
        let steer: Vec<_> = Role::ALL.into_iter().filter(|r| r.can_steer()).collect();
        assert_eq!(steer, [Role::Admin, Role::Kartrekker]);
        let link: Vec<_> = Role::ALL
            .into_iter()
            .filter(|r| r.can_link_actions())
            .collect();
        assert_eq!(link, [Role::Editor, Role::Admin, Role::Kartrekker]);
        let tell: Vec<_> = Role::ALL
            .into_iter()
            .filter(|r| r.can_tell_stories())
            .collect();
        assert_eq!(
            tell,
            [
                Role::Coordinator,
                Role::Organiser,
                Role::Admin,
                Role::Kartrekker
            ]
        );
        assert!(!lead.can_triage() && !lead.can_act_on_behalf());
        assert!(!lead.can_edit_activities() && !lead.can_manage_accounts());
    }

    #[test]
    fn a_place_manager_only_sets_up_kiosks() {
        let manager = Role::PlaceManager;
        assert_eq!(manager.as_str(), "place_manager");
        assert!(!manager.can_push(), "no sign-up or note under her session");
        assert!(!manager.can_triage());
        assert!(!manager.can_act_on_behalf());
        assert!(!manager.can_edit_activities());
        assert!(!manager.can_read_audit());
        assert!(!manager.can_manage_accounts());
        assert!(!manager.keeps_organisations());
        let pushers = Role::ALL.into_iter().filter(|r| r.can_push()).count();
        assert_eq!(pushers, Role::ALL.len() - 1);
    }

    #[test]
    fn an_editor_keeps_the_catalogue_and_reads_no_notes() {
        let editor = Role::Editor;
        assert_eq!(editor.as_str(), "editor");
        assert!(editor.can_edit_catalogue() && editor.can_edit_activities());
        assert!(!editor.can_triage(), "notes are for the meldpunt only");
        assert!(!editor.can_act_on_behalf());
        assert!(!editor.can_read_audit());
        assert!(!editor.can_manage_accounts());
        assert!(!editor.keeps_organisations());
        let managers: Vec<_> = Role::ALL
            .into_iter()
            .filter(|r| r.can_manage_accounts())
            .collect();
        assert_eq!(managers, [Role::Admin]);
    }

    #[test]
    fn referrals_name_an_activity_only_when_they_go_to_one() {
        let referral = |to, activity: Option<&str>, note: Option<&str>| ReferralRequest {
            to,
            activity_id: activity.map(str::to_owned),
            note: note.map(str::to_owned),
        };
        assert_eq!(
            referral(ReferralTarget::Activity, Some("senver-wandelen"), None).validate(),
            Ok(())
        );
        assert!(referral(ReferralTarget::Activity, None, None)
            .validate()
            .is_err());
        assert!(referral(ReferralTarget::Buurtteam, Some("x"), None)
            .validate()
            .is_err());
        assert!(referral(ReferralTarget::Other, None, Some("  "))
            .validate()
            .is_err());
        let long = "x".repeat(MAX_REFERRAL_NOTE + 1);
        assert!(referral(ReferralTarget::Luisterlijn, None, Some(&long))
            .validate()
            .is_err());
        for t in ReferralTarget::ALL {
            assert_eq!(ReferralTarget::parse(t.as_str()), Some(t));
            assert_eq!(
                serde_json::to_string(&t).unwrap(),
                format!("\"{}\"", t.as_str())
            );
        }
    }

    #[test]
    fn counts_add_up_to_the_whole_list_or_one_status() {
        let counts = StatusCounts {
            new: 3,
            in_progress: 2,
            referred: 1,
            closed: 4,
        };
        assert_eq!(counts.matching(None), 10);
        assert_eq!(counts.matching(Some(NoteStatus::Referred)), 1);
        assert_eq!(StatusCounts::default().matching(None), 0);
        let old: NoteList = serde_json::from_str(
            r#"{"notes": [], "counts": {"new": 0, "in_progress": 0, "referred": 0, "closed": 0}}"#,
        )
        .unwrap();
        assert_eq!(old.next, None, "an answer without `next` is the last page");
    }

    #[test]
    fn statuses_and_actions_spell_the_same_in_sql_and_json() {
        for s in NoteStatus::ALL {
            assert_eq!(NoteStatus::parse(s.as_str()), Some(s));
            assert_eq!(
                serde_json::to_string(&s).unwrap(),
                format!("\"{}\"", s.as_str())
            );
        }
        for a in AuditAction::ALL {
            assert_eq!(AuditAction::parse(a.as_str()), Some(a));
            assert_eq!(
                serde_json::to_string(&a).unwrap(),
                format!("\"{}\"", a.as_str())
            );
        }
    }
}
