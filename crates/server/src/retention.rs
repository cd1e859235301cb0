//! Keeping personal data no longer than needed: closed concern notes are deleted after
//! the retention period, leaving only anonymous monthly counts for monitoring; expired
//! sessions, old sign-in attempts and devices unused for a year go too. Sign-ups lose
//! their personal fields a while after the activity, and old audit rows are summarised
//! into counts ([`sign_ups_and_audit`]). Runs at start and then daily (`main.rs`).

use std::collections::HashMap;

use omzien_core::model::Activity;
use omzien_core::monitoring::working_days;
use omzien_core::schedule::Date;
use sqlx::AnyPool;

use crate::auth::iso;

pub const DEFAULT_NOTE_RETENTION_DAYS: u32 = 365;
/// Days after the activity (or the cancellation) that a sign-up keeps its name and
/// contact: long enough for the organiser to phone about a change or a follow-up.
pub const DEFAULT_SIGN_UP_RETENTION_DAYS: u32 = 30;
/// Days an audit row is kept in detail before it becomes a count.
pub const DEFAULT_AUDIT_RETENTION_DAYS: u32 = 730;

/// How long what is kept (`config.rs`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Periods {
    pub note_days: u32,
    pub sign_up_days: u32,
    pub audit_days: u32,
}

impl Default for Periods {
    fn default() -> Self {
        Periods {
            note_days: DEFAULT_NOTE_RETENTION_DAYS,
            sign_up_days: DEFAULT_SIGN_UP_RETENTION_DAYS,
            audit_days: DEFAULT_AUDIT_RETENTION_DAYS,
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RetentionReport {
    pub notes_deleted: u64,
    pub sessions_deleted: u64,
    pub attempts_deleted: u64,
}

/// Deletes what has been kept long enough as of `now` (Unix seconds). One transaction:
/// a note's count is added exactly when the note goes.
pub async fn run(
    pool: &AnyPool,
    now: i64,
    note_retention_days: u32,
) -> Result<RetentionReport, sqlx::Error> {
    let mut tx = crate::db::write(pool).await?;
    let cutoff = iso(now - i64::from(note_retention_days) * 24 * 3600);
    let closed_before = "closed_at IS NOT NULL AND closed_at < $1";
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
         DO UPDATE SET count = closed_note_counts.count + excluded.count"
    ))
    .bind(&cutoff)
    .execute(&mut *tx)
    .await?;
    // The time to a first step goes into counts too, so the monitoring's median
    // stays as it was.
    let responded: Vec<(String, Option<String>)> = sqlx::query_as(&format!(
        "SELECT received_at, ({FIRST_STEP}) FROM concern_notes n WHERE {closed_before}"
    ))
    .bind(&cutoff)
    .fetch_all(&mut *tx)
    .await?;
    let mut by_days: HashMap<(String, u32), i64> = HashMap::new();
    for (received, step) in &responded {
        if let Some(days) = step.as_deref().and_then(|s| step_days(received, s)) {
            *by_days
                .entry((received.chars().take(7).collect(), days))
                .or_default() += 1;
        }
    }
    for ((month, days), n) in &by_days {
        sqlx::query(
            "INSERT INTO note_response_counts (month, working_days, count) VALUES ($1, $2, $3) \
             ON CONFLICT (month, working_days) DO UPDATE SET count = note_response_counts.count + excluded.count",
        )
        .bind(month)
        .bind(i64::from(*days))
        .bind(n)
        .execute(&mut *tx)
        .await?;
    }
    // Bodies and referrals go with their note (ON DELETE CASCADE).
    let notes = sqlx::query(&format!("DELETE FROM concern_notes WHERE {closed_before}"))
        .bind(&cutoff)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    let sessions = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
        .bind(iso(now))
        .execute(&mut *tx)
        .await?
        .rows_affected();
    // Attempts matter for the rate limit's window only; a day is plenty.
    let attempts = sqlx::query("DELETE FROM sign_in_attempts WHERE at < $1")
        .bind(iso(now - 24 * 3600))
        .execute(&mut *tx)
        .await?
        .rows_affected();
    // A device unused for as long as its cookie lasts is forgotten with it.
    sqlx::query("DELETE FROM known_devices WHERE last_at < $1")
        .bind(iso(now - crate::auth::DEVICE_DAYS * 24 * 3600))
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(RetentionReport {
        notes_deleted: notes,
        sessions_deleted: sessions,
        attempts_deleted: attempts,
    })
}

/// The first triage step on note `n`: a status change or a referral. Opening or
/// assigning a note is not yet a step towards the resident.
pub const FIRST_STEP: &str = "SELECT MIN(l.at) FROM note_audit l \
     WHERE l.note_id = n.id AND l.action IN ('status', 'referral')";

/// Working days from a note's receipt to its first step, both ISO timestamps (UTC).
pub fn step_days(received: &str, step: &str) -> Option<u32> {
    let day = |t: &str| Date::try_from(t.get(0..10)?.to_owned()).ok();
    Some(working_days(day(received)?, day(step)?))
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MonitoringRetention {
    /// Sign-ups whose personal fields were removed.
    pub sign_ups_stripped: u64,
    /// Audit rows that became counts.
    pub audit_summarised: u64,
}

/// The day a sign-up's activity took place: its first date on or after the day the
/// sign-up was made (a sign-up is for the next time; the app asks no date). An
/// activity without known dates, or gone from the catalogue, counts the sign-up's own
/// day.
fn activity_day(activity: Option<&Activity>, made: Date) -> Date {
    activity
        .and_then(|a| omzien_core::when::next_date(a, made))
        .unwrap_or(made)
}

/// Removes sign-ups' personal fields `sign_up_days` after their activity took place
/// (or after they were cancelled, when that was earlier), and turns audit rows older
/// than `audit_days` into counts per month, log, action and role. What the counts of
/// `monitoring.rs` read stays: a sign-up keeps its activity, place, party size,
/// channel and dates. One transaction.
pub async fn sign_ups_and_audit(
    pool: &AnyPool,
    now: i64,
    periods: Periods,
) -> Result<MonitoringRetention, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let today = omzien_core::ics::Stamp::from_unix_seconds(now)
        .map(|s| s.amsterdam_date())
        .ok_or(sqlx::Error::Protocol("time out of range".into()))?;
    let keep_days = i64::from(periods.sign_up_days);
    // The activity comes on or after the day of the sign-up, so only sign-ups made
    // more than the period ago can be due.
    let made_before = iso(now - keep_days * 24 * 3600);
    let candidates: Vec<(String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT id, activity_id, created_at, cancelled_at FROM sign_ups \
         WHERE personal_removed_at IS NULL AND created_at < $1",
    )
    .bind(&made_before)
    .fetch_all(&mut *tx)
    .await?;
    let mut activities: HashMap<String, Option<Activity>> = HashMap::new();
    let stamp = iso(now);
    let mut stripped = 0;
    for (id, activity_id, created, cancelled) in candidates {
        if !activities.contains_key(&activity_id) {
            let body: Option<Option<String>> = sqlx::query_scalar(
                "SELECT body FROM catalogue_records WHERE kind = 'activity' AND id = $1",
            )
            .bind(&activity_id)
            .fetch_optional(&mut *tx)
            .await?;
            let parsed = body.flatten().and_then(|b| serde_json::from_str(&b).ok());
            activities.insert(activity_id.clone(), parsed);
        }
        let day = |t: &str| Date::try_from(t.get(0..10)?.to_owned()).ok();
        let Some(made) = day(&created) else { continue };
        let took_place = activity_day(activities[&activity_id].as_ref(), made);
        let last_needed = match cancelled.as_deref().and_then(day) {
            Some(c) if c < took_place => c,
            _ => took_place,
        };
        if last_needed.plus_days(keep_days) >= today {
            continue;
        }
        stripped += sqlx::query(
            "UPDATE sign_ups SET first_name = '', phone = NULL, email = NULL, note = NULL, \
                 share_with_organiser = FALSE, cancel_secret_sha256 = NULL, personal_removed_at = $1 \
             WHERE id = $2 AND personal_removed_at IS NULL",
        )
        .bind(&stamp)
        .bind(&id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    }

    // Audit rows: counts per month, action and the staff member's role. A note's
    // rows stay in detail as long as the note itself is kept.
    let before = iso(now - i64::from(periods.audit_days) * 24 * 3600);
    let logs: [(&str, &str, &str, &str); 4] = [
        (
            "note",
            "note_audit l LEFT JOIN users u ON u.id = l.user_id",
            "l.action",
            " AND NOT EXISTS (SELECT 1 FROM concern_notes n WHERE n.id = l.note_id)",
        ),
        (
            "account",
            "account_audit l LEFT JOIN users u ON u.id = l.by_user",
            "l.action",
            "",
        ),
        (
            "sign_up",
            "sign_up_audit l LEFT JOIN users u ON u.id = l.user_id",
            "'names_shown'",
            "",
        ),
        (
            "story",
            "story_audit l LEFT JOIN users u ON u.id = l.user_id",
            "l.action",
            "",
        ),
    ];
    let mut summarised = 0;
    for (log, from, action, only) in logs {
        let rows: Vec<(String, String, String, i64)> = sqlx::query_as(&format!(
            "SELECT substr(l.at, 1, 7), {action}, COALESCE(u.role, 'none'), COUNT(*) \
             FROM {from} WHERE l.at < $1{only} GROUP BY 1, 2, 3"
        ))
        .bind(&before)
        .fetch_all(&mut *tx)
        .await?;
        for (month, action, role, n) in &rows {
            sqlx::query(
                "INSERT INTO audit_counts (month, log, action, role, count) \
                 VALUES ($1, $2, $3, $4, $5) \
                 ON CONFLICT (month, log, action, role) \
                 DO UPDATE SET count = audit_counts.count + excluded.count",
            )
            .bind(month)
            .bind(log)
            .bind(action)
            .bind(role)
            .bind(n)
            .execute(&mut *tx)
            .await?;
        }
        let table = from.split_whitespace().next().unwrap_or_default();
        let only = only.replace("l.note_id", &format!("{table}.note_id"));
        summarised += sqlx::query(&format!("DELETE FROM {table} WHERE at < $1{only}"))
            .bind(&before)
            .execute(&mut *tx)
            .await?
            .rows_affected();
    }
    tx.commit().await?;
    Ok(MonitoringRetention {
        sign_ups_stripped: stripped,
        audit_summarised: summarised,
    })
}

/// Runs [`run`] and [`sign_ups_and_audit`] now and then once a day, for as long as
/// the server runs.
pub fn spawn_daily(pool: AnyPool, periods: Periods) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut daily = tokio::time::interval(std::time::Duration::from_secs(24 * 3600));
        daily.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            // The first tick is immediate: the job also runs at start.
            daily.tick().await;
            let now = crate::auth::now_unix();
            match sign_ups_and_audit(&pool, now, periods).await {
                Ok(report) => tracing::info!(
                    sign_ups = report.sign_ups_stripped,
                    audit_rows = report.audit_summarised,
                    "retention: removed sign-ups' personal data, summarised old audit rows"
                ),
                Err(error) => tracing::error!(%error, "retention of sign-ups and audit failed"),
            }
            match run(&pool, now, periods.note_days).await {
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
