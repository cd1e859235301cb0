//! `POST /api/v1/sync/push` over real HTTP with a real SQLite file: each mutation
//! applied at most once, capacity decided atomically, bad input answered clearly.

mod common;

use common::{client, start, start_with, TestServer};
use omzien_core::signup::{Channel, ContactNeed, SignUpField, SignUpRequest};
use omzien_core::wire::{
    ApiError, Change, Mutation, MutationResult, Outcome, PushRequest, PushResponse, Refusal,
};
use reqwest::StatusCode;

const WALK: &str = "senver-wandelen";

fn uuid(n: u32) -> String {
    format!("00000000-0000-4000-8000-{n:012x}")
}

/// The cancel secret the device made with sign-up `n`.
fn secret(n: u32) -> String {
    format!("{n:0>64x}")
}

fn sign_up(n: u32, party_size: u8) -> Mutation {
    Mutation {
        id: uuid(n),
        change: Change::SignUp(SignUpRequest {
            activity_id: WALK.into(),
            first_name: "Joke".into(),
            phone: Some("06 12345678".into()),
            email: None,
            party_size,
            note: Some("Ik loop met een rollator.".into()),
            channel: Channel::Kiosk,
            consent: true,
            share_with_organiser: false,
            cancel_secret: Some(secret(n)),
        }),
    }
}

fn cancel(n: u32, of: u32) -> Mutation {
    Mutation {
        id: uuid(n),
        change: Change::CancelSignUp {
            sign_up_id: uuid(of),
            secret: Some(secret(of)),
        },
    }
}

async fn push(server: &TestServer, mutations: Vec<Mutation>) -> Vec<MutationResult> {
    let response = client()
        .post(format!("{}/api/v1/sync/push", server.url))
        .json(&PushRequest { mutations })
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    response.json::<PushResponse>().await.unwrap().results
}

async fn rows(server: &TestServer, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&server.pool)
        .await
        .unwrap()
}

async fn with_capacity(places: u32) -> TestServer {
    start_with(|c| {
        let walk = c.activities.iter_mut().find(|a| a.id == WALK).unwrap();
        walk.capacity = Some(places);
    })
    .await
}

#[tokio::test]
async fn a_sign_up_is_confirmed_and_stored_once() {
    let server = start().await;
    let results = push(&server, vec![sign_up(1, 2)]).await;
    assert_eq!(results[0].outcome, Outcome::Confirmed);
    assert!(!results[0].replayed);
    assert_eq!(rows(&server, "SELECT COUNT(*) FROM sign_ups").await, 1);
    let note: String = sqlx::query_scalar("SELECT note FROM sign_ups")
        .fetch_one(&server.pool)
        .await
        .unwrap();
    assert_eq!(note, "Ik loop met een rollator.");
}

#[tokio::test]
async fn push_twice_applies_once_and_repeats_the_first_answer() {
    let server = with_capacity(2).await;
    let first = push(&server, vec![sign_up(1, 2)]).await;
    // The place is now taken: a second application would go on the waiting list.
    let again = push(&server, vec![sign_up(1, 2)]).await;
    assert_eq!(again[0].outcome, first[0].outcome);
    assert!(again[0].replayed);
    assert_eq!(rows(&server, "SELECT COUNT(*) FROM sign_ups").await, 1);
    assert_eq!(
        rows(&server, "SELECT COUNT(*) FROM applied_mutations").await,
        1
    );
}

#[tokio::test]
async fn the_same_id_twice_in_one_batch_is_applied_once() {
    let server = start().await;
    let results = push(&server, vec![sign_up(1, 1), sign_up(1, 1)]).await;
    assert_eq!(results.len(), 2);
    assert!(!results[0].replayed);
    assert!(results[1].replayed);
    assert_eq!(rows(&server, "SELECT COUNT(*) FROM sign_ups").await, 1);
}

#[tokio::test]
async fn a_full_activity_puts_people_on_the_waiting_list() {
    let server = with_capacity(3).await;
    let results = push(&server, vec![sign_up(1, 2), sign_up(2, 2), sign_up(3, 1)]).await;
    let outcomes: Vec<_> = results.into_iter().map(|r| r.outcome).collect();
    assert_eq!(
        outcomes,
        [Outcome::Confirmed, Outcome::WaitingList, Outcome::Confirmed]
    );
}

