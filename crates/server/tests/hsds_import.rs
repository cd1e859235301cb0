//! `import-hsds`: the official HSDS 3.0 example (JSON and CSV) and our own made-up
//! Hilversum data set come in, go out through `/hsds/` and come in again unchanged;
//! a broken file is refused whole with every reason; a second import changes nothing;
//! staff's records are kept; new records wait for an editor unless published.

mod common;

use std::path::{Path, PathBuf};

use omzien_core::model::Activity;
use omzien_core::schedule::Freq;
use omzien_core::staff::Role;
use omzien_server::hsds_import::{self, HsdsImportError, HsdsReport, ImportOptions};
use serde_json::{json, Value};

use common::{client, start, TestServer};

fn hsds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hsds")
}

fn fixture() -> PathBuf {
    hsds_dir().join("fixtures/hilversum")
}

async fn import(
    server: &TestServer,
    path: &Path,
    publish: bool,
) -> Result<HsdsReport, HsdsImportError> {
    let input = hsds_import::read_path(path)?;
    let options = ImportOptions {
        source: "partner".to_owned(),
        publish,
    };
    hsds_import::import(&server.pool, &input, &options).await
}

/// Every record an import brought, as stored: (kind, id, body).
async fn imported(server: &TestServer) -> Vec<(String, String, String)> {
    sqlx::query_as(
        "SELECT kind, id, body FROM catalogue_records WHERE import_source IS NOT NULL \
         AND deleted = FALSE ORDER BY kind, id",
    )
    .fetch_all(&server.pool)
    .await
    .unwrap()
}

async fn activity(server: &TestServer, name: &str) -> Activity {
    let bodies: Vec<String> = sqlx::query_scalar(
        "SELECT body FROM catalogue_records WHERE kind = 'activity' AND body IS NOT NULL",
    )
    .fetch_all(&server.pool)
    .await
    .unwrap();
    bodies
        .iter()
        .map(|body| serde_json::from_str::<Activity>(body).unwrap())
        .find(|a| a.name == name)
        .unwrap_or_else(|| panic!("no activity {name}"))
}

async fn get_json(server: &TestServer, path: &str) -> Value {
    let r = client()
        .get(format!("{}{path}", server.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "{path}");
    r.json().await.unwrap()
}

/// What `/hsds/` gives of the imported records, written as a partner would save it:
/// the services' full answers as one Page, the organizations' full answers as a list.
async fn export(server: &TestServer, dir: &Path) {
    let ids: Vec<(String, String)> = imported(server)
        .await
        .into_iter()
        .map(|(kind, id, _)| (kind, id))
        .collect();
    let mut services = Vec::new();
    let mut organizations = Vec::new();
    for (kind, id) in ids {
        match kind.as_str() {
            "activity" => services.push(get_json(server, &format!("/hsds/services/{id}")).await),
            _ => organizations.push(get_json(server, &format!("/hsds/organizations/{id}")).await),
        }
    }
    std::fs::create_dir_all(dir).unwrap();
    let page = json!({"total_items": services.len(), "total_pages": 1, "page_number": 1,
        "size": services.len(), "first_page": true, "last_page": true, "empty": false,
        "contents": services});
    std::fs::write(
        dir.join("services.json"),
        serde_json::to_vec(&page).unwrap(),
    )
    .unwrap();
    std::fs::write(
        dir.join("organizations.json"),
        serde_json::to_vec(&organizations).unwrap(),
    )
    .unwrap();
}

/// Imports `path`, exports it, imports the export into a fresh server: every stored
/// record must be the same, byte for byte, and the second import must find nothing it
/// cannot keep.
async fn round_trip(path: &Path) -> (TestServer, HsdsReport) {
    let first = start().await;
    let report = import(&first, path, true).await.expect("imports");
    assert!(report.created >= 2);
    let out = tempfile::tempdir().unwrap();
    export(&first, out.path()).await;
    let second = start().await;
    let again = import(&second, out.path(), true)
        .await
        .expect("the export imports");
    assert_eq!(again.created, report.created);
    assert_eq!(
        again.not_modelled,
        Default::default(),
        "our own export holds only what Omzien models"
    );
    let a = imported(&first).await;
    let b = imported(&second).await;
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x, y, "round trip changed {} {}", x.0, x.1);
    }
    (first, report)
}

