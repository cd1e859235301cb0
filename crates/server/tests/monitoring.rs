//! Tellen (issue 18): the agenda on the server and the protected counts, against a
//! seeded database. The point of most of these: a count under 10 never leaves the
//! server, and a cell that would give one away is hidden too.

mod common;

use common::{client, count, staff, start, TestServer};
use omzien_core::disclosure::Shown;
use omzien_core::monitoring::{
    ActionEdit, ActivityLink, Expectation, Measure, Milestone, MonitoringReport, Programme,
};
use omzien_core::staff::Role;
use reqwest::StatusCode;

async fn get(server: &TestServer, token: &str, path: &str) -> reqwest::Response {
    client()
        .get(format!("{}/api/v1{path}", server.url))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
}

async fn put<T: serde::Serialize>(
    server: &TestServer,
    token: &str,
    path: &str,
    body: &T,
) -> StatusCode {
    client()
        .put(format!("{}/api/v1{path}", server.url))
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .unwrap()
        .status()
}

fn next_id() -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(1);
    common::uuid(NEXT.fetch_add(1, Ordering::Relaxed))
}

async fn sql(server: &TestServer, statement: &str) {
    sqlx::query(statement).execute(&server.pool).await.unwrap();
}

/// `n` sign-ups for an activity, made on `day`, in `place`, cancelled or not.
async fn sign_ups(
    server: &TestServer,
    activity: &str,
    n: u32,
    day: &str,
    place: &str,
    cancelled: bool,
) {
    for _ in 0..n {
        let id = next_id();
        sqlx::query(
            "INSERT INTO sign_ups (id, activity_id, first_name, phone, party_size, channel, place, \
             created_at, cancelled_at) VALUES ($1, $2, 'Joke', '06 12345678', 2, 'self', $3, $4, $5)",
        )
        .bind(id)
        .bind(activity)
        .bind(place)
        .bind(format!("{day}T10:00:00.000Z"))
        .bind(cancelled.then(|| format!("{day}T12:00:00.000Z")))
        .execute(&server.pool)
        .await
        .unwrap();
    }
}

async fn notes(server: &TestServer, n: u32, channel: &str, urgency: &str, day: &str) {
    for _ in 0..n {
        let id = next_id();
        sqlx::query(
            "INSERT INTO concern_notes (id, kind, about, wijk, urgency, reporter_role, channel, \
             received_at) VALUES ($1, 'worried', 'someone_else', 'oost', $2, 'neighbour', $3, $4)",
        )
        .bind(id)
        .bind(urgency)
        .bind(channel)
        .bind(format!("{day}T09:00:00.000Z"))
        .execute(&server.pool)
        .await
        .unwrap();
    }
}

fn lead_edit(expectations: Vec<Expectation>) -> ActionEdit {
    ActionEdit {
        planning: "Start in 2024, daarna continu".into(),
        expectations,
        milestones: vec![
            Milestone {
                name: "Training gegeven".into(),
                due: "2026-09-01".into(),
                done: None,
            },
            Milestone {
                name: "Plan klaar".into(),
                due: "2026-07-01".into(),
                done: Some("2026-06-20".into()),
            },
        ],
    }
}

/// Every `{"count": N}` in an answer: what `Shown::Count` looks like on the wire.
fn shown_counts(body: &str) -> Vec<u64> {
    body.match_indices("{\"count\":")
        .map(|(at, m)| {
            let rest = &body[at + m.len()..];
            rest[..rest.find('}').unwrap()].parse().unwrap()
        })
        .collect()
}

