//! `src/store/` against real IndexedDB in headless Chromium.
//! Run with `make test-store` (wasm-bindgen-test-runner drives Chromium via chromedriver).

use omzien::store::{Store, StoreError, SyncMeta};
use omzien_core::wire::{Deleted, PullResponse, RecordKind};
use omzien_core::{Catalogue, Comparison, Figures};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn sample() -> Catalogue {
    serde_json::from_str(include_str!("../crates/core/tests/sample-catalogue.json"))
        .expect("sample catalogue parses")
}

fn full_pull(catalogue: &Catalogue, cursor: u64) -> PullResponse {
    PullResponse {
        cursor,
        more: false,
        reset: false,
        organisations: catalogue.organisations.clone(),
        activities: catalogue.activities.clone(),
        wijken: catalogue.wijken.clone(),
        figures: Some(catalogue.figures.clone()),
        info_pages: catalogue.info_pages.clone(),
        campaigns: catalogue.campaigns.clone(),
        deleted: vec![],
        freshness: catalogue.freshness,
        meldpunt_key: None,
    }
}

/// Stores `pull` as the sync engine does: with its JSON as the server sends it.
async fn apply(store: &Store, pull: &PullResponse, now_ms: f64) -> Result<(), StoreError> {
    let json = serde_json::to_vec(pull).expect("a pull serialises");
    store.apply_pull(pull, &json, now_ms).await
}

/// The tombstone of activity `id`.
fn activity_gone(id: &str) -> Deleted {
    Deleted {
        kind: RecordKind::Activity,
        id: id.into(),
    }
}

/// A fresh database per test, so tests do not see each other's data.
async fn fresh(name: &str) -> Store {
    Store::delete_named(name)
        .await
        .expect("delete old test database");
    Store::open_named(name).await.expect("open test database")
}

fn sorted(mut c: Catalogue) -> Catalogue {
    c.organisations.sort_by(|a, b| a.id.cmp(&b.id));
    c.activities.sort_by(|a, b| a.id.cmp(&b.id));
    c.wijken.sort_by(|a, b| a.id.cmp(&b.id));
    c
}

#[wasm_bindgen_test]
async fn new_database_is_empty_at_cursor_zero() {
    let store = fresh("test-empty").await;
    let (catalogue, meta) = store.load().await.unwrap();
    assert!(catalogue.is_empty());
    assert_eq!(meta, SyncMeta::default());
}

#[wasm_bindgen_test]
async fn stored_pull_survives_reopening() {
    let store = fresh("test-reopen").await;
    let mut sample = sample();
    // The server's thresholds travel with the pull and stay for offline judging.
    sample.freshness.stale_after_days = 300;
    apply(&store, &full_pull(&sample, 7), 1_000.0)
        .await
        .unwrap();
    store.close();

    let store = Store::open_named("test-reopen").await.unwrap();
    let (catalogue, meta) = store.load().await.unwrap();
    assert_eq!(sorted(catalogue), sorted(sample));
    assert_eq!(meta.cursor, 7);
    assert_eq!(meta.updated_at, Some(1_000.0));
}

#[wasm_bindgen_test]
async fn pages_stored_one_by_one_add_up_each_with_its_cursor() {
    let store = fresh("test-pages").await;
    let sample = sample();
    let half = sample.activities.len() / 2;
    let first = PullResponse {
        cursor: 10,
        more: true,
        reset: true,
        organisations: sample.organisations.clone(),
        activities: sample.activities[..half].to_vec(),
        ..PullResponse::default()
    };
    apply(&store, &first, 1.0).await.unwrap();
    // Cut off here: what is stored is the first page and its cursor, to go on from.
    let (catalogue, meta) = store.load().await.unwrap();
    assert_eq!(meta.cursor, 10);
    assert_eq!(catalogue.activities.len(), half);

    let second = PullResponse {
        cursor: 20,
        wijken: sample.wijken.clone(),
        figures: Some(sample.figures.clone()),
        activities: sample.activities[half..].to_vec(),
        info_pages: sample.info_pages.clone(),
        campaigns: sample.campaigns.clone(),
        freshness: sample.freshness,
        ..PullResponse::default()
    };
    apply(&store, &second, 2.0).await.unwrap();
    let (catalogue, meta) = store.load().await.unwrap();
    assert_eq!(meta.cursor, 20);
    assert_eq!(sorted(catalogue), sorted(sample));
}

