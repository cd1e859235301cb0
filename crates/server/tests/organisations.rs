//! New organisations: an organiser proposes hers, it waits in the editors' queue and
//! residents never pull it; an editor publishes it, and only then its activities.

mod common;

use common::{push_as, sign_in, start, uuid, TestServer};
use omzien_core::edit::{ActivityEdit, Queue};
use omzien_core::model::{Contact, Organisation};
use omzien_core::new_organisation::{NewOrganisation, Proposed};
use omzien_core::staff::Role;
use omzien_core::wire::{Change, Mutation, Outcome, PullResponse, PushResponse};
use reqwest::{Method, StatusCode};

fn lindenhof() -> NewOrganisation {
    NewOrganisation {
        name: "Buurthuis De Lindenhof".into(),
        description: "Een buurthuis in Oost met koffie, eten en spelletjes.".into(),
        contact: Contact {
            phone: Some("035 123 45 67".into()),
            ..Contact::default()
        },
    }
}

fn call(server: &TestServer, token: &str, method: Method, path: &str) -> reqwest::RequestBuilder {
    common::client()
        .request(method, format!("{}/api/v1{path}", server.url))
        .bearer_auth(token)
}

async fn propose(
    server: &TestServer,
    token: &str,
    proposal: &NewOrganisation,
) -> reqwest::Response {
    call(server, token, Method::POST, "/catalogue/organisations")
        .json(proposal)
        .send()
        .await
        .unwrap()
}

/// A new activity through the push, as the app sends it: the item's outcome.
async fn push_new_activity(
    server: &TestServer,
    token: &str,
    n: u32,
    activity: omzien_core::model::Activity,
) -> Outcome {
    let mutation = Mutation {
        id: uuid(n),
        change: Change::EditActivity(Box::new(ActivityEdit {
            activity,
            base_revision: None,
        })),
    };
    let mut answer: PushResponse = push_as(server, Some(token), vec![mutation])
        .await
        .json()
        .await
        .unwrap();
    answer.results.remove(0).outcome
}

async fn pulled(server: &TestServer, id: &str) -> Option<Organisation> {
    let pull: PullResponse = common::client()
        .get(format!("{}/api/v1/sync/pull?cursor=0", server.url))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    pull.organisations.into_iter().find(|o| o.id == id)
}