#[tokio::test]
async fn counts_under_ten_never_leave_the_server_and_their_complements_are_hidden() {
    let server = start().await;
    let (_, lead) = staff(&server, Role::Kartrekker).await;
    // Three actions with an activity each: 12, 3 and 11 confirmed sign-ups.
    for (activity, action) in [
        ("voorbeeld-wandelgroep-oost", "week-tegen-eenzaamheid"),
        ("voorbeeld-samen-eten", "ambassadeurs"),
        ("senver-wandelen", "digitale-vaardigheden-senioren"),
    ] {
        let link = ActivityLink {
            action_id: Some(action.into()),
        };
        let path = format!("/programme/activities/{activity}/action");
        assert_eq!(
            put(&server, &lead, &path, &link).await,
            StatusCode::NO_CONTENT
        );
    }
    sign_ups(
        &server,
        "voorbeeld-wandelgroep-oost",
        12,
        "2026-08-04",
        "confirmed",
        false,
    )
    .await;
    sign_ups(
        &server,
        "voorbeeld-wandelgroep-oost",
        2,
        "2026-08-05",
        "confirmed",
        true,
    )
    .await;
    sign_ups(
        &server,
        "voorbeeld-samen-eten",
        3,
        "2026-09-10",
        "confirmed",
        false,
    )
    .await;
    sign_ups(
        &server,
        "senver-wandelen",
        11,
        "2026-10-01",
        "confirmed",
        false,
    )
    .await;
    // The first half year, which the report must leave out.
    sign_ups(
        &server,
        "senver-wandelen",
        30,
        "2026-06-30",
        "confirmed",
        false,
    )
    .await;
    notes(&server, 12, "self", "normal", "2026-08-01").await;
    notes(&server, 3, "kiosk", "today", "2026-08-02").await;
    sql(&server, "INSERT INTO pull_counts (day, pulls) VALUES ('2026-09-01', 25), ('2026-10-01', 4), ('2026-05-01', 99)").await;
    sql(&server, "INSERT INTO self_test_counts (month, wijk, emotional, social, count) VALUES ('2026-08', 'oost', 2, 3, 14), ('2026-08', '', 0, 0, 2)").await;
    let edit = lead_edit(vec![
        Expectation {
            half: "2026-H2".into(),
            measure: Measure::SignUps,
            count: 40,
            counted: None,
        },
        Expectation {
            half: "2026-H2".into(),
            measure: Measure::Participants,
            count: 60,
            // 30 more at the week's meetings, on the attendance lists.
            counted: Some(30),
        },
    ]);
    assert_eq!(
        put(
            &server,
            &lead,
            "/programme/actions/week-tegen-eenzaamheid",
            &edit
        )
        .await,
        StatusCode::NO_CONTENT
    );

    let response = get(&server, &lead, "/monitoring?half=2026-H2").await;
    assert_eq!(response.status(), StatusCode::OK);
    let body = response.text().await.unwrap();
    let counts = shown_counts(&body);
    assert!(!counts.is_empty());
    assert!(
        counts.iter().all(|&n| n >= 10),
        "a small count was sent: {counts:?}"
    );
    let report: MonitoringReport = serde_json::from_str(&body).unwrap();
    assert_eq!(report.half, "2026-H2");

    let week = |measure| {
        report
            .reach
            .iter()
            .find(|r| r.action_id == "week-tegen-eenzaamheid" && r.measure == measure)
            .unwrap()
    };
    assert_eq!(week(Measure::SignUps).expected, Some(40));
    assert_eq!(week(Measure::SignUps).reached, Shown::Count(12));
    assert_eq!(week(Measure::SignUps).counted_elsewhere, None);
    // Twelve sign-ups of two people each, and the 30 counted outside Omzien.
    assert_eq!(week(Measure::Participants).reached, Shown::Count(54));
    assert_eq!(
        week(Measure::Participants).counted_elsewhere,
        Some(Shown::Count(30))
    );

    let table = &report.sign_ups_by_action;
    assert_eq!(
        table.rows,
        [
            "week-tegen-eenzaamheid",
            "ambassadeurs",
            "digitale-vaardigheden-senioren"
        ]
        .map(String::from)
    );
    assert_eq!(table.cell("ambassadeurs", "confirmed"), Some(Shown::Small));
    // 26 confirmed in all: shown, the 11 would give the 3 away.
    assert_eq!(table.column_totals[0], Shown::Count(26));
    assert_eq!(
        table.cell("digitale-vaardigheden-senioren", "confirmed"),
        Some(Shown::Hidden)
    );
    assert_eq!(
        table.cell("week-tegen-eenzaamheid", "cancelled"),
        Some(Shown::Small)
    );
    let reached_small = report
        .reach
        .iter()
        .find(|r| r.action_id == "ambassadeurs")
        .unwrap();
    assert_eq!(
        (
            reached_small.measure,
            reached_small.expected,
            reached_small.reached
        ),
        (Measure::SignUps, None, Shown::Small)
    );

    // Months: August 14 made (12 + 2 cancelled), September 3, October 11.
    let months = &report.sign_ups_by_month;
    assert_eq!(months.rows[0], "2026-07");
    assert_eq!(months.cell("2026-08", "confirmed"), Some(Shown::Count(12)));
    assert_eq!(months.cell("2026-09", "confirmed"), Some(Shown::Small));
    // Its column has four small months, so nothing more needs hiding: the 11 hidden in
    // the table by action shows here. Two cuts of the same data combine; neither gives
    // away a count under 10 (docs/monitoring.md).
    assert_eq!(months.cell("2026-10", "confirmed"), Some(Shown::Count(11)));
    // Every wijk is a row, with or without sign-ups.
    assert!(report.sign_ups_by_wijk.rows.len() >= 10);
    assert_eq!(
        report.sign_ups_by_wijk.cell("oost", "confirmed"),
        Some(Shown::Count(12))
    );

    assert_eq!(report.notes_by_channel.get("self"), Some(Shown::Count(12)));
    assert_eq!(report.notes_by_channel.get("kiosk"), Some(Shown::Small));
    assert_eq!(report.notes_by_channel.total, Shown::Count(15));
    assert_eq!(
        report.notes_by_urgency.get("normal"),
        Some(Shown::Count(12))
    );
    assert_eq!(report.notes_by_outcome.get("open"), Some(Shown::Count(15)));
    assert_eq!(
        report.visits_by_month.get("2026-09"),
        Some(Shown::Count(25))
    );
    assert_eq!(report.visits_by_month.get("2026-10"), Some(Shown::Small));
    assert_eq!(report.visits_by_month.total, Shown::Count(29));
    assert_eq!(report.self_tests_social.get("3"), Some(Shown::Count(14)));
    assert_eq!(report.self_tests_social.get("0"), Some(Shown::Small));

    // The first half year has the 30 and the 99 and nothing of the second.
    let first: MonitoringReport = get(&server, &lead, "/monitoring?half=2026-H1")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(first.visits_by_month.total, Shown::Count(99));
    assert_eq!(
        first
            .sign_ups_by_action
            .cell("digitale-vaardigheden-senioren", "confirmed"),
        Some(Shown::Count(30))
    );
    assert_eq!(first.notes_by_channel.total, Shown::Small);

    // The trend: each half's own protected number, the first half's 30 beside the
    // second's, which is the reach row of the second half's report.
    assert_eq!(
        report.trend.halves,
        ["2025-H1", "2025-H2", "2026-H1", "2026-H2"]
    );
    let row = report
        .trend
        .rows
        .iter()
        .find(|r| r.action_id == "digitale-vaardigheden-senioren" && r.measure == Measure::SignUps)
        .unwrap();
    let now = report
        .reach
        .iter()
        .find(|r| r.action_id == "digitale-vaardigheden-senioren")
        .unwrap()
        .reached;
    assert_eq!(
        row.reached,
        [Shown::Small, Shown::Small, Shown::Count(30), now]
    );
    // The wijk picture: table 4 beside the confirmed cell of the table by wijk.
    let oost = report
        .wijk_picture
        .rows
        .iter()
        .find(|r| r.wijk == "oost")
        .unwrap();
    assert_eq!(
        Some(oost.sign_ups),
        report.sign_ups_by_wijk.cell("oost", "confirmed")
    );
    assert!(oost.lonely > 0 && oost.activities >= 1, "{oost:?}");
    assert!(report.wijk_picture.source.contains("tabel 4"));
    let groups = report.sign_ups_by_target_group.as_ref().unwrap();
    assert_eq!(groups.rows.len(), 6);
    let json = serde_json::to_string(&report).unwrap();
    assert!(
        !json.contains("\"count\":3}"),
        "a small count left the server"
    );

    let bad = get(&server, &lead, "/monitoring?half=2026-Q3").await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn residents_workers_organisers_coordinators_and_editors_get_no_counts() {
    let server = start().await;
    let paths = ["/monitoring?half=2026-H2", "/monitoring", "/programme"];
    for path in paths {
        let anonymous = client()
            .get(format!("{}/api/v1{path}", server.url))
            .send()
            .await
            .unwrap();
        assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED, "{path}");
    }
    for role in [
        Role::OutreachWorker,
        Role::Organiser,
        Role::Coordinator,
        Role::Editor,
    ] {
        let (_, token) = staff(&server, role).await;
        for path in paths {
            let response = get(&server, &token, path).await;
            assert_eq!(response.status(), StatusCode::FORBIDDEN, "{role:?} {path}");
            let body = response.text().await.unwrap();
            assert!(!body.contains("sign_ups"), "{body}");
        }
        let edit = lead_edit(vec![]);
        assert_eq!(
            put(&server, &token, "/programme/actions/meldpunt", &edit).await,
            StatusCode::FORBIDDEN
        );
    }
    for role in [Role::Kartrekker, Role::Admin] {
        let (_, token) = staff(&server, role).await;
        for path in paths {
            assert_eq!(get(&server, &token, path).await.status(), StatusCode::OK);
        }
    }
}