#[tokio::test]
async fn concurrent_pushes_never_overbook() {
    let server = with_capacity(5).await;
    let pushes = (0..20).map(|n| {
        let url = format!("{}/api/v1/sync/push", server.url);
        async move {
            client()
                .post(url)
                .json(&PushRequest {
                    mutations: vec![sign_up(n, 1)],
                })
                .send()
                .await
                .unwrap()
                .json::<PushResponse>()
                .await
                .unwrap()
        }
    });
    let answers = futures_join_all(pushes).await;
    let confirmed = answers
        .iter()
        .filter(|a| a.results[0].outcome == Outcome::Confirmed)
        .count();
    assert_eq!(confirmed, 5);
    assert_eq!(
        rows(
            &server,
            "SELECT CAST(SUM(party_size) AS BIGINT) FROM sign_ups WHERE place = 'confirmed'"
        )
        .await,
        5
    );
}

/// Runs futures at once on the test runtime.
async fn futures_join_all<F>(futures: impl Iterator<Item = F>) -> Vec<F::Output>
where
    F: std::future::Future + Send + 'static,
    F::Output: Send + 'static,
{
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut outputs = Vec::new();
    for handle in handles {
        outputs.push(handle.await.unwrap());
    }
    outputs
}

#[tokio::test]
async fn one_refused_item_never_blocks_the_rest() {
    let server = start().await;
    let mut bad = sign_up(2, 1);
    if let Change::SignUp(r) = &mut bad.change {
        r.first_name.clear();
        r.consent = false;
    }
    let mut unknown = sign_up(3, 1);
    if let Change::SignUp(r) = &mut unknown.change {
        r.activity_id = "bestaat-niet".into();
    }
    let mut bad_id = sign_up(4, 1);
    bad_id.id = "not-a-uuid".into();
    let results = push(
        &server,
        vec![sign_up(1, 1), bad, unknown, bad_id, sign_up(5, 1)],
    )
    .await;

    assert_eq!(results[0].outcome, Outcome::Confirmed);
    match &results[1].outcome {
        Outcome::Refused {
            reason: Refusal::Invalid,
            errors,
        } => {
            let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
            assert_eq!(fields, [SignUpField::FirstName, SignUpField::Consent]);
            assert!(errors[0].message.contains("voornaam"));
        }
        other => panic!("expected invalid, got {other:?}"),
    }
    assert!(matches!(
        results[2].outcome,
        Outcome::Refused {
            reason: Refusal::UnknownActivity,
            ..
        }
    ));
    assert!(matches!(
        results[3].outcome,
        Outcome::Refused {
            reason: Refusal::BadId,
            ..
        }
    ));
    assert_eq!(results[4].outcome, Outcome::Confirmed);
    assert_eq!(rows(&server, "SELECT COUNT(*) FROM sign_ups").await, 2);
    // Refusals are answers: a retry gets the same refusal, not a second try.
    let again = push(&server, vec![sign_up(1, 1)]).await;
    assert!(again[0].replayed);
}

#[tokio::test]
async fn the_activity_decides_which_contact_detail_is_needed() {
    let server = start_with(|c| {
        let walk = c.activities.iter_mut().find(|a| a.id == WALK).unwrap();
        walk.sign_up_contact = ContactNeed::Phone;
    })
    .await;
    let mut by_email = sign_up(1, 1);
    if let Change::SignUp(request) = &mut by_email.change {
        request.phone = None;
        request.email = Some("joke@voorbeeld.nl".into());
    }
    let results = push(&server, vec![by_email, sign_up(2, 1)]).await;
    match &results[0].outcome {
        Outcome::Refused {
            reason: Refusal::Invalid,
            errors,
        } => {
            let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
            assert_eq!(fields, vec![SignUpField::Phone, SignUpField::Email]);
        }
        other => panic!("expected a refusal naming the phone field, got {other:?}"),
    }
    assert_eq!(results[1].outcome, Outcome::Confirmed);
    assert_eq!(rows(&server, "SELECT COUNT(*) FROM sign_ups").await, 1);
}

#[tokio::test]
async fn cancelling_frees_the_places() {
    let server = with_capacity(2).await;
    push(&server, vec![sign_up(1, 2)]).await;
    let results = push(&server, vec![cancel(2, 1), sign_up(3, 2)]).await;
    assert_eq!(results[0].outcome, Outcome::Cancelled);
    assert_eq!(results[1].outcome, Outcome::Confirmed);
    // Cancelling again (from another device) says the same; an unknown one is refused.
    let results = push(&server, vec![cancel(4, 1), cancel(5, 99)]).await;
    assert_eq!(results[0].outcome, Outcome::Cancelled);
    assert!(matches!(
        results[1].outcome,
        Outcome::Refused {
            reason: Refusal::UnknownSignUp,
            ..
        }
    ));
    // The kept count agrees with the sign-ups themselves.
    let counted = rows(
        &server,
        "SELECT COALESCE(CAST(SUM(party_size) AS BIGINT), 0) FROM sign_ups \
         WHERE place = 'confirmed' AND cancelled_at IS NULL",
    )
    .await;
    assert_eq!(counted, 2);
    assert_eq!(
        rows(&server, "SELECT taken FROM places_taken").await,
        counted
    );
}

