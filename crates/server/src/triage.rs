//! The meldpunt's triage of concern notes: the list in pages, the one read of a note's
//! body, and the steps a note goes through (status, assignee, referral).
//!
//! Lists carry routing fields only. The body of a note leaves this module only through
//! [`read`], and that read is written to the audit log in the same transaction: no
//! audit row, no body. Every step is audited the same way, so the log cannot miss one.

use omzien_core::note::{About, NoteBody, NoteKind, NoteRouting, ReporterRole, Urgency};
use omzien_core::signup::Channel;
use omzien_core::staff::{
    AuditAction, NoteDetail, NoteList, NoteListItem, NoteStatus, Referral, ReferralRequest,
    ReferralTarget, Role, StaffRef, StatusCounts, MAX_NOTE_PAGE, NOTE_PAGE,
};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection, SqlitePool};

use crate::audit;
use crate::auth::{Staff, SQL_TIME};
use crate::db::{stored, StoreError};

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

/// What the list is narrowed to and which page of it is wanted; all optional.
#[derive(Debug, Default)]
pub struct ListRequest {
    pub status: Option<NoteStatus>,
    pub wijk: Option<String>,
    pub urgency: Option<Urgency>,
    pub older_than_days: Option<u32>,
    /// Notes per page: 1 to [`MAX_NOTE_PAGE`], [`NOTE_PAGE`] when absent.
    pub limit: Option<u32>,
    /// The `next` of the page before, exactly as this module wrote it.
    pub after: Option<String>,
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
    received_at: String,
    status_changed_at: String,
}

const NOTE_COLUMNS: &str = "SELECT n.id, n.kind, n.about, n.wijk, n.urgency, n.reporter_role, \
     n.channel, n.status, n.assignee_id, a.email AS assignee_email, n.received_at, \
     n.status_changed_at FROM concern_notes n LEFT JOIN users a ON a.id = n.assignee_id";

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
            id: self.id,
            received_at: self.received_at,
            status_changed_at: self.status_changed_at,
        })
    }
}

async fn note_item(conn: &mut SqliteConnection, id: &str) -> Result<NoteListItem, TriageError> {
    let row: Option<NoteRow> = sqlx::query_as(&format!("{NOTE_COLUMNS} WHERE n.id = ?"))
        .bind(id.to_ascii_lowercase())
        .fetch_optional(&mut *conn)
        .await?;
    Ok(row.ok_or(TriageError::NotFound)?.into_item()?)
}

/// The list's order: most urgent first, then who has waited longest, then the id so
/// that no two notes tie. None of these ever changes for a note, which is what keeps
/// the pages right while notes are handled between them.
const URGENCY_RANK: &str = "CASE n.urgency WHEN 'today' THEN 0 WHEN 'this_week' THEN 1 ELSE 2 END";

/// Where a page ends: the last note's place in the order. Sent as `next` and taken back
/// as `after`; the next page is everything after it (keyset paging). Spelled
/// `RANK~RECEIVED_AT~ID`: readable in a log, but only the server makes and reads it.
#[derive(Debug, PartialEq)]
struct After {
    rank: u8,
    received_at: String,
    id: String,
}

impl After {
    fn of(item: &NoteListItem) -> After {
        After {
            rank: match item.routing.urgency {
                Urgency::Today => 0,
                Urgency::ThisWeek => 1,
                Urgency::Normal => 2,
            },
            received_at: item.received_at.clone(),
            id: item.id.clone(),
        }
    }

    fn encode(&self) -> String {
        format!("{}~{}~{}", self.rank, self.received_at, self.id)
    }

    /// Only what `encode` makes: anything else is refused, not guessed at.
    fn parse(text: &str) -> Option<After> {
        let mut parts = text.splitn(3, '~');
        let rank: u8 = parts.next()?.parse().ok().filter(|r| *r <= 2)?;
        let received_at = parts.next()?;
        let id = parts.next()?;
        // As SQL_TIME writes it: 2026-11-28T14:05:00.000Z.
        let time_like = received_at.len() == 24
            && received_at.ends_with('Z')
            && received_at
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '-' | ':' | 'T' | '.' | 'Z'));
        let id_like = !id.is_empty()
            && id.len() <= 64
            && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        (time_like && id_like).then(|| After {
            rank,
            received_at: received_at.to_owned(),
            id: id.to_owned(),
        })
    }
}

/// The page size asked for: refused, not clamped, beyond the bounds, so a caller that
/// asks for 1,000 learns it gets 200 at most instead of silently missing notes.
fn page_size(limit: Option<u32>) -> Result<u32, TriageError> {
    match limit {
        None => Ok(NOTE_PAGE),
        Some(n) if (1..=MAX_NOTE_PAGE).contains(&n) => Ok(n),
        Some(n) => Err(TriageError::Invalid(format!(
            "`limit={n}` is out of bounds: a page holds 1 to {MAX_NOTE_PAGE} notes \
             ({NOTE_PAGE} when left out). Walk the list with `after`."
        ))),
    }
}

