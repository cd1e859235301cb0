//! Vertellen and the evaluation pack (issue 18): stories with consent and without
//! names, the partner's one-time survey link, and a half-yearly pack that is the same
//! on every run and never holds a count under 10.

mod common;

use common::{client, count, staff, start, TestServer};
use omzien_core::disclosure::Shown;
use omzien_core::monitoring::{
    EvaluationPack, Half, MonitoringReport, NewStory, NewSurvey, Stories, SurveyLink,
};
use omzien_core::staff::Role;
use reqwest::StatusCode;

fn api(server: &TestServer, path: &str) -> String {
    format!("{}/api/v1{path}", server.url)
}

fn story(text: &str, consent: bool) -> NewStory {
    NewStory {
        text: text.into(),
        action_id: "meldpunt".into(),
        wijk: None,
        consent,
    }
}

async fn post_story(server: &TestServer, token: Option<&str>, body: &NewStory) -> StatusCode {
    let request = client().post(api(server, "/stories")).json(body);
    let request = match token {
        Some(t) => request.bearer_auth(t),
        None => request,
    };
    request.send().await.unwrap().status()
}

#[tokio::test]
async fn staff_and_organisers_record_stories_that_only_the_lead_reads() {
    let server = start().await;
    let (_, organiser) = staff(&server, Role::Organiser).await;
    let (_, lead) = staff(&server, Role::Kartrekker).await;
    let (_, worker) = staff(&server, Role::OutreachWorker).await;
    let text = "Sinds de wandelgroep heeft ze weer iemand om mee koffie te drinken.";

    assert_eq!(
        post_story(&server, Some(&organiser), &story(text, true)).await,
        StatusCode::CREATED
    );
    // No consent, no story: nothing is stored.
    assert_eq!(
        post_story(
            &server,
            Some(&organiser),
            &story("Zonder toestemming", false)
        )
        .await,
        StatusCode::BAD_REQUEST
    );
    let mut unknown = story("Bij een actie die er niet is", true);
    unknown.action_id = "bestaat-niet".into();
    assert_eq!(
        post_story(&server, Some(&lead), &unknown).await,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        post_story(&server, Some(&worker), &story(text, true)).await,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        post_story(&server, None, &story(text, true)).await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(count(&server, "SELECT COUNT(*) FROM stories").await, 1);

    // The organiser wrote it; she does not read the stories back.
    let listed = client()
        .get(api(&server, "/stories"))
        .bearer_auth(&organiser)
        .send()
        .await
        .unwrap();
    assert_eq!(listed.status(), StatusCode::FORBIDDEN);

    let listed: Stories = client()
        .get(api(&server, "/stories"))
        .bearer_auth(&lead)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(listed.stories.len(), 1);
    assert_eq!(listed.stories[0].text, text);
    let report: MonitoringReport = client()
        .get(api(&server, &format!("/monitoring?half={}", listed.half)))
        .bearer_auth(&lead)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(report.stories, listed.stories);
    // Who wrote it stays on the server.
    let json = serde_json::to_string(&report).unwrap();
    assert!(!json.contains("organiser-"), "{json}");
}

async fn new_link(server: &TestServer, lead: &str, partner: &str) -> reqwest::Response {
    client()
        .post(api(server, "/programme/surveys"))
        .bearer_auth(lead)
        .json(&NewSurvey {
            partner: partner.into(),
            half: "2026-H2".into(),
        })
        .send()
        .await
        .unwrap()
}

async fn answer(server: &TestServer, path: &str, scores: [&str; 3]) -> (StatusCode, String) {
    let response = client()
        .post(format!("{}{path}", server.url))
        .form(&[
            ("results", scores[0]),
            ("process", scores[1]),
            ("cooperation", scores[2]),
            ("comment", "Goede samenwerking met de bibliotheek."),
        ])
        .send()
        .await
        .unwrap();
    (response.status(), response.text().await.unwrap())
}

#[tokio::test]
async fn a_partner_answers_once_with_its_link() {
    let server = start().await;
    let (_, lead) = staff(&server, Role::Kartrekker).await;
    let response = new_link(&server, &lead, "Versa Welzijn").await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let link: SurveyLink = response.json().await.unwrap();
    let token = link.path.strip_prefix("/enquete/").unwrap();
    // Only its hash is kept.
    assert_eq!(
        count(
            &server,
            &format!("SELECT COUNT(*) FROM partner_surveys WHERE token_hash = '{token}'")
        )
        .await,
        0
    );

    let page = client()
        .get(format!("{}{}", server.url, link.path))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let page = page.text().await.unwrap();
    assert!(page.contains("Versa Welzijn") && page.contains("juli tot en met december 2026"));
    assert!(!page.contains("<script") && !page.contains("style="));

    // A score out of range is asked again, and nothing is stored.
    let (status, body) = answer(&server, &link.path, ["11", "7", "8"]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("Kies bij elke vraag"));

    let (status, body) = answer(&server, &link.path, ["8", "6", "9"]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Dank u wel"));
    let (status, body) = answer(&server, &link.path, ["1", "1", "1"]).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(body.contains("al een keer beantwoord"), "{body}");
    let stored: (i64, i64, i64) =
        sqlx::query_as("SELECT results, process, cooperation FROM partner_surveys")
            .fetch_one(&server.pool)
            .await
            .unwrap();
    assert_eq!(stored, (8, 6, 9));
    let again = client()
        .get(format!("{}{}", server.url, link.path))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::GONE);
    // An answered partner gets no new link for the same half.
    assert_eq!(
        new_link(&server, &lead, "Versa Welzijn").await.status(),
        StatusCode::BAD_REQUEST
    );
    let unknown = client()
        .get(format!("{}/enquete/{}", server.url, "0".repeat(64)))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);

    // One answer: no average, and the count says "minder dan 10".
    let report: MonitoringReport = client()
        .get(api(&server, "/monitoring?half=2026-H2"))
        .bearer_auth(&lead)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(report.partner_scores.answered, Some(Shown::Small));
    assert_eq!(report.partner_scores.averages, None);
    assert!(report.partner_scores.comments.is_empty());

    // Ten answers: the averages show.
    for n in 0..9 {
        let link: SurveyLink = new_link(&server, &lead, &format!("Partner {n}"))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(
            answer(&server, &link.path, ["7", "7", "7"]).await.0,
            StatusCode::OK
        );
    }
    let report: MonitoringReport = client()
        .get(api(&server, "/monitoring?half=2026-H2"))
        .bearer_auth(&lead)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(report.partner_scores.answered, Some(Shown::Count(10)));
    let avg = report.partner_scores.averages.unwrap();
    // (8 + 9·7)/10 = 7,1; (6 + 63)/10 = 6,9; (9 + 63)/10 = 7,2.
    assert_eq!((avg.results, avg.process, avg.cooperation), (71, 69, 72));
}

