//! The meldpunt's triage (`/api/v1/notes`, coordinators and admins), the audit log
//! (`/api/v1/audit`, admins) and a staff member's own pushed items (`/api/v1/my/items`).
//!
//! Lists carry routing fields only. The body of a note leaves the server only through
//! `GET /notes/{id}`, and that read is written to `note_audit` in the same transaction:
//! no audit row, no body.

use axum::extract::State;
use axum::routing::{get, post};
use axum::Router;
use omzien_core::note::{About, NoteBody, NoteKind, NoteRouting, ReporterRole, Urgency};
use omzien_core::signup::{Channel, Place};
use omzien_core::staff::{
    Assignment, AuditAction, AuditEntry, AuditLog, MyItem, MyItems, NoteDetail, NoteList,
    NoteListItem, NoteStatus, Referral, ReferralRequest, ReferralTarget, Role, StaffRef,
    StatusChange, StatusCounts, MAX_NOTE_PAGE, NOTE_PAGE,
};
use serde::Deserialize;
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use super::auth::{AuditReader, Triager};
use super::error::Error;
use super::extract::{Expected, Json, Path, Query};
use super::state::AppState;
use crate::auth::{now_unix, Staff, SQL_TIME};

pub const MAX_AUDIT: i64 = 1000;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/notes", get(list))
        .route("/notes/{id}", get(detail))
        .route("/notes/{id}/status", post(change_status))
        .route("/notes/{id}/assignee", post(assign))
        .route("/notes/{id}/referral", post(refer))
        .route("/audit", get(audit))
        .route("/my/items", get(my_items))
}

fn corrupt(what: &str, value: &str) -> Error {
    Error::Internal(format!("stored {what} `{value}` is unknown"))
}

