//! What a staff member pushed herself (`pushed_by`), with where each item stands now:
//! her own queue on a tablet, so she can see that a resident's sign-up or note arrived.
//! Never anybody else's: every row is chosen by `pushed_by`. The one personal field is
//! a sign-up's first name, which she typed herself and needs to tell her residents
//! apart; a note's body stays out (the meldpunt's alone).

use omzien_core::note::{NoteKind, Urgency};
use omzien_core::signup::Place;
use omzien_core::staff::{MyItem, MyItems, NoteStatus};
use sqlx::AnyPool;

use crate::db::{stored, Flag, StoreError};

/// Per kind of item: the answer stays small however long an account is in use.
const MAX_PER_KIND: i64 = 500;

/// Her sign-ups and notes together, newest first.
pub async fn pushed_by(pool: &AnyPool, user_id: i64) -> Result<MyItems, StoreError> {
    let sign_ups: Vec<(String, String, String, String, Flag, String)> = sqlx::query_as(
        "SELECT id, activity_id, first_name, place, cancelled_at IS NOT NULL, created_at \
         FROM sign_ups \
         WHERE pushed_by = $1 ORDER BY created_at DESC LIMIT $2",
    )
    .bind(user_id)
    .bind(MAX_PER_KIND)
    .fetch_all(pool)
    .await?;
    let notes: Vec<(String, String, String, String, String, String)> = sqlx::query_as(
        "SELECT id, kind, wijk, urgency, status, received_at FROM concern_notes \
         WHERE pushed_by = $1 ORDER BY received_at DESC LIMIT $2",
    )
    .bind(user_id)
    .bind(MAX_PER_KIND)
    .fetch_all(pool)
    .await?;
    let mut items = Vec::with_capacity(sign_ups.len() + notes.len());
    for (id, activity_id, first_name, place, Flag(cancelled), received_at) in sign_ups {
        items.push(MyItem::SignUp {
            id,
            activity_id,
            first_name: Some(first_name).filter(|n| !n.is_empty()),
            place: stored("place", &place, parse_place)?,
            cancelled,
            received_at,
        });
    }
    for (id, kind, wijk, urgency, status, received_at) in notes {
        items.push(MyItem::ConcernNote {
            id,
            kind: stored("kind", &kind, NoteKind::parse)?,
            wijk,
            urgency: stored("urgency", &urgency, Urgency::parse)?,
            status: stored("status", &status, NoteStatus::parse)?,
            received_at,
        });
    }
    let at = |item: &MyItem| match item {
        MyItem::SignUp { received_at, .. } | MyItem::ConcernNote { received_at, .. } => {
            received_at.clone()
        }
    };
    items.sort_by_key(|item| std::cmp::Reverse(at(item)));
    Ok(MyItems { items })
}

/// As `push.rs` writes a sign-up's place.
fn parse_place(text: &str) -> Option<Place> {
    match text {
        "confirmed" => Some(Place::Confirmed),
        "waiting_list" => Some(Place::WaitingList),
        _ => None,
    }
}
