//! The editors' side of the living catalogue: the queue of new activities, publishing
//! one, an activity's history and putting an earlier version back; and the organiser's:
//! her own activities with their counts, and who signed up. Edits themselves arrive
//! through the push (`push.rs`).

use std::collections::HashMap;

use omzien_core::edit::new_id;
use omzien_core::edit::{
    Freshness, History, HistoryAction, HistoryEntry, Log, LogEntry, OwnActivities, OwnActivity,
    Queue, Queued, StaleList, StaleOrganisation, LOG_LENGTH,
};
use omzien_core::ics::Stamp;
use omzien_core::model::Activity;
use omzien_core::model::Organisation;
use omzien_core::new_organisation::{same_name, NewOrganisation, Proposed, QueuedOrganisation};
use omzien_core::schedule::Date;
use omzien_core::signup::{ListedSignUp, Place, SignUpList};
use omzien_core::staff::Role;
use omzien_core::wire::RecordKind;
use sqlx::{Any, AnyPool, Transaction};

use crate::auth::Staff;
use crate::catalogue::{live_activity, record_history, store_staff_record, HistoryRow};
use crate::db::{stored, Flag, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum EditingError {
    #[error("no such activity, or no such change of it")]
    NotFound,
    #[error("Dit is al gepubliceerd.")]
    AlreadyPublished,
    #[error("Deze activiteit is van een andere organisatie.")]
    NotYours,
    #[error("Publiceer eerst de organisatie van deze activiteit.")]
    OrganisationWaits,
    #[error("{0}")]
    Invalid(String),
    #[error("Deze organisatie staat al in Omzien: {0}.")]
    OrganisationExists(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for EditingError {
    fn from(e: sqlx::Error) -> Self {
        EditingError::Store(e.into())
    }
}

impl From<serde_json::Error> for EditingError {
    fn from(e: serde_json::Error) -> Self {
        EditingError::Store(e.into())
    }
}

/// New activities and organisations no editor has published yet, oldest first, with
/// who sent them.
pub async fn queue(pool: &AnyPool) -> Result<Queue, EditingError> {
    let activities = waiting(pool, RecordKind::Activity)
        .await?
        .into_iter()
        .map(|(activity, by, at)| Queued { activity, by, at })
        .collect();
    let organisations = waiting(pool, RecordKind::Organisation)
        .await?
        .into_iter()
        .map(|(organisation, by, at)| QueuedOrganisation {
            organisation,
            by,
            at,
        })
        .collect();
    Ok(Queue {
        activities,
        organisations,
    })
}

/// The unpublished records of `kind`, oldest first: each with who made it and when.
async fn waiting<T: serde::de::DeserializeOwned>(
    pool: &AnyPool,
    kind: RecordKind,
) -> Result<Vec<(T, Option<String>, String)>, EditingError> {
    let rows: Vec<(String, Option<String>, String)> = sqlx::query_as(
        "SELECT r.body, u.email, h.at FROM catalogue_records r \
         JOIN catalogue_history h ON h.kind = r.kind AND h.record_id = r.id \
              AND h.action = 'create' \
         LEFT JOIN users u ON u.id = h.user_id \
         WHERE r.kind = $1 AND r.published = FALSE AND r.deleted = FALSE ORDER BY h.id",
    )
    .bind(kind.as_str())
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|(body, by, at)| Ok((serde_json::from_str(&body)?, by, at)))
        .collect()
}

/// The activities organiser `organiser` keeps (`None`, an editor: every one),
/// published or waiting, with their freshness and sign-ups, by name.
pub async fn mine(
    pool: &AnyPool,
    organiser: Option<i64>,
    freshness: Freshness,
    today: Date,
) -> Result<OwnActivities, EditingError> {
    let rows: Vec<(String, Flag, Option<String>)> = sqlx::query_as(
        "SELECT body, published, updated_on FROM catalogue_records \
         WHERE kind = 'activity' AND deleted = FALSE",
    )
    .fetch_all(pool)
    .await?;
    let kept: Option<Vec<String>> = match organiser {
        Some(user_id) => Some(crate::auth::organisations_of(pool, user_id).await?),
        None => None,
    };
    let counts: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT activity_id, \
                CAST(COALESCE(SUM(CASE WHEN place = 'confirmed' THEN party_size END), 0) AS BIGINT), \
                CAST(COALESCE(SUM(CASE WHEN place = 'waiting_list' THEN party_size END), 0) AS BIGINT) \
         FROM sign_ups WHERE cancelled_at IS NULL GROUP BY activity_id",
    )
    .fetch_all(pool)
    .await?;
    let counts: HashMap<String, (u32, u32)> = counts
        .into_iter()
        .map(|(id, s, w)| (id, (count(s), count(w))))
        .collect();
    let mut activities = Vec::new();
    for (body, Flag(published), updated_on) in rows {
        let mut activity: Activity = serde_json::from_str(&body)?;
        if kept
            .as_ref()
            .is_some_and(|k| !k.contains(&activity.organisation_id))
        {
            continue;
        }
        activity.updated_on = updated_on.and_then(|d| Date::try_from(d).ok());
        let (signed_up, waiting) = counts.get(&activity.id).copied().unwrap_or((0, 0));
        activities.push(own(
            activity,
            published,
            (signed_up, waiting),
            freshness,
            today,
        ));
    }
    activities.sort_by(|a, b| a.activity.name.cmp(&b.activity.name));
    Ok(OwnActivities { activities })
}

/// One activity as [`mine`] lists it, published or not: what the edit form starts
/// from. Another organisation's activity is refused, not hidden: the organiser
/// followed a link to it, and should hear why she cannot change it.
pub async fn one(
    pool: &AnyPool,
    organiser: Option<i64>,
    id: &str,
    freshness: Freshness,
    today: Date,
) -> Result<OwnActivity, EditingError> {
    let row: Option<(String, Flag, Option<String>)> = sqlx::query_as(
        "SELECT body, published, updated_on FROM catalogue_records \
         WHERE kind = 'activity' AND id = $1 AND deleted = FALSE",
    )
    .bind(id)
    .fetch_optional(pool)
    .await?;
    let (body, Flag(published), updated_on) = row.ok_or(EditingError::NotFound)?;
    let mut activity: Activity = serde_json::from_str(&body)?;
    if let Some(user_id) = organiser {
        let kept = crate::auth::organisations_of(pool, user_id).await?;
        if !kept.contains(&activity.organisation_id) {
            return Err(EditingError::NotYours);
        }
    }
    activity.updated_on = updated_on.and_then(|d| Date::try_from(d).ok());
    let (signed_up, waiting): (i64, i64) = sqlx::query_as(
        "SELECT CAST(COALESCE(SUM(CASE WHEN place = 'confirmed' THEN party_size END), 0) AS BIGINT), \
                CAST(COALESCE(SUM(CASE WHEN place = 'waiting_list' THEN party_size END), 0) AS BIGINT) \
         FROM sign_ups WHERE cancelled_at IS NULL AND activity_id = $1",
    )
    .bind(id)
    .fetch_one(pool)
    .await?;
    Ok(own(
        activity,
        published,
        (count(signed_up), count(waiting)),
        freshness,
        today,
    ))
}

/// A stored sign-up as the list reads it: first name, phone, e-mail, party size,
/// place, received at, shared with the organiser.
type SignUpRow = (
    String,
    Option<String>,
    Option<String>,
    i64,
    String,
    String,
    Flag,
);

/// Who signed up for activity `id` and is still coming (a place or the waiting list).
/// Names and contact details go only to an organiser of the activity's organisation,
/// and only where the resident shared them: that is what she agreed to. Editors,
/// coordinators and admins get the same list without them. Every read that shows a
/// name is written to the audit log in the same transaction.
pub async fn sign_ups(
    pool: &AnyPool,
    staff: &Staff,
    id: &str,
    now: i64,
) -> Result<SignUpList, EditingError> {
    let mut tx = crate::db::write(pool).await?;
    let body: String = sqlx::query_scalar(
        "SELECT body FROM catalogue_records WHERE kind = 'activity' AND id = $1 AND deleted = FALSE",
    )
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(EditingError::NotFound)?;
    let activity: Activity = serde_json::from_str(&body)?;
    let names_for_you = !staff.role.can_edit_catalogue();
    if names_for_you {
        let kept = crate::auth::organisations_of(&mut *tx, staff.user_id).await?;
        if !kept.contains(&activity.organisation_id) {
            return Err(EditingError::NotYours);
        }
    }
    let rows: Vec<SignUpRow> = sqlx::query_as(
        "SELECT first_name, phone, email, party_size, place, created_at, share_with_organiser \
         FROM sign_ups WHERE activity_id = $1 AND cancelled_at IS NULL \
         ORDER BY place = 'waiting_list', created_at, id",
    )
    .bind(id)
    .fetch_all(&mut *tx)
    .await?;
    let mut names = 0;
    let mut list = Vec::with_capacity(rows.len());
    for (first_name, phone, email, party_size, place, at, Flag(shared)) in rows {
        let shown = names_for_you && shared;
        names += u32::from(shown);
        list.push(ListedSignUp {
            first_name: shown.then_some(first_name),
            phone: phone.filter(|_| shown),
            email: email.filter(|_| shown),
            party_size: u8::try_from(party_size).unwrap_or(0),
            place: stored("place", &place, Place::parse)?,
            signed_up_at: at,
        });
    }
    if names > 0 {
        crate::audit::record_sign_up_read(&mut tx, staff, id, names, now).await?;
    }
    tx.commit().await?;
    Ok(SignUpList {
        names_for_you,
        sign_ups: list,
    })
}

fn own(
    activity: Activity,
    published: bool,
    (signed_up, waiting): (u32, u32),
    freshness: Freshness,
    today: Date,
) -> OwnActivity {
    OwnActivity {
        currency: freshness.judge(activity.updated_on, today),
        places_left: activity.capacity.map(|c| c.saturating_sub(signed_up)),
        activity,
        published,
        signed_up,
        waiting,
    }
}

fn count(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(0)
}

/// Published activities nobody confirmed within `stale_after_days`, by organisation
/// (by name), oldest first: whom the editor should chase.
pub async fn stale(
    pool: &AnyPool,
    freshness: Freshness,
    today: Date,
) -> Result<StaleList, EditingError> {
    let oldest = today.plus_days(-i64::from(freshness.stale_after_days));
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT body, updated_on FROM catalogue_records \
         WHERE kind = 'activity' AND deleted = FALSE AND published = TRUE AND updated_on <= $1 \
         ORDER BY updated_on",
    )
    .bind(String::from(oldest))
    .fetch_all(pool)
    .await?;
    let names: Vec<String> = sqlx::query_scalar(
        "SELECT body FROM catalogue_records WHERE kind = 'organisation' AND deleted = FALSE",
    )
    .fetch_all(pool)
    .await?;
    let mut organisations: Vec<StaleOrganisation> = Vec::new();
    for (body, updated_on) in rows {
        let activity: Activity = serde_json::from_str(&body)?;
        let entry = (activity.id, activity.name, Date::try_from(updated_on).ok());
        match organisations
            .iter_mut()
            .find(|o| o.organisation_id == activity.organisation_id)
        {
            Some(o) => o.activities.push(entry),
            None => organisations.push(StaleOrganisation {
                organisation_id: activity.organisation_id,
                name: String::new(),
                activities: vec![entry],
            }),
        }
    }
    for body in names {
        let organisation: Organisation = serde_json::from_str(&body)?;
        if let Some(o) = organisations
            .iter_mut()
            .find(|o| o.organisation_id == organisation.id)
        {
            o.name = organisation.name;
        }
    }
    organisations.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(StaleList { organisations })
}

