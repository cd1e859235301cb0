//! The meldpunt's keys as a coordinator's browser makes them, for the tests: the same
//! core functions the staff app calls, run natively.

use omzien_core::seal::{
    new_key_pair, open_key, seal_key, unwrap, wrap, CoordinatorKey, Grants, KeyGrant, KeyRing,
    Keyring, MeldpuntKey, NewMeldpuntKey, Secret, SystemRng,
};
use reqwest::StatusCode;

use super::{client, TestServer};

pub const PASSPHRASE: &str = "de kat krabt de krullen van de trap";

/// A coordinator's own key under [`PASSPHRASE`] (or another), kept by the server.
pub async fn choose_passphrase(server: &TestServer, token: &str, passphrase: &str) -> Secret {
    let (own, public_key) = new_key_pair(&mut SystemRng);
    let key = CoordinatorKey {
        public_key,
        wrapped: wrap(&own, passphrase, &mut SystemRng).unwrap(),
    };
    let response = client()
        .post(format!("{}/api/v1/meldpunt/passphrase", server.url))
        .bearer_auth(token)
        .json(&key)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    own
}

pub async fn ring(server: &TestServer, token: &str) -> KeyRing {
    let response = client()
        .get(format!("{}/api/v1/meldpunt/keys", server.url))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

/// A new meldpunt key (the first, or the next), given to `to` (user ids; each must
/// have chosen a passphrase). Returns the key pair and the raw response.
pub async fn new_meldpunt_key(
    server: &TestServer,
    token: &str,
    to: &[i64],
) -> (Secret, MeldpuntKey, reqwest::Response) {
    let (private, public_key) = new_key_pair(&mut SystemRng);
    let key = MeldpuntKey {
        id: fresh_id(),
        public_key,
    };
    let colleagues = ring(server, token).await.colleagues;
    let grants = to
        .iter()
        .map(|user| {
            let public = colleagues
                .iter()
                .find(|c| c.user_id == *user)
                .and_then(|c| c.public_key.clone())
                .expect("a colleague with a passphrase");
            KeyGrant {
                key_id: key.id.clone(),
                user_id: *user,
                sealed: seal_key(&public, &key.id, &private, &mut SystemRng).unwrap(),
            }
        })
        .collect();
    let response = client()
        .post(format!("{}/api/v1/meldpunt/keys", server.url))
        .bearer_auth(token)
        .json(&NewMeldpuntKey {
            key: key.clone(),
            grants,
        })
        .send()
        .await
        .unwrap();
    (private, key, response)
}

/// Gives `user` every key the unlocked `ring` holds.
pub async fn give(
    server: &TestServer,
    token: &str,
    unlocked: &Keyring,
    user: i64,
) -> reqwest::Response {
    let colleague_public = ring(server, token)
        .await
        .colleagues
        .into_iter()
        .find(|c| c.user_id == user)
        .and_then(|c| c.public_key)
        .expect("a colleague with a passphrase");
    let grants = unlocked
        .ids()
        .map(|id| KeyGrant {
            key_id: id.to_owned(),
            user_id: user,
            sealed: seal_key(
                &colleague_public,
                id,
                unlocked.get(id).unwrap(),
                &mut SystemRng,
            )
            .unwrap(),
        })
        .collect();
    client()
        .post(format!("{}/api/v1/meldpunt/grants", server.url))
        .bearer_auth(token)
        .json(&Grants { grants })
        .send()
        .await
        .unwrap()
}

/// Unlocks triage as the browser does: the server's ring, opened with a passphrase.
pub async fn unlock(
    server: &TestServer,
    token: &str,
    passphrase: &str,
) -> Result<Keyring, omzien_core::seal::SealError> {
    let ring = ring(server, token).await;
    let own = unwrap(
        &ring.own.expect("a passphrase was chosen").wrapped,
        passphrase,
    )?;
    let mut unlocked = Keyring::default();
    for key in ring.keys {
        if let Some(sealed) = key.sealed_for_me {
            unlocked.add(key.id.clone(), open_key(&own, &key.id, &sealed)?);
        }
    }
    Ok(unlocked)
}

pub fn fresh_id() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    format!(
        "aaaaaaaa-0000-4000-8000-{:012x}",
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}
