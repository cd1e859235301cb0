//! Concern notes through `POST /api/v1/sync/push`: at most once like sign-ups, the body
//! stored apart from the routing fields, and "on behalf" items only with a staff session
//! — refused whole, and nothing stored, without one.

mod common;

use common::{count, note, push_as, staff, start, uuid, TestServer};
use omzien_core::form::Field;
use omzien_core::note::NoteBody;
use omzien_core::signup::{Channel, SignUpRequest};
use omzien_core::staff::Role;
use omzien_core::wire::{ApiError, Change, Mutation, Outcome, PushResponse, Refusal};
use reqwest::StatusCode;

async fn results(response: reqwest::Response) -> PushResponse {
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

fn on_behalf_sign_up(n: u32) -> Mutation {
    Mutation {
        id: uuid(n),
        change: Change::SignUp(SignUpRequest {
            activity_id: "senver-wandelen".into(),
            first_name: "Joke".into(),
            phone: Some("06 12345678".into()),
            email: None,
            party_size: 1,
            note: None,
            channel: Channel::OnBehalf,
            consent: true,
            share_with_organiser: false,
            cancel_secret: None,
        }),
    }
}

async fn nothing_stored(server: &TestServer) {
    assert_eq!(count(server, "SELECT COUNT(*) FROM concern_notes").await, 0);
    assert_eq!(count(server, "SELECT COUNT(*) FROM sign_ups").await, 0);
    assert_eq!(
        count(server, "SELECT COUNT(*) FROM applied_mutations").await,
        0
    );
}

#[tokio::test]
async fn a_note_is_received_once_and_a_replay_gets_the_same_answer() {
    let server = start().await;
    let first = results(push_as(&server, None, vec![note(1, Channel::Kiosk)]).await).await;
    assert_eq!(first.results[0].outcome, Outcome::Received);
    assert!(!first.results[0].replayed);
    let again = results(push_as(&server, None, vec![note(1, Channel::Kiosk)]).await).await;
    assert_eq!(again.results[0].outcome, Outcome::Received);
    assert!(again.results[0].replayed);
    assert_eq!(
        count(&server, "SELECT COUNT(*) FROM concern_notes").await,
        1
    );
    assert_eq!(
        count(&server, "SELECT COUNT(*) FROM concern_note_bodies").await,
        1
    );
    assert_eq!(
        count(&server, "SELECT COUNT(*) FROM applied_mutations").await,
        1
    );
}

#[tokio::test]
async fn routing_fields_are_columns_and_the_body_is_kept_apart() {
    let server = start().await;
    results(push_as(&server, None, vec![note(1, Channel::Kiosk)]).await).await;
    let (wijk, urgency, status, channel): (String, String, String, String) =
        sqlx::query_as("SELECT wijk, urgency, status, channel FROM concern_notes")
            .fetch_one(&server.pool)
            .await
            .unwrap();
    assert_eq!(
        (
            wijk.as_str(),
            urgency.as_str(),
            status.as_str(),
            channel.as_str()
        ),
        ("oost", "this_week", "new", "kiosk")
    );
    let body: String = sqlx::query_scalar("SELECT body FROM concern_note_bodies")
        .fetch_one(&server.pool)
        .await
        .unwrap();
    let body: NoteBody = serde_json::from_str(&body).unwrap();
    assert_eq!(body.person_hint.as_deref(), Some("Mevrouw op nummer 12"));
    // The answer a replay repeats says nothing personal.
    let outcome: String = sqlx::query_scalar("SELECT outcome FROM applied_mutations")
        .fetch_one(&server.pool)
        .await
        .unwrap();
    assert_eq!(outcome, r#""received""#);
}

#[tokio::test]
async fn a_note_for_an_unknown_wijk_or_without_consent_is_refused_with_reasons() {
    let server = start().await;
    let mut unknown = note(1, Channel::Kiosk);
    let mut no_consent = note(2, Channel::Kiosk);
    if let Change::ConcernNote(n) = &mut unknown.change {
        n.routing.wijk = "atlantis".into();
    }
    if let Change::ConcernNote(n) = &mut no_consent.change {
        n.body.as_mut().unwrap().consent.agreed = false;
    }
    let answer = results(
        push_as(
            &server,
            None,
            vec![unknown, no_consent, note(3, Channel::Kiosk)],
        )
        .await,
    )
    .await;
    let fields = |i: usize| match &answer.results[i].outcome {
        Outcome::Refused {
            reason: Refusal::Invalid,
            errors,
        } => errors.iter().map(|e| e.field).collect::<Vec<_>>(),
        other => panic!("expected a refusal, got {other:?}"),
    };
    assert_eq!(fields(0), [Field::Wijk]);
    assert_eq!(fields(1), [Field::NoteConsent]);
    assert_eq!(answer.results[2].outcome, Outcome::Received);
    assert_eq!(
        count(&server, "SELECT COUNT(*) FROM concern_notes").await,
        1
    );
}

#[tokio::test]
async fn on_behalf_without_a_session_is_refused_whole_and_nothing_is_stored() {
    let server = start().await;
    let response = push_as(
        &server,
        None,
        vec![
            note(1, Channel::Kiosk),
            note(2, Channel::OnBehalf),
            on_behalf_sign_up(3),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let error: ApiError = response.json().await.unwrap();
    assert_eq!(error.error, omzien_core::wire::SIGN_IN_NEEDED);
    assert!(error.message.contains("Log in"), "{}", error.message);
    nothing_stored(&server).await;

    // A sign-up on behalf alone, too.
    let response = push_as(&server, None, vec![on_behalf_sign_up(4)]).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    nothing_stored(&server).await;
}

#[tokio::test]
async fn an_expired_or_unknown_token_is_401_even_for_ordinary_items() {
    let server = start().await;
    let (_, token) = staff(&server, Role::OutreachWorker).await;
    sqlx::query("UPDATE sessions SET expires_at = '2000-01-01T00:00:00.000Z'")
        .execute(&server.pool)
        .await
        .unwrap();
    for token in [token.as_str(), "not-a-token", &"a".repeat(64)] {
        let response = push_as(&server, Some(token), vec![note(1, Channel::OnBehalf)]).await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{token}");
        let response = push_as(&server, Some(token), vec![note(2, Channel::Kiosk)]).await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{token}");
    }
    nothing_stored(&server).await;
}

#[tokio::test]
async fn an_outreach_worker_pushes_on_behalf_and_her_items_are_hers() {
    let server = start().await;
    let (worker, token) = staff(&server, Role::OutreachWorker).await;
    let answer = results(
        push_as(
            &server,
            Some(&token),
            vec![note(1, Channel::OnBehalf), on_behalf_sign_up(2)],
        )
        .await,
    )
    .await;
    assert_eq!(answer.results[0].outcome, Outcome::Received);
    assert_eq!(answer.results[1].outcome, Outcome::Confirmed);
    let pushed_by: Vec<Option<i64>> = sqlx::query_scalar(
        "SELECT pushed_by FROM concern_notes UNION ALL SELECT pushed_by FROM sign_ups",
    )
    .fetch_all(&server.pool)
    .await
    .unwrap();
    assert_eq!(pushed_by, [Some(worker), Some(worker)]);
}

#[tokio::test]
async fn an_organiser_may_not_push_on_behalf() {
    let server = start().await;
    let (_, token) = staff(&server, Role::Organiser).await;
    let response = push_as(&server, Some(&token), vec![note(1, Channel::OnBehalf)]).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    nothing_stored(&server).await;
    // Ordinary items from a signed-in organiser are fine.
    let answer = results(push_as(&server, Some(&token), vec![note(2, Channel::Own)]).await).await;
    assert_eq!(answer.results[0].outcome, Outcome::Received);
}

#[tokio::test]
async fn a_full_batch_of_the_longest_notes_fits_in_one_push() {
    use omzien_core::note::{MAX_PERSON_HINT, MAX_STORY};
    let server = start().await;
    let notes: Vec<Mutation> = (0..omzien_core::wire::MAX_BATCH as u32)
        .map(|n| {
            let mut m = note(n, Channel::Kiosk);
            if let Change::ConcernNote(request) = &mut m.change {
                let body = request.body.as_mut().unwrap();
                // Four bytes each in UTF-8.
                body.story = Some("🙂".repeat(MAX_STORY));
                body.person_hint = Some("🏠".repeat(MAX_PERSON_HINT));
            }
            m
        })
        .collect();
    let answer = results(push_as(&server, None, notes).await).await;
    assert!(answer
        .results
        .iter()
        .all(|r| r.outcome == Outcome::Received));
}
