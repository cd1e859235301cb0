//! The meldpunt's triage of concern notes: the one read of a note's (sealed) body and the steps
//! a note goes through (status, assignee, referral); the list in pages is `list.rs`.
//!
//! Lists carry routing fields only. The body of a note leaves this module only through
//! [`read`], and that read is written to the audit log in the same transaction: no
//! audit row, no body. Every step is audited the same way, so the log cannot miss one.

pub mod list;

use omzien_core::note::{About, NoteBody, NoteKind, NoteRouting, ReporterRole, Urgency};
use omzien_core::seal::Envelope;
use omzien_core::signup::Channel;
use omzien_core::staff::{
    AuditAction, NoteDetail, NoteListItem, NoteStatus, Referral, ReferralRequest, ReferralTarget,
    Role, StaffRef,
};
use sqlx::{AnyConnection, AnyPool};

use crate::audit;
use crate::auth::iso;
use crate::auth::Staff;
use crate::db::{stored, Flag, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum TriageError {
    #[error("no such note")]
    NotFound,
    /// The request names something that is not there or not allowed (a page size out of
    /// bounds, an unknown activity): the caller must change it before it can succeed.
    #[error("{0}")]
    Invalid(String),
    /// The note is not in a state that allows this step; worded for the coordinator.
    #[error("{0}")]
    Refused(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for TriageError {
    fn from(e: sqlx::Error) -> Self {
        TriageError::Store(e.into())
    }
}

/// A `concern_notes` row with its assignee, as the list and every step read it.
#[derive(sqlx::FromRow)]
struct NoteRow {
    id: String,
    kind: String,
    about: String,
    wijk: String,
    urgency: String,
    reporter_role: String,
    channel: String,
    status: String,
    assignee_id: Option<i64>,
    assignee_email: Option<String>,
    pushed_by: Option<i64>,
    pushed_by_email: Option<String>,
    received_at: String,
    status_changed_at: String,
}

const NOTE_COLUMNS: &str = "SELECT n.id, n.kind, n.about, n.wijk, n.urgency, n.reporter_role, \
     n.channel, n.status, n.assignee_id, a.email AS assignee_email, n.pushed_by, \
     p.email AS pushed_by_email, n.received_at, n.status_changed_at FROM concern_notes n \
     LEFT JOIN users a ON a.id = n.assignee_id LEFT JOIN users p ON p.id = n.pushed_by";

impl NoteRow {
    fn into_item(self) -> Result<NoteListItem, StoreError> {
        Ok(NoteListItem {
            routing: NoteRouting {
                kind: stored("kind", &self.kind, NoteKind::parse)?,
                about: stored("about", &self.about, About::parse)?,
                urgency: stored("urgency", &self.urgency, Urgency::parse)?,
                reporter_role: stored("reporter role", &self.reporter_role, ReporterRole::parse)?,
                channel: stored("channel", &self.channel, Channel::parse)?,
                wijk: self.wijk,
            },
            status: stored("status", &self.status, NoteStatus::parse)?,
            assignee: match (self.assignee_id, self.assignee_email) {
                (Some(id), Some(email)) => Some(StaffRef { id, email }),
                _ => None,
            },
            pushed_by: match (self.pushed_by, self.pushed_by_email) {
                (Some(id), Some(email)) => Some(StaffRef { id, email }),
                _ => None,
            },
            id: self.id,
            received_at: self.received_at,
            status_changed_at: self.status_changed_at,
        })
    }
}

async fn note_item(conn: &mut AnyConnection, id: &str) -> Result<NoteListItem, TriageError> {
    let row: Option<NoteRow> = sqlx::query_as(&format!("{NOTE_COLUMNS} WHERE n.id = $1"))
        .bind(id.to_ascii_lowercase())
        .fetch_optional(&mut *conn)
        .await?;
    Ok(row.ok_or(TriageError::NotFound)?.into_item()?)
}

#[derive(sqlx::FromRow)]
struct ReferralRow {
    target: String,
    activity_id: Option<String>,
    note: Option<String>,
    user_id: i64,
    email: String,
    at: String,
}

async fn referrals(conn: &mut AnyConnection, note_id: &str) -> Result<Vec<Referral>, TriageError> {
    let rows: Vec<ReferralRow> = sqlx::query_as(
        "SELECT r.target, r.activity_id, r.note, u.id AS user_id, u.email, r.at \
         FROM note_referrals r JOIN users u ON u.id = r.by_user \
         WHERE r.note_id = $1 ORDER BY r.at, r.id",
    )
    .bind(note_id)
    .fetch_all(&mut *conn)
    .await?;
    let referrals = rows
        .into_iter()
        .map(|r| {
            Ok(Referral {
                to: stored("referral", &r.target, ReferralTarget::parse)?,
                activity_id: r.activity_id,
                note: r.note,
                by: StaffRef {
                    id: r.user_id,
                    email: r.email,
                },
                at: r.at,
            })
        })
        .collect::<Result<_, StoreError>>()?;
    Ok(referrals)
}

/// The one way to a note's body; `staff` is written to the audit log as its reader.
pub async fn read(
    pool: &AnyPool,
    staff: &Staff,
    id: &str,
    now: i64,
) -> Result<NoteDetail, TriageError> {
    let mut tx = crate::db::write(pool).await?;
    let note = note_item(&mut tx, id).await?;
    let (body, Flag(sealed)): (String, Flag) =
        sqlx::query_as("SELECT body, sealed FROM concern_note_bodies WHERE note_id = $1")
            .bind(&note.id)
            .fetch_one(&mut *tx)
            .await?;
    let (sealed, body) = if sealed {
        let envelope: Envelope = serde_json::from_str(&body).map_err(StoreError::from)?;
        (Some(envelope), None)
    } else {
        let body: NoteBody = serde_json::from_str(&body).map_err(StoreError::from)?;
        (None, Some(body))
    };
    let referrals = referrals(&mut tx, &note.id).await?;
    audit::record(&mut tx, staff, &note.id, AuditAction::Read, None, now).await?;
    tx.commit().await?;
    Ok(NoteDetail {
        note,
        sealed,
        body,
        referrals,
    })
}

/// Moves a note to `next` along the status path; asking for the status it already has
/// is no change and no error.
pub async fn change_status(
    pool: &AnyPool,
    staff: &Staff,
    id: &str,
    next: NoteStatus,
    now: i64,
) -> Result<NoteListItem, TriageError> {
    let mut tx = crate::db::write(pool).await?;
    let note = note_item(&mut tx, id).await?;
    // Pressed twice, or two coordinators at once: the note already is what was asked.
    if note.status == next {
        return Ok(note);
    }
    if !note.status.can_become(next) {
        return Err(TriageError::Refused(
            note.status.refusal_nl(next).to_owned(),
        ));
    }
    if next == NoteStatus::Referred {
        let Flag(referred) =
            sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM note_referrals WHERE note_id = $1)")
                .bind(&note.id)
                .fetch_one(&mut *tx)
                .await?;
        if !referred {
            return Err(TriageError::Refused(
                "Leg eerst vast waarheen je doorverwijst.".to_owned(),
            ));
        }
    }
    set_status(&mut tx, &note.id, next, now).await?;
    let detail = Some(next.as_str());
    audit::record(&mut tx, staff, &note.id, AuditAction::Status, detail, now).await?;
    let note = note_item(&mut tx, &note.id).await?;
    tx.commit().await?;
    Ok(note)
}

async fn set_status(
    conn: &mut AnyConnection,
    id: &str,
    status: NoteStatus,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE concern_notes SET status = $1, status_changed_at = $2, \
         closed_at = CASE WHEN $1 = 'closed' THEN $2 ELSE NULL END WHERE id = $3",
    )
    .bind(status.as_str())
    .bind(iso(now))
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Gives a note to a coordinator (`None`: to nobody). Only an enabled account whose role
/// may triage can take one, and a closed note is never handed out again.
pub async fn assign(
    pool: &AnyPool,
    staff: &Staff,
    id: &str,
    assignee_id: Option<i64>,
    now: i64,
) -> Result<NoteListItem, TriageError> {
    let mut tx = crate::db::write(pool).await?;
    let note = note_item(&mut tx, id).await?;
    if note.status == NoteStatus::Closed {
        return Err(TriageError::Refused(
            NoteStatus::Closed.refusal_nl(NoteStatus::Closed).to_owned(),
        ));
    }
    let detail = match assignee_id {
        None => "none".to_owned(),
        Some(user) => {
            let found: Option<(String, String, Flag)> =
                sqlx::query_as("SELECT email, role, disabled FROM users WHERE id = $1")
                    .bind(user)
                    .fetch_optional(&mut *tx)
                    .await?;
            match found {
                Some((email, role, Flag(false)))
                    if Role::parse(&role).is_some_and(Role::can_triage) =>
                {
                    email
                }
                _ => return Err(TriageError::Invalid(
                    "Je kunt een melding alleen toewijzen aan een coördinator van het meldpunt."
                        .to_owned(),
                )),
            }
        }
    };
    sqlx::query("UPDATE concern_notes SET assignee_id = $1 WHERE id = $2")
        .bind(assignee_id)
        .bind(&note.id)
        .execute(&mut *tx)
        .await?;
    let detail = Some(detail.as_str());
    audit::record(&mut tx, staff, &note.id, AuditAction::Assign, detail, now).await?;
    let note = note_item(&mut tx, &note.id).await?;
    tx.commit().await?;
    Ok(note)
}

/// The reporter said no to "Mag de melding naar een partner?".
pub const NOT_SHARED: &str = "De melder wil niet dat deze melding naar een partner gaat. \
     Doorverwijzen kan daarom niet. Neem zelf contact op, of rond de melding af.";
pub const ALREADY_REFERRED: &str = "Deze melding is daar al naartoe doorverwezen.";

/// Records a referral and moves the note to "doorverwezen": only where the reporter
/// allowed passing the note on, and never twice to the same place.
pub async fn refer(
    pool: &AnyPool,
    staff: &Staff,
    id: &str,
    request: &ReferralRequest,
    now: i64,
) -> Result<NoteListItem, TriageError> {
    request
        .validate()
        .map_err(|problem| TriageError::Invalid(problem.message_nl().to_owned()))?;
    let mut tx = crate::db::write(pool).await?;
    let note = note_item(&mut tx, id).await?;
    if !matches!(note.status, NoteStatus::InProgress | NoteStatus::Referred) {
        return Err(TriageError::Refused(
            note.status.refusal_nl(NoteStatus::Referred).to_owned(),
        ));
    }
    let Flag(may_share) = sqlx::query_scalar("SELECT may_share FROM concern_notes WHERE id = $1")
        .bind(&note.id)
        .fetch_one(&mut *tx)
        .await?;
    if !may_share {
        return Err(TriageError::Refused(NOT_SHARED.to_owned()));
    }
    let activity = request.activity_id.as_deref().map(str::trim);
    // "Iets anders" may be several places, told apart by the note only.
    if request.to != ReferralTarget::Other {
        let Flag(again) = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM note_referrals \
             WHERE note_id = $1 AND target = $2 AND activity_id IS NOT DISTINCT FROM $3)",
        )
        .bind(&note.id)
        .bind(request.to.as_str())
        .bind(activity)
        .fetch_one(&mut *tx)
        .await?;
        if again {
            return Err(TriageError::Refused(ALREADY_REFERRED.to_owned()));
        }
    }
    if let Some(activity) = activity {
        let Flag(known) = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM catalogue_records \
             WHERE kind = 'activity' AND id = $1 AND deleted = FALSE)",
        )
        .bind(activity)
        .fetch_one(&mut *tx)
        .await?;
        if !known {
            return Err(TriageError::Invalid(
                "Deze activiteit staat niet (meer) in de catalogus.".to_owned(),
            ));
        }
    }
    let text = request
        .note
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty());
    sqlx::query(
        "INSERT INTO note_referrals (note_id, target, activity_id, note, by_user, at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&note.id)
    .bind(request.to.as_str())
    .bind(activity)
    .bind(text)
    .bind(staff.user_id)
    .bind(iso(now))
    .execute(&mut *tx)
    .await?;
    if note.status == NoteStatus::InProgress {
        set_status(&mut tx, &note.id, NoteStatus::Referred, now).await?;
    }
    let detail = Some(request.to.as_str());
    audit::record(&mut tx, staff, &note.id, AuditAction::Referral, detail, now).await?;
    let note = note_item(&mut tx, &note.id).await?;
    tx.commit().await?;
    Ok(note)
}
