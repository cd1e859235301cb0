//! The meldpunt's triage over real HTTP: list with filters and counts, detail with an
//! audit row per read, the status path, assignment, referral, the audit log and an
//! outreach worker's own items.

mod common;

use common::{client, count, note, push_as, staff, start, uuid, TestServer};
use omzien_core::note::Urgency;
use omzien_core::signup::Channel;
use omzien_core::staff::{
    Assignment, AuditAction, AuditLog, MyItem, MyItems, NoteDetail, NoteList, NoteListItem,
    NoteStatus, ReferralRequest, ReferralTarget, Role, StatusChange,
};
use omzien_core::wire::{ApiError, Change};
use reqwest::StatusCode;
use serde::Serialize;

async fn get(server: &TestServer, token: &str, path: &str) -> reqwest::Response {
    client()
        .get(format!("{}/api/v1{path}", server.url))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
}

async fn post(
    server: &TestServer,
    token: &str,
    path: &str,
    body: &impl Serialize,
) -> reqwest::Response {
    client()
        .post(format!("{}/api/v1{path}", server.url))
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .unwrap()
}

async fn ok<T: serde::de::DeserializeOwned>(response: reqwest::Response) -> T {
    let status = response.status();
    let text = response.text().await.unwrap();
    assert_eq!(status, StatusCode::OK, "{text}");
    serde_json::from_str(&text).unwrap()
}

async fn status(server: &TestServer, token: &str, id: &str, to: NoteStatus) -> reqwest::Response {
    post(
        server,
        token,
        &format!("/notes/{id}/status"),
        &StatusChange { status: to },
    )
    .await
}