#[tokio::test]
async fn our_hilversum_data_set_comes_in_whole_and_survives_a_round_trip() {
    let (server, report) = round_trip(&fixture()).await;
    assert_eq!(
        (report.created, report.updated, report.unchanged),
        (10, 0, 0)
    );
    assert_eq!(
        report.not_modelled,
        Default::default(),
        "{:?}",
        report.not_modelled
    );

    let walk = activity(&server, "Wandelen door de Hilversumse Meent").await;
    assert_eq!(walk.schedule.describe_nl(), "Elke dinsdag, 10:00 tot 11:30");
    assert_eq!(walk.capacity, Some(12));
    assert_eq!(walk.sign_up_required, Some(true));
    assert_eq!(walk.wijk.as_deref(), Some("hilversumse-meent"));
    assert_eq!(walk.free, Some(true));
    assert_eq!(walk.languages, ["nl", "en"]);
    assert_eq!(
        walk.summary,
        "Elke dinsdag samen een uur wandelen, daarna koffie. Ook met rollator."
    );
    assert!(walk.description.contains("Hôfje; de eerste kop"));
    assert_eq!(
        walk.accessibility.as_deref(),
        Some("Rolstoeltoegankelijk, met ringleiding; één trede bij de zij-ingang.")
    );
    let place = walk.location.as_ref().unwrap();
    assert_eq!(
        (place.name.as_str(), place.postal_code.as_deref()),
        ("Buurthuis Het Hôfje", Some("1211 AB"))
    );
    assert_eq!(walk.source, "HSDS: partner");

    let cafe = activity(&server, "Taalcafé Crème de la Crème").await;
    assert_eq!(cafe.schedule.freq, Some(Freq::Monthly));
    assert_eq!(cafe.schedule.interval, Some(2));
    assert_eq!(
        serde_json::to_value(&cafe.schedule.by_day).unwrap(),
        json!(["1WE", "-1FR"])
    );
    assert_eq!(
        cafe.schedule.note.as_deref(),
        Some("Niet in de schoolvakanties.")
    );
    assert_eq!(cafe.free, Some(false));
    assert_eq!(
        cafe.cost_note.as_deref(),
        Some("€ 2,50 per keer, koffie inbegrepen.")
    );
    assert_eq!(cafe.sessions.len(), 2);
    assert_eq!(
        cafe.sessions[0].location.as_ref().unwrap().name,
        "Bibliotheek Hilversum (zaal Één)"
    );
    assert_eq!(cafe.sessions[1].location, None);

    let line = activity(&server, "Luisterlijn: praten met een vrijwilliger").await;
    assert_eq!(line.schedule.freq, Some(Freq::Daily));
    assert!(line.schedule.by_day.is_empty());
    assert!(line.general);
    assert_eq!(line.contact.phone.as_deref(), Some("035 555 03 03"));
    let coffee = activity(&server, "Koffie om de dag").await;
    assert_eq!(
        (coffee.schedule.freq, coffee.schedule.interval),
        (Some(Freq::Daily), Some(2))
    );
    let festival = activity(&server, "Festival Samen Één").await;
    assert_eq!(festival.schedule.freq, Some(Freq::Yearly));
    let buddy = activity(&server, "Maatjesproject Samen Één").await;
    assert_eq!(buddy.schedule.note.as_deref(), Some("op afspraak"));
    assert_eq!(buddy.schedule.freq, None);

    let found = get_json(&server, "/hsds/services?search=hôfje%20KOFFIE").await;
    assert_eq!(
        found["total_items"], 2,
        "the walk and the coffee, by their texts"
    );

    // HSDS 3.0 has no DAILY or YEARLY: what goes out, for readers that do not know ours.
    let out = get_json(&server, &format!("/hsds/services/{}", line.id)).await;
    assert_eq!(out["schedules"][0]["freq"], "WEEKLY");
    assert_eq!(out["schedules"][0]["byday"], "MO,TU,WE,TH,FR,SA,SU");
    let out = get_json(&server, &format!("/hsds/services/{}", festival.id)).await;
    assert!(out["schedules"][0].get("freq").is_none());
    assert_eq!(out["schedules"][0]["description"], "Elk jaar op 29 juni");
}

