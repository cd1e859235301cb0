//! Activity edits through `POST /api/v1/sync/push`: an organiser keeps her own
//! organisations' activities, exactly once, with a version check and history; a new
//! activity waits for an editor and residents never pull it; an import keeps what
//! staff changed.

mod common;

use common::{count, push_as, repo_data, sign_in, start, uuid, TestServer};
use omzien_core::edit::ActivityEdit;
use omzien_core::form::Field;
use omzien_core::model::Activity;
use omzien_core::staff::Role;
use omzien_core::wire::{Change, Mutation, Outcome, PullResponse, PushResponse, Refusal};
use omzien_server::{catalogue, editing};
use reqwest::StatusCode;

/// An organiser of `organisations`, signed in: her token.
async fn organiser(server: &TestServer, email: &str, organisations: &[&str]) -> String {
    common::add_organiser(server, email, organisations).await;
    sign_in(server, email).await
}

async fn pull(server: &TestServer) -> PullResponse {
    common::client()
        .get(format!("{}/api/v1/sync/pull?cursor=0", server.url))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

async fn activity(server: &TestServer, id: &str) -> Option<Activity> {
    pull(server)
        .await
        .activities
        .into_iter()
        .find(|a| a.id == id)
}

fn edit(n: u32, activity: Activity, base: Option<u32>) -> Mutation {
    Mutation {
        id: uuid(n),
        change: Change::EditActivity(Box::new(ActivityEdit {
            activity,
            base_revision: base,
        })),
    }
}

async fn send(server: &TestServer, token: &str, mutation: Mutation) -> (Outcome, bool) {
    let response = push_as(server, Some(token), vec![mutation]).await;
    assert_eq!(response.status(), StatusCode::OK);
    let mut results = response.json::<PushResponse>().await.unwrap().results;
    let r = results.remove(0);
    (r.outcome, r.replayed)
}

#[tokio::test]
async fn an_organisers_edit_goes_live_once_with_its_history() {
    let server = start().await;
    let token = organiser(&server, "anja@senver.example", &["senver"]).await;
    // Her device learns which organisations she keeps, for "Mijn aanbod" offline.
    let me: omzien_core::staff::Me = common::client()
        .get(format!("{}/api/v1/auth/me", server.url))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me.organisations, ["senver"]);
    let mut walk = activity(&server, "senver-wandelen")
        .await
        .expect("seed walk");
    assert_eq!(walk.revision, 0);
    walk.contact.phone = Some("035 123 45 67".into());

    let (outcome, replayed) = send(&server, &token, edit(1, walk.clone(), Some(0))).await;
    assert_eq!(
        outcome,
        Outcome::Saved {
            revision: 1,
            published: true
        }
    );
    assert!(!replayed);
    // The same push again (a lost answer): the first answer, nothing changed twice.
    let (again, replayed) = send(&server, &token, edit(1, walk.clone(), Some(0))).await;
    assert_eq!(again, outcome);
    assert!(replayed);

    let pulled = activity(&server, "senver-wandelen").await.unwrap();
    assert_eq!(pulled.contact.phone.as_deref(), Some("035 123 45 67"));
    assert_eq!(pulled.revision, 1);
    assert!(
        pulled.updated_on.is_some(),
        "Bijgewerkt op: set by the server"
    );
    assert_eq!(
        count(
            &server,
            "SELECT COUNT(*) FROM catalogue_history WHERE record_id = 'senver-wandelen'"
        )
        .await,
        1
    );
    let previous: Option<String> = sqlx::query_scalar(
        "SELECT previous FROM catalogue_history WHERE record_id = 'senver-wandelen'",
    )
    .fetch_one(&server.pool)
    .await
    .unwrap();
    assert!(previous.is_some_and(|p| !p.contains("035 123 45 67")));
}

