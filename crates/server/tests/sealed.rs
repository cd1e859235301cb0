//! Sealed notes (issue 17): the server keeps a note's body only as ciphertext, a
//! coordinator with her passphrase reads it and one without cannot, a new key keeps old
//! notes readable, and a changed ciphertext is refused.

mod common;

use common::keys::{choose_passphrase, give, new_meldpunt_key, ring, unlock, PASSPHRASE};
use common::{client, note, on_postgres, push_as, staff, start, uuid, TestServer};
use omzien_core::note::{ConcernNoteRequest, NoteBody};
use omzien_core::seal::{Keyring, MeldpuntKey, SealError, SystemRng};
use omzien_core::signup::Channel;
use omzien_core::staff::{NoteDetail, Role};
use omzien_core::wire::{Change, Mutation, Outcome, PullResponse, PushResponse};
use reqwest::StatusCode;

const STORY: &str = "De gordijnen blijven dicht.";
const PERSON: &str = "Mevrouw op nummer 12";

/// Note `n` as the app sends it now: sealed on the device to `key`.
fn sealed_note(n: u32, key: &MeldpuntKey) -> Mutation {
    let mut mutation = note(n, Channel::Kiosk);
    let Change::ConcernNote(request) = mutation.change else {
        unreachable!()
    };
    let sealed = request
        .sealed_to(key, &mutation.id, &mut SystemRng)
        .unwrap();
    assert!(sealed.body.is_none());
    mutation.change = Change::ConcernNote(Box::new(sealed));
    mutation
}

fn plain_body(n: u32) -> NoteBody {
    let Change::ConcernNote(request) = note(n, Channel::Kiosk).change else {
        unreachable!()
    };
    request.body.unwrap().tidied()
}

async fn push(server: &TestServer, mutations: Vec<Mutation>) -> Vec<Outcome> {
    let response = push_as(server, None, mutations).await;
    assert_eq!(response.status(), StatusCode::OK);
    let answer: PushResponse = response.json().await.unwrap();
    answer.results.into_iter().map(|r| r.outcome).collect()
}

