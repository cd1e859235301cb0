//! Keeping personal data no longer than needed: closed concern notes are deleted after
//! the retention period, leaving only anonymous monthly counts for monitoring; expired
//! sessions, old sign-in attempts and devices unused for a year go too. Runs at start
//! and then daily (`main.rs`).

use sqlx::SqlitePool;

use crate::auth::SQL_TIME;

pub const DEFAULT_NOTE_RETENTION_DAYS: u32 = 365;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RetentionReport {
    pub notes_deleted: u64,
    pub sessions_deleted: u64,
    pub attempts_deleted: u64,
}

/// Deletes what has been kept long enough as of `now` (Unix seconds). One transaction:
/// a note's count is added exactly when the note goes.
pub async fn run(
    pool: &SqlitePool,
    now: i64,
    note_retention_days: u32,
) -> Result<RetentionReport, sqlx::Error> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let cutoff = format!("-{note_retention_days} days");
    let closed_before = "closed_at IS NOT NULL \
         AND closed_at < strftime('%Y-%m-%dT%H:%M:%fZ', ?, 'unixepoch', ?)";
    // Outcome: where the note was last referred to, or that it was not.
    sqlx::query(&format!(
        "INSERT INTO closed_note_counts (month, wijk, urgency, kind, outcome, count) \
         SELECT substr(n.received_at, 1, 7), n.wijk, n.urgency, n.kind, \
                COALESCE((SELECT r.target FROM note_referrals r WHERE r.note_id = n.id \
                          ORDER BY r.at DESC, r.id DESC LIMIT 1), 'no_referral') AS outcome, \
                COUNT(*) \
         FROM concern_notes n WHERE {closed_before} \
         GROUP BY 1, 2, 3, 4, 5 \
         ON CONFLICT (month, wijk, urgency, kind, outcome) \
         DO UPDATE SET count = count + excluded.count"
    ))
    .bind(now)
    .bind(&cutoff)
    .execute(&mut *tx)
    .await?;
    // Bodies and referrals go with their note (ON DELETE CASCADE).
    let notes = sqlx::query(&format!("DELETE FROM concern_notes WHERE {closed_before}"))
        .bind(now)
        .bind(&cutoff)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    let sessions = sqlx::query(&format!(
        "DELETE FROM sessions WHERE expires_at <= {SQL_TIME}"
    ))
    .bind(now)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    // Attempts matter for the rate limit's window only; a day is plenty.
    let attempts = sqlx::query(&format!(
        "DELETE FROM sign_in_attempts WHERE at < {SQL_TIME}"
    ))
    .bind(now - 24 * 3600)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    // A device unused for as long as its cookie lasts is forgotten with it.
    sqlx::query(&format!(
        "DELETE FROM known_devices WHERE last_at < {SQL_TIME}"
    ))
    .bind(now - crate::auth::DEVICE_DAYS * 24 * 3600)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(RetentionReport {
        notes_deleted: notes,
        sessions_deleted: sessions,
        attempts_deleted: attempts,
    })
}

/// Runs [`run`] now and then once a day, for as long as the server runs.
pub fn spawn_daily(pool: SqlitePool, note_retention_days: u32) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut daily = tokio::time::interval(std::time::Duration::from_secs(24 * 3600));
        daily.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            // The first tick is immediate: the job also runs at start.
            daily.tick().await;
            match run(&pool, crate::auth::now_unix(), note_retention_days).await {
                Ok(report) => tracing::info!(
                    notes = report.notes_deleted,
                    sessions = report.sessions_deleted,
                    attempts = report.attempts_deleted,
                    "retention: deleted what was kept long enough"
                ),
                Err(error) => tracing::error!(%error, "retention job failed; retrying tomorrow"),
            }
        }
    })
}
