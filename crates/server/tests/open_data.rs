//! Open data: the HSDS 3 API, its validation against the spec's JSON Schemas, the
//! calendar feeds (read back by an independent parser) and the CSV export.
//!
//! The validators are Python tools that `scripts/install-tools --test` puts in
//! `target/pytools` (check-jsonschema, icalendar); `make test` runs that first.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use omzien_core::schedule::Date;
use omzien_core::Catalogue;
use serde_json::{json, Value};

use common::{client, start_with, TestServer};

fn tools() -> PathBuf {
    std::env::var_os("OMZIEN_PYTOOLS").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/pytools"),
        PathBuf::from,
    )
}

fn python() -> PathBuf {
    let python = tools().join("bin/python");
    assert!(
        python.exists(),
        "{} is missing: run `scripts/install-tools --test` (it installs check-jsonschema \
         and icalendar from PyPI into target/pytools)",
        python.display()
    );
    python
}

pub fn hsds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hsds")
}

async fn get(server: &TestServer, path: &str) -> reqwest::Response {
    client()
        .get(format!("{}{path}", server.url))
        .send()
        .await
        .unwrap()
}

async fn get_json(server: &TestServer, path: &str) -> Value {
    let response = get(server, path).await;
    assert_eq!(response.status(), 200, "GET {path}");
    response.json().await.unwrap()
}

/// The seed catalogue, with dates and sessions on two of Senver's activities so the
/// feeds have something to carry.
fn with_dates(c: &mut Catalogue) {
    let next_year = Date::try_from(format!("{}-01-01", 2027)).unwrap().year() + 1;
    let senver: Vec<usize> = c
        .activities
        .iter()
        .enumerate()
        .filter(|(_, a)| a.organisation_id == "senver" && !a.example)
        .map(|(i, _)| i)
        .take(2)
        .collect();
    let weekly = &mut c.activities[senver[0]];
    weekly.schedule = serde_json::from_value(json!({
        "freq": "WEEKLY", "by_day": ["TU"], "dtstart": "2026-01-06",
        "start_time": "10:00", "end_time": "11:30"
    }))
    .unwrap();
    let sessions = &mut c.activities[senver[1]];
    sessions.schedule = Default::default();
    sessions.sessions = serde_json::from_value(json!([
        {"date": format!("{next_year}-03-12"), "start_time": "19:30", "end_time": "21:00",
         "location": {"name": "Bibliotheek Hilversum", "address": "Vaartweg 2", "city": "Hilversum"}},
        {"date": format!("{next_year}-04-09"), "start_time": "19:30"}
    ]))
    .unwrap();
}

async fn published_activities(server: &TestServer) -> i64 {
    common::count(
        server,
        "SELECT COUNT(*) FROM catalogue_records WHERE kind = 'activity' AND published = TRUE AND deleted = FALSE",
    )
    .await
}

