//! An organiser's or editor's change to an activity, and the rules the server applies
//! to it: what must be filled in, whose activity it is, and the version check.
//!
//! An edit travels through the outbox like a sign-up (written offline, sent exactly
//! once), so it may arrive after someone else changed the same activity. It names the
//! revision it was made on; when that is no longer the stored one, nothing is changed
//! and the answer carries the stored version, so the organiser sees both and chooses.

use serde::{Deserialize, Serialize};

use crate::form::{Errors, Field, FieldError, Rule};
use crate::model::Activity;
use crate::schedule::Date;

pub const MAX_NAME: usize = 120;
pub const MAX_SUMMARY: usize = 300;
pub const MAX_DESCRIPTION: usize = 4000;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActivityEdit {
    /// The activity as it should be. Its `revision` and `updated_on` are the server's
    /// to set; what is sent there is ignored.
    pub activity: Activity,
    /// The revision the edit was made on; `None` for a new activity.
    #[serde(default)]
    pub base_revision: Option<u32>,
}

/// What the server does with an edit.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    /// A new activity: store it as revision 1.
    Create,
    /// Store it as the stored revision plus one.
    Update,
    /// Made on another revision than `current`'s, or a new activity under an id that
    /// is taken: nothing changes.
    Conflict(Box<Activity>),
    /// Not an activity of the sender's organisations (the stored one or the edit's).
    NotYours,
    /// An edit of an activity that is not (or no longer) there.
    Unknown,
    Invalid(Vec<FieldError>),
}

impl ActivityEdit {
    /// Judges the edit against the stored activity with the same id. `keeps` says
    /// whether the sender may change an organisation's activities (an organiser her
    /// own organisations', an editor every one).
    pub fn judge(&self, stored: Option<&Activity>, keeps: impl Fn(&str) -> bool) -> Verdict {
        let theirs = stored.is_some_and(|s| !keeps(&s.organisation_id));
        if theirs || !keeps(&self.activity.organisation_id) {
            return Verdict::NotYours;
        }
        if let Err(errors) = self.validate() {
            return Verdict::Invalid(errors);
        }
        match (stored, self.base_revision) {
            (None, None) => Verdict::Create,
            (None, Some(_)) => Verdict::Unknown,
            (Some(s), Some(base)) if base == s.revision => Verdict::Update,
            (Some(s), _) => Verdict::Conflict(Box::new(s.clone())),
        }
    }

    /// What a visitor needs to be there: a name, a short description, a way of
    /// reaching the organiser that can be right, and sessions that end after they start.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let a = &self.activity;
        let mut errors = Errors::default();
        let well_formed_id = !a.id.is_empty()
            && a.id.len() <= 80
            && a.id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !well_formed_id {
            errors.fail(
                Field::ActivityId,
                Rule::Invalid,
                "Een kenmerk bestaat uit kleine letters, cijfers en streepjes.",
            );
        }
        text(
            &mut errors,
            Field::ActivityName,
            &a.name,
            MAX_NAME,
            "Geef de activiteit een naam.",
        );
        text(
            &mut errors,
            Field::Summary,
            &a.summary,
            MAX_SUMMARY,
            "Zeg in een paar woorden wat mensen gaan doen.",
        );
        if a.description.chars().count() > MAX_DESCRIPTION {
            errors.fail(
                Field::Description,
                Rule::TooLong,
                "De beschrijving is te lang.",
            );
        }
        a.contact.check(&mut errors);
        if a.capacity == Some(0) {
            errors.fail(
                Field::Capacity,
                Rule::OutOfRange,
                "Er moet minstens één plek zijn. Laat het leeg als er geen grens is.",
            );
        }
        let backwards = a.sessions.iter().any(
            |s| matches!((s.start_time, s.end_time), (Some(start), Some(end)) if end <= start),
        );
        if backwards {
            errors.fail(
                Field::Session,
                Rule::Invalid,
                "Een keer eindigt na het begin. Kijk de tijden na.",
            );
        }
        errors.into_result()
    }
}

/// How long an activity counts as current without anyone confirming it. Server
/// settings (`OMZIEN_CONFIRM_AFTER_DAYS`, `OMZIEN_STALE_AFTER_DAYS`); the pull carries
/// them, so a device judges its stored catalogue the same way offline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Freshness {
    /// After this many days the organiser is asked "Klopt dit nog?" (about 6 months).
    pub confirm_after_days: u32,
    /// After this many days residents read "Mogelijk niet meer actueel" and the
    /// activity sorts last (about 9 months).
    pub stale_after_days: u32,
}

impl Default for Freshness {
    fn default() -> Self {
        Freshness {
            confirm_after_days: 183,
            stale_after_days: 274,
        }
    }
}

/// Where an activity stands, from the day it was last changed or confirmed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Currency {
    Current,
    /// The organiser is asked to confirm it.
    AskToConfirm,
    /// Possibly out of date: shown so, and last.
    Stale,
}

