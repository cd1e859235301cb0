//! Limits on pushes without a staff session (`limits.rs`): a flood from one device or
//! one address is held back with a `retry_after` (or a 429 when nothing of it passes),
//! what passed is applied once, what was held back comes in later, and neither a
//! repeat nor a staff member's push is held back.

mod common;

use common::{client, count, note, push_as, staff, start_limited, uuid, TestServer};
use omzien_core::signup::Channel;
use omzien_core::staff::Role;
use omzien_core::wire::{ApiError, Mutation, Outcome, PushRequest, PushResponse, DEVICE_HEADER};
use omzien_server::limits::{PushLimits, Rate};
use reqwest::StatusCode;

const KIOSK: &str = "0b6f2d9e-1c3a-4f5b-8e7d-6a5b4c3d2e1f";
const PHONE: &str = "1b6f2d9e-1c3a-4f5b-8e7d-6a5b4c3d2e1f";
const WALK: &str = "senver-wandelen";

/// Generous everywhere but the limit under test.
fn limits(edit: impl FnOnce(&mut PushLimits)) -> PushLimits {
    let mut limits = PushLimits::off();
    edit(&mut limits);
    limits
}

/// A sign-up as the app sends it, built from JSON so that fields the app may add
/// later with defaults do not break this test.
fn sign_up(n: u32, activity: &str, channel: &str) -> Mutation {
    party(n, activity, channel, 1)
}

fn party(n: u32, activity: &str, channel: &str, people: u8) -> Mutation {
    serde_json::from_value(serde_json::json!({
        "id": uuid(n),
        "change": {"sign_up": {
            "activity_id": activity,
            "first_name": "Joke",
            "phone": "06 12345678",
            "party_size": people,
            "channel": channel,
            "consent": true,
        }},
    }))
    .expect("a sign-up the server takes")
}

async fn push_from(
    server: &TestServer,
    device: &str,
    mutations: Vec<Mutation>,
) -> reqwest::Response {
    client()
        .post(format!("{}/api/v1/sync/push", server.url))
        .header(DEVICE_HEADER, device)
        .json(&PushRequest { mutations })
        .send()
        .await
        .unwrap()
}

async fn answered(response: reqwest::Response) -> PushResponse {
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

async fn notes(server: &TestServer) -> i64 {
    count(server, "SELECT COUNT(*) FROM concern_notes").await
}

#[tokio::test]
async fn a_flood_from_one_device_is_held_back_and_nothing_of_it_is_lost_or_doubled() {
    let server = start_limited(limits(|l| {
        l.per_device = Rate {
            burst: 3,
            per_hour: 3600,
        }
    }))
    .await;
    let batch: Vec<Mutation> = (1..=5).map(|n| note(n, Channel::Kiosk)).collect();

    // The first three pass; the rest is not looked at and has no result.
    let first = answered(push_from(&server, KIOSK, batch.clone()).await).await;
    assert_eq!(first.results.len(), 3);
    assert!(first.results.iter().all(|r| r.outcome == Outcome::Received));
    let wait = first.retry_after.expect("says when to come again");
    assert!((1..=2).contains(&wait), "one token a second: {wait}");
    assert_eq!(notes(&server).await, 3);

    // At once again: the three are repeats (free), the fourth finds the bucket empty.
    let again = answered(push_from(&server, KIOSK, batch.clone()).await).await;
    assert_eq!(again.results.len(), 3);
    assert!(again.results.iter().all(|r| r.replayed));

    // Only new items, and none may pass: a 429 in the API's JSON, with Retry-After.
    let refused = push_from(&server, KIOSK, batch[3..].to_vec()).await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry_after: u64 = refused.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=2).contains(&retry_after));
    let body: ApiError = refused.json().await.unwrap();
    assert_eq!(body.error, "too_many_requests");
    assert_eq!(notes(&server).await, 3);

    // After the wait, everything arrives, each once.
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    let later = answered(push_from(&server, KIOSK, batch.clone()).await).await;
    assert_eq!(later.results.len(), 5);
    assert_eq!(later.retry_after, None);
    assert_eq!(notes(&server).await, 5);
    assert_eq!(
        count(&server, "SELECT COUNT(*) FROM applied_mutations").await,
        5
    );
}