#[tokio::test]
async fn the_official_example_comes_in_from_json_and_from_csv_alike_with_its_quirks() {
    let (server, report) = round_trip(&hsds_dir().join("examples/service_full.json")).await;
    let a = activity(&server, "Community Counselling").await;
    // Its phone number is written with quotes around it; its timezone is a number.
    assert_eq!(a.contact.phone.as_deref(), Some("+44 1234 234567"));
    assert_eq!(
        a.schedule.describe_nl().split(" (").next(),
        Some("Elke donderdag en vrijdag")
    );
    assert_eq!(a.organisation_id, "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610");
    for field in [
        "service.alternate_name",
        "service.funding",
        "schedule.timezone",
        "schedule.wkst",
        "location.latitude",
        "organization.year_incorporated",
        "service: no Omzien kind (set to `support` for an editor to check)",
    ] {
        assert!(
            report.not_modelled.contains_key(field),
            "{field} not reported: {:?}",
            report.not_modelled.keys()
        );
    }

    // The tabular package of the same example gives the same activity.
    let tabular = start().await;
    let report = import(&tabular, &hsds_dir().join("examples/csv"), true)
        .await
        .unwrap();
    assert_eq!(report.created, 2);
    assert!(report.not_modelled.contains_key("funding.csv (rows)"));
    let from_csv = activity(&tabular, "Community Counselling").await;
    assert_eq!(from_csv, a);
}

#[tokio::test]
async fn a_broken_file_is_refused_whole_with_every_reason() {
    let server = start().await;
    let cursor = omzien_server::catalogue::current_cursor(&server.pool)
        .await
        .unwrap();
    let good_org = json!({"id": "11111111-1111-4111-8111-111111111111", "name": "Buurtkamer", "description": ""});
    let service = |id: &str, extra: Value| {
        let mut s = json!({"id": id, "name": format!("Dienst {id}"), "status": "active",
            "organization_id": "11111111-1111-4111-8111-111111111111"});
        for (k, v) in extra.as_object().unwrap() {
            s[k] = v.clone();
        }
        s
    };
    let services = json!([
        service("goed", json!({})),
        service("zonder-naam", json!({"name": ""})),
        service("vreemde-organisatie", json!({"organization_id": "niemand"})),
        service(
            "foute-datum",
            json!({"schedules": [{"id": "s1", "freq": "WEEKLY", "dtstart": "2026-13-45"}]})
        ),
        service(
            "per-uur",
            json!({"schedules": [{"id": "s2", "freq": "HOURLY"}]})
        ),
        service("gesloten", json!({"status": "defunct"})),
        service(
            "andere-wijk",
            json!({"attributes": [{"id": "a", "taxonomy_term": {"id": "t", "code": "wijk/amsterdam-noord", "taxonomy": "Omzien"}}]})
        ),
    ]);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("organizations.json"),
        json!([good_org]).to_string(),
    )
    .unwrap();
    std::fs::write(dir.path().join("services.json"), services.to_string()).unwrap();
    let Err(HsdsImportError::Rejected(rejected)) = import(&server, dir.path(), true).await else {
        panic!("a broken file must be refused");
    };
    let said: Vec<String> = rejected.iter().map(ToString::to_string).collect();
    assert_eq!(rejected.len(), 6, "{said:#?}");
    for (record, reason) in [
        ("zonder-naam", "needs a name"),
        ("vreemde-organisatie", "organization `niemand` is neither"),
        ("foute-datum", "dtstart `2026-13-45` is not a date"),
        ("per-uur", "freq `HOURLY`"),
        ("gesloten", "status `defunct`"),
        ("andere-wijk", "wijk `amsterdam-noord`"),
    ] {
        assert!(
            said.iter()
                .any(|s| s.contains(record) && s.contains(reason)),
            "{record}: {reason} not in {said:#?}"
        );
    }
    assert!(!said.iter().any(|s| s.contains("Dienst goed")));
    // Nothing changed, not even the good one.
    assert_eq!(imported(&server).await, vec![]);
    assert_eq!(
        omzien_server::catalogue::current_cursor(&server.pool)
            .await
            .unwrap(),
        cursor
    );
}