impl Freshness {
    /// An activity never dated (stored before dates were kept) counts as current:
    /// the server dates every record it stores.
    pub fn judge(&self, updated_on: Option<Date>, today: Date) -> Currency {
        let Some(day) = updated_on else {
            return Currency::Current;
        };
        let age = day.days_until(today);
        if age >= i64::from(self.stale_after_days) {
            Currency::Stale
        } else if age >= i64::from(self.confirm_after_days) {
            Currency::AskToConfirm
        } else {
            Currency::Current
        }
    }
}

/// `GET /api/v1/catalogue/mine`: an organiser's own activities (an editor's: every
/// one), with what she needs to keep them current.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OwnActivities {
    pub activities: Vec<OwnActivity>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OwnActivity {
    pub activity: Activity,
    pub published: bool,
    pub currency: Currency,
    /// People signed up with a place (not cancelled), and on the waiting list.
    pub signed_up: u32,
    pub waiting: u32,
    /// Places left, when the activity has a limit.
    pub places_left: Option<u32>,
}

/// `GET /api/v1/catalogue/stale`: records nobody confirmed in time, by organisation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaleList {
    pub organisations: Vec<StaleOrganisation>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaleOrganisation {
    pub organisation_id: String,
    pub name: String,
    /// (activity id, name, last changed or confirmed), oldest first.
    pub activities: Vec<(String, String, Option<Date>)>,
}

/// `GET /api/v1/catalogue/queue`: new activities and organisations waiting for an
/// editor, oldest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Queue {
    pub activities: Vec<Queued>,
    /// New organisations, proposed by an organiser.
    #[serde(default)]
    pub organisations: Vec<crate::new_organisation::QueuedOrganisation>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Queued {
    pub activity: Activity,
    /// Who sent it (an e-mail address), when the account still exists.
    pub by: Option<String>,
    /// When, RFC 3339, UTC.
    pub at: String,
}

/// `GET /api/v1/catalogue/activities/{id}/history`: every change by staff, newest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct History {
    pub changes: Vec<HistoryEntry>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// Name it in a [`RevertRequest`] to put this version back.
    pub id: i64,
    pub action: HistoryAction,
    pub by: Option<String>,
    pub at: String,
    /// The activity as it was after this change.
    pub activity: Activity,
}

/// `GET /api/v1/catalogue/log`: the editors' log, the newest changes by staff to
/// any activity (an organiser's edit goes live at once; the editors see it here).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Log {
    pub changes: Vec<LogEntry>,
}

/// How many changes the log shows: a few weeks' work; older ones stay in each
/// activity's history.
pub const LOG_LENGTH: u32 = 100;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LogEntry {
    pub activity_id: String,
    /// The name after the change.
    pub name: String,
    pub action: HistoryAction,
    pub by: Option<String>,
    pub at: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HistoryAction {
    Create,
    Edit,
    Publish,
    Revert,
    /// "Klopt dit nog?" — yes: only the date changed.
    Confirm,
    /// No longer takes place: gone for residents until an editor puts a version back.
    Withdraw,
}

impl HistoryAction {
    pub const ALL: [HistoryAction; 6] = [
        Self::Create,
        Self::Edit,
        Self::Publish,
        Self::Revert,
        Self::Confirm,
        Self::Withdraw,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Create => "create",
            Self::Edit => "edit",
            Self::Publish => "publish",
            Self::Revert => "revert",
            Self::Confirm => "confirm",
            Self::Withdraw => "withdraw",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == text)
    }
}

/// `POST /api/v1/catalogue/activities/{id}/revert`: store the version after history
/// entry `to` again, as a new revision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevertRequest {
    pub to: i64,
}

/// An id for a new activity, readable in its address: the name's letters and digits
/// in lower case, joined by `-`, then `suffix` (a few random characters, so two
/// organisers' "Koffie-inloop" do not meet). The server refuses an id that is taken.
pub fn new_id(name: &str, suffix: &str) -> String {
    let folded = crate::search::fold(name);
    let mut id = String::new();
    for word in folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if id.len() + word.len() > 60 {
            break;
        }
        id.push_str(word);
        id.push('-');
    }
    id.push_str(suffix);
    id.to_ascii_lowercase()
}

