//! Retention with an injected "now": closed notes go after the period and leave only
//! anonymous counts; open notes, the audit log and live sessions stay.

mod common;

use common::{count, note, push_as, staff, start, uuid, TestServer};
use omzien_core::signup::Channel;
use omzien_core::staff::Role;
use omzien_server::retention;

async fn unix(_server: &TestServer, time: &str) -> i64 {
    omzien_server::auth::unix_seconds(time).expect("an RFC 3339 time")
}

async fn close(server: &TestServer, id: &str, received: &str, closed: &str) {
    sqlx::query(
        "UPDATE concern_notes SET status = 'closed', received_at = $1, closed_at = $2 WHERE id = $3",
    )
    .bind(received)
    .bind(closed)
    .bind(id)
    .execute(&server.pool)
    .await
    .unwrap();
}

#[tokio::test]
async fn closed_notes_are_deleted_after_the_period_leaving_anonymous_counts() {
    let server = start().await;
    let (coordinator, _) = staff(&server, Role::Coordinator).await;
    let notes = (1..=4).map(|n| note(n, Channel::Kiosk)).collect();
    assert!(push_as(&server, None, notes).await.status().is_success());
    close(
        &server,
        &uuid(1),
        "2026-01-05T09:00:00.000Z",
        "2026-01-10T12:00:00.000Z",
    )
    .await;
    close(
        &server,
        &uuid(2),
        "2026-01-20T09:00:00.000Z",
        "2026-02-01T12:00:00.000Z",
    )
    .await;
    close(
        &server,
        &uuid(3),
        "2026-01-25T09:00:00.000Z",
        "2026-03-01T12:00:00.000Z",
    )
    .await;
    // Note 2 was referred to the buurtteam; its count says so.
    sqlx::query(
        "INSERT INTO note_referrals (note_id, target, by_user) VALUES ($1, 'buurtteam', $2)",
    )
    .bind(uuid(2))
    .bind(coordinator)
    .execute(&server.pool)
    .await
    .unwrap();
    sqlx::query("INSERT INTO note_audit (user_id, note_id, action) VALUES ($1, $2, 'read')")
        .bind(coordinator)
        .bind(uuid(1))
        .execute(&server.pool)
        .await
        .unwrap();

    // A day before the year is up for note 1: nothing goes.
    let early = unix(&server, "2027-01-09T12:00:00Z").await;
    let report = retention::run(&server.pool, early, 365).await.unwrap();
    assert_eq!(report.notes_deleted, 0);
    assert_eq!(
        count(&server, "SELECT COUNT(*) FROM concern_notes").await,
        4
    );

    // Past it for notes 1 and 2, not for 3; note 4 is still open.
    let later = unix(&server, "2027-02-15T00:00:00Z").await;
    let report = retention::run(&server.pool, later, 365).await.unwrap();
    assert_eq!(report.notes_deleted, 2);
    let left: Vec<String> = sqlx::query_scalar("SELECT id FROM concern_notes ORDER BY id")
        .fetch_all(&server.pool)
        .await
        .unwrap();
    assert_eq!(left, [uuid(3), uuid(4)]);
    assert_eq!(
        count(&server, "SELECT COUNT(*) FROM concern_note_bodies").await,
        2
    );
    assert_eq!(
        count(&server, "SELECT COUNT(*) FROM note_referrals").await,
        0
    );
    // Who read what stays known.
    assert_eq!(count(&server, "SELECT COUNT(*) FROM note_audit").await, 1);

    let counts: Vec<(String, String, String, String, String, i64)> = sqlx::query_as(
        "SELECT month, wijk, urgency, kind, outcome, count FROM closed_note_counts \
         ORDER BY outcome",
    )
    .fetch_all(&server.pool)
    .await
    .unwrap();
    let row = |outcome: &str| {
        (
            "2026-01".to_owned(),
            "oost".to_owned(),
            "this_week".to_owned(),
            "worried".to_owned(),
            outcome.to_owned(),
            1,
        )
    };
    assert_eq!(counts, vec![row("buurtteam"), row("no_referral")]);

    // Running again changes nothing; a later run adds note 3 to the same month's row.
    let report = retention::run(&server.pool, later, 365).await.unwrap();
    assert_eq!(report.notes_deleted, 0);
    let last = unix(&server, "2027-03-02T13:00:00Z").await;
    retention::run(&server.pool, last, 365).await.unwrap();
    assert_eq!(
        count(
            &server,
            "SELECT count FROM closed_note_counts WHERE outcome = 'no_referral'"
        )
        .await,
        2
    );
    assert_eq!(
        count(&server, "SELECT COUNT(*) FROM concern_notes").await,
        1
    );
}

#[tokio::test]
async fn the_period_is_configurable() {
    let server = start().await;
    assert!(push_as(&server, None, vec![note(1, Channel::Kiosk)])
        .await
        .status()
        .is_success());
    close(
        &server,
        &uuid(1),
        "2026-01-05T09:00:00.000Z",
        "2026-01-10T12:00:00.000Z",
    )
    .await;
    let now = unix(&server, "2026-02-10T12:00:00Z").await;
    assert_eq!(
        retention::run(&server.pool, now, 60)
            .await
            .unwrap()
            .notes_deleted,
        0
    );
    assert_eq!(
        retention::run(&server.pool, now, 30)
            .await
            .unwrap()
            .notes_deleted,
        1
    );
}