#[tokio::test]
async fn an_edit_on_an_older_version_gets_both_versions_and_changes_nothing() {
    let server = start().await;
    let anja = organiser(&server, "anja@senver.example", &["senver"]).await;
    let bert = organiser(&server, "bert@senver.example", &["senver"]).await;
    let walk = activity(&server, "senver-wandelen").await.unwrap();

    let mut first = walk.clone();
    first.summary = "Elke dinsdag wandelen, daarna koffie.".into();
    let (outcome, _) = send(&server, &anja, edit(1, first, Some(0))).await;
    assert_eq!(
        outcome,
        Outcome::Saved {
            revision: 1,
            published: true
        }
    );

    // Bert edited offline on revision 0 too.
    let mut second = walk.clone();
    second.capacity = Some(12);
    let (outcome, _) = send(&server, &bert, edit(2, second.clone(), Some(0))).await;
    let Outcome::Conflict { current } = outcome else {
        panic!("a conflict, got {outcome:?}");
    };
    assert_eq!(current.summary, "Elke dinsdag wandelen, daarna koffie.");
    assert_eq!(current.revision, 1);
    assert_eq!(
        activity(&server, "senver-wandelen").await.unwrap().capacity,
        walk.capacity
    );

    // He keeps his: sent again on the current revision, it stands.
    let (outcome, _) = send(&server, &bert, edit(3, second, Some(current.revision))).await;
    assert_eq!(
        outcome,
        Outcome::Saved {
            revision: 2,
            published: true
        }
    );
    assert_eq!(
        activity(&server, "senver-wandelen").await.unwrap().capacity,
        Some(12)
    );
}

#[tokio::test]
async fn an_organiser_cannot_touch_another_organisations_activity() {
    let server = start().await;
    let token = organiser(&server, "anja@senver.example", &["senver"]).await;
    let versa = activity(&server, "versa-vakantieactiviteiten")
        .await
        .unwrap();
    let mut taken = versa.clone();
    taken.organisation_id = "senver".into();
    for (n, change) in [(1, versa.clone()), (2, taken)] {
        let (outcome, _) = send(&server, &token, edit(n, change, Some(0))).await;
        assert_eq!(
            outcome,
            Outcome::Refused {
                reason: Refusal::NotYours,
                errors: vec![]
            }
        );
    }
    // A resident's device, or an outreach worker, may not edit at all.
    let response = push_as(&server, None, vec![edit(3, versa.clone(), Some(0))]).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let (_, worker) = common::staff(&server, Role::OutreachWorker).await;
    let response = push_as(&server, Some(&worker), vec![edit(4, versa, Some(0))]).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        count(&server, "SELECT COUNT(*) FROM catalogue_history").await,
        0
    );
    // Nor read it for the edit form, guessing its id; her own she may.
    let get = |id: &'static str| {
        common::client()
            .get(format!("{}/api/v1/catalogue/activities/{id}", server.url))
            .bearer_auth(&token)
            .send()
    };
    let response = get("versa-vakantieactiviteiten").await.unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let text = response.text().await.unwrap();
    assert!(text.contains("andere organisatie"), "{text}");
    assert!(!text.contains("Vakantie"), "{text}");
    assert_eq!(
        get("bestaat-niet").await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    let own: omzien_core::edit::OwnActivity =
        get("senver-wandelen").await.unwrap().json().await.unwrap();
    assert!(own.published);
    assert_eq!(own.activity.id, "senver-wandelen");
}

#[tokio::test]
async fn bad_fields_are_refused_with_words() {
    let server = start().await;
    let token = organiser(&server, "anja@senver.example", &["senver"]).await;
    let mut walk = activity(&server, "senver-wandelen").await.unwrap();
    walk.name = " ".into();
    walk.wijk = Some("atlantis".into());
    let (outcome, _) = send(&server, &token, edit(1, walk.clone(), Some(0))).await;
    let Outcome::Refused {
        reason: Refusal::Invalid,
        errors,
    } = outcome
    else {
        panic!("refused, got {outcome:?}");
    };
    assert_eq!(errors[0].field, Field::ActivityName);
    assert!(!errors[0].message.is_empty());
    walk.name = "Wandelen".into();
    let (outcome, _) = send(&server, &token, edit(2, walk, Some(0))).await;
    let Outcome::Refused { errors, .. } = outcome else {
        panic!("refused, got {outcome:?}");
    };
    assert_eq!(errors[0].field, Field::Wijk);
}