/// Publishes a waiting activity: from now on devices pull it and residents can sign up.
pub async fn publish(pool: &AnyPool, user_id: i64, id: &str) -> Result<(), EditingError> {
    let mut tx = crate::db::write(pool).await?;
    let (activity, body, published) = current(&mut tx, id).await?;
    if published {
        return Err(EditingError::AlreadyPublished);
    }
    // Residents' devices would hold an activity of an organisation they do not know.
    let Flag(organisation_live) = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM catalogue_records WHERE kind = 'organisation' \
         AND id = $1 AND deleted = FALSE AND published = TRUE)",
    )
    .bind(&activity.organisation_id)
    .fetch_one(&mut *tx)
    .await?;
    if !organisation_live {
        return Err(EditingError::OrganisationWaits);
    }
    let row = HistoryRow {
        kind: RecordKind::Activity,
        record_id: id,
        revision: activity.revision,
        action: HistoryAction::Publish,
        body: &body,
        previous: None,
        user_id,
        mutation_id: None,
    };
    publish_record(&mut tx, &row).await?;
    tx.commit().await?;
    Ok(())
}

/// From now on devices pull the record; its history says who published it.
async fn publish_record(
    tx: &mut Transaction<'_, Any>,
    row: &HistoryRow<'_>,
) -> Result<(), EditingError> {
    store_staff_record(tx, row.kind, row.record_id, row.body, true, None).await?;
    record_history(tx, row).await?;
    Ok(())
}