#[tokio::test]
async fn expired_sessions_and_old_attempts_are_cleared() {
    let server = start().await;
    staff(&server, Role::Coordinator).await;
    let far_future = unix(&server, "2100-01-01T00:00:00Z").await;
    let report = retention::run(&server.pool, far_future, 365).await.unwrap();
    assert_eq!(report.sessions_deleted, 1);
    assert_eq!(report.attempts_deleted, 1);
    assert_eq!(count(&server, "SELECT COUNT(*) FROM sessions").await, 0);
}

/// `n` sign-ups for `activity`, made at `made`, cancelled at `cancelled` or not.
async fn sign_ups(
    server: &TestServer,
    first: u32,
    n: u32,
    activity: &str,
    made: &str,
    cancelled: Option<&str>,
) {
    for i in first..first + n {
        sqlx::query(
            "INSERT INTO sign_ups (id, activity_id, first_name, phone, email, party_size, note, \
             channel, place, created_at, cancelled_at, share_with_organiser) \
             VALUES ($1, $2, 'Joke', '06 12345678', 'joke@example.org', 2, 'Ik kom met mijn buurvrouw', \
             'kiosk', 'confirmed', $3, $4, TRUE)",
        )
        .bind(uuid(i))
        .bind(activity)
        .bind(made)
        .bind(cancelled)
        .execute(&server.pool)
        .await
        .unwrap();
    }
}

async fn personal(server: &TestServer, activity: &str) -> (i64, i64) {
    let kept = count(
        server,
        &format!(
            "SELECT COUNT(*) FROM sign_ups WHERE activity_id = '{activity}' \
             AND first_name = 'Joke' AND phone IS NOT NULL AND email IS NOT NULL \
             AND note IS NOT NULL AND personal_removed_at IS NULL"
        ),
    )
    .await;
    let removed = count(
        server,
        &format!(
            "SELECT COUNT(*) FROM sign_ups WHERE activity_id = '{activity}' \
             AND first_name = '' AND phone IS NULL AND email IS NULL AND note IS NULL \
             AND share_with_organiser = FALSE AND personal_removed_at IS NOT NULL"
        ),
    )
    .await;
    (kept, removed)
}

fn periods(sign_up_days: u32, audit_days: u32) -> retention::Periods {
    retention::Periods {
        note_days: 365,
        sign_up_days,
        audit_days,
    }
}

#[tokio::test]
async fn sign_ups_lose_personal_data_after_the_activity_and_the_counts_stay() {
    let server = start().await;
    // Made on Monday 5 October 2026: the walking group meets on Tuesdays (6 October),
    // the festival is on 29 June each year (2027). Three more were cancelled that day.
    sign_ups(
        &server,
        1,
        12,
        "voorbeeld-wandelgroep-oost",
        "2026-10-05T10:00:00.000Z",
        None,
    )
    .await;
    sign_ups(
        &server,
        20,
        11,
        "uit-de-schaduw-festival",
        "2026-10-05T10:00:00.000Z",
        None,
    )
    .await;
    sign_ups(
        &server,
        40,
        3,
        "uit-de-schaduw-festival",
        "2026-10-05T10:00:00.000Z",
        Some("2026-10-05T12:00:00.000Z"),
    )
    .await;
    let half = omzien_core::monitoring::Half::parse("2026-H2").unwrap();
    let before = omzien_server::monitoring::report(&server.pool, half)
        .await
        .unwrap();

    // 30 days after the walk is 5 November: on that day the names are still there; the
    // cancelled ones went a day earlier.
    let on_the_day = unix(&server, "2026-11-05T12:00:00Z").await;
    let done = retention::sign_ups_and_audit(&server.pool, on_the_day, periods(30, 730))
        .await
        .unwrap();
    assert_eq!(done.sign_ups_stripped, 3);
    assert_eq!(
        personal(&server, "voorbeeld-wandelgroep-oost").await,
        (12, 0)
    );
    assert_eq!(personal(&server, "uit-de-schaduw-festival").await, (11, 3));

    let next_day = unix(&server, "2026-11-06T12:00:00Z").await;
    let done = retention::sign_ups_and_audit(&server.pool, next_day, periods(30, 730))
        .await
        .unwrap();
    assert_eq!(done.sign_ups_stripped, 12);
    assert_eq!(
        personal(&server, "voorbeeld-wandelgroep-oost").await,
        (0, 12)
    );
    // The festival has not taken place yet: its names stay until 30 days after it.
    assert_eq!(personal(&server, "uit-de-schaduw-festival").await, (11, 3));
    let after_festival = unix(&server, "2027-07-30T12:00:00Z").await;
    retention::sign_ups_and_audit(&server.pool, after_festival, periods(30, 730))
        .await
        .unwrap();
    assert_eq!(personal(&server, "uit-de-schaduw-festival").await, (0, 14));

    // Every count the programme lead reads is what it was.
    let after = omzien_server::monitoring::report(&server.pool, half)
        .await
        .unwrap();
    assert_eq!(after, before);
    assert_eq!(
        after
            .sign_ups_by_activity
            .cell("voorbeeld-wandelgroep-oost", "confirmed"),
        Some(omzien_core::disclosure::Shown::Count(12))
    );
    // Running again changes nothing.
    let again = retention::sign_ups_and_audit(&server.pool, after_festival, periods(30, 730))
        .await
        .unwrap();
    assert_eq!(again.sign_ups_stripped, 0);
}

