//! `/a/{id}`: an activity as one light page of plain HTML, for the phone that scans the
//! QR code on a kiosk or a printed slip (`src/components/take_away.rs`). No script, no
//! wasm, no stylesheet: it opens on an old phone over a weak connection, and the
//! visitor keeps the address. The path is short so the QR code stays coarse and easy
//! to scan.
//!
//! Rendered with maud, which escapes every value it writes: names and descriptions
//! come from organisers and editors. Dutch only, like the catalogue itself.
//!
//! The one `<script>` is schema.org JSON-LD (`type="application/ld+json"`): data that
//! search engines and phones read, which no browser runs. Its text is JSON with `<`, `>`
//! and `&` written as `\u003c` and so on, so nothing an organiser types can close it.

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use maud::{html, Markup, PreEscaped, DOCTYPE};
use omzien_core::ics::Stamp;
use omzien_core::model::{Activity, Contact, Location, Organisation};
use omzien_core::when::{self, Occurrence};

use super::state::AppState;
use crate::catalogue::{self, PublishedError};
use crate::open_data;

pub fn router() -> Router<AppState> {
    Router::new().route("/a/{id}", get(page))
}

async fn page(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    match catalogue::published_activity(&state.pool, &id).await {
        Ok(Some((activity, organisation))) => {
            let today = today();
            let next = today.and_then(|today| when::next(&activity, today, 1).into_iter().next());
            let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
            let url = open_data::page_url(&open_data::base_url(host), &activity.id);
            let json_ld = open_data::activity_json_ld(&activity, organisation.as_ref(), &url);
            html_response(
                StatusCode::OK,
                activity_page(&activity, organisation.as_ref(), next.as_ref(), &json_ld),
            )
        }
        Ok(None) => html_response(StatusCode::NOT_FOUND, not_found()),
        Err(error) => {
            match &error {
                PublishedError::Database(e) => tracing::error!(%id, "light page: database: {e}"),
                PublishedError::Corrupt(e) => {
                    tracing::error!(%id, "light page: stored record is not valid: {e}")
                }
            }
            html_response(StatusCode::INTERNAL_SERVER_ERROR, failed())
        }
    }
}

fn today() -> Option<omzien_core::schedule::Date> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    Stamp::from_unix_seconds(i64::try_from(now.as_secs()).ok()?).map(Stamp::amsterdam_date)
}

fn html_response(status: StatusCode, body: Markup) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            // Dates move on every day; a phone that comes back asks again.
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body.into_string(),
    )
        .into_response()
}

/// JSON that is safe inside a `<script>` element: no `<`, `>` or `&` left to end it.
fn script_safe_json(value: &serde_json::Value) -> String {
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// The frame of each light page: Dutch, readable without zoom on any phone.
fn frame(title: &str, head_data: Option<&serde_json::Value>, content: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="nl" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " – Omzien" }
                @if let Some(data) = head_data {
                    script type="application/ld+json" { (PreEscaped(script_safe_json(data))) }
                }
            }
            body {
                main { (content) }
                footer {
                    p {
                        "Omzien hoort bij de Uitvoeringsagenda Eenzaamheid Hilversum 2024–2030 \
                         van de gemeente Hilversum."
                    }
                }
            }
        }
    }
}

fn activity_page(
    activity: &Activity,
    organisation: Option<&Organisation>,
    next: Option<&Occurrence>,
    json_ld: &serde_json::Value,
) -> Markup {
    let contact = if activity.contact.is_empty() {
        organisation.map(|o| o.contact.clone()).unwrap_or_default()
    } else {
        activity.contact.clone()
    };
    let schedule = activity.schedule.describe_nl();
    let place = next
        .and_then(|o| o.location.as_ref())
        .or(activity.location.as_ref());
    let content = html! {
        h1 { (activity.name) }
        @if activity.example {
            p { strong { "Voorbeeld." } " Deze activiteit is verzonnen, om te laten zien hoe Omzien werkt." }
        }
        p { (activity.summary) }
        dl {
            dt { "Wanneer" }
            dd {
                @match next {
                    Some(o) => { "De volgende keer: " strong { (occurrence_nl(o)) } }
                    None => { "Er staat nog geen dag in Omzien. Het buurtteam kan je helpen om te vragen wanneer je mee kunt doen." }
                }
                @if !schedule.is_empty() { br; (schedule) }
            }
            dt { "Waar" }
            dd {
                @match place {
                    Some(place) => { (place_nl(place)) }
                    None => { "Dit staat nog niet in Omzien. Het buurtteam kan je helpen het te vragen." }
                }
            }
            dt { "Contact" }
            dd { (contact_nl(&contact, organisation)) }
        }
        p { a href={ "/activiteiten/" (activity.id) ".ics" } { "Zet de activiteit in je agenda" } " (een .ics-bestand)" }
        p { a href={ "/activiteiten/" (activity.id) } { "Meer over deze activiteit in de app Omzien" } }
    };
    frame(&activity.name, Some(json_ld), content)
}

/// "zondag 29 juni 2025, 10:00 tot 12:00 uur".
fn occurrence_nl(o: &Occurrence) -> String {
    let day = o.date.long_nl();
    match (o.start_time, o.end_time) {
        (Some(start), Some(end)) => format!("{day}, {start} tot {end} uur"),
        (Some(start), None) => format!("{day}, vanaf {start} uur"),
        _ => day,
    }
}

fn place_nl(place: &Location) -> String {
    [
        Some(place.name.as_str()),
        place.address.as_deref(),
        place.postal_code.as_deref(),
        Some(place.city.as_str()),
    ]
    .into_iter()
    .flatten()
    .filter(|part| !part.is_empty())
    .collect::<Vec<_>>()
    .join(", ")
}

fn contact_nl(contact: &Contact, organisation: Option<&Organisation>) -> Markup {
    html! {
        @if let Some(o) = organisation { (o.name) br; }
        @if contact.is_empty() {
            "De contactgegevens staan nog niet in Omzien. Vraag het buurtteam: dat helpt je verder."
        }
        @if let (Some(phone), Some(tel)) = (&contact.phone, contact.tel_href()) {
            "Bel " a href=(tel) { (phone) } br;
        }
        @if let Some(email) = &contact.email {
            "Mail " a href={ "mailto:" (email) } { (email) } br;
        }
        @if let Some(website) = &contact.website {
            "Website " a href=(website) { (website) } br;
        }
        @if let Some(source) = &contact.source {
            small { "Bron: " (source) }
        }
    }
}

fn not_found() -> Markup {
    frame(
        "Niet gevonden",
        None,
        html! {
            h1 { "Deze activiteit is er niet (meer)" }
            p { "Misschien is ze gestopt of veranderd. Kijk wat er nu te doen is." }
            p { a href="/activiteiten" { "Alle activiteiten in Omzien" } }
        },
    )
}

fn failed() -> Markup {
    frame(
        "Er ging iets mis",
        None,
        html! {
            h1 { "Er ging iets mis" }
            p { "Deze pagina kan nu niet worden getoond. Probeer het later opnieuw." }
            p { a href="/activiteiten" { "Alle activiteiten in Omzien" } }
        },
    )
}
