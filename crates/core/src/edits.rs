//! An organiser's changes to activities as this device knows them: what "Mijn aanbod"
//! shows under "Wat je hebt veranderd", and the choice a conflict asks for.
//!
//! Only the newest change per activity counts: a conflict is settled by the change
//! made after it (her own version sent again, or "their version is right", which
//! confirms the stored one), so nothing needs to be deleted from the outbox.

use crate::form::FieldError;
use crate::model::Activity;
use crate::outbox::{EntryState, Outbox};
use crate::wire::{Change, Outcome, Refusal};

#[derive(Clone, Debug, PartialEq)]
pub enum EditStatus {
    /// On the device, not yet answered.
    WaitingToSend,
    /// Stored as this revision; live for residents when `published`.
    Saved { revision: u32, published: bool },
    /// "Klopt dit nog?" answered yes, and the server has it.
    Confirmed,
    /// Withdrawn, and the server has it: residents' devices drop it.
    Withdrawn,
    /// Someone changed the activity first: nothing was stored. The organiser compares
    /// `mine` with `current` and chooses.
    Conflict {
        mine: Box<Activity>,
        current: Box<Activity>,
    },
    Refused {
        reason: Refusal,
        errors: Vec<FieldError>,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct EditView {
    pub mutation_id: String,
    pub activity_id: String,
    /// The activity's name as the change has it (a confirmation or withdrawal: its id).
    pub name: String,
    pub status: EditStatus,
}

impl EditView {
    pub fn is_waiting(&self) -> bool {
        self.status == EditStatus::WaitingToSend
    }
}

/// What a queued change does to its activity.
#[derive(Clone, Copy)]
enum Kind<'a> {
    Edit(&'a Activity),
    Confirm,
    Withdraw,
}

impl Outbox {
    /// The newest change per activity, newest first.
    pub fn edits(&self) -> Vec<EditView> {
        let mut views: Vec<EditView> = Vec::new();
        for entry in self.entries().iter().rev() {
            let (activity_id, name, kind) = match &entry.mutation.change {
                Change::EditActivity(edit) => {
                    let a = &edit.activity;
                    (a.id.clone(), a.name.clone(), Kind::Edit(a))
                }
                Change::ConfirmActivity { activity_id } => {
                    (activity_id.clone(), activity_id.clone(), Kind::Confirm)
                }
                Change::WithdrawActivity { activity_id } => {
                    (activity_id.clone(), activity_id.clone(), Kind::Withdraw)
                }
                _ => continue,
            };
            if views.iter().any(|v| v.activity_id == activity_id) {
                continue;
            }
            let status = match (&entry.state, kind) {
                (EntryState::Waiting | EntryState::Sending, _) => EditStatus::WaitingToSend,
                (EntryState::Done(Outcome::Saved { .. }), Kind::Confirm) => EditStatus::Confirmed,
                (EntryState::Done(Outcome::Saved { .. }), Kind::Withdraw) => EditStatus::Withdrawn,
                (
                    EntryState::Done(Outcome::Saved {
                        revision,
                        published,
                    }),
                    Kind::Edit(_),
                ) => EditStatus::Saved {
                    revision: *revision,
                    published: *published,
                },
                (EntryState::Done(Outcome::Conflict { current }), Kind::Edit(mine)) => {
                    EditStatus::Conflict {
                        mine: Box::new(mine.clone()),
                        current: current.clone(),
                    }
                }
                (EntryState::Done(Outcome::Refused { reason, errors }), _) => EditStatus::Refused {
                    reason: *reason,
                    errors: errors.clone(),
                },
                // No other answer fits a change to an activity; a server that gave
                // one has stored nothing we know of.
                (EntryState::Done(_), _) => EditStatus::Refused {
                    reason: Refusal::Invalid,
                    errors: Vec::new(),
                },
            };
            views.push(EditView {
                mutation_id: entry.mutation.id.clone(),
                activity_id,
                name,
                status,
            });
        }
        views
    }

    /// Whether a change to `activity_id` waits to be sent: a second change made on
    /// top of it could not name the revision it was made on, so the form waits.
    pub fn edit_waiting(&self, activity_id: &str) -> bool {
        self.edits()
            .iter()
            .any(|v| v.activity_id == activity_id && v.is_waiting())
    }
}

/// The fields in which two versions of an activity differ, by name, for the conflict
/// view: the organiser sees what the other person changed and what she did.
pub fn differences(mine: &Activity, theirs: &Activity) -> Vec<Difference> {
    let mut mine = mine.clone();
    // Set by the server, never by either person.
    mine.revision = theirs.revision;
    mine.updated_on = theirs.updated_on;
    let (Ok(serde_json::Value::Object(a)), Ok(serde_json::Value::Object(b))) =
        (serde_json::to_value(&mine), serde_json::to_value(theirs))
    else {
        return Vec::new();
    };
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| a.get(*k) != b.get(*k))
        .map(|k| Difference {
            field: k.clone(),
            mine: a.get(k).map(show).unwrap_or_default(),
            theirs: b.get(k).map(show).unwrap_or_default(),
        })
        .collect()
}

/// One field that differs, each side as plain text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    /// The field's name on the wire (`contact`, `sessions`, …).
    pub field: String,
    pub mine: String,
    pub theirs: String,
}