#[tokio::test]
async fn a_second_import_changes_nothing_staff_edits_are_kept_and_data_import_leaves_them() {
    let server = start().await;
    import(&server, &fixture(), true).await.unwrap();
    let cursor = omzien_server::catalogue::current_cursor(&server.pool)
        .await
        .unwrap();
    let again = import(&server, &fixture(), true).await.unwrap();
    assert_eq!((again.created, again.updated, again.unchanged), (0, 0, 10));
    assert_eq!(
        omzien_server::catalogue::current_cursor(&server.pool)
            .await
            .unwrap(),
        cursor
    );

    // An editor changed the walk in Omzien; the partner changed the walk and the café.
    let walk = activity(&server, "Wandelen door de Hilversumse Meent").await;
    let mut body = common::stored_body(&server, "activity", &walk.id).await;
    body["summary"] = "Door de redactie herschreven.".into();
    sqlx::query("UPDATE catalogue_records SET staff_edited = TRUE, body = $1 WHERE id = $2")
        .bind(body.to_string())
        .bind(&walk.id)
        .execute(&server.pool)
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    for file in ["organizations.json", "services.json"] {
        let text = std::fs::read_to_string(fixture().join(file))
            .unwrap()
            .replace("Wandelen door de Hilversumse Meent", "Wandelen in de Meent")
            .replace("Taalcafé Crème de la Crème", "Taalcafé Crème");
        std::fs::write(dir.path().join(file), text).unwrap();
    }
    let changed = import(&server, dir.path(), true).await.unwrap();
    assert_eq!(changed.kept, vec![("activity".to_owned(), walk.id.clone())]);
    assert_eq!(changed.updated, 1);
    assert_eq!(
        activity(&server, "Wandelen door de Hilversumse Meent")
            .await
            .summary,
        "Door de redactie herschreven."
    );
    activity(&server, "Taalcafé Crème").await;

    // The import of data/ deletes what it no longer has, but only what it brought.
    let data = omzien_server::catalogue::read_data_dir(&common::repo_data()).unwrap();
    let report = omzien_server::catalogue::import(&server.pool, &data)
        .await
        .unwrap();
    assert_eq!(report.deleted, 0);
    assert_eq!(imported(&server).await.len(), 10);
}

#[tokio::test]
async fn new_records_wait_in_the_editors_queue_unless_published() {
    let server = start().await;
    let report = import(&server, &fixture(), false).await.unwrap();
    assert_eq!(report.created, 10);
    let hsds = get_json(&server, "/hsds/services?search=Hôfje&per_page=500").await;
    assert_eq!(hsds["total_items"], 0, "not out before an editor looked");
    let (_, token) = common::staff(&server, Role::Editor).await;
    let queue: Value = client()
        .get(format!("{}/api/v1/catalogue/queue", server.url))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let text = queue.to_string();
    assert!(text.contains("Taalcafé Crème de la Crème"), "{text}");
    assert!(text.contains("Stichting Café Rêve"), "{text}");
    // Imported again, still waiting: the import does not publish what it did not.
    import(&server, &fixture(), false).await.unwrap();
    let hsds = get_json(&server, "/hsds/services?search=Hôfje").await;
    assert_eq!(hsds["total_items"], 0);
}
