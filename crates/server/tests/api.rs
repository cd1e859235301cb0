//! The server over real HTTP on loopback, with a real SQLite file.

mod common;

use common::{client, repo_data, start, TestServer};
use omzien_core::wire::{ApiError, Health, PullResponse, RecordKind};
use omzien_core::Catalogue;
use omzien_server::catalogue;
use reqwest::header;
use reqwest::StatusCode;

async fn pull(server: &TestServer, query: &str) -> PullResponse {
    let response = client()
        .get(format!("{}/api/v1/sync/pull{query}", server.url))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

#[tokio::test]
async fn health_says_ok_with_the_current_cursor() {
    let server = start().await;
    let health: Health = client()
        .get(format!("{}/api/v1/health", server.url))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(health.status, "ok");
    assert_eq!(
        health.cursor,
        catalogue::current_cursor(&server.pool).await.unwrap()
    );
}

#[tokio::test]
async fn first_pull_returns_the_whole_seed_catalogue() {
    let server = start().await;
    let seed = catalogue::read_data_dir(&repo_data()).unwrap();
    let pulled = pull(&server, "").await;
    assert!(
        pulled.reset,
        "from 0 the answer is everything: drop what you had"
    );
    assert!(pulled.deleted.is_empty());
    assert_eq!(pulled.activities.len(), seed.activities.len());
    assert_eq!(pulled.organisations.len(), seed.organisations.len());
    assert_eq!(pulled.wijken.len(), 9, "the agenda's nine wijken");
    assert_eq!(pulled.figures.as_ref(), Some(&seed.figures));
    assert_eq!(pulled.info_pages, seed.info_pages);
    assert!(!pulled.info_pages.is_empty(), "data/info.json has pages");
    assert_eq!(pulled.campaigns, seed.campaigns);
    assert_eq!(pull(&server, "?cursor=0").await, pulled);

    let mut from_pull = Catalogue::default();
    from_pull.apply(&pulled);
    assert_eq!(from_pull.validate(), Ok(()));
}

#[tokio::test]
async fn pull_at_the_newest_cursor_is_empty() {
    let server = start().await;
    let first = pull(&server, "").await;
    let again = pull(&server, &format!("?cursor={}", first.cursor)).await;
    assert!(again.is_empty(), "{again:?}");
    assert_eq!(again.cursor, first.cursor);
}

#[tokio::test]
async fn reimporting_the_same_data_changes_nothing() {
    let server = start().await;
    let before = catalogue::current_cursor(&server.pool).await.unwrap();
    let seed = catalogue::read_data_dir(&repo_data()).unwrap();
    let report = catalogue::import(&server.pool, &seed).await.unwrap();
    assert_eq!(report, catalogue::ImportReport::default());
    assert_eq!(
        catalogue::current_cursor(&server.pool).await.unwrap(),
        before
    );
}

#[tokio::test]
async fn changes_and_deletions_arrive_after_the_cursor_which_only_grows() {
    let server = start().await;
    let first = pull(&server, "").await;

    let mut seed = catalogue::read_data_dir(&repo_data()).unwrap();
    seed.activities[0].summary = "Een nieuwe omschrijving.".into();
    let removed = seed.activities.pop().unwrap();
    let report = catalogue::import(&server.pool, &seed).await.unwrap();
    assert_eq!((report.changed, report.deleted), (1, 1));

    let next = pull(&server, &format!("?cursor={}", first.cursor)).await;
    assert!(next.cursor > first.cursor);
    assert_eq!(next.activities.len(), 1);
    assert_eq!(next.activities[0].summary, "Een nieuwe omschrijving.");
    assert_eq!(next.deleted.len(), 1);
    assert_eq!(next.deleted[0].kind, RecordKind::Activity);
    assert_eq!(next.deleted[0].id, removed.id);

    // A new client starting from nothing never hears of the deleted record.
    let fresh = pull(&server, "").await;
    assert!(fresh.deleted.is_empty());
    assert!(fresh.activities.iter().all(|a| a.id != removed.id));
}

#[tokio::test]
async fn a_cursor_from_a_replaced_database_gets_everything_with_reset() {
    let server = start().await;
    let first = pull(&server, "").await;
    let future = pull(&server, &format!("?cursor={}", first.cursor + 1000)).await;
    assert!(future.reset);
    assert_eq!(future.activities.len(), first.activities.len());
    assert_eq!(future.cursor, first.cursor);
}

#[tokio::test]
async fn bad_pull_parameters_get_a_400_with_a_json_message() {
    let server = start().await;
    for query in ["?cursor=abc", "?cursor=-1", "?cursr=5", "?cursor=1.5"] {
        let response = client()
            .get(format!("{}/api/v1/sync/pull{query}", server.url))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{query}");
        let error: ApiError = response.json().await.unwrap();
        assert_eq!(error.error, "bad_request");
        assert!(
            error.message.contains("cursor"),
            "{query}: {}",
            error.message
        );
    }
}

#[tokio::test]
async fn unknown_api_paths_are_json_404s() {
    let server = start().await;
    let response = client()
        .get(format!("{}/api/v1/nope", server.url))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let error: ApiError = response.json().await.unwrap();
    assert_eq!(error.error, "not_found");
}

#[tokio::test]
async fn api_answers_are_not_cached_and_are_compressed() {
    let server = start().await;
    let response = client()
        .get(format!("{}/api/v1/sync/pull", server.url))
        .header(header::ACCEPT_ENCODING, "br")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()[header::CACHE_CONTROL], "no-store");
    assert_eq!(response.headers()[header::CONTENT_ENCODING], "br");
}

