//! Who may cancel a sign-up (issue 16, item 5): its device, with the secret it made
//! with the sign-up, or the staff member who pushed it, with her session. Anyone else
//! gets the answer an unknown id gets, so nobody learns which ids exist.

mod common;

use common::{client, count, push_as, staff, start_with, uuid, TestServer};
use omzien_core::signup::{Channel, SignUpRequest};
use omzien_core::staff::Role;
use omzien_core::wire::{Change, Mutation, MutationResult, Outcome, PushResponse, Refusal};
use reqwest::StatusCode;
use sha2::{Digest, Sha256};

const WALK: &str = "senver-wandelen";

async fn server() -> TestServer {
    start_with(|c| {
        let walk = c.activities.iter_mut().find(|a| a.id == WALK).unwrap();
        walk.capacity = Some(2);
    })
    .await
}

/// The secret the device made with sign-up `n`.
fn secret(n: u32) -> String {
    format!("{:064x}", u128::from(n) * 0x9e37_79b9_7f4a_7c15)
}

fn sign_up_with(n: u32, channel: Channel, cancel_secret: Option<String>) -> Mutation {
    Mutation {
        id: uuid(n),
        change: Change::SignUp(SignUpRequest {
            activity_id: WALK.into(),
            first_name: "Joke".into(),
            phone: Some("06 12345678".into()),
            email: None,
            party_size: 2,
            note: None,
            channel,
            consent: true,
            share_with_organiser: false,
            cancel_secret,
        }),
    }
}

fn sign_up(n: u32) -> Mutation {
    sign_up_with(n, Channel::Own, Some(secret(n)))
}

fn cancel(n: u32, of: u32, secret: Option<String>) -> Mutation {
    Mutation {
        id: uuid(n),
        change: Change::CancelSignUp {
            sign_up_id: uuid(of),
            secret,
        },
    }
}

async fn push(server: &TestServer, token: Option<&str>, mutations: Vec<Mutation>) -> PushResponse {
    let response = push_as(server, token, mutations).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

async fn outcome(server: &TestServer, token: Option<&str>, mutation: Mutation) -> Outcome {
    push(server, token, vec![mutation]).await.results[0]
        .outcome
        .clone()
}

fn refused() -> Outcome {
    Outcome::Refused {
        reason: Refusal::UnknownSignUp,
        errors: vec![],
    }
}

async fn cancelled(server: &TestServer, n: u32) -> bool {
    let sql = format!(
        "SELECT COUNT(*) FROM sign_ups WHERE id = '{}' AND cancelled_at IS NOT NULL",
        uuid(n)
    );
    count(server, &sql).await == 1
}

async fn taken(server: &TestServer) -> i64 {
    count(
        server,
        &format!("SELECT COALESCE(MAX(taken), 0) FROM places_taken WHERE activity_id = '{WALK}'"),
    )
    .await
}

#[tokio::test]
async fn a_device_cancels_its_sign_up_with_the_secret_it_made() {
    let server = server().await;
    assert_eq!(outcome(&server, None, sign_up(1)).await, Outcome::Confirmed);
    assert_eq!(taken(&server).await, 2);
    assert_eq!(
        outcome(&server, None, cancel(2, 1, Some(secret(1)))).await,
        Outcome::Cancelled
    );
    assert!(cancelled(&server, 1).await);
    assert_eq!(taken(&server).await, 0, "the places are free again");
}

#[tokio::test]
async fn only_the_secrets_sha256_is_stored() {
    let server = server().await;
    outcome(&server, None, sign_up(1)).await;
    let stored: Vec<u8> =
        sqlx::query_scalar("SELECT cancel_secret_sha256 FROM sign_ups WHERE id = $1")
            .bind(uuid(1))
            .fetch_one(&server.pool)
            .await
            .unwrap();
    assert_eq!(stored, Sha256::digest(secret(1).as_bytes()).to_vec());
    let anywhere: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM sign_ups WHERE CAST(cancel_secret_sha256 AS TEXT) LIKE '%' || $1 || '%' \
         OR COALESCE(note, '') LIKE '%' || $2 || '%'",
    )
    .bind(secret(1))
    .bind(secret(1))
    .fetch_one(&server.pool)
    .await
    .unwrap();
    assert_eq!(anywhere, 0);
}