#[wasm_bindgen_test]
async fn incremental_pull_updates_and_deletes() {
    let store = fresh("test-incremental").await;
    let sample = sample();
    apply(&store, &full_pull(&sample, 3), 1.0).await.unwrap();

    let mut renamed = sample.activities[0].clone();
    renamed.name = "Andere naam".into();
    let gone = sample.activities[1].id.clone();
    let figures = Figures {
        comparisons: vec![Comparison {
            id: "x".into(),
            ..sample.figures.comparisons[0].clone()
        }],
    };
    let change = PullResponse {
        cursor: 5,
        activities: vec![renamed.clone()],
        figures: Some(figures.clone()),
        deleted: vec![activity_gone(&gone)],
        ..PullResponse::default()
    };
    apply(&store, &change, 2.0).await.unwrap();

    let (catalogue, meta) = store.load().await.unwrap();
    assert_eq!(meta.cursor, 5);
    assert_eq!(catalogue.activities.len(), sample.activities.len() - 1);
    assert!(catalogue.activity(&gone).is_none());
    assert_eq!(catalogue.activity(&renamed.id).unwrap().name, "Andere naam");
    assert_eq!(catalogue.figures, figures);
}

#[wasm_bindgen_test]
async fn reset_pull_drops_what_the_server_no_longer_has() {
    let store = fresh("test-reset").await;
    let sample = sample();
    apply(&store, &full_pull(&sample, 9), 1.0).await.unwrap();

    let only_one_wijk = PullResponse {
        cursor: 2,
        reset: true,
        wijken: vec![sample.wijken[0].clone()],
        ..PullResponse::default()
    };
    apply(&store, &only_one_wijk, 2.0).await.unwrap();
    let (catalogue, meta) = store.load().await.unwrap();
    assert!(catalogue.activities.is_empty());
    assert_eq!(catalogue.wijken.len(), 1);
    assert_eq!(meta.cursor, 2);
}

#[wasm_bindgen_test]
async fn checking_without_changes_only_moves_the_time() {
    let store = fresh("test-checked").await;
    apply(&store, &full_pull(&sample(), 4), 1.0).await.unwrap();
    store.mark_checked(50.0).await.unwrap();
    let (_, meta) = store.load().await.unwrap();
    assert_eq!(meta.cursor, 4);
    assert_eq!(meta.updated_at, Some(50.0));
}

fn sign_up_mutation(id: &str) -> omzien_core::wire::Mutation {
    use omzien_core::signup::{Channel, SignUpRequest};
    omzien_core::wire::Mutation {
        id: id.to_owned(),
        change: omzien_core::wire::Change::SignUp(SignUpRequest {
            activity_id: "senver-wandelen".into(),
            first_name: "Joke".into(),
            phone: Some("06 12345678".into()),
            email: Some("joke@example.nl".into()),
            party_size: 2,
            note: Some("Ik loop met een rollator".into()),
            channel: Channel::Kiosk,
            consent: true,
            share_with_organiser: false,
            cancel_secret: None,
        }),
    }
}

#[wasm_bindgen_test]
async fn outbox_entries_are_stored_and_read_back_oldest_first() {
    use omzien::store::StoredEntry;
    let store = fresh("test-outbox").await;
    let second = StoredEntry::new(sign_up_mutation("b"), 2.0);
    let first = StoredEntry::new(sign_up_mutation("a"), 1.0);
    store
        .save_outbox(std::slice::from_ref(&second))
        .await
        .unwrap();
    store
        .save_outbox(std::slice::from_ref(&first))
        .await
        .unwrap();
    store.close();

    let store = Store::open_named("test-outbox").await.unwrap();
    assert_eq!(store.outbox().await.unwrap(), vec![first, second]);
}

/// What the sync engine keeps after an answer (core's `Delivery`), stored and read
/// back: none of the personal fields is left in IndexedDB. Checked on the stored JSON
/// (`Debug` prints nothing in this build, see scripts/cargo-wasm).
#[wasm_bindgen_test]
async fn an_answered_entry_keeps_no_personal_data() {
    use omzien::store::StoredEntry;
    use omzien_core::delivery::{Delivery, Rules};
    use omzien_core::wire::{MutationResult, Outcome, PushResponse};
    let store = fresh("test-outbox-private").await;
    let mutation = sign_up_mutation("a");
    store
        .save_outbox(&[StoredEntry::new(mutation.clone(), 1.0)])
        .await
        .unwrap();
    let stored = store.outbox().await.unwrap();
    let mut delivery = Delivery::new(
        stored.iter().map(StoredEntry::to_entry).collect(),
        Rules {
            may_act_on_behalf: false,
            may_edit_activities: false,
            visit_started: None,
        },
    );
    assert_eq!(delivery.next_batch(10).len(), 1);
    let settled = delivery.answer(&PushResponse {
        results: vec![MutationResult {
            id: "a".into(),
            outcome: Outcome::Confirmed,
            replayed: false,
        }],
        retry_after: None,
    });
    let keep: Vec<StoredEntry> = settled.keep.iter().map(StoredEntry::from).collect();
    store.settle_outbox(&keep, &settled.forget).await.unwrap();

    let stored = store.outbox().await.unwrap();
    assert_eq!(stored.len(), 1);
    let text = serde_json::to_string(&stored[0]).unwrap();
    assert!(
        text.contains("senver-wandelen"),
        "the activity stays: {text}"
    );
    for personal in ["Joke", "06 12345678", "joke@example.nl", "rollator"] {
        assert!(!text.contains(personal), "{personal} still stored: {text}");
    }
    assert_eq!(stored[0].outcome, Some(Outcome::Confirmed));
}

