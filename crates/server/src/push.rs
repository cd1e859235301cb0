//! Applying pushed mutations: each at most once, capacity decided atomically.
//!
//! A push is one `BEGIN IMMEDIATE` transaction: SQLite takes the write lock at the
//! start, so two pushes never decide on the same free places. Every mutation's id is
//! written with its effect; a repeat (a retry after a lost answer, a second tab) finds
//! the id and gets the first answer back. Refusals are answers too, so one refused
//! item never holds up the rest.

use omzien_core::signup::{decide_place, Channel, Place, SignUpRequest};
use omzien_core::wire::{is_uuid, Change, Mutation, MutationResult, Outcome, Refusal};
use sqlx::{Sqlite, SqlitePool, Transaction};

#[derive(Debug, thiserror::Error)]
pub enum PushError {
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error("a stored answer is not valid JSON: {0}")]
    Corrupt(#[from] serde_json::Error),
}

pub async fn apply_batch(
    pool: &SqlitePool,
    mutations: &[Mutation],
) -> Result<Vec<MutationResult>, PushError> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let mut results = Vec::with_capacity(mutations.len());
    for mutation in mutations {
        results.push(apply(&mut tx, mutation).await?);
    }
    tx.commit().await?;
    Ok(results)
}

async fn apply(
    tx: &mut Transaction<'_, Sqlite>,
    mutation: &Mutation,
) -> Result<MutationResult, PushError> {
    let answer = |outcome, replayed| MutationResult {
        id: mutation.id.clone(),
        outcome,
        replayed,
    };
    if !is_uuid(&mutation.id) {
        return Ok(answer(refused(Refusal::BadId), false));
    }
    let id = mutation.id.to_ascii_lowercase();
    let earlier: Option<String> =
        sqlx::query_scalar("SELECT outcome FROM applied_mutations WHERE id = ?")
            .bind(&id)
            .fetch_optional(&mut **tx)
            .await?;
    if let Some(earlier) = earlier {
        return Ok(answer(serde_json::from_str(&earlier)?, true));
    }
    let outcome = match &mutation.change {
        Change::SignUp(request) => sign_up(tx, &id, request).await?,
        Change::CancelSignUp { sign_up_id } => cancel(tx, sign_up_id).await?,
    };
    sqlx::query("INSERT INTO applied_mutations (id, outcome) VALUES (?, ?)")
        .bind(&id)
        .bind(serde_json::to_string(&outcome)?)
        .execute(&mut **tx)
        .await?;
    Ok(answer(outcome, false))
}

fn refused(reason: Refusal) -> Outcome {
    Outcome::Refused {
        reason,
        errors: Vec::new(),
    }
}

async fn sign_up(
    tx: &mut Transaction<'_, Sqlite>,
    id: &str,
    request: &SignUpRequest,
) -> Result<Outcome, sqlx::Error> {
    if let Err(errors) = request.validate() {
        return Ok(Outcome::Refused {
            reason: Refusal::Invalid,
            errors,
        });
    }
    // Outer Option: does the activity exist; inner: does it have a capacity.
    let capacity: Option<Option<i64>> = sqlx::query_scalar(
        "SELECT json_extract(body, '$.capacity') FROM catalogue_records \
         WHERE kind = 'activity' AND id = ? AND deleted = 0",
    )
    .bind(&request.activity_id)
    .fetch_optional(&mut **tx)
    .await?;
    let Some(capacity) = capacity else {
        return Ok(refused(Refusal::UnknownActivity));
    };
    let taken: i64 = sqlx::query_scalar(
        "SELECT COALESCE(SUM(party_size), 0) FROM sign_ups \
         WHERE activity_id = ? AND place = 'confirmed' AND cancelled_at IS NULL",
    )
    .bind(&request.activity_id)
    .fetch_one(&mut **tx)
    .await?;
    let capacity = capacity.map(|c| u32::try_from(c).unwrap_or(0));
    let place = decide_place(
        capacity,
        u32::try_from(taken).unwrap_or(u32::MAX),
        request.party_size,
    );
    let trimmed = |text: &Option<String>| {
        text.as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
    };
    sqlx::query(
        "INSERT INTO sign_ups (id, activity_id, first_name, phone, email, party_size, note, \
         channel, place) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(id)
    .bind(&request.activity_id)
    .bind(request.first_name.trim())
    .bind(trimmed(&request.phone))
    .bind(trimmed(&request.email))
    .bind(i64::from(request.party_size))
    .bind(trimmed(&request.note))
    .bind(channel_text(request.channel))
    .bind(match place {
        Place::Confirmed => "confirmed",
        Place::WaitingList => "waiting_list",
    })
    .execute(&mut **tx)
    .await?;
    Ok(match place {
        Place::Confirmed => Outcome::Confirmed,
        Place::WaitingList => Outcome::WaitingList,
    })
}

fn channel_text(channel: Channel) -> &'static str {
    match channel {
        Channel::Own => "self",
        Channel::Kiosk => "kiosk",
        Channel::OnBehalf => "on_behalf",
    }
}

/// Frees the places of a sign-up. Moving someone up from the waiting list is the
/// organiser's call for now (they phone them); see docs/decisions.md.
async fn cancel(
    tx: &mut Transaction<'_, Sqlite>,
    sign_up_id: &str,
) -> Result<Outcome, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE sign_ups SET cancelled_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') \
         WHERE id = ? AND cancelled_at IS NULL",
    )
    .bind(sign_up_id.to_ascii_lowercase())
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() == 1 {
        return Ok(Outcome::Cancelled);
    }
    // Cancelled before (another device, or pressed twice): the same answer.
    let exists: Option<i64> = sqlx::query_scalar("SELECT 1 FROM sign_ups WHERE id = ?")
        .bind(sign_up_id.to_ascii_lowercase())
        .fetch_optional(&mut **tx)
        .await?;
    Ok(match exists {
        Some(_) => Outcome::Cancelled,
        None => refused(Refusal::UnknownSignUp),
    })
}