/// Stores a new organisation from `staff`: published at once from an editor, waiting
/// for one from an organiser, who keeps it from now on (so its activities can follow).
/// Refused when an organisation of the same name exists, published or waiting: two
/// records of one partner would split its offer.
pub async fn propose_organisation(
    pool: &AnyPool,
    staff: &crate::auth::Staff,
    proposal: NewOrganisation,
    today: Date,
) -> Result<Proposed, EditingError> {
    if let Err(problems) = proposal.validate() {
        let words: Vec<String> = problems.into_iter().map(|p| p.message).collect();
        return Err(EditingError::Invalid(words.join(" ")));
    }
    let mut tx = crate::db::write(pool).await?;
    let live: Vec<String> = sqlx::query_scalar(
        "SELECT body FROM catalogue_records WHERE kind = 'organisation' AND deleted = FALSE",
    )
    .fetch_all(&mut *tx)
    .await?;
    for body in live {
        let o: Organisation = serde_json::from_str(&body)?;
        if same_name(&o.name, &proposal.name) {
            return Err(EditingError::OrganisationExists(o.name));
        }
    }
    // Never an id that was ever used: a withdrawn organisation's activities and its
    // organisers' links remain, and a newcomer under its id would inherit both.
    let taken: Vec<String> = sqlx::query_scalar(
        "SELECT id FROM catalogue_records WHERE kind = 'organisation' \
         UNION SELECT organisation_id FROM user_organisations",
    )
    .fetch_all(&mut *tx)
    .await?;
    let id = free_id(&proposal.name, &taken);
    let published = staff.role.can_edit_catalogue();
    let source = if published {
        format!(
            "Toegevoegd door de redactie van Omzien op {}.",
            today.long_nl()
        )
    } else {
        format!(
            "Aangemeld in Omzien door de organisatie op {}.",
            today.long_nl()
        )
    };
    let organisation = proposal.into_organisation(id, source);
    let body = serde_json::to_string(&organisation)?;
    store_staff_record(
        &mut tx,
        RecordKind::Organisation,
        &organisation.id,
        &body,
        published,
        Some(today),
    )
    .await?;
    let row = HistoryRow {
        kind: RecordKind::Organisation,
        record_id: &organisation.id,
        revision: 0,
        action: HistoryAction::Create,
        body: &body,
        previous: None,
        user_id: staff.user_id,
        mutation_id: None,
    };
    record_history(&mut tx, &row).await?;
    if staff.role == Role::Organiser {
        sqlx::query("INSERT INTO user_organisations (user_id, organisation_id) VALUES ($1, $2)")
            .bind(staff.user_id)
            .bind(&organisation.id)
            .execute(&mut *tx)
            .await?;
    }
    let keeps = crate::auth::organisations_of(&mut *tx, staff.user_id).await?;
    tx.commit().await?;
    Ok(Proposed {
        organisation,
        published,
        keeps,
    })
}