#[tokio::test]
async fn a_new_activity_waits_for_an_editor_and_residents_never_see_it() {
    let server = start().await;
    let token = organiser(&server, "anja@senver.example", &["senver"]).await;
    let mut new = activity(&server, "senver-wandelen").await.unwrap();
    new.id = "senver-jeu-de-boules".into();
    new.name = "Jeu de boules".into();
    let (outcome, _) = send(&server, &token, edit(1, new.clone(), None)).await;
    assert_eq!(
        outcome,
        Outcome::Saved {
            revision: 1,
            published: false
        }
    );
    assert!(activity(&server, "senver-jeu-de-boules").await.is_none());
    // Nobody can sign up for it yet either.
    let response = push_as(
        &server,
        None,
        vec![Mutation {
            id: uuid(2),
            change: Change::SignUp(omzien_core::signup::SignUpRequest {
                activity_id: "senver-jeu-de-boules".into(),
                first_name: "Joke".into(),
                phone: Some("06 12345678".into()),
                email: None,
                party_size: 1,
                note: None,
                channel: omzien_core::signup::Channel::Own,
                consent: true,
                share_with_organiser: false,
                cancel_secret: None,
            }),
        }],
    )
    .await;
    let results = response.json::<PushResponse>().await.unwrap().results;
    assert_eq!(
        results[0].outcome,
        Outcome::Refused {
            reason: Refusal::UnknownActivity,
            errors: vec![]
        }
    );

    // A coordinator (an editor) adds one: published at once.
    let (_, editor) = common::staff(&server, Role::Coordinator).await;
    new.id = "senver-koersbal".into();
    let (outcome, _) = send(&server, &editor, edit(3, new, None)).await;
    assert_eq!(
        outcome,
        Outcome::Saved {
            revision: 1,
            published: true
        }
    );
    assert!(activity(&server, "senver-koersbal").await.is_some());
}

#[tokio::test]
async fn an_import_keeps_what_staff_changed_and_says_so() {
    let server = start().await;
    let token = organiser(&server, "anja@senver.example", &["senver"]).await;
    let mut walk = activity(&server, "senver-wandelen").await.unwrap();
    walk.contact.phone = Some("035 123 45 67".into());
    send(&server, &token, edit(1, walk, Some(0))).await;
    let mut new = activity(&server, "senver-scrabble").await.unwrap();
    new.id = "senver-jeu-de-boules".into();
    send(&server, &token, edit(2, new, None)).await;

    // The seed files again: they neither undo the phone number nor delete the new one.
    let data = catalogue::read_data_dir(&repo_data()).unwrap();
    let report = catalogue::import(&server.pool, &data).await.unwrap();
    assert_eq!((report.changed, report.deleted), (0, 0));
    assert_eq!(
        report.kept,
        [
            ("activity".to_owned(), "senver-wandelen".to_owned()),
            ("activity".to_owned(), "senver-jeu-de-boules".to_owned()),
        ]
    );
    let pulled = activity(&server, "senver-wandelen").await.unwrap();
    assert_eq!(pulled.contact.phone.as_deref(), Some("035 123 45 67"));
    assert_eq!(
        count(&server, "SELECT COUNT(*) FROM catalogue_records WHERE id = 'senver-jeu-de-boules' AND deleted = FALSE").await,
        1
    );
}

async fn as_editor(
    server: &TestServer,
    token: &str,
    method: reqwest::Method,
    path: &str,
) -> reqwest::RequestBuilder {
    common::client()
        .request(method, format!("{}/api/v1{path}", server.url))
        .bearer_auth(token)
}