#[tokio::test]
async fn hsds_lists_page_search_and_filter_what_residents_see() {
    let server = start_with(with_dates).await;
    let total = published_activities(&server).await;
    assert!(total > 20);

    let base = get_json(&server, "/hsds/").await;
    assert_eq!(base["version"], "3.0");
    let first = get_json(&server, "/hsds/services?per_page=10").await;
    assert_eq!(first["total_items"], total);
    assert_eq!(first["total_pages"], (total + 9) / 10);
    assert_eq!(first["page_number"], 1);
    assert_eq!(first["size"], 10);
    assert_eq!(first["first_page"], true);
    assert_eq!(first["last_page"], false);
    let last_page = (total + 9) / 10;
    let last = get_json(
        &server,
        &format!("/hsds/services?per_page=10&page={last_page}"),
    )
    .await;
    assert_eq!(last["last_page"], true);
    assert_eq!(last["size"], total - 10 * (last_page - 1));
    let beyond = get_json(&server, "/hsds/services?page=99").await;
    assert_eq!(beyond["empty"], true);
    assert_eq!(beyond["contents"], json!([]));
    // Every page together is every service, each once.
    let mut ids = std::collections::BTreeSet::new();
    for page in 1..=last_page {
        let p = get_json(&server, &format!("/hsds/services?per_page=10&page={page}")).await;
        for s in p["contents"].as_array().unwrap() {
            assert!(ids.insert(s["id"].as_str().unwrap().to_owned()));
        }
    }
    assert_eq!(ids.len() as i64, total);

    for bad in [
        "page=0",
        "per_page=abc",
        "per_page=501",
        "modified_after=gisteren",
    ] {
        let r = get(&server, &format!("/hsds/services?{bad}")).await;
        assert_eq!(r.status(), 400, "{bad}");
    }

    // Search: every word, in name, texts or organisation, any case.
    let walking = get_json(&server, "/hsds/services?search=WANDEL&per_page=500").await;
    assert!(walking["total_items"].as_i64().unwrap() >= 1);
    for s in walking["contents"].as_array().unwrap() {
        let text = s.to_string().to_lowercase();
        assert!(text.contains("wandel"), "{text}");
    }

    // organization_id: the HSDS id and Omzien's own both work.
    let senver = get_json(&server, "/hsds/organizations?search=senver").await;
    let senver_id = senver["contents"][0]["id"].as_str().unwrap().to_owned();
    let by_org = get_json(
        &server,
        &format!("/hsds/services?organization_id={senver_id}&per_page=500"),
    )
    .await;
    let by_slug = get_json(
        &server,
        "/hsds/services?organization_id=senver&per_page=500",
    )
    .await;
    assert_eq!(by_org["total_items"], by_slug["total_items"]);
    let senver_count = published_bodies(&server)
        .await
        .iter()
        .filter(|a| a["organisation_id"] == "senver")
        .count();
    assert_eq!(by_org["total_items"], senver_count);
    for s in by_org["contents"].as_array().unwrap() {
        assert_eq!(s["organization_id"], senver_id.as_str());
        assert_eq!(s["organization"]["name"], "Stichting Senver");
    }
    let unknown = get_json(&server, "/hsds/services?organization_id=nobody").await;
    assert_eq!(unknown["total_items"], 0);

    // taxonomy_term_id: a term, or its whole group.
    let terms = get_json(&server, "/hsds/taxonomy_terms?per_page=500").await;
    let term = |code: &str| {
        terms["contents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["code"] == code)
            .unwrap_or_else(|| panic!("term {code}"))["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let seniors = published_bodies(&server)
        .await
        .iter()
        .filter(|a| {
            a["target_groups"]
                .as_array()
                .is_some_and(|groups| groups.iter().any(|g| g == "seniors"))
        })
        .count();
    assert!(seniors > 0);
    let by_term = get_json(
        &server,
        &format!(
            "/hsds/services?taxonomy_term_id={}&per_page=500",
            term("target/seniors")
        ),
    )
    .await;
    assert_eq!(by_term["total_items"], seniors);
    let by_group = get_json(
        &server,
        &format!("/hsds/services?taxonomy_term_id={}", term("target")),
    )
    .await;
    assert_eq!(by_group["total_items"], total);

    // A full service carries Omzien's own fields as attributes of the Omzien taxonomy.
    let one = &first["contents"][0]["id"];
    let full = get_json(
        &server,
        &format!("/hsds/services/{}", one.as_str().unwrap()),
    )
    .await;
    let codes: Vec<&str> = full["attributes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["taxonomy_term"]["code"].as_str().unwrap())
        .collect();
    assert!(codes.iter().any(|c| c.starts_with("kind/")), "{codes:?}");
    assert!(
        codes.iter().any(|c| c.starts_with("audience/")),
        "{codes:?}"
    );
    assert!(codes.contains(&"summary"));
    assert_eq!(get(&server, "/hsds/services/nobody").await.status(), 404);
    assert_eq!(get(&server, "/hsds/nothing-here").await.status(), 404);
}

#[tokio::test]
async fn only_published_not_withdrawn_records_go_out_and_modified_after_gives_changes() {
    let server = start_with(with_dates).await;
    let before = get_json(&server, "/hsds/services?per_page=500").await;
    let total = before["total_items"].as_i64().unwrap();
    let ids: Vec<String> = sqlx::query_scalar(
        "SELECT id FROM catalogue_records WHERE kind = 'activity' AND published = TRUE \
         AND deleted = FALSE ORDER BY id LIMIT 3",
    )
    .fetch_all(&server.pool)
    .await
    .unwrap();
    let bump = |sql: &'static str, id: String| {
        let pool = server.pool.clone();
        async move {
            let mut tx = pool.begin().await.unwrap();
            let v: i64 = sqlx::query_scalar(
                "UPDATE sync_counter SET last_version = last_version + 1 RETURNING last_version",
            )
            .fetch_one(&mut *tx)
            .await
            .unwrap();
            sqlx::query(sql)
                .bind(v)
                .bind(id)
                .execute(&mut *tx)
                .await
                .unwrap();
            tx.commit().await.unwrap();
        }
    };
    // Waiting for an editor, and withdrawn: neither goes out.
    bump("UPDATE catalogue_records SET published = FALSE, version = $1 WHERE kind = 'activity' AND id = $2", ids[0].clone()).await;
    bump(
        "UPDATE catalogue_records SET deleted = TRUE, version = $1 WHERE kind = 'activity' AND id = $2",
        ids[1].clone(),
    )
    .await;
    let after = get_json(&server, "/hsds/services?per_page=500").await;
    assert_eq!(after["total_items"], total - 2);
    assert_eq!(
        get(&server, &format!("/hsds/services/{}", ids[0]))
            .await
            .status(),
        404
    );
    assert_eq!(
        get(&server, &format!("/hsds/services/{}", ids[1]))
            .await
            .status(),
        404
    );

    // A partner that pulled a moment ago gets only what changed since.
    let newest = after["contents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["last_modified"].as_str().unwrap().to_owned())
        .max()
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    let mark = omzien_server::auth::iso_now();
    assert!(mark > newest);
    let none = get_json(&server, &format!("/hsds/services?modified_after={mark}")).await;
    assert_eq!(none["total_items"], 0);
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    let mut renamed = common::stored_body(&server, "activity", &ids[2]).await;
    renamed["name"] = "Nieuwe naam".into();
    sqlx::query("UPDATE catalogue_records SET body = $1 WHERE kind = 'activity' AND id = $2")
        .bind(renamed.to_string())
        .bind(&ids[2])
        .execute(&server.pool)
        .await
        .unwrap();
    bump(
        "UPDATE catalogue_records SET version = $1 WHERE kind = 'activity' AND id = $2",
        ids[2].clone(),
    )
    .await;
    let changed = get_json(&server, &format!("/hsds/services?modified_after={mark}")).await;
    assert_eq!(changed["total_items"], 1);
    assert_eq!(changed["contents"][0]["name"], "Nieuwe naam");
    // The same moment with an offset.
    let offset = mark.replace('Z', "+00:00");
    let same = get_json(
        &server,
        &format!(
            "/hsds/services?modified_after={}",
            offset.replace('+', "%2B")
        ),
    )
    .await;
    assert_eq!(same["total_items"], 1);
}

/// Every endpoint and page size, written out and checked by check-jsonschema.
#[tokio::test]
async fn every_hsds_answer_validates_against_the_spec_schemas() {
    let server = start_with(with_dates).await;
    let out = tempfile::tempdir().unwrap();
    let mut manifest = Vec::new();
    let mut save = |value: &Value, schema: &str, page: bool| {
        let file = out.path().join(format!("{}.json", manifest.len()));
        std::fs::write(&file, serde_json::to_vec_pretty(value).unwrap()).unwrap();
        manifest.push(json!({"file": file, "schema": schema, "page": page}));
    };
    let base = get_json(&server, "/hsds").await;
    assert_eq!(base, get_json(&server, "/hsds/").await);
    assert!(base["openapi_url"]
        .as_str()
        .unwrap()
        .starts_with("https://"));
    let all = get_json(&server, "/hsds/services?per_page=500").await;
    for per_page in [1, 7, 50, 500] {
        save(
            &get_json(&server, &format!("/hsds/services?per_page={per_page}")).await,
            "compiled/service_list.json",
            true,
        );
        save(
            &get_json(
                &server,
                &format!("/hsds/services?per_page={per_page}&full=true"),
            )
            .await,
            "service.json",
            true,
        );
        save(
            &get_json(&server, &format!("/hsds/organizations?per_page={per_page}")).await,
            "compiled/organization_list.json",
            true,
        );
        save(
            &get_json(
                &server,
                &format!("/hsds/service_at_locations?per_page={per_page}"),
            )
            .await,
            "compiled/service_at_location_list.json",
            true,
        );
        save(
            &get_json(
                &server,
                &format!("/hsds/taxonomy_terms?per_page={per_page}"),
            )
            .await,
            "taxonomy_term.json",
            true,
        );
    }
    save(
        &get_json(&server, "/hsds/services?page=99").await,
        "compiled/service_list.json",
        true,
    );
    save(
        &get_json(&server, "/hsds/taxonomies").await,
        "taxonomy.json",
        true,
    );
    for s in all["contents"].as_array().unwrap() {
        let id = s["id"].as_str().unwrap();
        save(
            &get_json(&server, &format!("/hsds/services/{id}")).await,
            "service.json",
            false,
        );
    }
    let orgs = get_json(&server, "/hsds/organizations?per_page=500").await;
    for o in orgs["contents"].as_array().unwrap() {
        let id = o["id"].as_str().unwrap();
        save(
            &get_json(&server, &format!("/hsds/organizations/{id}")).await,
            "organization.json",
            false,
        );
    }
    let sals = get_json(&server, "/hsds/service_at_locations?per_page=500").await;
    assert!(sals["total_items"].as_i64().unwrap() > 0);
    for x in sals["contents"].as_array().unwrap() {
        let id = x["id"].as_str().unwrap();
        save(
            &get_json(&server, &format!("/hsds/service_at_locations/{id}")).await,
            "service_at_location.json",
            false,
        );
    }
    let taxonomies = get_json(&server, "/hsds/taxonomies").await;
    let tid = taxonomies["contents"][0]["id"].as_str().unwrap();
    save(
        &get_json(&server, &format!("/hsds/taxonomies/{tid}")).await,
        "taxonomy.json",
        false,
    );
    let terms = get_json(&server, "/hsds/taxonomy_terms?per_page=500").await;
    for t in terms["contents"].as_array().unwrap() {
        let id = t["id"].as_str().unwrap();
        save(
            &get_json(&server, &format!("/hsds/taxonomy_terms/{id}")).await,
            "taxonomy_term.json",
            false,
        );
    }
    std::fs::write(
        out.path().join("manifest.json"),
        serde_json::to_vec(&manifest).unwrap(),
    )
    .unwrap();
    let result = Command::new(python())
        .arg(hsds_dir().join("validate.py"))
        .arg(hsds_dir().join("schema"))
        .arg(out.path())
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&result.stdout);
    assert!(
        result.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&result.stderr)
    );
    assert!(said.contains("service.json"), "{said}");
}

/// Python's `icalendar` reads the feed; what it found, as JSON.
fn parse_ics(text: &str) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("feed.ics");
    std::fs::write(&file, text).unwrap();
    let script = r#"
import icalendar, json, sys
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
events = []
for e in cal.walk('VEVENT'):
    rrule = e.get('RRULE')
    events.append({
        'uid': str(e.get('UID')),
        'summary': str(e.get('SUMMARY')),
        'start': e.decoded('DTSTART').isoformat(),
        'end': e.decoded('DTEND').isoformat() if e.get('DTEND') else None,
        'rrule': rrule.to_ical().decode() if rrule else None,
        'location': str(e.get('LOCATION')) if e.get('LOCATION') else None,
    })
print(json.dumps({'name': str(cal.get('X-WR-CALNAME')), 'events': events}))
"#;
    let result = Command::new(python())
        .arg("-c")
        .arg(script)
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        result.status.success(),
        "icalendar refused the feed: {}",
        String::from_utf8_lossy(&result.stderr)
    );
    serde_json::from_slice(&result.stdout).unwrap()
}