fn next_id() -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(1);
    common::uuid(NEXT.fetch_add(1, Ordering::Relaxed))
}

async fn sign_ups(server: &TestServer, activity: &str, n: u32, day: &str) {
    for _ in 0..n {
        sqlx::query(
            "INSERT INTO sign_ups (id, activity_id, first_name, phone, party_size, channel, place, \
             created_at) VALUES ($1, $2, 'Joke', '06 12345678', 1, 'self', 'confirmed', $3)",
        )
        .bind(next_id())
        .bind(activity)
        .bind(format!("{day}T10:00:00.000Z"))
        .execute(&server.pool)
        .await
        .unwrap();
    }
}

/// Every cell of a count table's CSV: a label, "minder dan 10", "verborgen" or a
/// number of at least 10.
fn no_small_count(name: &str, text: &str) {
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    lines.next();
    for line in lines {
        for cell in line.split(';').skip(1) {
            let cell = cell.trim_matches('"');
            if let Ok(n) = cell.replace('.', "").parse::<u64>() {
                assert!(n >= 10, "{name}: {n} in {line}");
            }
        }
    }
}

#[tokio::test]
async fn the_evaluation_pack_is_the_same_twice_and_never_shows_a_small_count() {
    let server = start().await;
    let (_, lead) = staff(&server, Role::Kartrekker).await;
    for (activity, action) in [
        ("senver-wandelen", "meldpunt"),
        ("voorbeeld-samen-eten", "ambassadeurs"),
        ("voorbeeld-wandelgroep-oost", "week-tegen-eenzaamheid"),
    ] {
        let status = client()
            .put(api(
                &server,
                &format!("/programme/activities/{activity}/action"),
            ))
            .bearer_auth(&lead)
            .json(&serde_json::json!({ "action_id": action }))
            .send()
            .await
            .unwrap()
            .status();
        assert_eq!(status, StatusCode::NO_CONTENT);
    }
    sign_ups(&server, "senver-wandelen", 12, "2026-09-10").await;
    sign_ups(&server, "voorbeeld-samen-eten", 3, "2026-10-02").await;
    sign_ups(&server, "voorbeeld-wandelgroep-oost", 11, "2026-10-20").await;
    // Sign-ups in the half before, for the trend; notes with a first step a day or
    // a week later, for the time to the first step.
    sign_ups(&server, "senver-wandelen", 14, "2026-03-10").await;
    sqlx::query(
        "INSERT INTO action_expectations (action_id, half, measure, count) \
         VALUES ('meldpunt', '2026-H1', 'sign_ups', 20), ('meldpunt', '2026-H2', 'sign_ups', 20)",
    )
    .execute(&server.pool)
    .await
    .unwrap();
    let (coordinator, _) = staff(&server, Role::Coordinator).await;
    for n in 0..12u32 {
        let id = next_id();
        let step = if n < 9 { "2026-10-06" } else { "2026-10-14" };
        sqlx::query(
            "INSERT INTO concern_notes (id, kind, about, wijk, urgency, reporter_role, channel, \
             received_at) VALUES ($1, 'worried', 'someone_else', 'oost', 'normal', 'neighbour', \
             'self', '2026-10-05T09:00:00.000Z')",
        )
        .bind(&id)
        .execute(&server.pool)
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO note_audit (at, user_id, note_id, action, detail) \
             VALUES ($1, $2, $3, 'status', 'in_progress')",
        )
        .bind(format!("{step}T10:00:00.000Z"))
        .bind(coordinator)
        .bind(&id)
        .execute(&server.pool)
        .await
        .unwrap();
    }
    sqlx::query(
        "INSERT INTO stories (text, action_id, consent, day) \
         VALUES ('Ze zegt: ik kom er weer uit.', 'meldpunt', TRUE, '2026-11-03')",
    )
    .execute(&server.pool)
    .await
    .unwrap();

    let half = Half::parse("2026-H2").unwrap();
    let first = omzien_server::evaluation::pack(&server.pool, half)
        .await
        .unwrap();
    let second = omzien_server::evaluation::pack(&server.pool, half)
        .await
        .unwrap();
    assert_eq!(first, second);
    // The button's download is the same pack.
    let response = client()
        .get(api(&server, "/monitoring/evaluation?half=2026-H2"))
        .bearer_auth(&lead)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let served: EvaluationPack = response.json().await.unwrap();
    assert_eq!(served, first);
    // And the command's files, byte for byte.
    let dir = std::env::temp_dir().join(format!("omzien-pack-{}", std::process::id()));
    let written = omzien_server::evaluation::write_pack(&server.pool, half, &dir)
        .await
        .unwrap();
    assert_eq!(written.len(), first.files.len());
    for (path, file) in written.iter().zip(&first.files) {
        assert_eq!(std::fs::read(path).unwrap(), file.text.as_bytes());
    }
    std::fs::remove_dir_all(&dir).unwrap();

    let html = &first.files[0];
    assert_eq!(html.name, "evaluatie-2026-H2.html");
    for section in [
        "Relevantie",
        "Uitvoering tegen de planning",
        "Effectiviteit",
        "Efficiëntie",
        "Tevredenheid",
        "Lessen en open punten",
        "Ze zegt: ik kom er weer uit.",
    ] {
        assert!(html.text.contains(section), "{section}");
    }
    // Nothing says when it was made: the only days are the half's and the data's.
    let today = omzien_server::catalogue::today_in_hilversum();
    assert!(!html.text.contains(&today), "the pack holds today, {today}");

    let file = |name: &str| {
        first
            .files
            .iter()
            .find(|f| f.name == format!("evaluatie-2026-H2-{name}.csv"))
            .unwrap_or_else(|| panic!("{name} is in the pack"))
            .text
            .clone()
    };
    // The trend: the half before (14 sign-ups) and this one (12) for the walk's action.
    let trend = file("verloop");
    assert!(trend.contains("2026-H1;2026-H2"), "{trend}");
    assert!(
        trend.contains(
            "meldpunt (aanmeldingen);minder dan 10;minder dan 10;14 (verwacht 20);12 (verwacht 20)"
        ),
        "{trend}"
    );
    // Time to a first step: 9 notes a working day later, 3 after seven working days.
    let response = file("tijd-tot-eerste-stap");
    assert!(
        response.contains("Meldingen met een eerste stap;12"),
        "{response}"
    );
    assert!(
        response.contains("Middelste waarde;1 werkdagen"),
        "{response}"
    );
    // 3 later would be given away by the share: not shown.
    assert!(response.contains("Later;minder dan 10"), "{response}");
    assert!(
        response.contains("Deel binnen het doel;niet te tonen"),
        "{response}"
    );
    let groups = file("aanmeldingen-per-doelgroep");
    assert!(
        groups.contains("Ouderen (65 jaar en ouder);23;"),
        "{groups}"
    );
    let wijken = file("wijkbeeld");
    assert!(wijken.contains("Centrum;52,4%;13,0%;"), "{wijken}");
    // The chart's text alternative names each bar: 14 of 20 is 70%.
    assert!(html.text.contains("verloop-grafiek-titel"));
    assert!(
        html.text
            .contains("Realiseren van meldpunt (aanmeldingen), 2026-H1: 70%"),
        "the trend chart's description"
    );

    let by_action = first
        .files
        .iter()
        .find(|f| f.name == "evaluatie-2026-H2-aanmeldingen-per-actie.csv")
        .unwrap();
    assert!(by_action.text.starts_with('\u{feff}'));
    assert!(
        by_action.text.contains(";\"minder dan 10\";")
            || by_action.text.contains(";minder dan 10;")
    );
    assert!(by_action.text.contains("verborgen"));
    assert!(by_action.text.contains(";12;"), "{}", by_action.text);
    for file in first.files.iter().filter(|f| {
        [
            "aanmeldingen-",
            "meldingen-",
            "zelftest-",
            "bezoeken-",
            "verloop",
        ]
        .iter()
        .any(|p| f.name.contains(p))
    }) {
        no_small_count(&file.name, &file.text);
    }
    // In the report, no table cell is a bare number under 10 either.
    for small in 0..10 {
        assert!(
            !html.text.contains(&format!("<td>{small}</td>")),
            "<td>{small}</td> in the report"
        );
    }
    assert!(html.text.contains("<td>minder dan 10</td>"));
}