async fn queue(server: &TestServer, editor: &str) -> Queue {
    call(server, editor, Method::GET, "/catalogue/queue")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

#[tokio::test]
async fn an_organisers_new_organisation_waits_for_an_editor_then_residents_see_it() {
    let server = start().await;
    common::add_organiser(&server, "lies@lindenhof.example", &["senver"]).await;
    let token = sign_in(&server, "lies@lindenhof.example").await;

    let response = propose(&server, &token, &lindenhof()).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let made: Proposed = response.json().await.unwrap();
    assert_eq!(made.organisation.id, "buurthuis-de-lindenhof");
    assert!(!made.published);
    assert_eq!(
        made.keeps,
        ["buurthuis-de-lindenhof", "senver"],
        "she keeps it at once"
    );
    assert!(made
        .organisation
        .source
        .starts_with("Aangemeld in Omzien door de organisatie op "));
    assert!(
        pulled(&server, "buurthuis-de-lindenhof").await.is_none(),
        "residents never see it"
    );

    // Her first activity for it waits too, and cannot be published before it.
    let mut first: omzien_core::model::Activity = serde_json::from_str(
        r#"{"id": "lindenhof-koffie", "name": "Koffie in de Lindenhof",
            "summary": "Elke ochtend koffie.", "kind": "meeting",
            "organisation_id": "buurthuis-de-lindenhof", "loneliness_types": ["social"],
            "target_groups": ["everyone"], "source": "Door de organisatie zelf."}"#,
    )
    .unwrap();
    first.contact.phone = Some("035 123 45 67".into());
    let outcome = push_new_activity(&server, &token, 1, first).await;
    assert!(matches!(
        outcome,
        Outcome::Saved {
            published: false,
            ..
        }
    ));

    let (_, editor) = common::staff(&server, Role::Editor).await;
    let waiting = queue(&server, &editor).await;
    assert_eq!(waiting.organisations.len(), 1);
    assert_eq!(
        waiting.organisations[0].organisation.name,
        "Buurthuis De Lindenhof"
    );
    assert_eq!(
        waiting.organisations[0].by.as_deref(),
        Some("lies@lindenhof.example")
    );
    assert_eq!(waiting.activities.len(), 1);

    let early = call(
        &server,
        &editor,
        Method::POST,
        "/catalogue/activities/lindenhof-koffie/publish",
    )
    .send()
    .await
    .unwrap();
    assert_eq!(early.status(), StatusCode::CONFLICT);
    let said: serde_json::Value = early.json().await.unwrap();
    assert_eq!(
        said["message"],
        "Publiceer eerst de organisatie van deze activiteit."
    );

    let publish = "/catalogue/organisations/buurthuis-de-lindenhof/publish";
    let response = call(&server, &editor, Method::POST, publish)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let again = call(&server, &editor, Method::POST, publish)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::CONFLICT);
    assert_eq!(
        pulled(&server, "buurthuis-de-lindenhof")
            .await
            .map(|o| o.name)
            .as_deref(),
        Some("Buurthuis De Lindenhof")
    );
    let response = call(
        &server,
        &editor,
        Method::POST,
        "/catalogue/activities/lindenhof-koffie/publish",
    )
    .send()
    .await
    .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert!(queue(&server, &editor).await.organisations.is_empty());
    assert_eq!(
        common::count(
            &server,
            "SELECT COUNT(*) FROM catalogue_history WHERE kind = 'organisation' \
             AND record_id = 'buurthuis-de-lindenhof'"
        )
        .await,
        2,
        "created, then published"
    );

    // An import of data/ leaves the new organisation and its activity alone.
    let data = omzien_server::catalogue::read_data_dir(&common::repo_data()).unwrap();
    let report = omzien_server::catalogue::import(&server.pool, &data)
        .await
        .unwrap();
    assert_eq!(report.deleted, 0);
    assert!(pulled(&server, "buurthuis-de-lindenhof").await.is_some());
}

#[tokio::test]
async fn an_editors_new_organisation_is_published_at_once() {
    let server = start().await;
    let (_, editor) = common::staff(&server, Role::Coordinator).await;
    let made: Proposed = propose(&server, &editor, &lindenhof())
        .await
        .json()
        .await
        .unwrap();
    assert!(made.published);
    assert!(
        made.keeps.is_empty(),
        "an editor keeps every organisation already"
    );
    assert!(made
        .organisation
        .source
        .starts_with("Toegevoegd door de redactie van Omzien op "));
    assert!(pulled(&server, "buurthuis-de-lindenhof").await.is_some());
}

#[tokio::test]
async fn a_partner_already_in_omzien_or_a_bad_form_is_refused_with_words() {
    let server = start().await;
    let (_, token) = common::staff(&server, Role::Organiser).await;
    let mut twice = lindenhof();
    twice.name = "stichting  SENVER".into();
    let response = propose(&server, &token, &twice).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let said: serde_json::Value = response.json().await.unwrap();
    assert_eq!(
        said["message"],
        "Deze organisatie staat al in Omzien: Stichting Senver."
    );

    let mut bad = lindenhof();
    bad.contact = Contact {
        website: Some("www.lindenhof.nl".into()),
        ..Contact::default()
    };
    let response = propose(&server, &token, &bad).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let said: serde_json::Value = response.json().await.unwrap();
    assert!(said["message"]
        .as_str()
        .unwrap()
        .contains("Een website begint met https://."));
    assert_eq!(
        common::count(&server, "SELECT COUNT(*) FROM catalogue_records WHERE kind = 'organisation' AND staff_edited = TRUE").await,
        0,
        "nothing stored"
    );

    // The same name with other punctuation is the same organisation.
    assert_eq!(
        propose(&server, &token, &lindenhof()).await.status(),
        StatusCode::CREATED
    );
    let mut other = lindenhof();
    other.name = "Buurthuis De Lindenhof!".into();
    assert_eq!(
        propose(&server, &token, &other).await.status(),
        StatusCode::CONFLICT
    );
}

