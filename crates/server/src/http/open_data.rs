//! Open data, public and read-only: the HSDS 3 API under `/hsds/`, the CSV export and
//! the calendar feeds `/activiteiten/{id}.ics` and `/organisaties/{id}.ics`. The
//! feeds share their path with the app's own pages (`/activiteiten/{id}`), so those
//! two routes answer a name ending in `.ics` here and hand everything else to the file
//! server, exactly as the fallback would have.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, Request};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde::Deserialize;
use serde_json::{json, Value};
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;

use super::assets;
use super::error::Error;
use super::state::AppState;
use crate::hsds::{self, Filters, Snapshot};
use crate::open_data;

/// The most one page may hold; the default is 50.
pub const MAX_PER_PAGE: usize = 500;
const DEFAULT_PER_PAGE: usize = 50;

pub fn router() -> Router<AppState> {
    let hsds = Router::new()
        .route("/hsds", get(base))
        .route("/hsds/", get(base))
        .route("/hsds/services", get(services))
        .route("/hsds/services/{id}", get(service))
        .route("/hsds/organizations", get(organizations))
        .route("/hsds/organizations/{id}", get(organization))
        .route("/hsds/service_at_locations", get(service_at_locations))
        .route("/hsds/service_at_locations/{id}", get(service_at_location))
        .route("/hsds/taxonomies", get(taxonomies))
        .route("/hsds/taxonomies/{id}", get(taxonomy))
        .route("/hsds/taxonomy_terms", get(taxonomy_terms))
        .route("/hsds/taxonomy_terms/{id}", get(taxonomy_term))
        .route("/hsds/export.csv", get(export_csv))
        .route("/hsds/{*rest}", get(|| async { Error::NotFound }))
        // Open data: any site may read it from a browser.
        .layer(SetResponseHeaderLayer::overriding(
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("*"),
        ))
        // A page of 500 full services is a few hundred KB of JSON.
        .layer(CompressionLayer::new())
        // Partners poll; a minute old is fresh enough and spares the server.
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=60"),
        ));
    hsds.route("/activiteiten/{file}", get(activity_feed))
        .route("/organisaties/{file}", get(organisation_feed))
}

async fn snapshot(state: &AppState) -> Result<Arc<Snapshot>, Error> {
    Ok(state.open_data.get(&state.pool).await?)
}

fn json_response(value: &Value) -> Response {
    axum::Json(value).into_response()
}

async fn base() -> Response {
    json_response(&json!({
        "version": hsds::HSDS_VERSION,
        "openapi_url": hsds::OPENAPI_URL,
    }))
}

/// The query parameters of a list, as text so a bad one gets our own words.
#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    search: Option<String>,
    page: Option<String>,
    per_page: Option<String>,
    organization_id: Option<String>,
    taxonomy_term_id: Option<String>,
    modified_after: Option<String>,
    full: Option<String>,
}

struct Paging {
    page: usize,
    per_page: usize,
    filters: Filters,
    full: bool,
}

fn paging(q: ListQuery) -> Result<Paging, Error> {
    let number =
        |text: &Option<String>, name: &str, default: usize| -> Result<usize, Error> {
            match text.as_deref().map(str::trim) {
                None | Some("") => Ok(default),
                Some(t) => t.parse::<usize>().ok().filter(|n| *n >= 1).ok_or_else(|| {
                    Error::BadRequest(format!("`{name}` is een geheel getal vanaf 1."))
                }),
            }
        };
    let page = number(&q.page, "page", 1)?;
    let per_page = number(&q.per_page, "per_page", DEFAULT_PER_PAGE)?;
    if per_page > MAX_PER_PAGE {
        return Err(Error::BadRequest(format!(
            "`per_page` is hoogstens {MAX_PER_PAGE}."
        )));
    }
    let modified_after = match q.modified_after.as_deref().filter(|t| !t.is_empty()) {
        None => None,
        Some(t) => Some(hsds::normalise_modified_after(t).ok_or_else(|| {
            Error::BadRequest(
                "`modified_after` is een datum en tijd als 2026-12-01T09:00:00Z, of een datum als 2026-12-01."
                    .to_owned(),
            )
        })?),
    };
    let filled = |t: Option<String>| t.filter(|t| !t.trim().is_empty());
    Ok(Paging {
        page,
        per_page,
        full: matches!(q.full.as_deref(), Some("true" | "1")),
        filters: Filters {
            search: filled(q.search),
            organization_id: filled(q.organization_id),
            taxonomy_term_id: filled(q.taxonomy_term_id),
            modified_after,
        },
    })
}

fn paged<T>(items: Vec<T>, p: &Paging, to_json: impl Fn(T) -> Value) -> Value {
    let total = items.len();
    let contents: Vec<Value> = items
        .into_iter()
        .skip((p.page - 1).saturating_mul(p.per_page))
        .take(p.per_page)
        .map(to_json)
        .collect();
    hsds::page(total, p.page, p.per_page, contents)
}

async fn services(
    State(state): State<AppState>,
    Query(q): Query<ListQuery>,
) -> Result<Response, Error> {
    let p = paging(q)?;
    let snap = snapshot(&state).await?;
    let found: Vec<_> = snap.find_services(&p.filters).collect();
    Ok(json_response(&paged(found, &p, |s| {
        if p.full {
            hsds::service_full_json(&snap, s)
        } else {
            hsds::service_list_json(&snap, s)
        }
    })))
}