#[tokio::test]
async fn an_anonymous_cancel_with_a_wrong_or_missing_secret_is_refused() {
    let server = server().await;
    outcome(&server, None, sign_up(1)).await;
    let wrong = outcome(&server, None, cancel(2, 1, Some(secret(99)))).await;
    assert_eq!(wrong, refused());
    let missing = outcome(&server, None, cancel(3, 1, None)).await;
    assert_eq!(missing, refused(), "an old app's cancel has no secret");
    let empty = outcome(&server, None, cancel(4, 1, Some(String::new()))).await;
    assert_eq!(empty, refused());
    let almost = {
        let mut s = secret(1);
        s.replace_range(63.., "f");
        s
    };
    assert_ne!(almost, secret(1));
    assert_eq!(
        outcome(&server, None, cancel(5, 1, Some(almost))).await,
        refused()
    );
    assert!(!cancelled(&server, 1).await, "the sign-up stands");
    assert_eq!(taken(&server).await, 2);
    // Its own device still cancels it.
    assert_eq!(
        outcome(&server, None, cancel(6, 1, Some(secret(1)))).await,
        Outcome::Cancelled
    );
}

#[tokio::test]
async fn an_unknown_id_and_a_wrong_secret_get_the_very_same_answer() {
    let server = server().await;
    outcome(&server, None, sign_up(1)).await;
    let server = &server;
    let answer = |of: u32, n: u32| async move {
        let response = push_as(server, None, vec![cancel(n, of, Some(secret(7)))]).await;
        let status = response.status();
        let mut body: serde_json::Value = response.json().await.unwrap();
        // The only difference allowed: the id of the cancel itself.
        body["results"][0]["id"] = serde_json::Value::Null;
        (status, body)
    };
    let wrong_secret = answer(1, 2).await;
    let unknown_id = answer(99, 3).await;
    assert_eq!(wrong_secret, unknown_id);
    assert_eq!(wrong_secret.0, StatusCode::OK);
    assert_eq!(
        wrong_secret.1["results"][0]["outcome"],
        serde_json::json!({"refused": {"reason": "unknown_sign_up"}})
    );
    // Also once the sign-up is cancelled: a stranger cannot tell that either.
    outcome(server, None, cancel(4, 1, Some(secret(1)))).await;
    assert_eq!(answer(1, 5).await, unknown_id);
}

#[tokio::test]
async fn an_old_apps_cancel_without_a_secret_on_the_wire_is_refused() {
    let server = server().await;
    outcome(&server, None, sign_up(1)).await;
    let body = format!(
        r#"{{"mutations":[{{"id":"{}","change":{{"cancel_sign_up":{{"sign_up_id":"{}"}}}}}}]}}"#,
        uuid(2),
        uuid(1)
    );
    let response = client()
        .post(format!("{}/api/v1/sync/push", server.url))
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let answer: PushResponse = response.json().await.unwrap();
    assert_eq!(answer.results[0].outcome, refused());
    assert!(!cancelled(&server, 1).await);
}

#[tokio::test]
async fn a_sign_up_from_before_secrets_is_not_cancelled_by_anyone_anonymous() {
    let server = server().await;
    // What an app of before this change queued: no secret.
    outcome(&server, None, sign_up_with(1, Channel::Kiosk, None)).await;
    for (n, guess) in [(2, None), (3, Some(secret(1))), (4, Some(String::new()))] {
        assert_eq!(outcome(&server, None, cancel(n, 1, guess)).await, refused());
    }
    assert!(!cancelled(&server, 1).await);
}