/// The filters other than status, so the counts show every status under them.
fn push_filters(
    query: &mut QueryBuilder<'_, Sqlite>,
    wijk: Option<&str>,
    urgency: Option<Urgency>,
    older_than: Option<(i64, u32)>,
) {
    query.push(" WHERE 1 = 1");
    if let Some(wijk) = wijk {
        query.push(" AND n.wijk = ").push_bind(wijk.to_owned());
    }
    if let Some(urgency) = urgency {
        query.push(" AND n.urgency = ").push_bind(urgency.as_str());
    }
    if let Some((now, days)) = older_than {
        query
            .push(" AND n.received_at < strftime('%Y-%m-%dT%H:%M:%fZ', ")
            .push_bind(now)
            .push(", 'unixepoch', ")
            .push_bind(format!("-{days} days"))
            .push(")");
    }
}

/// One page of the notes that match, with the counts per status under the same filters
/// (but any status) and where the next page starts, if there is one.
pub async fn list(
    pool: &SqlitePool,
    request: &ListRequest,
    now: i64,
) -> Result<NoteList, TriageError> {
    let size = page_size(request.limit)?;
    let after = match request.after.as_deref() {
        None => None,
        Some(text) => Some(After::parse(text).ok_or_else(|| {
            TriageError::Invalid(format!(
                "`after={text}` is not a `next` this list gave. Start again without `after`."
            ))
        })?),
    };
    let wijk = request.wijk.as_deref();
    let older_than = request.older_than_days.map(|days| (now, days));

    let mut select = QueryBuilder::<Sqlite>::new(NOTE_COLUMNS);
    push_filters(&mut select, wijk, request.urgency, older_than);
    if let Some(status) = request.status {
        select.push(" AND n.status = ").push_bind(status.as_str());
    }
    if let Some(after) = after {
        select
            .push(format!(" AND ({URGENCY_RANK}, n.received_at, n.id) > ("))
            .push_bind(i64::from(after.rank))
            .push(", ")
            .push_bind(after.received_at)
            .push(", ")
            .push_bind(after.id)
            .push(")");
    }
    // One more than the page: whether it comes back says whether there is a next page.
    select
        .push(format!(
            " ORDER BY {URGENCY_RANK}, n.received_at, n.id LIMIT "
        ))
        .push_bind(i64::from(size) + 1);
    let rows: Vec<NoteRow> = select.build_query_as().fetch_all(pool).await?;
    let mut notes: Vec<NoteListItem> = rows
        .into_iter()
        .map(NoteRow::into_item)
        .collect::<Result<_, _>>()?;
    let next = if notes.len() > size as usize {
        notes.truncate(size as usize);
        notes.last().map(|last| After::of(last).encode())
    } else {
        None
    };

    let mut count = QueryBuilder::<Sqlite>::new("SELECT n.status, COUNT(*) FROM concern_notes n");
    push_filters(&mut count, wijk, request.urgency, older_than);
    count.push(" GROUP BY n.status");
    let mut counts = StatusCounts::default();
    let rows: Vec<(String, i64)> = count.build_query_as().fetch_all(pool).await?;
    for (status, n) in rows {
        let n = u32::try_from(n).unwrap_or(u32::MAX);
        match stored("status", &status, NoteStatus::parse)? {
            NoteStatus::New => counts.new = n,
            NoteStatus::InProgress => counts.in_progress = n,
            NoteStatus::Referred => counts.referred = n,
            NoteStatus::Closed => counts.closed = n,
        }
    }
    Ok(NoteList {
        notes,
        counts,
        next,
    })
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

async fn referrals(
    conn: &mut SqliteConnection,
    note_id: &str,
) -> Result<Vec<Referral>, TriageError> {
    let rows: Vec<ReferralRow> = sqlx::query_as(
        "SELECT r.target, r.activity_id, r.note, u.id AS user_id, u.email, r.at \
         FROM note_referrals r JOIN users u ON u.id = r.by_user \
         WHERE r.note_id = ? ORDER BY r.at, r.id",
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
    pool: &SqlitePool,
    staff: &Staff,
    id: &str,
    now: i64,
) -> Result<NoteDetail, TriageError> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let note = note_item(&mut tx, id).await?;
    let body: String = sqlx::query_scalar("SELECT body FROM concern_note_bodies WHERE note_id = ?")
        .bind(&note.id)
        .fetch_one(&mut *tx)
        .await?;
    let body: NoteBody = serde_json::from_str(&body).map_err(StoreError::from)?;
    let referrals = referrals(&mut tx, &note.id).await?;
    audit::record(&mut tx, staff, &note.id, AuditAction::Read, None, now).await?;
    tx.commit().await?;
    Ok(NoteDetail {
        note,
        body,
        referrals,
    })
}

/// Moves a note to `next` along the status path; asking for the status it already has
/// is no change and no error.
pub async fn change_status(
    pool: &SqlitePool,
    staff: &Staff,
    id: &str,
    next: NoteStatus,
    now: i64,
) -> Result<NoteListItem, TriageError> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
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
        let referred: bool =
            sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM note_referrals WHERE note_id = ?)")
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
    conn: &mut SqliteConnection,
    id: &str,
    status: NoteStatus,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(&format!(
        "UPDATE concern_notes SET status = ?, status_changed_at = {SQL_TIME}, \
         closed_at = CASE WHEN ? = 'closed' THEN {SQL_TIME} ELSE NULL END WHERE id = ?"
    ))
    .bind(status.as_str())
    .bind(now)
    .bind(status.as_str())
    .bind(now)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Gives a note to a coordinator (`None`: to nobody). Only an enabled account whose role