#[tokio::test]
async fn a_new_organisation_never_takes_the_id_of_a_withdrawn_one_or_its_organisers() {
    let server = start().await;
    // An organiser of the example organisation, which later left the catalogue (an
    // import without it); her link and its staff-made activities stay.
    common::add_organiser(&server, "oud@voorbeeld.example", &["voorbeeld"]).await;
    sqlx::query(
        "UPDATE catalogue_records SET deleted = TRUE WHERE kind = 'organisation' AND id = 'voorbeeld'",
    )
    .execute(&server.pool)
    .await
    .unwrap();
    let (_, token) = common::staff(&server, Role::Organiser).await;
    let mut again = lindenhof();
    again.name = "Voorbeeld".into();
    let made: Proposed = propose(&server, &token, &again).await.json().await.unwrap();
    assert_eq!(
        made.organisation.id, "voorbeeld-2",
        "not the withdrawn one's id"
    );
    assert!(!made.keeps.contains(&"voorbeeld".to_owned()));
    // Another one whose id only an organiser's link still holds.
    sqlx::query("INSERT INTO user_organisations (user_id, organisation_id) SELECT id, 'buurtkamer' FROM users WHERE email = 'oud@voorbeeld.example'")
        .execute(&server.pool)
        .await
        .unwrap();
    let mut linked = lindenhof();
    linked.name = "Buurtkamer".into();
    let made: Proposed = propose(&server, &token, &linked)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(made.organisation.id, "buurtkamer-2");
}

#[tokio::test]
async fn an_editors_activity_for_a_waiting_organisation_waits_with_it() {
    let server = start().await;
    let (_, organiser) = common::staff(&server, Role::Organiser).await;
    propose(&server, &organiser, &lindenhof()).await;
    let (_, editor) = common::staff(&server, Role::Editor).await;
    let activity: omzien_core::model::Activity = serde_json::from_str(
        r#"{"id": "lindenhof-eten", "name": "Samen eten", "summary": "Elke vrijdag.",
            "kind": "meeting", "organisation_id": "buurthuis-de-lindenhof",
            "loneliness_types": ["social"], "target_groups": ["everyone"],
            "source": "Door de redactie.", "contact": {"phone": "035 123 45 67"}}"#,
    )
    .unwrap();
    let outcome = push_new_activity(&server, &editor, 7, activity).await;
    assert!(
        matches!(
            outcome,
            Outcome::Saved {
                published: false,
                ..
            }
        ),
        "{:?}",
        outcome
    );
    assert_eq!(queue(&server, &editor).await.activities.len(), 1);
    // An editor's (redacteur's) own new organisation is published at once.
    let mut own = lindenhof();
    own.name = "Wijkcentrum De Koepel".into();
    let made: Proposed = propose(&server, &editor, &own).await.json().await.unwrap();
    assert!(made.published);
}

#[tokio::test]
async fn only_staff_who_keep_activities_propose_and_only_editors_publish() {
    let server = start().await;
    let (_, worker) = common::staff(&server, Role::OutreachWorker).await;
    assert_eq!(
        propose(&server, &worker, &lindenhof()).await.status(),
        StatusCode::FORBIDDEN
    );
    let anonymous = common::client()
        .post(format!("{}/api/v1/catalogue/organisations", server.url))
        .json(&lindenhof())
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);

    let (_, organiser) = common::staff(&server, Role::Organiser).await;
    propose(&server, &organiser, &lindenhof()).await;
    let hers = call(
        &server,
        &organiser,
        Method::POST,
        "/catalogue/organisations/buurthuis-de-lindenhof/publish",
    )
    .send()
    .await
    .unwrap();
    assert_eq!(hers.status(), StatusCode::FORBIDDEN);
    let (_, editor) = common::staff(&server, Role::Editor).await;
    let unknown = call(
        &server,
        &editor,
        Method::POST,
        "/catalogue/organisations/bestaat-niet/publish",
    )
    .send()
    .await
    .unwrap();
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
}
