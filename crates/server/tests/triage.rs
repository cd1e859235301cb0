//! The meldpunt's triage over real HTTP: list with filters and counts, detail with an
//! audit row per read, the status path, assignment, referral, the audit log and an
//! outreach worker's own items.

mod common;

use common::{client, count, note, push_as, staff, start, uuid, TestServer};
use omzien_core::note::Urgency;
use omzien_core::signup::{Channel, SignUpRequest};
use omzien_core::staff::{
    Assignment, AuditAction, AuditLog, MyItem, MyItems, NoteDetail, NoteList, NoteListItem,
    NoteStatus, ReferralRequest, ReferralTarget, Role, StatusChange,
};
use omzien_core::wire::{ApiError, Change, Mutation};
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
    sqlx::query("UPDATE concern_notes SET received_at = $1 WHERE id = $2")
        .bind(common::iso_from_now(-8 * 24 * 3600))
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
        // Pushed plain (an app of before sealing) while the meldpunt has no key yet:
        // kept as it came until the first key (tests/sealed.rs).
        assert_eq!(
            detail.body.and_then(|b| b.person_hint).as_deref(),
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
        sqlx::query_scalar("SELECT closed_at FROM concern_notes WHERE id = $1")
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

/// A sign-up for the walk, by `first_name`, sent as `channel`.
fn sign_up(n: u32, first_name: &str, channel: Channel) -> Mutation {
    Mutation {
        id: uuid(n),
        change: Change::SignUp(SignUpRequest {
            activity_id: "senver-wandelen".into(),
            first_name: first_name.into(),
            phone: Some("06 12345678".into()),
            email: None,
            party_size: 2,
            note: None,
            channel,
            consent: true,
            share_with_organiser: false,
            cancel_secret: None,
        }),
    }
}

#[tokio::test]
async fn a_worker_sees_the_first_names_of_her_own_sign_ups_and_nobody_elses() {
    let server = start().await;
    let (_, mine) = staff(&server, Role::OutreachWorker).await;
    let (_, hers) = staff(&server, Role::OutreachWorker).await;
    push_as(
        &server,
        Some(&mine),
        vec![sign_up(11, "Henk", Channel::OnBehalf)],
    )
    .await;
    push_as(
        &server,
        Some(&hers),
        vec![sign_up(12, "Truus", Channel::OnBehalf)],
    )
    .await;
    push_as(&server, None, vec![sign_up(13, "Joke", Channel::Own)]).await;

    let text = get(&server, &mine, "/my/items").await.text().await.unwrap();
    let items: MyItems = serde_json::from_str(&text).unwrap();
    match &items.items[..] {
        [MyItem::SignUp { id, first_name, .. }] => {
            assert_eq!(id, &uuid(11));
            assert_eq!(first_name.as_deref(), Some("Henk"));
        }
        other => panic!("{other:?}"),
    }
    assert!(!text.contains("Truus") && !text.contains("Joke"), "{text}");
    assert!(!text.contains("06 12345678"), "no contact detail: {text}");
    let theirs = get(&server, &hers, "/my/items").await.text().await.unwrap();
    assert!(
        theirs.contains("Truus") && !theirs.contains("Henk"),
        "{theirs}"
    );
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

// ---- paging ----

/// `n` notes: urgencies and wijken mixed, and only four different arrival times, so many
/// notes tie on urgency and time and only the id decides their order.
async fn many_notes(server: &TestServer, n: u32) {
    let urgencies = [Urgency::Normal, Urgency::ThisWeek, Urgency::Today];
    let notes: Vec<_> = (1..=n)
        .map(|i| {
            let mut m = note(i, Channel::Kiosk);
            if let Change::ConcernNote(c) = &mut m.change {
                c.routing.urgency = urgencies[i as usize % 3];
                if i % 2 == 0 {
                    c.routing.wijk = "zuid".into();
                }
            }
            m
        })
        .collect();
    for batch in notes.chunks(100) {
        let response = push_as(server, None, batch.to_vec()).await;
        assert_eq!(response.status(), StatusCode::OK);
    }
    // Four days of arrival, in turn, so many notes share a moment.
    let ids: Vec<String> = sqlx::query_scalar("SELECT id FROM concern_notes ORDER BY id")
        .fetch_all(&server.pool)
        .await
        .unwrap();
    for (n, id) in ids.iter().enumerate() {
        sqlx::query("UPDATE concern_notes SET received_at = $1 WHERE id = $2")
            .bind(format!("2026-11-0{}T00:00:00.000Z", 1 + n % 4))
            .bind(id)
            .execute(&server.pool)
            .await
            .unwrap();
    }
}

/// Every note's id in the list's order, worked out here rather than asked of the server.
async fn expected_order(server: &TestServer, filter: &str) -> Vec<String> {
    let mut rows: Vec<(String, String, String)> = sqlx::query_as(&format!(
        "SELECT id, urgency, received_at FROM concern_notes WHERE 1 = 1 {filter}"
    ))
    .fetch_all(&server.pool)
    .await
    .unwrap();
    let rank = |u: &str| match u {
        "today" => 0,
        "this_week" => 1,
        _ => 2,
    };
    rows.sort_by(|a, b| (rank(&a.1), &a.2, &a.0).cmp(&(rank(&b.1), &b.2, &b.0)));
    rows.into_iter().map(|(id, _, _)| id).collect()
}

/// Follows `next` from the first page to the last; returns the pages.
async fn walk(server: &TestServer, token: &str, query: &str) -> Vec<NoteList> {
    let mut pages = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let path = match &after {
            None => format!("/notes?{query}"),
            Some(next) => format!("/notes?{query}&after={}", urlencode(next)),
        };
        let page: NoteList = ok(get(server, token, &path).await).await;
        after = page.next.clone();
        pages.push(page);
        if after.is_none() {
            return pages;
        }
        assert!(pages.len() < 1000, "the walk never ends");
    }
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn ids(pages: &[NoteList]) -> Vec<String> {
    pages
        .iter()
        .flat_map(|p| p.notes.iter().map(|n| n.id.clone()))
        .collect()
}

#[tokio::test]
async fn pages_walk_the_whole_list_in_one_stable_order_without_repeats_or_gaps() {
    let server = start().await;
    many_notes(&server, 23).await;
    let (_, token) = staff(&server, Role::Coordinator).await;

    let pages = walk(&server, &token, "limit=5").await;
    assert_eq!(
        pages.iter().map(|p| p.notes.len()).collect::<Vec<_>>(),
        [5, 5, 5, 5, 3]
    );
    let walked = ids(&pages);
    assert_eq!(walked, expected_order(&server, "").await);
    let mut unique = walked.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 23, "no note twice");
    // The counts are the whole list's on every page, not the page's.
    for page in &pages {
        assert_eq!(page.counts.matching(None), 23);
    }
    // Asked again, the same pages.
    assert_eq!(ids(&walk(&server, &token, "limit=5").await), walked);
    // One page of them all is the same order.
    let all: NoteList = ok(get(&server, &token, "/notes?limit=200").await).await;
    assert_eq!(ids(std::slice::from_ref(&all)), walked);
    assert_eq!(all.next, None);
}

#[tokio::test]
async fn a_walk_neither_repeats_nor_skips_when_notes_are_handled_or_arrive_between_pages() {
    let server = start().await;
    many_notes(&server, 12).await;
    let (_, token) = staff(&server, Role::Coordinator).await;
    let before = expected_order(&server, "").await;

    let first: NoteList = ok(get(&server, &token, "/notes?status=new&limit=4").await).await;
    // Between pages: a note already seen leaves the filter (with an offset the next page
    // would skip one), and a new 'today' note arrives at the top (with an offset the
    // next page would repeat one).
    ok::<NoteListItem>(status(&server, &token, &first.notes[0].id, NoteStatus::InProgress).await)
        .await;
    let mut urgent = note(99, Channel::Kiosk);
    if let Change::ConcernNote(c) = &mut urgent.change {
        c.routing.urgency = Urgency::Today;
    }
    assert_eq!(
        push_as(&server, None, vec![urgent]).await.status(),
        StatusCode::OK
    );
    // Received before all the others: its place is at the very top, before the page end.
    sqlx::query("UPDATE concern_notes SET received_at = '2026-10-01T00:00:00.000Z' WHERE id = $1")
        .bind(uuid(99))
        .execute(&server.pool)
        .await
        .unwrap();

    let mut seen = ids(std::slice::from_ref(&first));
    let mut after = first.next.clone();
    while let Some(next) = after {
        let page: NoteList = ok(get(
            &server,
            &token,
            &format!("/notes?status=new&limit=4&after={}", urlencode(&next)),
        )
        .await)
        .await;
        seen.extend(page.notes.iter().map(|n| n.id.clone()));
        after = page.next;
    }
    assert_eq!(seen, before, "every note that was there, once, in order");
    assert!(
        !seen.contains(&uuid(99)),
        "a newer, more urgent note waits for a fresh list"
    );
}

#[tokio::test]
async fn filters_combine_with_paging_and_the_counts_are_the_filters() {
    let server = start().await;
    many_notes(&server, 30).await;
    let (_, token) = staff(&server, Role::Coordinator).await;
    for id in [uuid(2), uuid(4)] {
        ok::<NoteListItem>(status(&server, &token, &id, NoteStatus::InProgress).await).await;
    }

    let pages = walk(&server, &token, "wijk=zuid&status=new&limit=3").await;
    let walked = ids(&pages);
    assert_eq!(
        walked,
        expected_order(&server, "AND wijk = 'zuid' AND status = 'new'").await
    );
    assert_eq!(walked.len(), 13);
    for page in &pages {
        assert!(page.notes.len() <= 3);
        assert!(page
            .notes
            .iter()
            .all(|n| n.routing.wijk == "zuid" && n.status == NoteStatus::New));
        // Counts for every status under the other filters: the whole of zuid.
        assert_eq!((page.counts.new, page.counts.in_progress), (13, 2));
        assert_eq!(page.counts.matching(Some(NoteStatus::New)), 13);
    }

    let pages = walk(&server, &token, "urgency=today&limit=4").await;
    let walked = ids(&pages);
    assert_eq!(
        walked,
        expected_order(&server, "AND urgency = 'today'").await
    );
    assert_eq!(walked.len(), 10);
}

#[tokio::test]
async fn the_page_size_has_a_default_and_a_bound_and_a_bad_cursor_is_refused() {
    let server = start().await;
    many_notes(&server, 210).await;
    let (_, token) = staff(&server, Role::Coordinator).await;

    let page: NoteList = ok(get(&server, &token, "/notes").await).await;
    assert_eq!(page.notes.len(), 50, "50 when no limit is asked");
    assert!(page.next.is_some());
    let page: NoteList = ok(get(&server, &token, "/notes?limit=200").await).await;
    assert_eq!(page.notes.len(), 200);
    assert_eq!(page.counts.matching(None), 210);

    for query in ["limit=0", "limit=201", "limit=100000"] {
        let response = get(&server, &token, &format!("/notes?{query}")).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{query}");
        let error: ApiError = response.json().await.unwrap();
        assert!(
            error.message.contains("1 to 200"),
            "{query}: {}",
            error.message
        );
    }
    for query in ["limit=many", "after=3~x~y", "after=page-2"] {
        let response = get(&server, &token, &format!("/notes?{query}")).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{query}");
        let error: ApiError = response.json().await.unwrap();
        assert!(!error.message.is_empty());
    }
}

/// A body that does not parse gets the app's JSON error, and only after the session
/// and the role were checked: someone without access learns nothing about the body.
#[tokio::test]
async fn a_bad_body_is_a_json_400_after_the_session_and_role_checks() {
    let server = start().await;
    three_notes(&server).await;
    let (_, coordinator) = staff(&server, Role::Coordinator).await;
    let (_, worker) = staff(&server, Role::OutreachWorker).await;
    let url = format!("{}/api/v1/notes/{}/status", server.url, uuid(1));
    let send = |token: Option<&str>, body: &'static str| {
        let mut request = client()
            .post(&url)
            .header("content-type", "application/json")
            .body(body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send()
    };

    let bad = send(Some(&coordinator), r#"{"status": "opened"}"#)
        .await
        .unwrap();
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    let error: ApiError = bad.json().await.unwrap();
    assert_eq!(error.error, "bad_request");
    assert!(error.message.contains("Expected"), "{}", error.message);

    let untyped = client()
        .post(&url)
        .bearer_auth(&coordinator)
        .body(r#"{"status": "in_progress"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(untyped.status(), StatusCode::BAD_REQUEST);
    let error: ApiError = untyped.json().await.unwrap();
    assert_eq!(error.error, "bad_request");

    let forbidden = send(Some(&worker), "not json").await.unwrap();
    assert_eq!(forbidden.status(), StatusCode::FORBIDDEN);
    let anonymous = send(None, "not json").await.unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    let list = get(&server, &worker, "/notes?colour=red").await;
    assert_eq!(list.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_note_goes_to_a_partner_only_if_the_reporter_allowed_it_and_once_per_place() {
    let server = start().await;
    let (_, token) = staff(&server, Role::Coordinator).await;
    let mut private = note(1, Channel::Kiosk);
    if let Change::ConcernNote(request) = &mut private.change {
        request
            .body
            .as_mut()
            .unwrap()
            .consent
            .may_share_with_partners = false;
    }
    let response = push_as(&server, None, vec![private, note(2, Channel::Kiosk)]).await;
    assert_eq!(response.status(), StatusCode::OK);
    let buurtteam = ReferralRequest {
        to: ReferralTarget::Buurtteam,
        activity_id: None,
        note: None,
    };

    let private = uuid(1);
    status(&server, &token, &private, NoteStatus::InProgress).await;
    let response = post(
        &server,
        &token,
        &format!("/notes/{private}/referral"),
        &buurtteam,
    )
    .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let error: ApiError = response.json().await.unwrap();
    assert_eq!(error.message, omzien_server::triage::NOT_SHARED);

    let shared = uuid(2);
    status(&server, &token, &shared, NoteStatus::InProgress).await;
    let path = format!("/notes/{shared}/referral");
    ok::<NoteListItem>(post(&server, &token, &path, &buurtteam).await).await;
    let response = post(&server, &token, &path, &buurtteam).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let error: ApiError = response.json().await.unwrap();
    assert_eq!(error.message, omzien_server::triage::ALREADY_REFERRED);
    // Another place, and "Iets anders" more than once, still can.
    let other = ReferralRequest {
        to: ReferralTarget::Other,
        activity_id: None,
        note: Some("Huisarts gebeld".into()),
    };
    ok::<NoteListItem>(post(&server, &token, &path, &other).await).await;
    ok::<NoteListItem>(post(&server, &token, &path, &other).await).await;
    let walk = ReferralRequest {
        to: ReferralTarget::Activity,
        activity_id: Some("senver-wandelen".into()),
        note: None,
    };
    ok::<NoteListItem>(post(&server, &token, &path, &walk).await).await;
    let response = post(&server, &token, &path, &walk).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM note_referrals WHERE note_id = $1")
        .bind(&shared)
        .fetch_one(&server.pool)
        .await
        .unwrap();
    assert_eq!(count, 4);
}

#[tokio::test]
async fn a_note_made_on_behalf_names_the_worker_who_sent_it() {
    let server = start().await;
    let (worker, worker_token) = staff(&server, Role::OutreachWorker).await;
    let response = push_as(
        &server,
        Some(&worker_token),
        vec![note(1, Channel::OnBehalf)],
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let (_, token) = staff(&server, Role::Coordinator).await;
    let detail: NoteDetail = ok(get(&server, &token, &format!("/notes/{}", uuid(1))).await).await;
    let by = detail.note.pushed_by.expect("the worker is named");
    assert_eq!(by.id, worker);
    assert!(by.email.starts_with("outreach_worker-"), "{}", by.email);
}
