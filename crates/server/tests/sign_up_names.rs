//! "Wie komt er?": `GET /api/v1/catalogue/activities/{id}/sign-ups`. An organiser of
//! the activity's organisation sees every sign-up that is still coming, with a first
//! name and contact detail only where the resident ticked the box; the rest are
//! counted without a name. Editors see the list without names, another organisation's
//! organiser nothing, and every read that shows a name is in the audit log.

mod common;

use common::{count, push_as, sign_in, start_with, uuid, TestServer};
use omzien_core::signup::{Channel, ListedSignUp, Place, SignUpList, SignUpRequest};
use omzien_core::staff::Role;
use omzien_core::wire::{Change, Mutation, Outcome, PushResponse};
use reqwest::StatusCode;

const WALK: &str = "senver-wandelen";

/// Three places on the walk, so a later sign-up goes on the waiting list.
async fn server() -> TestServer {
    start_with(|c| {
        let walk = c.activities.iter_mut().find(|a| a.id == WALK).unwrap();
        walk.capacity = Some(3);
    })
    .await
}

fn sign_up(n: u32, name: &str, party_size: u8, share: bool) -> Mutation {
    Mutation {
        id: uuid(n),
        change: Change::SignUp(SignUpRequest {
            activity_id: WALK.into(),
            first_name: name.into(),
            phone: Some(format!("06 1234567{n}")),
            email: None,
            party_size,
            note: Some("Ik kom met de rollator.".into()),
            channel: Channel::Kiosk,
            consent: true,
            share_with_organiser: share,
            cancel_secret: Some(n.to_string().repeat(64)),
        }),
    }
}

async fn push(server: &TestServer, mutations: Vec<Mutation>) -> Vec<Outcome> {
    let response = push_as(server, None, mutations).await;
    assert_eq!(response.status(), StatusCode::OK);
    let results = response.json::<PushResponse>().await.unwrap().results;
    results.into_iter().map(|r| r.outcome).collect()
}

async fn list(server: &TestServer, token: &str, id: &str) -> reqwest::Response {
    common::client()
        .get(format!(
            "{}/api/v1/catalogue/activities/{id}/sign-ups",
            server.url
        ))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
}

async fn organiser(server: &TestServer, email: &str, organisations: &[&str]) -> (i64, String) {
    let id = common::add_organiser(server, email, organisations).await;
    (id, sign_in(server, email).await)
}

/// Joke (2, shared) and Piet (1, not shared) take the three places; Anna (2, shared)
/// goes on the waiting list; Klaas (shared) cancels.
async fn four_sign_ups(server: &TestServer) {
    let outcomes = push(
        server,
        vec![
            sign_up(1, "Joke", 2, true),
            sign_up(2, "Piet", 1, false),
            sign_up(3, "Anna", 2, true),
        ],
    )
    .await;
    assert_eq!(
        outcomes,
        [Outcome::Confirmed, Outcome::Confirmed, Outcome::WaitingList]
    );
    push(server, vec![sign_up(4, "Klaas", 1, true)]).await;
    let cancel = Mutation {
        id: uuid(5),
        change: Change::CancelSignUp {
            sign_up_id: uuid(4),
            secret: Some("4".repeat(64)),
        },
    };
    push(server, vec![cancel]).await;
}