#[wasm_bindgen_test]
async fn a_staff_session_survives_reopening_and_a_catalogue_reset() {
    use omzien::store::StaffSession;
    use omzien_core::staff::Role;
    let store = fresh("test-session").await;
    assert!(store.session().await.unwrap().is_none());
    let session = StaffSession {
        token: "opaque-token".into(),
        expires_at: "2030-01-01T00:00:00Z".into(),
        role: Role::OutreachWorker,
        email: "bo@example.nl".into(),
        user_id: 7,
        organisations: vec!["senver".into()],
    };
    store.save_session(&session).await.unwrap();
    // A reset pull clears the catalogue and its meta, not who is signed in.
    apply(
        &store,
        &PullResponse {
            cursor: 1,
            reset: true,
            ..PullResponse::default()
        },
        1.0,
    )
    .await
    .unwrap();
    store.close();
    let store = Store::open_named("test-session").await.unwrap();
    let kept = store.session().await.unwrap().expect("still signed in");
    assert_eq!(kept.token, session.token);
    assert_eq!(kept.user_id, 7);
    assert!(!kept.expired(js_sys::Date::parse("2029-12-31T23:59:59Z")));
    assert!(kept.expired(js_sys::Date::parse("2030-01-01T00:00:00Z")));
    store.clear_session().await.unwrap();
    assert!(store.session().await.unwrap().is_none());
}

/// Writes `value` into `store` of a raw rexie transaction as the app's versions wrote it:
/// a plain object made from its JSON.
async fn put_raw<T: serde::Serialize>(store: &rexie::Store, value: &T, key: Option<&str>) {
    let value = js_sys::JSON::parse(&serde_json::to_string(value).unwrap()).unwrap();
    let key = key.map(wasm_bindgen::JsValue::from_str);
    store.put(&value, key.as_ref()).await.unwrap();
}

/// Version 4 kept the catalogue as one record per item. Opening it with version 5 keeps
/// the outbox (unsent sign-ups and notes) and the staff session; the old catalogue
/// stores go, and the cursor counts as 0, so the next pull brings everything again.
#[wasm_bindgen_test]
async fn version_4_opens_as_5_with_its_outbox_and_session_and_pulls_again() {
    use omzien::store::{StaffSession, StoredEntry};
    use omzien_core::staff::Role;
    use rexie::{ObjectStore, Rexie, TransactionMode};
    let name = "test-upgrade-4";
    Store::delete_named(name).await.unwrap();
    let old = Rexie::builder(name)
        .version(4)
        .add_object_store(ObjectStore::new("organisations").key_path("id"))
        .add_object_store(ObjectStore::new("activities").key_path("id"))
        .add_object_store(ObjectStore::new("wijken").key_path("id"))
        .add_object_store(ObjectStore::new("meta"))
        .add_object_store(ObjectStore::new("outbox").key_path("id"))
        .add_object_store(ObjectStore::new("info_pages").key_path("id"))
        .add_object_store(ObjectStore::new("campaigns").key_path("id"))
        .add_object_store(ObjectStore::new("staff"))
        .build()
        .await
        .unwrap();
    let catalogue = sample();
    let unsent = StoredEntry::new(sign_up_mutation("not-sent-yet"), 5.0);
    let session = StaffSession {
        token: "opaque-token".into(),
        expires_at: "2030-01-01T00:00:00Z".into(),
        role: Role::OutreachWorker,
        email: "bo@example.nl".into(),
        user_id: 7,
        organisations: vec![],
    };
    let tx = old
        .transaction(
            &["activities", "meta", "outbox", "staff"],
            TransactionMode::ReadWrite,
        )
        .unwrap();
    for a in &catalogue.activities {
        put_raw(&tx.store("activities").unwrap(), a, None).await;
    }
    put_raw(&tx.store("meta").unwrap(), &4u32, Some("format")).await;
    put_raw(&tx.store("meta").unwrap(), &7u64, Some("cursor")).await;
    put_raw(&tx.store("outbox").unwrap(), &unsent, None).await;
    put_raw(&tx.store("staff").unwrap(), &session, Some("session")).await;
    tx.commit().await.unwrap();
    old.close();

    let store = Store::open_named(name).await.unwrap();
    assert_eq!(store.outbox().await.unwrap(), vec![unsent.clone()]);
    assert_eq!(store.session().await.unwrap(), Some(session));
    let (shown, meta) = store.load().await.unwrap();
    assert!(shown.activities.is_empty());
    assert_eq!(meta.cursor, 0, "an older format pulls everything again");

    let mut page = full_pull(&catalogue, 12);
    page.reset = true;
    apply(&store, &page, 9.0).await.unwrap();
    store.close();
    let store = Store::open_named(name).await.unwrap();
    let (after, meta) = store.load().await.unwrap();
    assert_eq!(after.activities, catalogue.activities);
    assert_eq!(meta.cursor, 12);
    assert_eq!(store.outbox().await.unwrap(), vec![unsent]);
    store.close();
    // The old stores are gone. (The same version: no upgrade, so opening without
    // naming the stores leaves them as they are.)
    let raw = Rexie::builder(name).version(5).build().await.unwrap();
    let names = raw.store_names();
    assert!(!names.iter().any(|n| n == "activities"), "{names:?}");
    assert!(names.iter().any(|n| n == "outbox"));
    raw.close();
}