#[tokio::test]
async fn a_sign_up_and_its_cancellation_in_one_push() {
    let server = with_capacity(1).await;
    let results = push(&server, vec![sign_up(1, 1), cancel(2, 1), sign_up(3, 1)]).await;
    let outcomes: Vec<_> = results.into_iter().map(|r| r.outcome).collect();
    assert_eq!(
        outcomes,
        [Outcome::Confirmed, Outcome::Cancelled, Outcome::Confirmed]
    );
    assert_eq!(
        rows(
            &server,
            "SELECT COUNT(*) FROM sign_ups WHERE cancelled_at IS NOT NULL"
        )
        .await,
        1
    );
    assert_eq!(rows(&server, "SELECT taken FROM places_taken").await, 1);
}

async fn raw_push(server: &TestServer, body: String) -> (StatusCode, ApiError) {
    let response = client()
        .post(format!("{}/api/v1/sync/push", server.url))
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap();
    let status = response.status();
    (status, response.json().await.unwrap())
}

#[tokio::test]
async fn oversized_and_malformed_pushes_get_clear_json_errors() {
    let server = start().await;

    let too_many: Vec<_> = (0..101).map(|n| sign_up(n, 1)).collect();
    let body = serde_json::to_string(&PushRequest {
        mutations: too_many,
    })
    .unwrap();
    let (status, error) = raw_push(&server, body).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(error.message.contains("at most 100"), "{}", error.message);

    let huge = format!(
        r#"{{"mutations": [], "pad": "{}"}}"#,
        "x".repeat(1100 * 1024)
    );
    let (status, error) = raw_push(&server, huge).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(error.error, "too_large");

    let (status, error) = raw_push(&server, r#"{"mutations": [{"id": 5}]}"#.into()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(error.message.contains("Expected"), "{}", error.message);
    assert_eq!(
        rows(&server, "SELECT COUNT(*) FROM applied_mutations").await,
        0
    );
}

#[tokio::test]
async fn a_shared_self_test_result_is_counted_once_and_nothing_else_kept() {
    use omzien_core::wire::SharedResult;
    let share = |n, wijk: Option<&str>, social| Mutation {
        id: uuid(n),
        change: Change::SelfTestResult(SharedResult {
            wijk: wijk.map(str::to_owned),
            emotional: 1,
            social,
        }),
    };
    let server = start().await;
    let results = push(
        &server,
        vec![
            share(1, Some("centrum"), 3),
            share(2, None, 0),
            share(3, Some("atlantis"), 1),
            share(4, None, 4),
        ],
    )
    .await;
    assert_eq!(results[0].outcome, Outcome::Received);
    assert_eq!(results[1].outcome, Outcome::Received);
    for refused in &results[2..] {
        assert!(
            matches!(
                &refused.outcome,
                Outcome::Refused {
                    reason: Refusal::Invalid,
                    ..
                }
            ),
            "{refused:?}"
        );
    }
    let again = push(&server, vec![share(1, Some("centrum"), 3)]).await;
    assert!(again[0].replayed);
    // Counts only: nothing that keeps the order or the moment of a share.
    let counts: Vec<(String, String, i64, i64, i64)> = sqlx::query_as(
        "SELECT month, wijk, emotional, social, count FROM self_test_counts ORDER BY wijk",
    )
    .fetch_all(&server.pool)
    .await
    .unwrap();
    assert_eq!(counts.len(), 2);
    assert_eq!(counts[0].1, "", "no wijk given");
    let centrum = &counts[1];
    assert_eq!(
        (centrum.1.as_str(), centrum.2, centrum.3, centrum.4),
        ("centrum", 1, 3, 1)
    );
    assert_eq!(centrum.0.len(), 7, "only the month: {}", centrum.0);
    let again = push(&server, vec![share(5, Some("centrum"), 3)]).await;
    assert_eq!(again[0].outcome, Outcome::Received);
    let total: i64 = sqlx::query_scalar(
        "SELECT CAST(SUM(count) AS BIGINT) FROM self_test_counts WHERE wijk = 'centrum'",
    )
    .fetch_one(&server.pool)
    .await
    .unwrap();
    assert_eq!(total, 2);
}