#[tokio::test]
async fn the_programme_is_seeded_and_an_import_keeps_what_the_lead_set() {
    let server = start().await;
    let (_, lead) = staff(&server, Role::Kartrekker).await;
    let programme: Programme = get(&server, &lead, "/programme")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(programme.pillars.len(), 6);
    assert_eq!(programme.actions.len(), 27);
    assert_eq!(programme.budget.totals[0], 225_000);
    assert!(programme.source.contains("hoofdstuk 7"));

    let edit = lead_edit(vec![Expectation {
        half: "2026-H2".into(),
        measure: Measure::Visits,
        count: 5000,
        counted: None,
    }]);
    assert_eq!(
        put(
            &server,
            &lead,
            "/programme/actions/informatie-verspreiden",
            &edit
        )
        .await,
        StatusCode::NO_CONTENT
    );
    let mut broken = edit.clone();
    broken.milestones[0].due = "1 september".into();
    assert_eq!(
        put(
            &server,
            &lead,
            "/programme/actions/informatie-verspreiden",
            &broken
        )
        .await,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        put(&server, &lead, "/programme/actions/bestaat-niet", &edit).await,
        StatusCode::NOT_FOUND
    );

    // A new version of the files: one action renamed, two gone (one of them planned).
    let (mut actions, budget) =
        omzien_server::programme::read_data_dir(&common::repo_data()).unwrap();
    actions
        .actions
        .retain(|a| a.id != "informatie-verspreiden" && a.id != "kartrekker");
    actions.actions[0].name = "Communicatieplan, herzien".into();
    let report = omzien_server::programme::seed(&server.pool, &actions, &budget)
        .await
        .unwrap();
    assert_eq!(report.kept, ["informatie-verspreiden"]);

    let programme: Programme = get(&server, &lead, "/programme")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(programme.actions.len(), 26);
    assert_eq!(
        programme.actions[0].action.name,
        "Communicatieplan, herzien"
    );
    let kept = programme
        .actions
        .iter()
        .find(|a| a.action.id == "informatie-verspreiden")
        .unwrap();
    assert_eq!(kept.action.planning, "Start in 2024, daarna continu");
    assert_eq!(kept.expectations.len(), 1);
    assert_eq!(kept.milestones[1].done.as_deref(), Some("2026-06-20"));
}

