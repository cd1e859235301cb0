//! Retention with an injected "now": closed notes go after the period and leave only
//! anonymous counts; open notes, the audit log and live sessions stay.

mod common;

use common::{count, note, push_as, staff, start, uuid, TestServer};
use omzien_core::signup::Channel;
use omzien_core::staff::Role;
use omzien_server::retention;

async fn unix(server: &TestServer, time: &str) -> i64 {
    sqlx::query_scalar("SELECT CAST(strftime('%s', ?) AS INTEGER)")
        .bind(time)
        .fetch_one(&server.pool)
        .await
        .unwrap()
}

async fn close(server: &TestServer, id: &str, received: &str, closed: &str) {
    sqlx::query(
        "UPDATE concern_notes SET status = 'closed', received_at = ?, closed_at = ? WHERE id = ?",
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
    sqlx::query("INSERT INTO note_referrals (note_id, target, by_user) VALUES (?, 'buurtteam', ?)")
        .bind(uuid(2))
        .bind(coordinator)
        .execute(&server.pool)
        .await
        .unwrap();
    sqlx::query("INSERT INTO note_audit (user_id, note_id, action) VALUES (?, ?, 'read')")
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