/// The name's letters as an id (`buurthuis-de-lindenhof`), with `-2`, `-3`, … when
/// another organisation has it.
fn free_id(name: &str, taken: &[String]) -> String {
    let base = new_id(name, "");
    let base = base.trim_end_matches('-');
    let base = if base.is_empty() { "organisatie" } else { base };
    (1..)
        .map(|n| match n {
            1 => base.to_owned(),
            n => format!("{base}-{n}"),
        })
        .find(|id| !taken.contains(id))
        .unwrap_or_default()
}

/// Publishes a waiting organisation: devices pull it, and its activities can follow.
pub async fn publish_organisation(
    pool: &AnyPool,
    user_id: i64,
    id: &str,
) -> Result<(), EditingError> {
    let mut tx = crate::db::write(pool).await?;
    let (body, Flag(published)): (String, Flag) = sqlx::query_as(
        "SELECT body, published FROM catalogue_records \
         WHERE kind = 'organisation' AND id = $1 AND deleted = FALSE",
    )
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(EditingError::NotFound)?;
    if published {
        return Err(EditingError::AlreadyPublished);
    }
    let row = HistoryRow {
        kind: RecordKind::Organisation,
        record_id: id,
        revision: 0,
        action: HistoryAction::Publish,
        body: &body,
        previous: None,
        user_id,
        mutation_id: None,
    };
    publish_record(&mut tx, &row).await?;
    tx.commit().await?;
    Ok(())
}