#[tokio::test]
async fn a_replayed_cancel_is_applied_once() {
    let server = server().await;
    push(&server, None, vec![sign_up(1), sign_up(2)]).await;
    assert_eq!(taken(&server).await, 4 - 2, "the second one waits");
    let first = push(&server, None, vec![cancel(3, 1, Some(secret(1)))]).await;
    let again = push(&server, None, vec![cancel(3, 1, Some(secret(1)))]).await;
    assert_eq!(
        first.results,
        vec![MutationResult {
            id: uuid(3),
            outcome: Outcome::Cancelled,
            replayed: false
        }]
    );
    assert_eq!(again.results[0].outcome, Outcome::Cancelled);
    assert!(again.results[0].replayed);
    assert_eq!(taken(&server).await, 0, "freed once, not twice");
    assert_eq!(
        count(
            &server,
            "SELECT COUNT(*) FROM sign_ups WHERE cancelled_at IS NOT NULL"
        )
        .await,
        1
    );
    // A refused cancel replayed stays refused, even with the secret put in afterwards:
    // its id was answered.
    assert_eq!(outcome(&server, None, cancel(4, 2, None)).await, refused());
    assert_eq!(
        outcome(&server, None, cancel(4, 2, Some(secret(2)))).await,
        refused()
    );
    assert!(!cancelled(&server, 2).await);
}

#[tokio::test]
async fn a_sign_up_and_its_cancel_in_one_push_need_the_secret_too() {
    let server = server().await;
    let results = push(
        &server,
        None,
        vec![
            sign_up(1),
            cancel(2, 1, Some(secret(2))),
            cancel(3, 1, Some(secret(1))),
        ],
    )
    .await;
    let outcomes: Vec<_> = results.results.into_iter().map(|r| r.outcome).collect();
    assert_eq!(
        outcomes,
        [Outcome::Confirmed, refused(), Outcome::Cancelled]
    );
    assert!(cancelled(&server, 1).await);
    assert_eq!(taken(&server).await, 0);
}

#[tokio::test]
async fn a_sign_up_with_a_guessable_secret_is_not_taken() {
    let server = server().await;
    let weak = sign_up_with(1, Channel::Own, Some("1234".into()));
    assert!(matches!(
        outcome(&server, None, weak).await,
        Outcome::Refused {
            reason: Refusal::Invalid,
            ..
        }
    ));
    assert_eq!(count(&server, "SELECT COUNT(*) FROM sign_ups").await, 0);
}

#[tokio::test]
async fn a_worker_cancels_her_on_behalf_sign_up_with_her_session() {
    let server = server().await;
    let (_, worker) = staff(&server, Role::OutreachWorker).await;
    // With a secret (made on her tablet) and one from before secrets, without.
    let results = push(
        &server,
        Some(&worker),
        vec![
            sign_up_with(1, Channel::OnBehalf, Some(secret(1))),
            sign_up_with(2, Channel::OnBehalf, None),
        ],
    )
    .await;
    assert_eq!(results.results[1].outcome, Outcome::WaitingList);

    // Nobody else's session will do, and without one it is refused like any stranger.
    let (_, colleague) = staff(&server, Role::OutreachWorker).await;
    let (_, coordinator) = staff(&server, Role::Coordinator).await;
    let (_, admin) = staff(&server, Role::Admin).await;
    assert_eq!(outcome(&server, None, cancel(3, 2, None)).await, refused());
    assert_eq!(
        outcome(&server, Some(&colleague), cancel(4, 2, None)).await,
        refused()
    );
    assert_eq!(
        outcome(&server, Some(&coordinator), cancel(5, 2, None)).await,
        refused()
    );
    assert_eq!(
        outcome(&server, Some(&admin), cancel(6, 1, None)).await,
        refused()
    );
    assert!(!cancelled(&server, 1).await && !cancelled(&server, 2).await);

    // Her own session cancels both, the secret is not needed.
    assert_eq!(
        outcome(&server, Some(&worker), cancel(7, 2, None)).await,
        Outcome::Cancelled
    );
    assert_eq!(
        outcome(&server, Some(&worker), cancel(8, 1, Some(secret(99)))).await,
        Outcome::Cancelled
    );
    assert!(cancelled(&server, 1).await && cancelled(&server, 2).await);
    assert_eq!(taken(&server).await, 0);
}

#[tokio::test]
async fn the_device_of_an_on_behalf_sign_up_cancels_it_signed_out() {
    let server = server().await;
    let (_, worker) = staff(&server, Role::OutreachWorker).await;
    push(
        &server,
        Some(&worker),
        vec![sign_up_with(1, Channel::OnBehalf, Some(secret(1)))],
    )
    .await;
    // Her tablet sends the cancel after she signed out: the secret is enough.
    assert_eq!(
        outcome(&server, None, cancel(2, 1, Some(secret(1)))).await,
        Outcome::Cancelled
    );
}