/// A value as a person can read it: text as text, a structure as its leaves.
fn show(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(items) => items.iter().map(show).collect::<Vec<_>>().join("; "),
        serde_json::Value::Object(fields) => fields
            .values()
            .map(show)
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::ActivityEdit;
    use crate::outbox::Entry;
    use crate::wire::{Mutation, MutationResult, PushResponse};

    fn walk() -> Activity {
        serde_json::from_str(
            r#"{"id": "senver-wandelen", "name": "Wandelen met Senver",
                "summary": "Samen wandelen.", "kind": "walking",
                "organisation_id": "senver", "loneliness_types": ["social"],
                "target_groups": ["seniors"], "source": "test", "revision": 2}"#,
        )
        .expect("a valid activity")
    }

    fn edit(id: &str, activity: Activity, at: f64) -> Entry {
        Entry {
            mutation: Mutation {
                id: id.into(),
                change: Change::EditActivity(Box::new(ActivityEdit {
                    activity,
                    base_revision: Some(2),
                })),
            },
            state: EntryState::Waiting,
            created_at: at,
        }
    }

    fn answered(outbox: &mut Outbox, id: &str, outcome: Outcome) {
        outbox.record_answers(&PushResponse {
            results: vec![MutationResult {
                id: id.into(),
                outcome,
                replayed: false,
            }],
            retry_after: None,
        });
    }

    #[test]
    fn a_conflict_shows_both_versions_until_a_later_change_settles_it() {
        let mut mine = walk();
        mine.contact.phone = Some("035 123 45 67".into());
        let mut theirs = walk();
        theirs.revision = 3;
        theirs.summary = "Samen wandelen, daarna koffie.".into();
        let mut outbox = Outbox::restore(vec![edit("1", mine.clone(), 1.0)]);
        assert!(outbox.edit_waiting("senver-wandelen"));
        answered(
            &mut outbox,
            "1",
            Outcome::Conflict {
                current: Box::new(theirs.clone()),
            },
        );
        let views = outbox.edits();
        assert_eq!(views.len(), 1);
        let EditStatus::Conflict { mine: m, current } = &views[0].status else {
            panic!("a conflict: {views:?}");
        };
        let fields: Vec<String> = differences(m, current)
            .into_iter()
            .map(|d| d.field)
            .collect();
        assert_eq!(fields, ["contact", "summary"], "not the revision");

        // She sends hers again on their revision: that settles it.
        outbox.add(
            Mutation {
                id: "2".into(),
                change: Change::ConfirmActivity {
                    activity_id: "senver-wandelen".into(),
                },
            },
            2.0,
        );
        answered(
            &mut outbox,
            "2",
            Outcome::Saved {
                revision: 3,
                published: true,
            },
        );
        assert_eq!(outbox.edits()[0].status, EditStatus::Confirmed);
        assert!(!outbox.edit_waiting("senver-wandelen"));
    }

    #[test]
    fn newest_change_per_activity_newest_first() {
        let mut other = walk();
        other.id = "senver-koffie".into();
        let mut outbox = Outbox::restore(vec![
            edit("1", walk(), 1.0),
            edit("2", other, 2.0),
            edit("3", walk(), 3.0),
        ]);
        answered(
            &mut outbox,
            "1",
            Outcome::Saved {
                revision: 3,
                published: true,
            },
        );
        let views = outbox.edits();
        let ids: Vec<&str> = views.iter().map(|v| v.mutation_id.as_str()).collect();
        assert_eq!(ids, ["3", "2"]);
    }

    #[test]
    fn a_withdrawal_shows_as_withdrawn_once_the_server_has_it() {
        let mut outbox = Outbox::restore(vec![edit("1", walk(), 1.0)]);
        answered(
            &mut outbox,
            "1",
            Outcome::Saved {
                revision: 1,
                published: true,
            },
        );
        outbox.add(
            Mutation {
                id: "2".into(),
                change: Change::WithdrawActivity {
                    activity_id: "senver-wandelen".into(),
                },
            },
            2.0,
        );
        assert_eq!(outbox.edits()[0].status, EditStatus::WaitingToSend);
        answered(
            &mut outbox,
            "2",
            Outcome::Saved {
                revision: 1,
                published: false,
            },
        );
        let views = outbox.edits();
        assert_eq!(views.len(), 1, "the newest change per activity");
        assert_eq!(views[0].status, EditStatus::Withdrawn);
    }
}