async fn service(State(state): State<AppState>, Path(id): Path<String>) -> Result<Response, Error> {
    let snap = snapshot(&state).await?;
    let s = snap.service(&id).ok_or(Error::NotFound)?;
    Ok(json_response(&hsds::service_full_json(&snap, s)))
}

async fn organizations(
    State(state): State<AppState>,
    Query(q): Query<ListQuery>,
) -> Result<Response, Error> {
    let p = paging(q)?;
    let snap = snapshot(&state).await?;
    let found: Vec<_> = snap.find_organisations(&p.filters).collect();
    Ok(json_response(&paged(found, &p, |o| {
        if p.full {
            hsds::organisation_full_json(&snap, o)
        } else {
            hsds::organisation_list_json(o)
        }
    })))
}

async fn organization(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    let snap = snapshot(&state).await?;
    let o = snap.organisation(&id).ok_or(Error::NotFound)?;
    Ok(json_response(&hsds::organisation_full_json(&snap, o)))
}

async fn service_at_locations(
    State(state): State<AppState>,
    Query(q): Query<ListQuery>,
) -> Result<Response, Error> {
    let p = paging(q)?;
    let snap = snapshot(&state).await?;
    let found: Vec<_> = snap
        .find_services(&p.filters)
        .flat_map(|s| {
            hsds::service_at_locations(&s.activity, &s.hsds_id)
                .into_iter()
                .map(move |sal| (s, sal))
        })
        .collect();
    Ok(json_response(&paged(found, &p, |(s, sal)| {
        hsds::sal_json(&snap, &sal, &s.activity, &s.hsds_id, true)
    })))
}

async fn service_at_location(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    let snap = snapshot(&state).await?;
    let (s, sal) = snap.service_at_location(&id).ok_or(Error::NotFound)?;
    Ok(json_response(&hsds::sal_json(
        &snap,
        &sal,
        &s.activity,
        &s.hsds_id,
        false,
    )))
}

async fn taxonomies(Query(q): Query<ListQuery>) -> Result<Response, Error> {
    let p = paging(q)?;
    Ok(json_response(&paged(
        vec![hsds::taxonomy_json()],
        &p,
        |t| t,
    )))
}

async fn taxonomy(Path(id): Path<String>) -> Result<Response, Error> {
    if id == hsds::taxonomy_id() {
        Ok(json_response(&hsds::taxonomy_json()))
    } else {
        Err(Error::NotFound)
    }
}

async fn taxonomy_terms(
    State(state): State<AppState>,
    Query(q): Query<ListQuery>,
) -> Result<Response, Error> {
    let p = paging(q)?;
    let snap = snapshot(&state).await?;
    let words = p.filters.search.as_deref().unwrap_or("").to_lowercase();
    let found: Vec<_> = snap
        .terms
        .iter()
        .filter(|t| {
            words
                .split_whitespace()
                .all(|w| format!("{} {}", t.code, t.name).to_lowercase().contains(w))
        })
        .collect();
    Ok(json_response(&paged(found, &p, |t| t.to_json())))
}

async fn taxonomy_term(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    let snap = snapshot(&state).await?;
    let term = snap
        .terms
        .iter()
        .find(|t| t.id() == id)
        .ok_or(Error::NotFound)?;
    Ok(json_response(&term.to_json()))
}

async fn export_csv(State(state): State<AppState>) -> Result<Response, Error> {
    let snap = snapshot(&state).await?;
    let body = open_data::catalogue_csv(&snap).map_err(|e| Error::Internal(e.to_string()))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"omzien-activiteiten.csv\"",
            ),
        ],
        body,
    )
        .into_response())
}

fn calendar(body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=900"),
            (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
        ],
        body,
    )
        .into_response()
}

/// `senver` from `/organisaties/senver.ics`; `None` for an app page.
fn feed_id(path: &str) -> Option<&str> {
    let (_, file) = path.rsplit_once('/')?;
    file.strip_suffix(".ics").filter(|id| !id.is_empty())
}

fn host(headers: &HeaderMap) -> Option<&str> {
    headers.get(header::HOST).and_then(|h| h.to_str().ok())
}

async fn activity_feed(
    State(state): State<AppState>,
    request: Request<Body>,
) -> Result<Response, Error> {
    let Some(id) = feed_id(request.uri().path()) else {
        return Ok(assets::serve(State(state), request).await);
    };
    let id = id.to_owned();
    let id = id.as_str();
    let snap = snapshot(&state).await?;
    let s = snap.service(id).ok_or(Error::NotFound)?;
    let base = open_data::base_url(host(request.headers()));
    Ok(calendar(open_data::feed(
        &snap,
        &[s.activity.id.as_str()],
        &base,
        &s.activity.name,
    )))
}

async fn organisation_feed(
    State(state): State<AppState>,
    request: Request<Body>,
) -> Result<Response, Error> {
    let Some(id) = feed_id(request.uri().path()) else {
        return Ok(assets::serve(State(state), request).await);
    };
    let id = id.to_owned();
    let id = id.as_str();
    let snap = snapshot(&state).await?;
    let o = snap.organisation(id).ok_or(Error::NotFound)?;
    let ids: Vec<&str> = snap
        .services
        .iter()
        .filter(|s| s.activity.organisation_id == o.org.id)
        .map(|s| s.activity.id.as_str())
        .collect();
    let base = open_data::base_url(host(request.headers()));
    Ok(calendar(open_data::feed(&snap, &ids, &base, &o.org.name)))
}