#[tokio::test]
async fn each_device_has_its_own_bucket_within_its_address() {
    let server = start_limited(limits(|l| {
        l.per_device = Rate {
            burst: 2,
            per_hour: 1,
        };
        l.per_address = Rate {
            burst: 3,
            per_hour: 1,
        };
    }))
    .await;
    let kiosk = answered(
        push_from(
            &server,
            KIOSK,
            vec![
                note(1, Channel::Kiosk),
                note(2, Channel::Kiosk),
                note(3, Channel::Kiosk),
            ],
        )
        .await,
    )
    .await;
    assert_eq!(kiosk.results.len(), 2, "the device's two");
    let phone = answered(
        push_from(
            &server,
            PHONE,
            vec![note(4, Channel::Own), note(5, Channel::Own)],
        )
        .await,
    )
    .await;
    assert_eq!(
        phone.results.len(),
        1,
        "what is left of the address's three"
    );
    // Leaving the header out gains nothing: the address stands in for the device.
    let bare = push_as(&server, None, vec![note(6, Channel::Own)]).await;
    assert_eq!(bare.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn one_device_sends_only_so_many_concern_notes_a_day() {
    let server = start_limited(limits(|l| l.notes_per_device_day = 2)).await;
    let batch: Vec<Mutation> = (1..=4).map(|n| note(n, Channel::Kiosk)).collect();
    let first = answered(push_from(&server, KIOSK, batch).await).await;
    assert_eq!(first.results.len(), 2);
    let wait = first.retry_after.expect("held back");
    assert!(
        wait > 3600,
        "a day's two notes: the next in about 12 hours, not {wait} s"
    );
    // Another device still can.
    let other = answered(push_from(&server, PHONE, vec![note(9, Channel::Own)]).await).await;
    assert_eq!(other.results.len(), 1);
    assert_eq!(notes(&server).await, 3);
}

#[tokio::test]
async fn one_device_cannot_take_an_activitys_places_but_a_worker_can_sign_up_many() {
    let server = start_limited(limits(|l| {
        l.places_per_device_day = 2;
        l.places_per_address_day = 3;
    }))
    .await;
    let flood: Vec<Mutation> = (1..=5).map(|n| sign_up(n, WALK, "self")).collect();
    let first = answered(push_from(&server, KIOSK, flood).await).await;
    assert_eq!(first.results.len(), 2, "two places from one device");
    // Another activity is not held back by the walk's cap (a new push: the first one
    // held back ends its push).
    let other =
        answered(push_from(&server, KIOSK, vec![sign_up(20, "senver-scrabble", "self")]).await)
            .await;
    assert_eq!(other.results.len(), 1);
    // A second device at the same address: one more, then the address's cap.
    let second = answered(
        push_from(
            &server,
            PHONE,
            vec![sign_up(30, WALK, "self"), sign_up(31, WALK, "self")],
        )
        .await,
    )
    .await;
    assert_eq!(second.results.len(), 1);

    // An outreach worker, signed in, signs up six residents for the walk at once.
    let (_, token) = staff(&server, Role::OutreachWorker).await;
    let residents: Vec<Mutation> = (40..46).map(|n| sign_up(n, WALK, "on_behalf")).collect();
    let worker = answered(push_as(&server, Some(&token), residents).await).await;
    assert_eq!(worker.results.len(), 6);
    assert_eq!(worker.retry_after, None);
    assert_eq!(
        count(
            &server,
            "SELECT COUNT(*) FROM sign_ups WHERE activity_id = 'senver-wandelen'"
        )
        .await,
        3 + 6
    );
}

#[tokio::test]
async fn the_cap_counts_places_so_large_parties_cannot_take_an_activity() {
    let server = start_limited(limits(|l| l.places_per_device_day = 4)).await;
    let parties = vec![party(1, WALK, "self", 3), party(2, WALK, "self", 3)];
    let first = answered(push_from(&server, KIOSK, parties).await).await;
    assert_eq!(
        first.results.len(),
        1,
        "three places, then three more would be six"
    );
    assert!(first.retry_after.is_some());
    // A party larger than the whole cap is not held back for ever: from a device
    // that has not used its day, it passes as a full day's places.
    let ten = answered(push_from(&server, PHONE, vec![party(3, WALK, "self", 10)]).await).await;
    assert_eq!(ten.results.len(), 1);
    assert_eq!(ten.retry_after, None);
}