/// Three notes: two in oost (one "today"), one in zuid.
async fn three_notes(server: &TestServer) {
    let mut today = note(2, Channel::Kiosk);
    if let Change::ConcernNote(n) = &mut today.change {
        n.routing.urgency = Urgency::Today;
    }
    let mut zuid = note(3, Channel::Kiosk);
    if let Change::ConcernNote(n) = &mut zuid.change {
        n.routing.wijk = "zuid".into();
    }
    let response = push_as(server, None, vec![note(1, Channel::Kiosk), today, zuid]).await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn the_list_has_routing_fields_counts_and_filters_most_urgent_first() {
    let server = start().await;
    three_notes(&server).await;
    let (_, token) = staff(&server, Role::Coordinator).await;

    let list: NoteList = ok(get(&server, &token, "/notes").await).await;
    assert_eq!(list.notes.len(), 3);
    assert_eq!(list.notes[0].id, uuid(2), "'today' comes first");
    assert_eq!(list.counts.new, 3);
    let text = serde_json::to_string(&list).unwrap();
    assert!(!text.contains("nummer 12"), "no body in a list: {text}");

    let list: NoteList = ok(get(&server, &token, "/notes?wijk=zuid").await).await;
    assert_eq!(list.notes.len(), 1);
    assert_eq!(list.counts.new, 1);
    let list: NoteList = ok(get(&server, &token, "/notes?urgency=today").await).await;
    assert_eq!(list.notes[0].id, uuid(2));

    status(&server, &token, &uuid(1), NoteStatus::InProgress).await;
    let list: NoteList = ok(get(&server, &token, "/notes?status=new").await).await;
    assert_eq!(list.notes.len(), 2);
    assert_eq!((list.counts.new, list.counts.in_progress), (2, 1));

    // Age: nothing is a day old yet; a note received 8 days ago is.
    let list: NoteList = ok(get(&server, &token, "/notes?older_than_days=1").await).await;
    assert!(list.notes.is_empty());
    sqlx::query("UPDATE concern_notes SET received_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-8 days') WHERE id = ?")
        .bind(uuid(3))
        .execute(&server.pool)
        .await
        .unwrap();
    let list: NoteList = ok(get(&server, &token, "/notes?older_than_days=7").await).await;
    assert_eq!(list.notes.len(), 1);
    assert_eq!(list.notes[0].id, uuid(3));

    let bad = get(&server, &token, "/notes?status=open").await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    let bad = get(&server, &token, "/notes?colour=red").await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn every_read_of_a_note_writes_an_audit_row() {
    let server = start().await;
    three_notes(&server).await;
    let (anna, token) = staff(&server, Role::Coordinator).await;
    for _ in 0..2 {
        let detail: NoteDetail =
            ok(get(&server, &token, &format!("/notes/{}", uuid(1))).await).await;
        assert_eq!(
            detail.body.person_hint.as_deref(),
            Some("Mevrouw op nummer 12")
        );
        assert_eq!(detail.note.routing.wijk, "oost");
    }
    let rows: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT user_id, note_id, action FROM note_audit ORDER BY id")
            .fetch_all(&server.pool)
            .await
            .unwrap();
    assert_eq!(
        rows,
        vec![
            (anna, uuid(1), "read".to_owned()),
            (anna, uuid(1), "read".to_owned())
        ]
    );
    // Listing reads no body and writes no audit row; an unknown note neither.
    ok::<NoteList>(get(&server, &token, "/notes").await).await;
    let missing = get(&server, &token, &format!("/notes/{}", uuid(99))).await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_eq!(count(&server, "SELECT COUNT(*) FROM note_audit").await, 2);
}

#[tokio::test]
async fn the_status_goes_new_in_progress_referred_closed_and_never_back() {
    let server = start().await;
    three_notes(&server).await;
    let (_, token) = staff(&server, Role::Coordinator).await;
    let id = uuid(1);

    let response = status(&server, &token, &id, NoteStatus::Closed).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let error: ApiError = response.json().await.unwrap();
    assert_eq!(error.message, "Neem de melding eerst in behandeling.");

    let note: NoteListItem = ok(status(&server, &token, &id, NoteStatus::InProgress).await).await;
    assert_eq!(note.status, NoteStatus::InProgress);
    // Pressed twice: the same answer, no second change.
    ok::<NoteListItem>(status(&server, &token, &id, NoteStatus::InProgress).await).await;

    // "Doorverwezen" needs a referral first.
    let response = status(&server, &token, &id, NoteStatus::Referred).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let referral = ReferralRequest {
        to: ReferralTarget::Activity,
        activity_id: Some("senver-wandelen".into()),
        note: Some("Gaat dinsdag mee wandelen.".into()),
    };
    let note: NoteListItem =
        ok(post(&server, &token, &format!("/notes/{id}/referral"), &referral).await).await;
    assert_eq!(note.status, NoteStatus::Referred);

    let response = status(&server, &token, &id, NoteStatus::InProgress).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let note: NoteListItem = ok(status(&server, &token, &id, NoteStatus::Closed).await).await;
    assert_eq!(note.status, NoteStatus::Closed);
    let response = status(&server, &token, &id, NoteStatus::New).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let error: ApiError = response.json().await.unwrap();
    assert!(error.message.contains("afgerond"), "{}", error.message);

    let closed_at: Option<String> =
        sqlx::query_scalar("SELECT closed_at FROM concern_notes WHERE id = ?")
            .bind(&id)
            .fetch_one(&server.pool)
            .await
            .unwrap();
    assert!(closed_at.is_some());
    let detail: NoteDetail = ok(get(&server, &token, &format!("/notes/{id}")).await).await;
    assert_eq!(detail.referrals.len(), 1);
    assert_eq!(
        detail.referrals[0].activity_id.as_deref(),
        Some("senver-wandelen")
    );
}

#[tokio::test]
async fn referrals_are_checked() {
    let server = start().await;
    three_notes(&server).await;
    let (_, token) = staff(&server, Role::Coordinator).await;
    let id = uuid(1);
    let buurtteam = ReferralRequest {
        to: ReferralTarget::Buurtteam,
        activity_id: None,
        note: None,
    };
    // Still new.
    let response = post(
        &server,
        &token,
        &format!("/notes/{id}/referral"),
        &buurtteam,
    )
    .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    status(&server, &token, &id, NoteStatus::InProgress).await;
    let unknown = ReferralRequest {
        to: ReferralTarget::Activity,
        activity_id: Some("bestaat-niet".into()),
        note: None,
    };
    let response = post(&server, &token, &format!("/notes/{id}/referral"), &unknown).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let error: ApiError = response.json().await.unwrap();
    assert!(error.message.contains("catalogus"), "{}", error.message);
    let note: NoteListItem = ok(post(
        &server,
        &token,
        &format!("/notes/{id}/referral"),
        &buurtteam,
    )
    .await)
    .await;
    assert_eq!(note.status, NoteStatus::Referred);
}

#[tokio::test]
async fn notes_are_assigned_to_coordinators_only() {
    let server = start().await;
    three_notes(&server).await;
    let (anna, token) = staff(&server, Role::Coordinator).await;
    let (bea, _) = staff(&server, Role::Coordinator).await;
    let (worker, _) = staff(&server, Role::OutreachWorker).await;
    let path = format!("/notes/{}/assignee", uuid(1));

    let note: NoteListItem = ok(post(
        &server,
        &token,
        &path,
        &Assignment {
            assignee_id: Some(anna),
        },
    )
    .await)
    .await;
    assert_eq!(note.assignee.map(|a| a.id), Some(anna));
    let note: NoteListItem = ok(post(
        &server,
        &token,
        &path,
        &Assignment {
            assignee_id: Some(bea),
        },
    )
    .await)
    .await;
    assert_eq!(note.assignee.map(|a| a.id), Some(bea));
    let response = post(
        &server,
        &token,
        &path,
        &Assignment {
            assignee_id: Some(worker),
        },
    )
    .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let note: NoteListItem =
        ok(post(&server, &token, &path, &Assignment { assignee_id: None }).await).await;
    assert_eq!(note.assignee, None);
}

#[tokio::test]
async fn the_audit_log_shows_who_did_what_to_which_note() {
    let server = start().await;
    three_notes(&server).await;
    let (anna, coordinator) = staff(&server, Role::Coordinator).await;
    let (_, admin) = staff(&server, Role::Admin).await;
    ok::<NoteDetail>(get(&server, &coordinator, &format!("/notes/{}", uuid(1))).await).await;
    ok::<NoteListItem>(status(&server, &coordinator, &uuid(2), NoteStatus::InProgress).await).await;

    let log: AuditLog = ok(get(&server, &admin, "/audit").await).await;
    let lines: Vec<_> = log
        .entries
        .iter()
        .map(|e| (e.user.id, e.note_id.clone(), e.action, e.detail.clone()))
        .collect();
    assert_eq!(
        lines,
        vec![
            (
                anna,
                uuid(2),
                AuditAction::Status,
                Some("in_progress".to_owned())
            ),
            (anna, uuid(1), AuditAction::Read, None),
        ],
        "newest first"
    );
    let log: AuditLog = ok(get(&server, &admin, &format!("/audit?note={}", uuid(1))).await).await;
    assert_eq!(log.entries.len(), 1);
}

#[tokio::test]
async fn an_outreach_worker_sees_only_her_own_items() {
    let server = start().await;
    let (_, mine) = staff(&server, Role::OutreachWorker).await;
    let (_, hers) = staff(&server, Role::OutreachWorker).await;
    push_as(&server, Some(&mine), vec![note(1, Channel::OnBehalf)]).await;
    push_as(&server, Some(&hers), vec![note(2, Channel::OnBehalf)]).await;
    push_as(&server, None, vec![note(3, Channel::Kiosk)]).await;

    let items: MyItems = ok(get(&server, &mine, "/my/items").await).await;
    assert_eq!(items.items.len(), 1);
    match &items.items[0] {
        MyItem::ConcernNote { id, status, .. } => {
            assert_eq!(id, &uuid(1));
            assert_eq!(*status, NoteStatus::New);
        }
        other => panic!("{other:?}"),
    }
    // And never the notes themselves.
    assert_eq!(
        get(&server, &mine, "/notes").await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        get(&server, &mine, &format!("/notes/{}", uuid(1)))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
}