#[tokio::test]
async fn an_organiser_sees_shared_names_and_counts_the_rest_without_a_name() {
    let server = server().await;
    four_sign_ups(&server).await;
    let (anja, token) = organiser(&server, "anja@senver.example", &["senver"]).await;

    let response = list(&server, &token, WALK).await;
    assert_eq!(response.status(), StatusCode::OK);
    let text = response.text().await.unwrap();
    for never in ["Piet", "06 12345672", "Klaas", "rollator"] {
        assert!(!text.contains(never), "{never} in {text}");
    }
    let list: SignUpList = serde_json::from_str(&text).unwrap();
    assert!(list.names_for_you);
    let seen: Vec<(Option<&str>, Option<&str>, u8, Place)> = list
        .sign_ups
        .iter()
        .map(|s| {
            (
                s.first_name.as_deref(),
                s.phone.as_deref(),
                s.party_size,
                s.place,
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            (Some("Joke"), Some("06 12345671"), 2, Place::Confirmed),
            (None, None, 1, Place::Confirmed),
            (Some("Anna"), Some("06 12345673"), 2, Place::WaitingList),
        ]
    );
    assert!(list.sign_ups.iter().all(|s| s.signed_up_at.ends_with('Z')));

    // The read that showed two names is in the audit log, one row per read.
    let rows: Vec<(i64, String, i64)> =
        sqlx::query_as("SELECT user_id, activity_id, names FROM sign_up_audit")
            .fetch_all(&server.pool)
            .await
            .unwrap();
    assert_eq!(rows, [(anja, WALK.to_owned(), 2)]);
    list_again(&server, &token).await;
    assert_eq!(
        count(&server, "SELECT COUNT(*) FROM sign_up_audit").await,
        2
    );
}

async fn list_again(server: &TestServer, token: &str) {
    assert_eq!(list(server, token, WALK).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_list_without_shared_names_counts_everyone_and_is_not_audited() {
    let server = server().await;
    push(
        &server,
        vec![sign_up(1, "Piet", 1, false), sign_up(2, "Truus", 2, false)],
    )
    .await;
    let (_, token) = organiser(&server, "anja@senver.example", &["senver"]).await;
    let list: SignUpList = list(&server, &token, WALK).await.json().await.unwrap();
    assert_eq!(list.sign_ups.len(), 2);
    assert!(list.sign_ups.iter().all(|s| s
        == &ListedSignUp {
            first_name: None,
            phone: None,
            email: None,
            ..s.clone()
        }));
    assert_eq!(
        list.sign_ups.iter().map(|s| s.party_size).sum::<u8>(),
        3,
        "everyone counted"
    );
    assert_eq!(
        count(&server, "SELECT COUNT(*) FROM sign_up_audit").await,
        0
    );
}

#[tokio::test]
async fn a_sign_up_queued_before_the_box_existed_stays_without_a_name() {
    let server = server().await;
    // The JSON a device queued before the field existed.
    let old = serde_json::json!({"mutations": [{"id": uuid(1), "change": {"sign_up": {
        "activity_id": WALK, "first_name": "Joke", "phone": "06 12345678",
        "party_size": 1, "channel": "self", "consent": true}}}]});
    let response = common::client()
        .post(format!("{}/api/v1/sync/push", server.url))
        .json(&old)
        .send()
        .await
        .unwrap();
    let results = response.json::<PushResponse>().await.unwrap().results;
    assert_eq!(results[0].outcome, Outcome::Confirmed);
    let (_, token) = organiser(&server, "anja@senver.example", &["senver"]).await;
    let list: SignUpList = list(&server, &token, WALK).await.json().await.unwrap();
    assert_eq!(list.sign_ups.len(), 1);
    assert_eq!(list.sign_ups[0].first_name, None);
}

#[tokio::test]
async fn editors_coordinators_and_admins_see_the_list_without_names() {
    let server = server().await;
    four_sign_ups(&server).await;
    for role in [Role::Editor, Role::Coordinator, Role::Admin] {
        let (_, token) = common::staff(&server, role).await;
        let response = list(&server, &token, WALK).await;
        assert_eq!(response.status(), StatusCode::OK, "{role:?}");
        let text = response.text().await.unwrap();
        for never in ["Joke", "Anna", "06 1234567"] {
            assert!(!text.contains(never), "{role:?}: {never} in {text}");
        }
        let list: SignUpList = serde_json::from_str(&text).unwrap();
        assert!(!list.names_for_you);
        assert_eq!(list.sign_ups.len(), 3, "{role:?}");
    }
    assert_eq!(
        count(&server, "SELECT COUNT(*) FROM sign_up_audit").await,
        0
    );
}

#[tokio::test]
async fn another_organisations_organiser_and_guessed_ids_are_refused() {
    let server = server().await;
    four_sign_ups(&server).await;
    let (_, versa) = organiser(&server, "vera@versa.example", &["versa-welzijn"]).await;
    let response = list(&server, &versa, WALK).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let text = response.text().await.unwrap();
    assert!(!text.contains("Joke"), "{text}");
    // Her own activity is hers to read; an id that is no activity is not found, for
    // her as for the activity's own organisers.
    let response = list(&server, &versa, "versa-vakantieactiviteiten").await;
    assert_eq!(response.status(), StatusCode::OK);
    let (_, anja) = organiser(&server, "anja@senver.example", &["senver"]).await;
    for (token, id, status) in [
        (&anja, "versa-vakantieactiviteiten", StatusCode::FORBIDDEN),
        (&anja, "bestaat-niet", StatusCode::NOT_FOUND),
        (&versa, "bestaat-niet", StatusCode::NOT_FOUND),
        (
            &anja,
            "senver-wandelen%2F..%2Fversa-opbouwwerk",
            StatusCode::NOT_FOUND,
        ),
    ] {
        assert_eq!(list(&server, token, id).await.status(), status, "{id}");
    }
    assert_eq!(
        count(&server, "SELECT COUNT(*) FROM sign_up_audit").await,
        0
    );
}