/// Earlier builds stored each page as its JSON text; those are read as they
/// are, beside the pages stored since as bytes, in the order they came.
#[wasm_bindgen_test]
async fn pages_stored_as_text_by_an_earlier_build_are_still_read() {
    use rexie::{Rexie, TransactionMode};
    let name = "test-text-pages";
    let store = fresh(name).await;
    store.close();
    let catalogue = sample();
    let mut first = full_pull(&catalogue, 3);
    first.reset = true;
    let raw = Rexie::builder(name).version(5).build().await.unwrap();
    let tx = raw
        .transaction(&["pages", "meta"], TransactionMode::ReadWrite)
        .unwrap();
    let text = serde_json::to_string(&first).unwrap();
    tx.store("pages")
        .unwrap()
        .add(&wasm_bindgen::JsValue::from_str(&text), None)
        .await
        .unwrap();
    put_raw(&tx.store("meta").unwrap(), &3u64, Some("cursor")).await;
    put_raw(&tx.store("meta").unwrap(), &5u32, Some("format")).await;
    tx.commit().await.unwrap();
    raw.close();

    let store = Store::open_named(name).await.unwrap();
    let (read, meta) = store.load().await.unwrap();
    assert_eq!(sorted(read), sorted(catalogue.clone()));
    assert_eq!(meta.cursor, 3);
    // A later page, stored as bytes, replays on top of the text.
    let gone = catalogue.activities[0].id.clone();
    let change = PullResponse {
        cursor: 4,
        deleted: vec![activity_gone(&gone)],
        ..PullResponse::default()
    };
    apply(&store, &change, 2.0).await.unwrap();
    let (read, meta) = store.load().await.unwrap();
    assert_eq!(read.activities.len(), catalogue.activities.len() - 1);
    assert!(read.activities.iter().all(|a| a.id != gone));
    assert_eq!(meta.cursor, 4);
}

/// A long log of small pages is written anew as the catalogue's pages (one, for the
/// sample), which give the same catalogue and cursor.
#[wasm_bindgen_test]
async fn a_long_log_is_written_anew_as_one_page() {
    let store = fresh("test-compact").await;
    let catalogue = sample();
    let mut first = full_pull(&catalogue, 1);
    first.reset = true;
    apply(&store, &first, 1.0).await.unwrap();
    let mut expected = catalogue.clone();
    expected.apply(&first);
    let mut cursor = 1;
    while !store.log_is_long() {
        cursor += 1;
        let mut changed = catalogue.activities[0].clone();
        changed.name = format!("Naam {cursor}");
        let page = PullResponse {
            cursor,
            activities: vec![changed],
            deleted: if cursor == 3 {
                vec![Deleted {
                    kind: RecordKind::Activity,
                    id: catalogue.activities[1].id.clone(),
                }]
            } else {
                vec![]
            },
            freshness: catalogue.freshness,
            ..PullResponse::default()
        };
        apply(&store, &page, cursor as f64).await.unwrap();
        expected.apply(&page);
        assert!(cursor < 200, "the log never counts as long");
    }
    let (logged, meta) = store.load().await.unwrap();
    assert_eq!(logged, expected);
    store.compact(&logged, meta.cursor).await.unwrap();
    assert!(!store.log_is_long());
    store.close();
    let store = Store::open_named("test-compact").await.unwrap();
    let (compacted, after) = store.load().await.unwrap();
    assert_eq!(compacted, expected);
    assert_eq!(after.cursor, cursor);
    assert!(!store.log_is_long());
    assert!(!compacted
        .activities
        .iter()
        .any(|a| a.id == catalogue.activities[1].id));
}