/// The bodies of the activities residents see.
async fn published_bodies(server: &TestServer) -> Vec<Value> {
    let bodies: Vec<String> = sqlx::query_scalar(
        "SELECT body FROM catalogue_records WHERE kind = 'activity' \
         AND published = TRUE AND deleted = FALSE",
    )
    .fetch_all(&server.pool)
    .await
    .unwrap();
    bodies
        .iter()
        .map(|b| serde_json::from_str(b).unwrap())
        .collect()
}

#[tokio::test]
async fn calendar_feeds_parse_and_the_app_pages_on_the_same_paths_still_load() {
    let server = start_with(with_dates).await;
    let senver: Vec<(String, String)> = published_bodies(&server)
        .await
        .into_iter()
        .filter(|a| a["organisation_id"] == "senver" && a["example"] != true)
        .map(|a| {
            (
                a["id"].as_str().unwrap().to_owned(),
                a["name"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    // The two `with_dates` changed, in catalogue order.
    let data = omzien_server::catalogue::read_data_dir(&common::repo_data()).unwrap();
    let mut dated = data
        .activities
        .iter()
        .filter(|a| a.organisation_id == "senver" && !a.example);
    let weekly = dated.next().unwrap().id.clone();
    let with_sessions = dated.next().unwrap().id.clone();
    assert!(senver.iter().any(|(id, _)| *id == weekly));

    let response = get(&server, &format!("/activiteiten/{weekly}.ics")).await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/calendar; charset=utf-8"
    );
    let feed = parse_ics(&response.text().await.unwrap());
    let events = feed["events"].as_array().unwrap();
    assert_eq!(events.len(), 1, "{feed}");
    assert_eq!(events[0]["rrule"], "FREQ=WEEKLY;BYDAY=TU");
    assert!(events[0]["start"].as_str().unwrap().ends_with("T10:00:00"));
    assert!(events[0]["end"].as_str().unwrap().ends_with("T11:30:00"));

    let sessions = parse_ics(
        &get(&server, &format!("/activiteiten/{with_sessions}.ics"))
            .await
            .text()
            .await
            .unwrap(),
    );
    let events = sessions["events"].as_array().unwrap();
    assert_eq!(events.len(), 2, "{sessions}");
    assert!(events[0]["start"]
        .as_str()
        .unwrap()
        .ends_with("-03-12T19:30:00"));
    assert_eq!(
        events[0]["location"],
        "Bibliotheek Hilversum, Vaartweg 2, Hilversum"
    );
    assert!(events.iter().all(|e| e["rrule"].is_null()));

    let org = parse_ics(
        &get(&server, "/organisaties/senver.ics")
            .await
            .text()
            .await
            .unwrap(),
    );
    assert_eq!(org["name"], "Stichting Senver");
    let uids: Vec<&str> = org["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["uid"].as_str().unwrap())
        .collect();
    assert!(uids.len() >= 3, "{uids:?}");
    assert!(uids.iter().any(|u| u.starts_with(&format!("{weekly}@"))));
    assert!(
        uids.iter()
            .filter(|u| u.starts_with(&format!("{with_sessions}-")))
            .count()
            == 2
    );

    assert_eq!(
        get(&server, "/activiteiten/bestaat-niet.ics")
            .await
            .status(),
        404
    );
    assert_eq!(
        get(&server, "/organisaties/bestaat-niet.ics")
            .await
            .status(),
        404
    );
    // The app's own pages on the same paths: the page shell, as before.
    for path in [
        format!("/activiteiten/{weekly}"),
        "/organisaties/senver".to_owned(),
        "/activiteiten".to_owned(),
    ] {
        let r = get(&server, &path).await;
        assert_eq!(r.status(), 200, "{path}");
        assert!(
            r.text().await.unwrap().contains("<title>Omzien</title>"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn the_csv_export_opens_in_dutch_excel_and_holds_every_service() {
    let server = start_with(with_dates).await;
    let total = published_activities(&server).await;
    let response = get(&server, "/hsds/export.csv").await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/csv; charset=utf-8"
    );
    let bytes = response.bytes().await.unwrap();
    assert!(
        bytes.starts_with("\u{feff}".as_bytes()),
        "a BOM, so Excel reads UTF-8"
    );
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    assert!(text.contains("\r\n"));
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header, omzien_server::open_data::CSV_COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len() as i64, total);
    let weekly = rows
        .iter()
        .find(|r| &r[9] == "Elke dinsdag, 10:00 tot 11:30")
        .expect("the weekly one");
    assert_eq!(&weekly[4], "Stichting Senver");
}
