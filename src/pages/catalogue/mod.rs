//! The catalogue: search and filters, kept in the URL so "back" and shared links keep
//! them (`/activiteiten?wanneer=deze-week&q=wandel&wijk=zuid&voor=seniors&soort=social&dag=TU&gratis=1`),
//! and the results in the order of core's `rank`. The words typed reach the URL when
//! typing pauses, so that a keystroke costs the search and the rows that change, not
//! a navigation (docs/benchmarks.md, "Keystroke to updated list").

mod address;
mod filters;
mod place;
mod results;

use std::time::Duration;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
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

/// The catalogue's address; its query string holds the choices (see `address`).
const PATH: &str = "/activiteiten";

/// How long typing must pause before the address follows the search box. Writing the
/// address re-runs the router for the whole page, so a keystroke only updates the list
/// and the address catches up when the visitor stops (or leaves the box, or presses
/// Enter).
const ADDRESS_AFTER_TYPING: Duration = Duration::from_millis(400);

#[component]
pub fn CataloguePage() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| set_title(t_string!(i18n, catalogue.title)));
    let catalogue = use_catalogue();
    let query = use_query_map();
    let location = use_location();
    let on_page = move || location.pathname.with(|p| p == PATH);
    // The choices drive the list from this signal; the address follows it (below) and
    // leads it only when the visitor navigates (back, forward, a link).
    let filter = RwSignal::new(query.with_untracked(filter_from_query));
    // The filter the address holds, as last read back from it: a change of the address
    // that gives anything else came from outside (history, a link) and leads.
    let in_address = StoredValue::new(filter.get_untracked());
    catalogue
        .last_search
        .set(filter_to_query(&filter.get_untracked()));
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let cancel = move || {
        if let Some(Some(handle)) = pending.try_update_value(Option::take) {
            handle.clear();
        }
    };
    // The visit's search must not reach the next page's address (or a kiosk's reset).
    on_cleanup(cancel);

    let navigate = use_navigate();
    let write_address = Callback::new(move |()| {
        cancel();
        let f = filter.get_untracked();
        if in_address.with_value(|a| *a == f) || !location.pathname.with_untracked(|p| p == PATH) {
            return;
        }
        let search = filter_to_query(&f);
        navigate(
            &format!("{PATH}{search}"),
            NavigateOptions {
                replace: true,
                scroll: false,
                ..NavigateOptions::default()
            },
        );
        // The router has taken the new address in at once; its reading of it is what
        // the effect below compares with.
        in_address.set_value(query.with_untracked(filter_from_query));
        catalogue.last_search.set(search);
    });
    let change = move |f: Filter| {
        if filter.with_untracked(|now| *now != f) {
            filter.set(f);
        }
    };
    let set_filter = Callback::new(move |f: Filter| {
        change(f);
        write_address.run(());
    });
    let set_words = Callback::new(move |words: String| {
        let mut f = filter.get_untracked();
        f.query = words;
        change(f);
        cancel();
        let later = move || {
            write_address.try_run(());
        };
        pending.set_value(set_timeout_with_handle(later, ADDRESS_AFTER_TYPING).ok());
    });
    let commit_words = Callback::new(move |()| write_address.run(()));
    Effect::new(move |_| {
        let from_address = query.with(filter_from_query);
        if !on_page() || in_address.with_value(|a| *a == from_address) {
            return;
        }
        cancel();
        catalogue.last_search.set(filter_to_query(&from_address));
        in_address.set_value(from_address.clone());
        change(from_address);
    });
    let filter = filter.read_only();

    // A memo: the heading below is drawn anew whenever this runs, which must not be on
    // every keystroke.
    let professionals = Memo::new(move |_| filter.with(|f| f.audience == Audience::Professionals));
    Effect::new(move |_| {
        if professionals.get() {
            set_title(t_string!(i18n, catalogue.professionals.title));
        }
    });

    view! {
        {move || if professionals.get() {
            view! {
                <p class="back"><A href=PATH>{move || t_string!(i18n, catalogue.professionals.back)}</A></p>
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
                <FilterForm catalogue=loaded.clone() filter=filter set_filter=set_filter set_words=set_words commit_words=commit_words />
                <p role="status" class="result-count">{move || count_text(i18n.get_locale(), ranked.with(|r| r.len()))}</p>
                <Results loaded=loaded.clone() ranked=ranked filter=filter />
            }
            .into_any()
        })}
        <p class="next-links" hidden=move || professionals.get()>
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