#[tokio::test]
async fn every_answer_carries_a_strict_content_security_policy() {
    let server = start().await;
    for path in ["/", "/api/v1/health", "/activiteiten/x", "/sw.js"] {
        let response = client()
            .get(format!("{}{path}", server.url))
            .send()
            .await
            .unwrap();
        let csp = response.headers()[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap();
        assert!(
            csp.contains("script-src 'self' 'wasm-unsafe-eval';"),
            "{path}"
        );
        assert!(!csp.contains("unsafe-inline"), "{path}");
        assert_eq!(
            response.headers()[header::X_CONTENT_TYPE_OPTIONS],
            "nosniff"
        );
    }
}

#[tokio::test]
async fn hashed_assets_are_immutable_and_the_shell_is_revalidated() {
    let server = start().await;
    let get = |path: &str| client().get(format!("{}{path}", server.url)).send();

    let wasm = get("/omzien-0123456789abcdef.wasm").await.unwrap();
    assert_eq!(wasm.status(), StatusCode::OK);
    assert_eq!(
        wasm.headers()[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    for path in ["/", "/index.html", "/sw.js"] {
        let response = get(path).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert_eq!(
            response.headers()[header::CACHE_CONTROL],
            "no-cache",
            "{path}"
        );
    }
}

#[tokio::test]
async fn app_routes_get_the_page_shell_but_missing_files_get_404() {
    let server = start().await;
    let route = client()
        .get(format!("{}/activiteiten/senver-wandelen", server.url))
        .send()
        .await
        .unwrap();
    assert_eq!(route.status(), StatusCode::OK);
    assert!(route
        .text()
        .await
        .unwrap()
        .contains("<title>Omzien</title>"));

    let missing = client()
        .get(format!("{}/omzien-ffffffffffffffff.js", server.url))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn brotli_is_served_from_the_precompressed_file() {
    let server = start().await;
    let response = client()
        .get(format!("{}/activiteiten", server.url))
        .header(header::ACCEPT_ENCODING, "br, gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()[header::CONTENT_ENCODING], "br");
    assert_eq!(response.bytes().await.unwrap().as_ref(), b"fake-brotli");
}

#[tokio::test]
async fn invalid_seed_data_is_refused_with_every_problem_listed() {
    let server = start().await;
    let mut seed = catalogue::read_data_dir(&repo_data()).unwrap();
    seed.activities[0].organisation_id = "bestaat-niet".into();
    seed.wijken[0].lonely = 120.0;
    let error = catalogue::import(&server.pool, &seed).await.unwrap_err();
    let text = error.to_string();
    assert!(text.contains("2 rule(s)"), "{text}");
    assert!(text.contains("bestaat-niet"), "{text}");
}