/// A `concern_notes` row with its assignee, as the list and detail read it.
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
    fn into_item(self) -> Result<NoteListItem, Error> {
        Ok(NoteListItem {
            routing: NoteRouting {
                kind: NoteKind::parse(&self.kind).ok_or_else(|| corrupt("kind", &self.kind))?,
                about: About::parse(&self.about).ok_or_else(|| corrupt("about", &self.about))?,
                urgency: Urgency::parse(&self.urgency)
                    .ok_or_else(|| corrupt("urgency", &self.urgency))?,
                reporter_role: ReporterRole::parse(&self.reporter_role)
                    .ok_or_else(|| corrupt("reporter role", &self.reporter_role))?,
                channel: Channel::parse(&self.channel)
                    .ok_or_else(|| corrupt("channel", &self.channel))?,
                wijk: self.wijk,
            },
            status: NoteStatus::parse(&self.status)
                .ok_or_else(|| corrupt("status", &self.status))?,
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

async fn note_item(conn: &mut SqliteConnection, id: &str) -> Result<NoteListItem, Error> {
    let row: Option<NoteRow> = sqlx::query_as(&format!("{NOTE_COLUMNS} WHERE n.id = ?"))
        .bind(id.to_ascii_lowercase())
        .fetch_optional(&mut *conn)
        .await?;
    row.ok_or(Error::NotFound)?.into_item()
}

async fn write_audit(
    conn: &mut SqliteConnection,
    staff: &Staff,
    note_id: &str,
    action: AuditAction,
    detail: Option<&str>,
    now: i64,
) -> Result<(), Error> {
    sqlx::query(&format!(
        "INSERT INTO note_audit (at, user_id, note_id, action, detail) \
         VALUES ({SQL_TIME}, ?, ?, ?, ?)"
    ))
    .bind(now)
    .bind(staff.user_id)
    .bind(note_id)
    .bind(action.as_str())
    .bind(detail)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ListParams {
    status: Option<String>,
    wijk: Option<String>,
    urgency: Option<String>,
    older_than_days: Option<u32>,
    limit: Option<u32>,
    after: Option<String>,
}

impl Expected for ListParams {
    const EXPECTED: &'static str = LIST_EXPECTED;
}

const LIST_EXPECTED: &str = "`?status=new|in_progress|referred|closed&wijk=ID&urgency=normal|this_week|today&older_than_days=N&limit=1..200&after=NEXT`, each optional";

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
fn page_size(limit: Option<u32>) -> Result<u32, Error> {
    match limit {
        None => Ok(NOTE_PAGE),
        Some(n) if (1..=MAX_NOTE_PAGE).contains(&n) => Ok(n),
        Some(n) => Err(Error::BadRequest(format!(
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

async fn list(
    State(state): State<AppState>,
    _: Triager,
    Query(params): Query<ListParams>,
) -> Result<Json<NoteList>, Error> {
    let status = match params.status.as_deref() {
        None | Some("") => None,
        Some(s) => Some(NoteStatus::parse(s).ok_or_else(|| {
            Error::BadRequest(format!("Unknown status `{s}`. Expected {LIST_EXPECTED}."))
        })?),
    };
    let urgency = match params.urgency.as_deref() {
        None | Some("") => None,
        Some(u) => Some(Urgency::parse(u).ok_or_else(|| {
            Error::BadRequest(format!("Unknown urgency `{u}`. Expected {LIST_EXPECTED}."))
        })?),
    };
    let wijk = params.wijk.as_deref().filter(|w| !w.is_empty());
    let older_than = params.older_than_days.map(|days| (now_unix(), days));
    let size = page_size(params.limit)?;
    let after = match params.after.as_deref() {
        None | Some("") => None,
        Some(text) => Some(After::parse(text).ok_or_else(|| {
            Error::BadRequest(format!(
                "`after={text}` is not a `next` this list gave. Start again without `after`."
            ))
        })?),
    };

    let mut select = QueryBuilder::<Sqlite>::new(NOTE_COLUMNS);
    push_filters(&mut select, wijk, urgency, older_than);
    if let Some(status) = status {
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
    let rows: Vec<NoteRow> = select.build_query_as().fetch_all(&state.pool).await?;
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
    push_filters(&mut count, wijk, urgency, older_than);
    count.push(" GROUP BY n.status");
    let mut counts = StatusCounts::default();
    let rows: Vec<(String, i64)> = count.build_query_as().fetch_all(&state.pool).await?;
    for (status, n) in rows {
        let n = u32::try_from(n).unwrap_or(u32::MAX);
        match NoteStatus::parse(&status).ok_or_else(|| corrupt("status", &status))? {
            NoteStatus::New => counts.new = n,
            NoteStatus::InProgress => counts.in_progress = n,
            NoteStatus::Referred => counts.referred = n,
            NoteStatus::Closed => counts.closed = n,
        }
    }
    Ok(Json(NoteList {
        notes,
        counts,
        next,
    }))
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

async fn referrals(conn: &mut SqliteConnection, note_id: &str) -> Result<Vec<Referral>, Error> {
    let rows: Vec<ReferralRow> = sqlx::query_as(
        "SELECT r.target, r.activity_id, r.note, u.id AS user_id, u.email, r.at \
         FROM note_referrals r JOIN users u ON u.id = r.by_user \
         WHERE r.note_id = ? ORDER BY r.at, r.id",
    )
    .bind(note_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(Referral {
                to: ReferralTarget::parse(&r.target)
                    .ok_or_else(|| corrupt("referral", &r.target))?,
                activity_id: r.activity_id,
                note: r.note,
                by: StaffRef {
                    id: r.user_id,
                    email: r.email,
                },
                at: r.at,
            })
        })
        .collect()
}

/// The one way to a note's body, and every call leaves an audit row.
async fn detail(
    State(state): State<AppState>,
    Triager(staff): Triager,
    Path(id): Path<String>,
) -> Result<Json<NoteDetail>, Error> {
    let mut tx = state.pool.begin_with("BEGIN IMMEDIATE").await?;
    let note = note_item(&mut tx, &id).await?;
    let body: String = sqlx::query_scalar("SELECT body FROM concern_note_bodies WHERE note_id = ?")
        .bind(&note.id)
        .fetch_one(&mut *tx)
        .await?;
    let body: NoteBody = serde_json::from_str(&body)?;
    let referrals = referrals(&mut tx, &note.id).await?;
    write_audit(
        &mut tx,
        &staff,
        &note.id,
        AuditAction::Read,
        None,
        now_unix(),
    )
    .await?;
    tx.commit().await?;
    Ok(Json(NoteDetail {
        note,
        body,
        referrals,
    }))
}

impl Expected for StatusChange {
    const EXPECTED: &'static str = r#"{"status": "new" | "in_progress" | "referred" | "closed"}"#;
}

async fn change_status(
    State(state): State<AppState>,
    Triager(staff): Triager,
    Path(id): Path<String>,
    Json(StatusChange { status: next }): Json<StatusChange>,
) -> Result<Json<NoteListItem>, Error> {
    let now = now_unix();
    let mut tx = state.pool.begin_with("BEGIN IMMEDIATE").await?;
    let note = note_item(&mut tx, &id).await?;
    // Pressed twice, or two coordinators at once: the note already is what was asked.
    if note.status == next {
        return Ok(Json(note));
    }
    if !note.status.can_become(next) {
        return Err(Error::Conflict(note.status.refusal_nl(next).to_owned()));
    }
    if next == NoteStatus::Referred {
        let referred: bool =
            sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM note_referrals WHERE note_id = ?)")
                .bind(&note.id)
                .fetch_one(&mut *tx)
                .await?;
        if !referred {
            return Err(Error::Conflict(
                "Leg eerst vast waarheen je doorverwijst.".to_owned(),
            ));
        }
    }
    set_status(&mut tx, &note.id, next, now).await?;
    write_audit(
        &mut tx,
        &staff,
        &note.id,
        AuditAction::Status,
        Some(next.as_str()),
        now,
    )
    .await?;
    let note = note_item(&mut tx, &note.id).await?;
    tx.commit().await?;
    Ok(Json(note))
}

async fn set_status(
    conn: &mut SqliteConnection,
    id: &str,
    status: NoteStatus,
    now: i64,
) -> Result<(), Error> {
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

impl Expected for Assignment {
    const EXPECTED: &'static str = r#"{"assignee_id": USER_ID | null}"#;
}

async fn assign(
    State(state): State<AppState>,
    Triager(staff): Triager,
    Path(id): Path<String>,
    Json(Assignment { assignee_id }): Json<Assignment>,
) -> Result<Json<NoteListItem>, Error> {
    let now = now_unix();
    let mut tx = state.pool.begin_with("BEGIN IMMEDIATE").await?;
    let note = note_item(&mut tx, &id).await?;
    if note.status == NoteStatus::Closed {
        return Err(Error::Conflict(
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
                _ => return Err(Error::BadRequest(
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
    write_audit(
        &mut tx,
        &staff,
        &note.id,
        AuditAction::Assign,
        Some(&detail),
        now,
    )
    .await?;
    let note = note_item(&mut tx, &note.id).await?;
    tx.commit().await?;
    Ok(Json(note))
}

impl Expected for ReferralRequest {
    const EXPECTED: &'static str = r#"{"to": "activity" | "buurtteam" | "welzijn_op_recept" | "luisterlijn" | "other", "activity_id": ID?, "note": TEXT?}"#;
}

/// Records a referral and moves the note to "doorverwezen".
async fn refer(
    State(state): State<AppState>,
    Triager(staff): Triager,
    Path(id): Path<String>,
    Json(request): Json<ReferralRequest>,
) -> Result<Json<NoteListItem>, Error> {
    request
        .validate()
        .map_err(|problem| Error::BadRequest(problem.message_nl().to_owned()))?;
    let now = now_unix();
    let mut tx = state.pool.begin_with("BEGIN IMMEDIATE").await?;
    let note = note_item(&mut tx, &id).await?;
    if !matches!(note.status, NoteStatus::InProgress | NoteStatus::Referred) {
        return Err(Error::Conflict(
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
            return Err(Error::BadRequest(
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
    write_audit(
        &mut tx,
        &staff,
        &note.id,
        AuditAction::Referral,
        Some(request.to.as_str()),
        now,
    )
    .await?;
    let note = note_item(&mut tx, &note.id).await?;
    tx.commit().await?;
    Ok(Json(note))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AuditParams {
    note: Option<String>,
    limit: Option<u32>,
}

impl Expected for AuditParams {
    const EXPECTED: &'static str = "`?note=ID&limit=N`, each optional";
}

async fn audit(
    State(state): State<AppState>,
    AuditReader: AuditReader,
    Query(params): Query<AuditParams>,
) -> Result<Json<AuditLog>, Error> {
    let limit = params
        .limit
        .map_or(MAX_AUDIT, |l| i64::from(l).min(MAX_AUDIT));
    let mut select = QueryBuilder::<Sqlite>::new(
        "SELECT l.at, u.id, u.email, l.note_id, l.action, l.detail \
         FROM note_audit l JOIN users u ON u.id = l.user_id",
    );
    if let Some(note) = params.note.as_deref().filter(|n| !n.is_empty()) {
        select
            .push(" WHERE l.note_id = ")
            .push_bind(note.to_ascii_lowercase());
    }
    select.push(" ORDER BY l.id DESC LIMIT ").push_bind(limit);
    let rows: Vec<(String, i64, String, String, String, Option<String>)> =
        select.build_query_as().fetch_all(&state.pool).await?;
    let entries = rows
        .into_iter()
        .map(|(at, id, email, note_id, action, detail)| {
            Ok(AuditEntry {
                at,
                user: StaffRef { id, email },
                note_id,
                action: AuditAction::parse(&action).ok_or_else(|| corrupt("action", &action))?,
                detail,
            })
        })
        .collect::<Result<_, Error>>()?;
    Ok(Json(AuditLog { entries }))
}

/// What the signed-in person pushed herself, with where it stands; nothing personal and
/// never anybody else's.
async fn my_items(State(state): State<AppState>, staff: Staff) -> Result<Json<MyItems>, Error> {
    let sign_ups: Vec<(String, String, String, bool, String)> = sqlx::query_as(
        "SELECT id, activity_id, place, cancelled_at IS NOT NULL, created_at FROM sign_ups \
         WHERE pushed_by = ? ORDER BY created_at DESC LIMIT 500",
    )
    .bind(staff.user_id)
    .fetch_all(&state.pool)
    .await?;
    let notes: Vec<(String, String, String, String, String, String)> = sqlx::query_as(
        "SELECT id, kind, wijk, urgency, status, received_at FROM concern_notes \
         WHERE pushed_by = ? ORDER BY received_at DESC LIMIT 500",
    )
    .bind(staff.user_id)
    .fetch_all(&state.pool)
    .await?;
    let mut items = Vec::with_capacity(sign_ups.len() + notes.len());
    for (id, activity_id, place, cancelled, received_at) in sign_ups {
        items.push(MyItem::SignUp {
            id,
            activity_id,
            place: match place.as_str() {
                "confirmed" => Place::Confirmed,
                "waiting_list" => Place::WaitingList,
                other => return Err(corrupt("place", other)),
            },
            cancelled,
            received_at,
        });
    }
    for (id, kind, wijk, urgency, status, received_at) in notes {
        items.push(MyItem::ConcernNote {
            id,
            kind: NoteKind::parse(&kind).ok_or_else(|| corrupt("kind", &kind))?,
            wijk,
            urgency: Urgency::parse(&urgency).ok_or_else(|| corrupt("urgency", &urgency))?,
            status: NoteStatus::parse(&status).ok_or_else(|| corrupt("status", &status))?,
            received_at,
        });
    }
    let at = |item: &MyItem| match item {
        MyItem::SignUp { received_at, .. } | MyItem::ConcernNote { received_at, .. } => {
            received_at.clone()
        }
    };
    items.sort_by_key(|item| std::cmp::Reverse(at(item)));
    Ok(Json(MyItems { items }))
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