#[tokio::test]
async fn an_editor_links_activities_to_actions() {
    let server = start().await;
    let (_, editor) = staff(&server, Role::Editor).await;
    let link = |id: Option<&str>| ActivityLink {
        action_id: id.map(Into::into),
    };
    let path = "/programme/activities/senver-wandelen/action";
    assert_eq!(
        put(&server, &editor, path, &link(Some("meldpunt"))).await,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        count(
            &server,
            "SELECT COUNT(*) FROM activity_actions WHERE action_id = 'meldpunt'"
        )
        .await,
        1
    );
    assert_eq!(
        put(&server, &editor, path, &link(Some("nergens"))).await,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        put(
            &server,
            &editor,
            "/programme/activities/bestaat-niet/action",
            &link(Some("meldpunt"))
        )
        .await,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        put(&server, &editor, path, &link(None)).await,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        count(&server, "SELECT COUNT(*) FROM activity_actions").await,
        0
    );
}

#[tokio::test]
async fn a_pull_counts_a_visit_and_nothing_else() {
    let server = start().await;
    for _ in 0..3 {
        let response = client()
            .get(format!("{}/api/v1/sync/pull", server.url))
            .header("x-omzien-device", "00000000-0000-4000-8000-000000000001")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
    }
    assert_eq!(
        count(
            &server,
            "SELECT CAST(SUM(pulls) AS BIGINT) FROM pull_counts"
        )
        .await,
        3
    );
    assert_eq!(count(&server, "SELECT COUNT(*) FROM pull_counts").await, 1);
    // The table holds a day and a number: no device, address or time.
    use sqlx::{Column, Row};
    let row = sqlx::query("SELECT * FROM pull_counts")
        .fetch_one(&server.pool)
        .await
        .unwrap();
    let columns: Vec<&str> = row.columns().iter().map(|c| c.name()).collect();
    assert_eq!(columns, ["day", "pulls"]);
}