/// An editors' page as JSON.
async fn editor_get<T: serde::de::DeserializeOwned>(
    server: &TestServer,
    token: &str,
    path: &str,
) -> T {
    as_editor(server, token, reqwest::Method::GET, path)
        .await
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

#[tokio::test]
async fn an_editor_publishes_what_waits_and_residents_then_see_it() {
    let server = start().await;
    let token = organiser(&server, "anja@senver.example", &["senver"]).await;
    let mut new = activity(&server, "senver-wandelen").await.unwrap();
    new.id = "senver-jeu-de-boules".into();
    new.name = "Jeu de boules".into();
    send(&server, &token, edit(1, new, None)).await;

    // The municipality's editor (redacteur), who reads no notes, publishes it.
    let (_, editor) = common::staff(&server, Role::Editor).await;
    let queue: omzien_core::edit::Queue = editor_get(&server, &editor, "/catalogue/queue").await;
    assert_eq!(queue.activities.len(), 1);
    assert_eq!(queue.activities[0].activity.name, "Jeu de boules");
    assert_eq!(
        queue.activities[0].by.as_deref(),
        Some("anja@senver.example")
    );

    let publish = "/catalogue/activities/senver-jeu-de-boules/publish";
    let response = as_editor(&server, &editor, reqwest::Method::POST, publish)
        .await
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert!(activity(&server, "senver-jeu-de-boules").await.is_some());
    let again = as_editor(&server, &editor, reqwest::Method::POST, publish)
        .await
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::CONFLICT);
    let queue: omzien_core::edit::Queue = editor_get(&server, &editor, "/catalogue/queue").await;
    assert!(queue.activities.is_empty());
    // The organiser is no editor.
    let hers = as_editor(&server, &token, reqwest::Method::GET, "/catalogue/queue")
        .await
        .send()
        .await
        .unwrap();
    assert_eq!(hers.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn an_editor_sees_the_history_and_puts_an_earlier_version_back() {
    let server = start().await;
    let token = organiser(&server, "anja@senver.example", &["senver"]).await;
    let mut walk = activity(&server, "senver-wandelen").await.unwrap();
    walk.summary = "Eerste versie.".into();
    send(&server, &token, edit(1, walk.clone(), Some(0))).await;
    walk.summary = "Tweede versie, met een fout.".into();
    send(&server, &token, edit(2, walk, Some(1))).await;

    let (_, editor) = common::staff(&server, Role::Admin).await;
    let path = "/catalogue/activities/senver-wandelen/history";
    let history: omzien_core::edit::History = editor_get(&server, &editor, path).await;
    let summaries: Vec<&str> = history
        .changes
        .iter()
        .map(|c| c.activity.summary.as_str())
        .collect();
    assert_eq!(
        summaries,
        ["Tweede versie, met een fout.", "Eerste versie."]
    );
    assert_eq!(
        history.changes[1].by.as_deref(),
        Some("anja@senver.example")
    );
    assert_eq!(
        history.changes[1].action,
        omzien_core::edit::HistoryAction::Edit
    );

    let back: Activity = as_editor(
        &server,
        &editor,
        reqwest::Method::POST,
        "/catalogue/activities/senver-wandelen/revert",
    )
    .await
    .json(&omzien_core::edit::RevertRequest {
        to: history.changes[1].id,
    })
    .send()
    .await
    .unwrap()
    .json()
    .await
    .unwrap();
    assert_eq!(back.summary, "Eerste versie.");
    assert_eq!(
        back.revision, 3,
        "a revert is a new revision; nothing is erased"
    );
    let pulled = activity(&server, "senver-wandelen").await.unwrap();
    assert_eq!(
        (pulled.summary.as_str(), pulled.revision),
        ("Eerste versie.", 3)
    );
    let history: omzien_core::edit::History = editor_get(&server, &editor, path).await;
    assert_eq!(history.changes.len(), 3);
    assert_eq!(
        history.changes[0].action,
        omzien_core::edit::HistoryAction::Revert
    );

    // An entry of another activity, or none at all: not found.
    let wrong = as_editor(
        &server,
        &editor,
        reqwest::Method::POST,
        "/catalogue/activities/senver-scrabble/revert",
    )
    .await
    .json(&omzien_core::edit::RevertRequest {
        to: history.changes[1].id,
    })
    .send()
    .await
    .unwrap();
    assert_eq!(wrong.status(), StatusCode::NOT_FOUND);
    let unknown = as_editor(
        &server,
        &editor,
        reqwest::Method::GET,
        "/catalogue/activities/bestaat-niet/history",
    )
    .await
    .send()
    .await
    .unwrap();
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn freshness_asks_after_six_months_and_lists_the_stale_after_nine() {
    use omzien_core::edit::{Currency, Freshness};
    use omzien_core::schedule::Date;
    let server = start().await;
    let token = organiser(&server, "anja@senver.example", &["senver"]).await;
    let day = |d: &str| Date::try_from(d.to_owned()).unwrap();
    // The walk was last confirmed on 1 January; the rest is fresh from the import.
    sqlx::query(
        "UPDATE catalogue_records SET updated_on = '2026-01-01' WHERE id = 'senver-wandelen'",
    )
    .execute(&server.pool)
    .await
    .unwrap();
    let user: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = 'anja@senver.example'")
        .fetch_one(&server.pool)
        .await
        .unwrap();
    let f = Freshness::default();
    let currency = |list: &omzien_core::edit::OwnActivities| {
        list.activities
            .iter()
            .find(|a| a.activity.id == "senver-wandelen")
            .map(|a| a.currency)
    };
    let mine = editing::mine(&server.pool, Some(user), f, day("2026-08-01"))
        .await
        .unwrap();
    assert!(mine
        .activities
        .iter()
        .all(|a| a.activity.organisation_id == "senver"));
    assert_eq!(currency(&mine), Some(Currency::AskToConfirm));
    let later = day("2026-10-15");
    let stale = editing::stale(&server.pool, f, later).await.unwrap();
    assert_eq!(stale.organisations.len(), 1);
    assert_eq!(stale.organisations[0].activities[0].0, "senver-wandelen");

    // "Klopt dit nog?" — yes: today's date, same revision, off the stale list.
    let confirm = Mutation {
        id: uuid(1),
        change: Change::ConfirmActivity {
            activity_id: "senver-wandelen".into(),
        },
    };
    let (outcome, _) = send(&server, &token, confirm).await;
    assert_eq!(
        outcome,
        Outcome::Saved {
            revision: 0,
            published: true
        }
    );
    let pulled = activity(&server, "senver-wandelen").await.unwrap();
    assert!(pulled.updated_on.is_some_and(|d| d > day("2026-01-01")));
    let stale = editing::stale(&server.pool, f, later).await.unwrap();
    assert!(stale.organisations.is_empty());
    // Not hers: refused.
    let versa = Mutation {
        id: uuid(2),
        change: Change::ConfirmActivity {
            activity_id: "versa-vakantieactiviteiten".into(),
        },
    };
    let (outcome, _) = send(&server, &token, versa).await;
    assert_eq!(
        outcome,
        Outcome::Refused {
            reason: Refusal::NotYours,
            errors: vec![]
        }
    );
}

#[tokio::test]
async fn a_withdrawn_activity_leaves_residents_devices_and_an_editor_can_bring_it_back() {
    let server = start().await;
    let token = organiser(&server, "anja@senver.example", &["senver"]).await;
    let before = pull(&server).await.cursor;
    let withdraw = |n, id: &str| Mutation {
        id: uuid(n),
        change: Change::WithdrawActivity {
            activity_id: id.into(),
        },
    };

    // Not hers, or not there: refused, nothing changes.
    let (outcome, _) = send(&server, &token, withdraw(1, "versa-vakantieactiviteiten")).await;
    assert!(matches!(
        outcome,
        Outcome::Refused {
            reason: Refusal::NotYours,
            ..
        }
    ));
    let (outcome, _) = send(&server, &token, withdraw(2, "bestaat-niet")).await;
    assert!(matches!(
        outcome,
        Outcome::Refused {
            reason: Refusal::UnknownActivity,
            ..
        }
    ));

    let (outcome, replayed) = send(&server, &token, withdraw(3, "senver-wandelen")).await;
    assert_eq!(
        (outcome, replayed),
        (
            Outcome::Saved {
                revision: 0,
                published: false
            },
            false
        )
    );
    // Sent twice (the answer was lost): the same answer, one history row.
    let (_, replayed) = send(&server, &token, withdraw(3, "senver-wandelen")).await;
    assert!(replayed);
    assert_eq!(
        count(
            &server,
            "SELECT COUNT(*) FROM catalogue_history WHERE action = 'withdraw'"
        )
        .await,
        1
    );

    // A device that pulled before gets a tombstone; a new one never sees it.
    let since: PullResponse = common::client()
        .get(format!("{}/api/v1/sync/pull?cursor={before}", server.url))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(since.deleted.iter().any(|d| d.id == "senver-wandelen"));
    assert!(activity(&server, "senver-wandelen").await.is_none());
    // No new sign-ups for it.
    let sign_up = Mutation {
        id: uuid(4),
        change: Change::SignUp(omzien_core::signup::SignUpRequest {
            activity_id: "senver-wandelen".into(),
            first_name: "Joke".into(),
            phone: Some("06 12345678".into()),
            email: None,
            party_size: 1,
            note: None,
            channel: omzien_core::signup::Channel::Own,
            consent: true,
            share_with_organiser: false,
            cancel_secret: None,
        }),
    };
    let response = push_as(&server, None, vec![sign_up]).await;
    let results = response.json::<PushResponse>().await.unwrap().results;
    assert!(matches!(
        results[0].outcome,
        Outcome::Refused {
            reason: Refusal::UnknownActivity,
            ..
        }
    ));
    // The seed files again do not bring it back.
    let data = catalogue::read_data_dir(&repo_data()).unwrap();
    let report = catalogue::import(&server.pool, &data).await.unwrap();
    assert!(report
        .kept
        .contains(&("activity".to_owned(), "senver-wandelen".to_owned())));
    assert!(activity(&server, "senver-wandelen").await.is_none());

    // An editor puts the version before the withdrawal back.
    let (_, editor) = common::staff(&server, Role::Coordinator).await;
    let path = "/catalogue/activities/senver-wandelen/history";
    let history: omzien_core::edit::History = editor_get(&server, &editor, path).await;
    assert_eq!(
        history.changes[0].action,
        omzien_core::edit::HistoryAction::Withdraw
    );
    let response = as_editor(
        &server,
        &editor,
        reqwest::Method::POST,
        "/catalogue/activities/senver-wandelen/revert",
    )
    .await
    .json(&omzien_core::edit::RevertRequest {
        to: history.changes[0].id,
    })
    .send()
    .await
    .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(activity(&server, "senver-wandelen").await.is_some());
}

#[tokio::test]
async fn the_editors_log_shows_an_organisers_live_change_newest_first() {
    let server = start().await;
    let token = organiser(&server, "anja@senver.example", &["senver"]).await;
    let mut walk = activity(&server, "senver-wandelen").await.unwrap();
    walk.contact.phone = Some("035 123 45 67".into());
    send(&server, &token, edit(1, walk, Some(0))).await;
    let withdraw = Mutation {
        id: uuid(2),
        change: Change::WithdrawActivity {
            activity_id: "senver-scrabble".into(),
        },
    };
    send(&server, &token, withdraw).await;

    let (_, editor) = common::staff(&server, Role::Coordinator).await;
    let log: omzien_core::edit::Log = editor_get(&server, &editor, "/catalogue/log").await;
    let lines: Vec<(&str, omzien_core::edit::HistoryAction, Option<&str>)> = log
        .changes
        .iter()
        .map(|c| (c.activity_id.as_str(), c.action, c.by.as_deref()))
        .collect();
    use omzien_core::edit::HistoryAction::{Edit, Withdraw};
    assert_eq!(
        lines,
        [
            ("senver-scrabble", Withdraw, Some("anja@senver.example")),
            ("senver-wandelen", Edit, Some("anja@senver.example")),
        ]
    );
    assert!(!log.changes[1].name.is_empty());
}