#[tokio::test]
async fn old_audit_rows_become_counts_per_month_action_and_role() {
    let server = start().await;
    let (coordinator, _) = staff(&server, Role::Coordinator).await;
    assert!(push_as(&server, None, vec![note(1, Channel::Kiosk)])
        .await
        .status()
        .is_success());
    let audit = |note: String, at: &'static str, action: &'static str| {
        let pool = server.pool.clone();
        async move {
            sqlx::query(
                "INSERT INTO note_audit (at, user_id, note_id, action) VALUES ($1, $2, $3, $4)",
            )
            .bind(at)
            .bind(coordinator)
            .bind(note)
            .bind(action)
            .execute(&pool)
            .await
            .unwrap();
        }
    };
    // Two reads and a status change of a note retention deleted long ago, one read
    // of the live note 1 as old, and a recent read.
    audit(uuid(90), "2024-01-10T09:00:00.000Z", "read").await;
    audit(uuid(91), "2024-01-20T09:00:00.000Z", "read").await;
    audit(uuid(91), "2024-01-20T09:05:00.000Z", "status").await;
    audit(uuid(1), "2024-01-21T09:00:00.000Z", "read").await;
    audit(uuid(92), "2026-10-01T09:00:00.000Z", "read").await;
    sqlx::query(
        "INSERT INTO sign_up_audit (at, user_id, activity_id, names) \
         VALUES ('2024-02-01T10:00:00.000Z', $1, 'senver-wandelen', 3)",
    )
    .bind(coordinator)
    .execute(&server.pool)
    .await
    .unwrap();

    let now = unix(&server, "2026-11-06T12:00:00Z").await;
    let done = retention::sign_ups_and_audit(&server.pool, now, periods(30, 730))
        .await
        .unwrap();
    assert_eq!(done.audit_summarised, 4);
    let counts: Vec<(String, String, String, String, i64)> = sqlx::query_as(
        "SELECT month, log, action, role, count FROM audit_counts ORDER BY month, log, action",
    )
    .fetch_all(&server.pool)
    .await
    .unwrap();
    let row = |m: &str, log: &str, action: &str, n| {
        (
            m.to_owned(),
            log.to_owned(),
            action.to_owned(),
            "coordinator".to_owned(),
            n,
        )
    };
    assert_eq!(
        counts,
        [
            row("2024-01", "note", "read", 2),
            row("2024-01", "note", "status", 1),
            row("2024-02", "sign_up", "names_shown", 1),
        ]
    );
    // The live note's row and the recent one stay in detail; no user, note or
    // activity is left of the others.
    let left: Vec<String> = sqlx::query_scalar("SELECT note_id FROM note_audit ORDER BY at")
        .fetch_all(&server.pool)
        .await
        .unwrap();
    assert_eq!(left, [uuid(1), uuid(92)]);
    assert_eq!(
        count(&server, "SELECT COUNT(*) FROM sign_up_audit").await,
        0
    );
}

#[tokio::test]
async fn the_time_to_a_first_step_outlives_the_notes() {
    let server = start().await;
    let (coordinator, _) = staff(&server, Role::Coordinator).await;
    let notes = (1..=12).map(|n| note(n, Channel::Kiosk)).collect();
    assert!(push_as(&server, None, notes).await.status().is_success());
    for n in 1..=12 {
        close(
            &server,
            &uuid(n),
            "2026-10-05T09:00:00.000Z",
            "2026-10-20T12:00:00.000Z",
        )
        .await;
        // A step the next working day for most, after a week for two.
        let step = if n <= 10 { "2026-10-06" } else { "2026-10-13" };
        sqlx::query(
            "INSERT INTO note_audit (at, user_id, note_id, action, detail) \
             VALUES ($1, $2, $3, 'status', 'in_progress')",
        )
        .bind(format!("{step}T10:00:00.000Z"))
        .bind(coordinator)
        .bind(uuid(n))
        .execute(&server.pool)
        .await
        .unwrap();
    }
    let half = omzien_core::monitoring::Half::parse("2026-H2").unwrap();
    let before = omzien_server::monitoring::report(&server.pool, half)
        .await
        .unwrap()
        .response_times;
    assert_eq!(before.median_days, Some(1));
    let later = unix(&server, "2027-11-01T00:00:00Z").await;
    let report = retention::run(&server.pool, later, 365).await.unwrap();
    assert_eq!(report.notes_deleted, 12);
    let after = omzien_server::monitoring::report(&server.pool, half)
        .await
        .unwrap()
        .response_times;
    assert_eq!(after, before);
}