fn text(errors: &mut Errors, field: Field, value: &str, max: usize, missing: &str) {
    if value.trim().is_empty() {
        errors.fail(field, Rule::Missing, missing);
    } else if value.chars().count() > max {
        errors.fail(field, Rule::TooLong, "Deze tekst is te lang.");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Session;
    use crate::schedule::{Date, TimeOfDay};

    /// Senver's walk, changed twice in Omzien.
    fn walk() -> Activity {
        serde_json::from_str(
            r#"{"id": "senver-wandelen", "name": "Wandelen met Senver",
                "summary": "Samen wandelen, daarna koffie.", "kind": "walking",
                "organisation_id": "senver", "loneliness_types": ["social"],
                "target_groups": ["seniors"], "source": "test", "revision": 2}"#,
        )
        .expect("a valid activity")
    }

    fn edit(activity: Activity, base: Option<u32>) -> ActivityEdit {
        ActivityEdit {
            activity,
            base_revision: base,
        }
    }

    fn senver(org: &str) -> bool {
        org == "senver"
    }

    #[test]
    fn an_edit_on_the_stored_revision_is_applied() {
        let stored = walk();
        let mut changed = stored.clone();
        changed.contact.phone = Some("035 123 45 67".into());
        assert_eq!(
            edit(changed, Some(2)).judge(Some(&stored), senver),
            Verdict::Update
        );
    }

    #[test]
    fn an_edit_on_an_older_revision_gets_the_stored_version_back() {
        let stored = walk();
        let verdict = edit(stored.clone(), Some(1)).judge(Some(&stored), senver);
        assert_eq!(verdict, Verdict::Conflict(Box::new(stored.clone())));
        // A "new" activity under an id that is taken is a conflict too, not an overwrite.
        let verdict = edit(stored.clone(), None).judge(Some(&stored), senver);
        assert!(matches!(verdict, Verdict::Conflict(_)));
    }

    #[test]
    fn new_and_vanished_activities() {
        assert_eq!(edit(walk(), None).judge(None, senver), Verdict::Create);
        assert_eq!(edit(walk(), Some(2)).judge(None, senver), Verdict::Unknown);
    }

    #[test]
    fn another_organisations_activity_is_not_yours_either_way() {
        let mut versa = walk();
        versa.organisation_id = "versa".into();
        // Editing Versa's activity, even when claiming it for Senver.
        assert_eq!(
            edit(walk(), Some(2)).judge(Some(&versa), senver),
            Verdict::NotYours
        );
        // Moving one's own activity to Versa.
        assert_eq!(
            edit(versa.clone(), Some(2)).judge(Some(&walk()), senver),
            Verdict::NotYours
        );
        // Before any field is checked: a stranger learns nothing of the rules.
        let mut empty = versa;
        empty.name.clear();
        assert_eq!(edit(empty, None).judge(None, senver), Verdict::NotYours);
    }

    #[test]
    fn a_new_id_reads_like_the_name() {
        assert_eq!(
            new_id("Koffie-inloop Café Één!", "x7k2"),
            "koffie-inloop-cafe-een-x7k2"
        );
        let id = new_id(&"lang ".repeat(40), "ab12");
        assert!(id.len() <= 80 && id.ends_with("-ab12"), "{id}");
        let mut walk = walk();
        walk.id = new_id("Wandelen met Senver", "0a1b");
        assert_eq!(walk.id, "wandelen-met-senver-0a1b");
        assert!(edit(walk, None).validate().is_ok());
    }

    #[test]
    fn six_months_asks_nine_months_warns() {
        let f = Freshness::default();
        let day = |d: &str| Date::try_from(d.to_owned()).expect("a date");
        let changed = Some(day("2026-01-01"));
        assert_eq!(
            f.judge(changed, day("2026-07-02")),
            Currency::Current,
            "182 days"
        );
        assert_eq!(
            f.judge(changed, day("2026-07-03")),
            Currency::AskToConfirm,
            "183 days"
        );
        assert_eq!(
            f.judge(changed, day("2026-10-01")),
            Currency::AskToConfirm,
            "273 days"
        );
        assert_eq!(
            f.judge(changed, day("2026-10-02")),
            Currency::Stale,
            "274 days"
        );
        assert_eq!(f.judge(None, day("2030-01-01")), Currency::Current);
    }

    #[test]
    fn what_a_visitor_needs_must_be_there_and_right() {
        let mut a = walk();
        a.id = "Wandelen!".into();
        a.name = "  ".into();
        a.summary = "x".repeat(MAX_SUMMARY + 1);
        a.contact.phone = Some("bel me".into());
        a.contact.email = Some("senver@".into());
        a.contact.website = Some("senver.nl".into());
        a.capacity = Some(0);
        a.sessions = vec![Session {
            date: Date::try_from("2026-12-10".to_owned()).expect("a date"),
            start_time: TimeOfDay::try_from("14:00".to_owned()).ok(),
            end_time: TimeOfDay::try_from("13:00".to_owned()).ok(),
            location: None,
            example: false,
        }];
        let Verdict::Invalid(errors) = edit(a, Some(2)).judge(Some(&walk()), senver) else {
            panic!("refused");
        };
        let fields: Vec<Field> = errors.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                Field::ActivityId,
                Field::ActivityName,
                Field::Summary,
                Field::Phone,
                Field::Email,
                Field::Website,
                Field::Capacity,
                Field::Session
            ]
        );
        assert_eq!(errors[1].rule, Rule::Missing);
        assert_eq!(errors[2].rule, Rule::TooLong);
    }
}