async fn read(server: &TestServer, token: &str, n: u32) -> NoteDetail {
    let response = client()
        .get(format!("{}/api/v1/notes/{}", server.url, uuid(n)))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

fn open(unlocked: &Keyring, detail: &NoteDetail) -> Result<NoteBody, SealError> {
    assert!(detail.body.is_none(), "no body in the clear");
    unlocked.open_body(&detail.note.id, detail.sealed.as_ref().expect("sealed"))
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

async fn audited_reads(server: &TestServer, n: u32) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM note_audit WHERE note_id = $1 AND action = 'read'")
        .bind(uuid(n))
        .fetch_one(&server.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_coordinator_with_the_passphrase_reads_a_sealed_note_and_one_without_cannot() {
    let server = start().await;
    let (anna, anna_token) = staff(&server, Role::Coordinator).await;
    let (_, bea_token) = staff(&server, Role::Coordinator).await;

    // Before any key, the form has nothing to seal to: the pull says so.
    let pull: PullResponse = client()
        .get(format!("{}/api/v1/sync/pull", server.url))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(pull.meldpunt_key, None);

    choose_passphrase(&server, &anna_token, PASSPHRASE).await;
    let (_, key, response) = new_meldpunt_key(&server, &anna_token, &[anna]).await;
    assert_eq!(response.status(), StatusCode::OK);
    let pull: PullResponse = client()
        .get(format!("{}/api/v1/sync/pull?cursor=0", server.url))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        pull.meldpunt_key.as_ref(),
        Some(&key),
        "devices get the key"
    );

    assert_eq!(
        push(&server, vec![sealed_note(1, &key)]).await,
        [Outcome::Received]
    );
    let detail = read(&server, &anna_token, 1).await;
    assert_eq!(audited_reads(&server, 1).await, 1, "each fetch is audited");
    let anna_ring = unlock(&server, &anna_token, PASSPHRASE).await.unwrap();
    assert_eq!(open(&anna_ring, &detail), Ok(plain_body(1)));

    // A wrong passphrase opens nothing.
    assert_eq!(
        unlock(&server, &anna_token, "de hond blaft naar de brievenbus")
            .await
            .unwrap_err(),
        SealError::WrongPassphrase
    );
    // Bea is a coordinator with a passphrase of her own, but nobody gave her the key.
    choose_passphrase(&server, &bea_token, "bea haar eigen lange zin").await;
    let detail = read(&server, &bea_token, 1).await;
    let bea_ring = unlock(&server, &bea_token, "bea haar eigen lange zin")
        .await
        .unwrap();
    assert_eq!(open(&bea_ring, &detail), Err(SealError::UnknownKey));
    // Nor can she make a new key to lock Anna out of new notes.
    let bea_id = ring(&server, &bea_token)
        .await
        .colleagues
        .iter()
        .find(|c| !c.has_access && c.public_key.is_some())
        .unwrap()
        .user_id;
    let (_, _, refused) = new_meldpunt_key(&server, &bea_token, &[bea_id]).await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    // Or give herself the key.
    assert_eq!(
        give(&server, &bea_token, &anna_ring, bea_id).await.status(),
        StatusCode::CONFLICT
    );
    // Anna gives her access; now she reads it.
    assert_eq!(
        give(&server, &anna_token, &anna_ring, bea_id)
            .await
            .status(),
        StatusCode::OK
    );
    let bea_ring = unlock(&server, &bea_token, "bea haar eigen lange zin")
        .await
        .unwrap();
    assert_eq!(open(&bea_ring, &detail), Ok(plain_body(1)));
    assert_eq!(audited_reads(&server, 1).await, 2, "one audited read each");
}

#[tokio::test]
async fn the_database_file_holds_no_byte_of_a_note() {
    if on_postgres() {
        eprintln!("SKIPPED on PostgreSQL: this reads SQLite's file (docs/deploy.md says what PostgreSQL keeps)");
        return;
    }
    let server = start().await;
    let (anna, token) = staff(&server, Role::Coordinator).await;
    // A note from an app of before sealing, while the meldpunt has no key yet: kept as
    // it came until the first key is made.
    assert_eq!(
        push(&server, vec![note(1, Channel::Kiosk)]).await,
        [Outcome::Received]
    );
    assert!(
        contains(&server.database_bytes(), PERSON),
        "the test can fail"
    );

    choose_passphrase(&server, &token, PASSPHRASE).await;
    let (_, key, response) = new_meldpunt_key(&server, &token, &[anna]).await;
    assert_eq!(response.status(), StatusCode::OK);
    // A sealed note, and a plain one from an old app after the key: sealed on arrival.
    let outcomes = push(&server, vec![sealed_note(2, &key), note(3, Channel::Kiosk)]).await;
    assert_eq!(outcomes, [Outcome::Received, Outcome::Received]);
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(&server.pool)
        .await
        .unwrap();

    let bytes = server.database_bytes();
    for secret in [STORY, PERSON, "Piet", "06 12345678", "gordijnen"] {
        assert!(
            !contains(&bytes, secret),
            "{secret} is in the database file"
        );
    }
    // And all three open for the coordinator.
    let unlocked = unlock(&server, &token, PASSPHRASE).await.unwrap();
    for n in 1..=3 {
        let detail = read(&server, &token, n).await;
        assert_eq!(open(&unlocked, &detail), Ok(plain_body(n)), "note {n}");
    }
}

#[tokio::test]
async fn after_a_new_key_old_notes_stay_readable_and_new_ones_use_it() {
    let server = start().await;
    let (anna, anna_token) = staff(&server, Role::Coordinator).await;
    let (bea, bea_token) = staff(&server, Role::Admin).await;
    choose_passphrase(&server, &anna_token, PASSPHRASE).await;
    choose_passphrase(&server, &bea_token, "bea haar eigen lange zin").await;
    let (_, first, _) = new_meldpunt_key(&server, &anna_token, &[anna, bea]).await;
    assert_eq!(
        push(&server, vec![sealed_note(1, &first)]).await,
        [Outcome::Received]
    );

    // A new key must go to everyone who has access now.
    let (_, _, refused) = new_meldpunt_key(&server, &anna_token, &[anna]).await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    let before: PullResponse = client()
        .get(format!("{}/api/v1/sync/pull", server.url))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let (_, second, response) = new_meldpunt_key(&server, &anna_token, &[anna, bea]).await;
    assert_eq!(response.status(), StatusCode::OK);
    let keys = ring(&server, &bea_token).await.keys;
    assert_eq!(
        keys.iter().map(|k| k.id.as_str()).collect::<Vec<_>>(),
        [first.id.as_str(), second.id.as_str()]
    );
    let pull: PullResponse = client()
        .get(format!(
            "{}/api/v1/sync/pull?cursor={}",
            server.url, before.cursor
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        pull.cursor > before.cursor,
        "the cursor moves, so devices pull"
    );
    assert_eq!(
        pull.meldpunt_key,
        Some(second.clone()),
        "new notes use the new key"
    );
    // A device that pulled before the rotation still seals to the old key: also fine.
    let outcomes = push(
        &server,
        vec![sealed_note(2, &second), sealed_note(3, &first)],
    )
    .await;
    assert_eq!(outcomes, [Outcome::Received, Outcome::Received]);

    for (token, passphrase) in [
        (&anna_token, PASSPHRASE),
        (&bea_token, "bea haar eigen lange zin"),
    ] {
        let unlocked = unlock(&server, token, passphrase).await.unwrap();
        for n in 1..=3 {
            let detail = read(&server, token, n).await;
            assert_eq!(open(&unlocked, &detail), Ok(plain_body(n)), "note {n}");
        }
    }
}

#[tokio::test]
async fn a_changed_ciphertext_is_refused_with_a_clear_message() {
    let server = start().await;
    let (anna, token) = staff(&server, Role::Coordinator).await;
    choose_passphrase(&server, &token, PASSPHRASE).await;
    let (_, key, _) = new_meldpunt_key(&server, &token, &[anna]).await;
    assert_eq!(
        push(&server, vec![sealed_note(1, &key)]).await,
        [Outcome::Received]
    );
    // Someone with the database file changes one byte of the sealed body.
    let stored: String = sqlx::query_scalar("SELECT body FROM concern_note_bodies")
        .fetch_one(&server.pool)
        .await
        .unwrap();
    let mut envelope: omzien_core::seal::Envelope = serde_json::from_str(&stored).unwrap();
    let last = envelope.ciphertext.pop().unwrap();
    envelope
        .ciphertext
        .push(if last == 'a' { 'b' } else { 'a' });
    sqlx::query("UPDATE concern_note_bodies SET body = $1")
        .bind(serde_json::to_string(&envelope).unwrap())
        .execute(&server.pool)
        .await
        .unwrap();
    let unlocked = unlock(&server, &token, PASSPHRASE).await.unwrap();
    let refused = open(&unlocked, &read(&server, &token, 1).await).unwrap_err();
    assert_eq!(refused, SealError::Tampered);
    assert!(refused.to_string().contains("changed after it was sealed"));

    // An envelope that is not one is refused at the push, with the reason.
    let mut broken = sealed_note(2, &key);
    if let Change::ConcernNote(request) = &mut broken.change {
        request.sealed.as_mut().unwrap().envelope.enc = "niet hex".into();
    }
    // And one sealed to a key the meldpunt does not have.
    let mut stranger = sealed_note(3, &key);
    if let Change::ConcernNote(request) = &mut stranger.change {
        request.sealed.as_mut().unwrap().envelope.key_id = common::keys::fresh_id();
    }
    let outcomes = push(&server, vec![broken, stranger]).await;
    for outcome in outcomes {
        let Outcome::Refused { errors, .. } = outcome else {
            panic!("{outcome:?}");
        };
        assert!(
            errors[0].message.starts_with("De melding is"),
            "{}",
            errors[0].message
        );
    }
}

#[test]
fn a_note_on_the_wire_carries_no_body_in_the_clear() {
    let (_, public_key) = omzien_core::seal::new_key_pair(&mut SystemRng);
    let key = MeldpuntKey {
        id: common::keys::fresh_id(),
        public_key,
    };
    let text = serde_json::to_string(&sealed_note(1, &key)).unwrap();
    for secret in [STORY, PERSON, "Piet"] {
        assert!(!text.contains(secret), "{text}");
    }
    let back: Mutation = serde_json::from_str(&text).unwrap();
    let Change::ConcernNote(request) = back.change else {
        unreachable!()
    };
    let request: ConcernNoteRequest = *request;
    assert!(request.consent().unwrap().may_share_with_partners);
}
