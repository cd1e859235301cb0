//! The test-only fault switch (`OMZIEN_TEST_FAULTS`): a push whose answer is lost after
//! its transaction committed. The client sees no answer at all; the data is stored;
//! sending the same mutation again is answered from the first application.

mod common;

use std::time::Duration;

use common::{client, start_faulty, TestServer};
use omzien_core::signup::{Channel, SignUpRequest};
use omzien_core::wire::{Change, Mutation, Outcome, PushRequest, PushResponse};
use omzien_server::faults::FaultPlan;
use reqwest::StatusCode;

fn sign_up() -> PushRequest {
    PushRequest {
        mutations: vec![Mutation {
            id: "00000000-0000-4000-8000-000000000001".into(),
            change: Change::SignUp(SignUpRequest {
                activity_id: "senver-wandelen".into(),
                first_name: "Joke".into(),
                phone: Some("06 12345678".into()),
                email: None,
                party_size: 1,
                note: None,
                channel: Channel::Own,
                consent: true,
                share_with_organiser: false,
                cancel_secret: None,
            }),
        }],
    }
}

fn send(server: &TestServer) -> reqwest::RequestBuilder {
    client()
        .post(format!("{}/api/v1/sync/push", server.url))
        .json(&sign_up())
}

/// As a browser asks: compression must not change how the answer is lost.
fn send_compressed(server: &TestServer) -> reqwest::RequestBuilder {
    send(server).header("accept-encoding", "br, gzip")
}

async fn connection_header(server: &TestServer) -> Option<String> {
    let response = client()
        .get(format!("{}/api/v1/health", server.url))
        .send()
        .await
        .unwrap();
    response
        .headers()
        .get("connection")
        .map(|v| v.to_str().unwrap().to_owned())
}

async fn rows(server: &TestServer, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(&server.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_dropped_answer_after_commit_is_stored_once_and_replayed() {
    let server = start_faulty(FaultPlan {
        drop_push_response_after_commit: 1,
        ..FaultPlan::default()
    })
    .await;

    // While a fault is to come, no connection is kept alive (a browser would quietly
    // resend on a kept-alive one and hide the loss).
    assert_eq!(connection_header(&server).await.as_deref(), Some("close"));

    let lost = send_compressed(&server).send().await;
    let error = lost.expect_err("the first push must get no HTTP response at all");
    assert!(!error.is_timeout(), "closed, not timed out: {error}");
    assert_eq!(rows(&server, "sign_ups").await, 1);
    assert_eq!(rows(&server, "applied_mutations").await, 1);

    let again = send(&server).send().await.unwrap();
    assert_eq!(again.status(), StatusCode::OK);
    let results = again.json::<PushResponse>().await.unwrap().results;
    assert_eq!(results[0].outcome, Outcome::Confirmed);
    assert!(results[0].replayed);
    assert_eq!(rows(&server, "sign_ups").await, 1);
    assert_eq!(rows(&server, "applied_mutations").await, 1);
    assert_eq!(connection_header(&server).await, None);
}

#[tokio::test]
async fn a_hung_push_is_committed_but_never_answered() {
    let server = start_faulty(FaultPlan {
        hang_push_after_commit: 1,
        ..FaultPlan::default()
    })
    .await;

    let hung = send_compressed(&server)
        .timeout(Duration::from_secs(2))
        .send()
        .await;
    assert!(hung.expect_err("no answer").is_timeout());
    assert_eq!(rows(&server, "sign_ups").await, 1);

    let again = send(&server).send().await.unwrap();
    let results = again.json::<PushResponse>().await.unwrap().results;
    assert!(results[0].replayed);
    assert_eq!(rows(&server, "sign_ups").await, 1);
}
