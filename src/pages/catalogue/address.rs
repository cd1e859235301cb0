//! The catalogue's choices in the address (`?wanneer=deze-week&q=wandel&wijk=zuid&…`),
//! so "back" and a shared link keep them.

use leptos_router::params::ParamsMap;
use omzien_core::model::Audience;
use omzien_core::when::{Period, When};
use omzien_core::{Filter, LonelinessType, TargetGroup, Weekday};

use crate::browser::clock;

pub(super) fn filter_from_query(q: &ParamsMap) -> Filter {
    Filter {
        query: q.get("q").unwrap_or_default(),
        wijk: q.get("wijk").filter(|w| !w.is_empty()),
        target_group: q.get("voor").and_then(|v| TargetGroup::from_slug(&v)),
        loneliness: q.get("soort").and_then(|v| LonelinessType::from_slug(&v)),
        day: q.get("dag").and_then(|v| Weekday::from_code(&v)),
        free_only: q.get("gratis").is_some_and(|v| v == "1"),
        when: q
            .get("wanneer")
            .and_then(|v| Period::from_slug(&v))
            .and_then(|period| clock::today().map(|today| When { period, today })),
        audience: if q.get("voor").is_some_and(|v| v == PROFESSIONALS) {
            Audience::Professionals
        } else {
            Audience::Residents
        },
    }
}

/// `?voor=professionals`: the section for professionals and volunteers (no target
/// group has that slug).
const PROFESSIONALS: &str = "professionals";

pub(super) fn filter_to_query(f: &Filter) -> String {
    let Ok(params) = web_sys::UrlSearchParams::new() else {
        return String::new();
    };
    let pairs = [
        ("wanneer", f.when.map(|w| w.period.slug().to_owned())),
        ("q", Some(f.query.clone()).filter(|q| !q.is_empty())),
        ("wijk", f.wijk.clone()),
        (
            "voor",
            match f.audience {
                Audience::Residents | Audience::Both => f.target_group.map(|g| g.slug().to_owned()),
                Audience::Professionals => Some(PROFESSIONALS.to_owned()),
            },
        ),
        ("soort", f.loneliness.map(|t| t.slug().to_owned())),
        ("dag", f.day.map(|d| d.code().to_owned())),
        ("gratis", f.free_only.then(|| "1".to_owned())),
    ];
    for (key, value) in pairs {
        if let Some(value) = value {
            params.append(key, &value);
        }
    }
    let text: String = params.to_string().into();
    if text.is_empty() {
        text
    } else {
        format!("?{text}")
    }
}