/// The newest changes by staff to any activity: the editors' log.
pub async fn log(pool: &AnyPool) -> Result<Log, EditingError> {
    let rows: Vec<(String, String, Option<String>, String, String)> = sqlx::query_as(
        "SELECT h.record_id, h.action, u.email, h.at, h.body FROM catalogue_history h \
         LEFT JOIN users u ON u.id = h.user_id \
         WHERE h.kind = 'activity' ORDER BY h.id DESC LIMIT $1",
    )
    .bind(i64::from(LOG_LENGTH))
    .fetch_all(pool)
    .await?;
    let mut changes = Vec::with_capacity(rows.len());
    for (activity_id, action, by, at, body) in rows {
        let activity: Activity = serde_json::from_str(&body)?;
        changes.push(LogEntry {
            activity_id,
            name: activity.name,
            action: stored("history action", &action, HistoryAction::parse)?,
            by,
            at,
        });
    }
    Ok(Log { changes })
}

/// Every change staff made to an activity, newest first.
pub async fn history(pool: &AnyPool, id: &str) -> Result<History, EditingError> {
    let rows: Vec<(i64, String, Option<String>, String, String)> = sqlx::query_as(
        "SELECT h.id, h.action, u.email, h.at, h.body FROM catalogue_history h \
         LEFT JOIN users u ON u.id = h.user_id \
         WHERE h.kind = 'activity' AND h.record_id = $1 ORDER BY h.id DESC",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    if rows.is_empty() {
        let Flag(known) = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM catalogue_records WHERE kind = 'activity' AND id = $1)",
        )
        .bind(id)
        .fetch_one(pool)
        .await?;
        if !known {
            return Err(EditingError::NotFound);
        }
    }
    let mut changes = Vec::with_capacity(rows.len());
    for (entry, action, by, at, body) in rows {
        changes.push(HistoryEntry {
            id: entry,
            action: stored("history action", &action, HistoryAction::parse)?,
            by,
            at,
            activity: serde_json::from_str(&body)?,
        });
    }
    Ok(History { changes })
}

/// Puts the version after history entry `to` back, as the next revision: what the
/// organiser changed since stays in the history, nothing is erased.
pub async fn revert(
    pool: &AnyPool,
    user_id: i64,
    id: &str,
    to: i64,
    now_unix: i64,
) -> Result<Activity, EditingError> {
    let mut tx = crate::db::write(pool).await?;
    // A withdrawn activity too: putting a version back brings it back for residents.
    let (before, Flag(published)): (String, Flag) = sqlx::query_as(
        "SELECT body, published FROM catalogue_records \
         WHERE kind = 'activity' AND id = $1 AND body IS NOT NULL",
    )
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(EditingError::NotFound)?;
    let now: Activity = serde_json::from_str(&before)?;
    let wanted: Option<String> = sqlx::query_scalar(
        "SELECT body FROM catalogue_history WHERE id = $1 AND kind = 'activity' AND record_id = $2",
    )
    .bind(to)
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    let mut activity: Activity = serde_json::from_str(&wanted.ok_or(EditingError::NotFound)?)?;
    activity.revision = now.revision + 1;
    activity.updated_on = Stamp::from_unix_seconds(now_unix).map(Stamp::amsterdam_date);
    let body = serde_json::to_string(&activity)?;
    store_staff_record(
        &mut tx,
        RecordKind::Activity,
        id,
        &body,
        published,
        activity.updated_on,
    )
    .await?;
    let row = HistoryRow {
        kind: RecordKind::Activity,
        record_id: id,
        revision: activity.revision,
        action: HistoryAction::Revert,
        body: &body,
        previous: Some(&before),
        user_id,
        mutation_id: None,
    };
    record_history(&mut tx, &row).await?;
    tx.commit().await?;
    Ok(activity)
}

/// The stored activity, its JSON and whether it is published.
async fn current(
    tx: &mut Transaction<'_, Any>,
    id: &str,
) -> Result<(Activity, String, bool), EditingError> {
    let (body, published) = live_activity(tx, id).await?.ok_or(EditingError::NotFound)?;
    Ok((serde_json::from_str(&body)?, body, published))
}
