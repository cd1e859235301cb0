//! The catalogue: search and filters, kept in the URL so "back" and shared links keep
//! them (`/activiteiten?wanneer=deze-week&q=wandel&wijk=zuid&voor=seniors&soort=social&dag=TU&gratis=1`),
//! and the results in the order of core's `rank`.

mod address;
mod filters;
mod place;
mod results;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use omzien_core::model::Audience;
use omzien_core::rank::Ranked;
use omzien_core::search::has_words;
use omzien_core::Filter;

use super::{with_catalogue, NoDataYet};
use crate::browser::{clock, intl, timing};
use crate::components::set_title;
use crate::i18n::{t_string, td_string, use_i18n, Locale};
use crate::state::catalogue::Loaded;
use crate::state::contexts::use_catalogue;
use crate::words;
use address::{filter_from_query, filter_to_query};
use filters::FilterForm;
pub(crate) use filters::{group_options, loneliness_options, wijk_options, Choice, Text};
pub use place::{place_text, wijk_name};
use results::Results;

#[component]
pub fn CataloguePage() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| set_title(t_string!(i18n, catalogue.title)));
    let catalogue = use_catalogue();
    let query = use_query_map();
    let filter = Memo::new(move |_| query.with(filter_from_query));
    let navigate = use_navigate();
    let set_filter = Callback::new(move |f: Filter| {
        navigate(
            &format!("/activiteiten{}", filter_to_query(&f)),
            NavigateOptions {
                replace: true,
                scroll: false,
                ..NavigateOptions::default()
            },
        );
    });
    Effect::new(move |_| catalogue.last_search.set(filter_to_query(&filter.get())));

    let professionals = move || filter.with(|f| f.audience == Audience::Professionals);
    Effect::new(move |_| {
        if professionals() {
            set_title(t_string!(i18n, catalogue.professionals.title));
        }
    });

    view! {
        {move || if professionals() {
            view! {
                <p class="back"><A href="/activiteiten">{move || t_string!(i18n, catalogue.professionals.back)}</A></p>
                <h1 tabindex="-1">{move || t_string!(i18n, catalogue.professionals.title)}</h1>
                <p class="lead">{move || t_string!(i18n, catalogue.professionals.lead)}</p>
            }.into_any()
        } else {
            view! { <h1 tabindex="-1">{move || t_string!(i18n, catalogue.title)}</h1> }.into_any()
        }}
        {with_catalogue(move |loaded| {
            if loaded.catalogue.activities.is_empty() {
                return view! { <NoDataYet /> }.into_any();
            }
            let ranked = {
                let loaded = loaded.clone();
                Memo::new(move |_| {
                    let f = filter.get();
                    timing::measure("omzien-search", || search(&loaded, &f))
                })
            };
            view! {
                <FilterForm catalogue=loaded.clone() filter=filter set_filter=set_filter />
                <p role="status" class="result-count">{move || count_text(i18n.get_locale(), ranked.with(|r| r.len()))}</p>
                <Results loaded=loaded.clone() ranked=ranked filter=filter />
            }
            .into_any()
        })}
        <p class="next-links" hidden=professionals>
            <A href="/activiteiten?voor=professionals">{move || t_string!(i18n, catalogue.professionals.link)}</A>
        </p>
    }
}

/// The activities that match `f`, in the order of core's `rank`: what a keystroke costs.
fn search(loaded: &Loaded, f: &Filter) -> Ranked {
    let activities = &loaded.catalogue.activities;
    // Without words, every activity matches: the list can show before the index is
    // there (it is built in slices after the first results).
    let hits: Vec<(usize, u32)> = if has_words(&f.query) {
        loaded
            .index()
            .matches(&f.query)
            .into_iter()
            .filter(|h| activities.get(h.activity).is_some_and(|a| f.admits(a)))
            .map(|h| (h.activity, h.relevance))
            .collect()
    } else {
        (0..)
            .zip(activities)
            .filter(|(_, a)| f.admits(a))
            .map(|(i, _)| (i, 0))
            .collect()
    };
    // A clock beyond year 9999 has no today: the text match order then.
    match clock::today() {
        Some(today) => loaded
            .standing(today)
            .rank(&loaded.catalogue, &hits, f.wijk.as_deref()),
        None => Ranked {
            in_wijk: Vec::new(),
            others: hits.iter().map(|h| h.0).collect(),
        },
    }
}

fn count_text(locale: Locale, n: usize) -> String {
    let template = match n {
        0 => td_string!(locale, catalogue.count_none),
        1 => td_string!(locale, catalogue.count_singular),
        _ => td_string!(locale, catalogue.count_plural),
    };
    words::fill(template, &[("count", &intl::number(locale, n as f64))])
}