#[tokio::test]
async fn the_lead_deletes_a_story_and_the_audit_says_who() {
    let server = start().await;
    let (lead_id, lead) = staff(&server, Role::Kartrekker).await;
    let (_, organiser) = staff(&server, Role::Organiser).await;
    let story = NewStory {
        text: "Hij zegt dat hij weer iemand heeft om koffie mee te drinken.".into(),
        action_id: "meldpunt".into(),
        wijk: None,
        consent: true,
    };
    assert_eq!(
        post_story(&server, Some(&organiser), &story).await,
        StatusCode::CREATED
    );
    let id: i64 = sqlx::query_scalar("SELECT id FROM stories")
        .fetch_one(&server.pool)
        .await
        .unwrap();
    let delete = |token: String, id: String| {
        let url = api(&server, &format!("/stories/{id}"));
        async move {
            client()
                .delete(url)
                .bearer_auth(token)
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    // The organiser who wrote it cannot take it back; the lead can.
    assert_eq!(
        delete(organiser.clone(), id.to_string()).await,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        delete(lead.clone(), id.to_string()).await,
        StatusCode::NO_CONTENT
    );
    assert_eq!(count(&server, "SELECT COUNT(*) FROM stories").await, 0);
    let audit: Vec<(i64, i64, String)> =
        sqlx::query_as("SELECT user_id, story_id, action FROM story_audit")
            .fetch_all(&server.pool)
            .await
            .unwrap();
    assert_eq!(audit, [(lead_id, id, "delete".to_owned())]);
    // Gone is gone, and a word is no story.
    assert_eq!(
        delete(lead.clone(), id.to_string()).await,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        delete(lead, "verhaal".to_owned()).await,
        StatusCode::NOT_FOUND
    );
    assert_eq!(count(&server, "SELECT COUNT(*) FROM story_audit").await, 1);
}
