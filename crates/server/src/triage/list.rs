//! The notes list, a page at a time, with the counts per status under its filters.
//!
//! Keyset paging (`docs/decisions.md`): a page ends at a note's place in an order that
//! never changes for a note, and the next page starts after it, so no note is repeated
//! or skipped while others are handled between pages.

use omzien_core::note::Urgency;
use omzien_core::staff::{
    NoteList, NoteListItem, NoteStatus, StatusCounts, MAX_NOTE_PAGE, NOTE_PAGE,
};
use sqlx::AnyPool;

use crate::sql::Sql;

use super::{NoteRow, TriageError, NOTE_COLUMNS};
use crate::db::stored;

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
        // As `auth::iso` writes it: 2026-11-28T14:05:00.000Z.
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
    query: &mut Sql<'_>,
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
            .push(" AND n.received_at < ")
            .push_bind(crate::auth::iso(now - i64::from(days) * 24 * 3600));
    }
}

/// One page of the notes that match, with the counts per status under the same filters
/// (but any status) and where the next page starts, if there is one.
pub async fn page(
    pool: &AnyPool,
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

    let mut select = Sql::new(NOTE_COLUMNS);
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

    let mut count = Sql::new("SELECT n.status, COUNT(*) FROM concern_notes n");
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
