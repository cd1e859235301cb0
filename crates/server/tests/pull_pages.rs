//! The catalogue pull in pages: the pages join into exactly the whole catalogue, a
//! device goes on from the last page it stored, a deletion between pages reaches it as
//! a tombstone, and each page is built and compressed once per catalogue version.

mod common;

use std::collections::HashSet;
use std::io::Read;
use std::sync::Arc;

use common::{client, repo_data, start_paged, TestServer};
use omzien_core::wire::{PullResponse, RecordKind};
use omzien_core::Catalogue;
use omzien_server::catalogue;
use omzien_server::pull_pages::{Encoding, PullPages};
use reqwest::{header, StatusCode};

const PAGE: usize = 10;

async fn page(server: &TestServer, cursor: u64, continued: bool) -> PullResponse {
    let next = if continued { "&continued=true" } else { "" };
    let response = client()
        .get(format!(
            "{}/api/v1/sync/pull?cursor={cursor}{next}",
            server.url
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

/// Every page from `cursor` to the end, as the app asks for them.
async fn pages_from(server: &TestServer, mut cursor: u64) -> Vec<PullResponse> {
    let mut pages = Vec::new();
    loop {
        let next = page(server, cursor, !pages.is_empty()).await;
        let more = next.more;
        cursor = next.cursor;
        pages.push(next);
        if !more {
            return pages;
        }
        assert!(pages.len() < 1000, "the pages never end");
    }
}

/// Everything at once, straight from the database.
async fn whole(server: &TestServer) -> PullResponse {
    catalogue::pull(&server.pool, 0, Default::default(), usize::MAX)
        .await
        .unwrap()
}

fn joined(pages: &[PullResponse]) -> Catalogue {
    let mut catalogue = Catalogue::default();
    for page in pages {
        catalogue.apply(page);
    }
    catalogue
}

fn records(pull: &PullResponse) -> usize {
    pull.organisations.len()
        + pull.activities.len()
        + pull.wijken.len()
        + usize::from(pull.figures.is_some())
        + pull.info_pages.len()
        + pull.campaigns.len()
        + pull.deleted.len()
}

#[tokio::test]
async fn pages_join_into_exactly_the_whole_catalogue() {
    let server = start_paged(PAGE).await;
    let pages = pages_from(&server, 0).await;
    let all = whole(&server).await;
    assert!(
        pages.len() > 3,
        "the seed data fills several pages of {PAGE}"
    );

    // Bounded, in order, and only the first one resets.
    for (i, page) in pages.iter().enumerate() {
        assert!(records(page) <= PAGE, "page {i} holds {}", records(page));
        assert_eq!(page.reset, i == 0, "page {i}");
        assert_eq!(page.more, i + 1 < pages.len(), "page {i}");
    }
    assert!(pages.windows(2).all(|w| w[0].cursor < w[1].cursor));
    assert_eq!(
        pages.last().unwrap().cursor,
        catalogue::current_cursor(&server.pool).await.unwrap()
    );

    // Every activity once, and the whole equals one pull of everything.
    let ids: Vec<&str> = pages
        .iter()
        .flat_map(|p| p.activities.iter().map(|a| a.id.as_str()))
        .collect();
    let unique: HashSet<&str> = ids.iter().copied().collect();
    assert_eq!(ids.len(), unique.len(), "an activity came twice");
    assert_eq!(ids.len(), all.activities.len());
    let mut from_pages = joined(&pages);
    let mut at_once = joined(std::slice::from_ref(&all));
    for c in [&mut from_pages, &mut at_once] {
        c.activities.sort_by(|a, b| a.id.cmp(&b.id));
        c.organisations.sort_by(|a, b| a.id.cmp(&b.id));
    }
    assert_eq!(from_pages, at_once);
    assert_eq!(
        from_pages.activities.len(),
        catalogue::read_data_dir(&repo_data())
            .unwrap()
            .activities
            .len()
    );
}

#[tokio::test]
async fn a_device_cut_off_halfway_goes_on_from_its_last_page() {
    let server = start_paged(PAGE).await;
    let uninterrupted = pages_from(&server, 0).await;

    // Two pages stored, then the connection went: the device asks from the cursor it
    // stored with the second page, and gets exactly the rest.
    let first = page(&server, 0, false).await;
    let second = page(&server, first.cursor, true).await;
    let rest = pages_from(&server, second.cursor).await;
    assert!(!rest[0].reset, "going on is no start from nothing");
    let mut resumed = vec![first, second];
    resumed.extend(rest);
    assert_eq!(resumed, uninterrupted);
}

#[tokio::test]
async fn a_deletion_between_pages_arrives_as_a_tombstone() {
    let server = start_paged(PAGE).await;
    let first = page(&server, 0, false).await;
    let second = page(&server, first.cursor, true).await;
    let gone = second
        .activities
        .first()
        .or(first.activities.first())
        .expect("an activity in the first two pages")
        .id
        .clone();

    let mut seed = catalogue::read_data_dir(&repo_data()).unwrap();
    seed.activities.retain(|a| a.id != gone);
    seed.campaigns
        .iter_mut()
        .for_each(|c| c.activity_ids.retain(|a| *a != gone));
    catalogue::import(&server.pool, &seed).await.unwrap();

    let rest = pages_from(&server, second.cursor).await;
    assert!(rest
        .iter()
        .flat_map(|p| &p.deleted)
        .any(|d| d.kind == RecordKind::Activity && d.id == gone));
    let mut pages = vec![first, second];
    pages.extend(rest);
    let device = joined(&pages);
    assert!(device.activities.iter().all(|a| a.id != gone));
    let mut now = joined(&[whole(&server).await]);
    let mut device = device;
    for c in [&mut device, &mut now] {
        c.activities.sort_by(|a, b| a.id.cmp(&b.id));
        c.organisations.sort_by(|a, b| a.id.cmp(&b.id));
        c.campaigns.sort_by(|a, b| a.id.cmp(&b.id));
    }
    assert_eq!(device, now);
}

async fn raw(server: &TestServer, query: &str, accept: &str) -> (Option<String>, Vec<u8>) {
    let response = client()
        .get(format!("{}/api/v1/sync/pull{query}", server.url))
        .header(header::ACCEPT_ENCODING, accept)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let encoding = response
        .headers()
        .get(header::CONTENT_ENCODING)
        .map(|v| v.to_str().unwrap().to_owned());
    (encoding, response.bytes().await.unwrap().to_vec())
}

fn unbrotli(bytes: &[u8]) -> PullResponse {
    let mut json = Vec::new();
    brotli::Decompressor::new(bytes, 4096)
        .read_to_end(&mut json)
        .expect("valid brotli");
    serde_json::from_slice(&json).expect("a pull")
}

#[tokio::test]
async fn a_page_is_compressed_once_and_served_as_it_is_until_the_catalogue_changes() {
    let server = start_paged(PAGE).await;
    let (encoding, once) = raw(&server, "?cursor=0", "gzip, deflate, br").await;
    assert_eq!(encoding.as_deref(), Some("br"));
    let (_, twice) = raw(&server, "?cursor=0", "gzip, deflate, br").await;
    assert_eq!(once, twice);
    let page = unbrotli(&once);
    assert!(page.reset && page.more);

    // Other encodings carry the same page; none is compressed twice.
    let (gzip, _) = raw(&server, "?cursor=0", "gzip").await;
    assert_eq!(gzip.as_deref(), Some("gzip"));
    let (plain, json) = raw(&server, "?cursor=0", "identity").await;
    assert_eq!(plain, None);
    assert_eq!(serde_json::from_slice::<PullResponse>(&json).unwrap(), page);

    // A change to a record of the first page moves that record to the end: the first
    // page is made anew without it, and the last one holds it.
    let mut seed = catalogue::read_data_dir(&repo_data()).unwrap();
    let changed = page.organisations[0].id.clone();
    seed.organisations
        .iter_mut()
        .filter(|o| o.id == changed)
        .for_each(|o| o.description = "Nu ook op dinsdag open.".into());
    catalogue::import(&server.pool, &seed).await.unwrap();
    let (_, after) = raw(&server, "?cursor=0", "br").await;
    assert!(after != once, "the cache served the old catalogue's page");
    let first_now = unbrotli(&after);
    assert!(first_now.organisations.iter().all(|o| o.id != changed));
    let all = pages_from(&server, 0).await;
    assert!(all
        .last()
        .unwrap()
        .organisations
        .iter()
        .any(|o| o.id == changed));
    let now = joined(&all);
    let organisation = now.organisations.iter().find(|o| o.id == changed).unwrap();
    assert_eq!(organisation.description, "Nu ook op dinsdag open.");
}

#[tokio::test]
async fn the_same_page_is_built_once_for_everyone() {
    let server = start_paged(PAGE).await;
    let pages = PullPages::new(PAGE);
    let freshness = Default::default();
    let (a, b) = tokio::join!(
        pages.get(&server.pool, 0, freshness),
        pages.get(&server.pool, 0, freshness)
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert!(
        Arc::ptr_eq(&a, &b),
        "two requests at once built the page twice"
    );
    let first = a.bytes(Encoding::Brotli).await.unwrap();
    let again = b.bytes(Encoding::Brotli).await.unwrap();
    // The very same buffer: compressed once.
    assert_eq!(first.as_ptr(), again.as_ptr());
    let later = pages.get(&server.pool, 0, freshness).await.unwrap();
    assert!(Arc::ptr_eq(&a, &later));

    let mut seed = catalogue::read_data_dir(&repo_data()).unwrap();
    seed.activities[0].summary = "Anders.".into();
    catalogue::import(&server.pool, &seed).await.unwrap();
    let changed = pages.get(&server.pool, 0, freshness).await.unwrap();
    assert!(!Arc::ptr_eq(&a, &changed));
}