/// may triage can take one, and a closed note is never handed out again.
pub async fn assign(
    pool: &SqlitePool,
    staff: &Staff,
    id: &str,
    assignee_id: Option<i64>,
    now: i64,
) -> Result<NoteListItem, TriageError> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let note = note_item(&mut tx, id).await?;
    if note.status == NoteStatus::Closed {
        return Err(TriageError::Refused(
            NoteStatus::Closed.refusal_nl(NoteStatus::Closed).to_owned(),
        ));
    }
    let detail = match assignee_id {
        None => "none".to_owned(),
        Some(user) => {
            let found: Option<(String, String, bool)> =
                sqlx::query_as("SELECT email, role, disabled FROM users WHERE id = ?")
                    .bind(user)
                    .fetch_optional(&mut *tx)
                    .await?;
            match found {
                Some((email, role, false)) if Role::parse(&role).is_some_and(Role::can_triage) => {
                    email
                }
                _ => return Err(TriageError::Invalid(
                    "Je kunt een melding alleen toewijzen aan een coördinator van het meldpunt."
                        .to_owned(),
                )),
            }
        }
    };
    sqlx::query("UPDATE concern_notes SET assignee_id = ? WHERE id = ?")
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

/// Records a referral and moves the note to "doorverwezen".
pub async fn refer(
    pool: &SqlitePool,
    staff: &Staff,
    id: &str,
    request: &ReferralRequest,
    now: i64,
) -> Result<NoteListItem, TriageError> {
    request
        .validate()
        .map_err(|problem| TriageError::Invalid(problem.message_nl().to_owned()))?;
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let note = note_item(&mut tx, id).await?;
    if !matches!(note.status, NoteStatus::InProgress | NoteStatus::Referred) {
        return Err(TriageError::Refused(
            note.status.refusal_nl(NoteStatus::Referred).to_owned(),
        ));
    }
    let activity = request.activity_id.as_deref().map(str::trim);
    if let Some(activity) = activity {
        let known: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM catalogue_records \
             WHERE kind = 'activity' AND id = ? AND deleted = 0)",
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
    sqlx::query(&format!(
        "INSERT INTO note_referrals (note_id, target, activity_id, note, by_user, at) \
         VALUES (?, ?, ?, ?, ?, {SQL_TIME})"
    ))
    .bind(&note.id)
    .bind(request.to.as_str())
    .bind(activity)
    .bind(text)
    .bind(staff.user_id)
    .bind(now)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_end_reads_back_as_it_was_written() {
        let after = After {
            rank: 1,
            received_at: "2026-11-28T14:05:00.123Z".into(),
            id: "00000000-0000-4000-8000-00000000002a".into(),
        };
        assert_eq!(After::parse(&after.encode()), Some(after));
        for bad in [
            "",
            "3~2026-11-28T14:05:00.123Z~abc",
            "1~yesterday~abc",
            "1~2026-11-28T14:05:00.123Z~",
            "1~2026-11-28T14:05:00.123Z~a'b",
            "x~2026-11-28T14:05:00.123Z~abc",
        ] {
            assert_eq!(After::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn page_sizes_are_bounded() {
        assert_eq!(page_size(None).unwrap(), NOTE_PAGE);
        assert_eq!(page_size(Some(1)).unwrap(), 1);
        assert_eq!(page_size(Some(MAX_NOTE_PAGE)).unwrap(), MAX_NOTE_PAGE);
        assert!(page_size(Some(0)).is_err());
        assert!(page_size(Some(MAX_NOTE_PAGE + 1)).is_err());
    }
}
