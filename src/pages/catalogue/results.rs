//! The results: one list, or two labelled groups when a wijk is chosen (that wijk
//! first, then city-wide offers), and a next step when nothing is found.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use omzien_core::rank::Ranked;
use omzien_core::{when, Activity, ActivityKind, Filter};

use super::address::filter_to_query;
use super::place::wijk_name;
use crate::browser::clock;
use crate::components::focus_nth;
use crate::components::icon::{Icon, IconView};
use crate::i18n::{t_string, use_i18n};
use crate::state::catalogue::Loaded;
use crate::words;

/// Results drawn at a time. At 10,000 activities, drawing every match on each
/// keystroke would take seconds; nobody reads past the first few dozen anyway.
const PAGE: usize = 40;

#[component]
pub(super) fn Results(
    loaded: Arc<Loaded>,
    ranked: Memo<Ranked>,
    filter: Memo<Filter>,
) -> impl IntoView {
    let i18n = use_i18n();
    // How many results are drawn, for this filter: a new search starts at one page.
    let more = RwSignal::new((filter.get_untracked(), PAGE));
    let limit = move || {
        more.with(|(f, n)| {
            if filter.with(|now| now == f) {
                *n
            } else {
                PAGE
            }
        })
    };
    let show_more = move |_| {
        let shown = limit();
        more.set((filter.get_untracked(), shown + PAGE));
        focus_nth(".all-results li.result a", shown);
    };
    let results = move || {
        let mut ranked = ranked.get();
        let wijk = filter.with(|f| f.wijk.clone());
        if ranked.is_empty() {
            return view! { <NothingFound loaded=loaded.clone() filter=filter /> }.into_any();
        }
        let limit = limit();
        ranked.in_wijk.truncate(limit);
        ranked.others.truncate(limit - ranked.in_wijk.len());
        let list = |ids: Vec<usize>| view! { <ResultList ids=ids loaded=loaded.clone() class="results" /> };
        let Some(wijk) = wijk else {
            return list(ranked.others).into_any();
        };
        let name = loaded
            .catalogue
            .wijk(&wijk)
            .map(|w| w.name.clone())
            .unwrap_or(wijk);
        let in_wijk = ranked.in_wijk;
        let heading_name = name.clone();
        view! {
            <section class="result-group" aria-labelledby="in-wijk">
                <h2 id="in-wijk">{move || words::fill(t_string!(i18n, catalogue.in_group.in_wijk), &[("wijk", &heading_name)])}</h2>
                {if in_wijk.is_empty() {
                    view! { <p>{move || t_string!(i18n, catalogue.in_group.none_in_wijk)}</p> }.into_any()
                } else {
                    list(in_wijk).into_any()
                }}
            </section>
            {(!ranked.others.is_empty()).then(|| view! {
                <section class="result-group" aria-labelledby="in-stad">
                    <h2 id="in-stad">{move || t_string!(i18n, catalogue.in_group.city)}</h2>
                    {list(ranked.others.clone())}
                </section>
            })}
        }
        .into_any()
    };
    view! {
        <section class="all-results" aria-label=move || t_string!(i18n, catalogue.results)>
            {results}
            {move || (ranked.with(|r| r.len()) > limit()).then(|| view! {
                <button type="button" class="more-results" on:click=show_more>
                    {move || t_string!(i18n, catalogue.more_results)}
                </button>
            })}
        </section>
    }
}

/// The activities `ids` (indices into the catalogue), in that order.
#[component]
fn ResultList(ids: Vec<usize>, loaded: Arc<Loaded>, class: &'static str) -> impl IntoView {
    view! {
        <ul class=class>
            {ids.into_iter()
                .filter_map(|i| loaded.catalogue.activities.get(i).cloned())
                .map(|a| view! { <ResultItem activity=a loaded=loaded.clone() /> })
                .collect_view()}
        </ul>
    }
}

#[component]
fn ResultItem(activity: Activity, loaded: Arc<Loaded>) -> impl IntoView {
    let i18n = use_i18n();
    let catalogue = &loaded.catalogue;
    let href = format!("/activiteiten/{}", activity.id);
    let next = clock::today().and_then(|today| when::next(&activity, today, 1).into_iter().next());
    let example = activity.example || next.as_ref().is_some_and(|o| o.example);
    let next = next.map(|o| {
        let text = move || {
            words::fill(
                t_string!(i18n, catalogue.next),
                &[("date", &words::when::occurrence(i18n.get_locale(), &o))],
            )
        };
        view! { <span class="result-next">{text}</span> }
    });
    let schedule =
        Some(activity.schedule.describe_nl()).filter(|w| !w.is_empty() && next.is_none());
    let wijk = wijk_name(catalogue, &activity);
    let place = move || words::activity::place_in(i18n.get_locale(), wijk.as_deref());
    view! {
        <li class="result">
            <A href=href>
                <IconView icon=Icon::for_kind(activity.kind) />
                <span class="result-title" lang="nl">{activity.name.clone()}</span>
            </A>
            {example.then(|| view! { " " <span class="utrecht-data-badge example">{move || t_string!(i18n, catalogue.example_badge)}</span> })}
            <p class="result-facts">
                {next}
                <span>{place}</span>
                {schedule.map(|when| view! { <span lang="nl">{when}</span> })}
                {(activity.free == Some(true)).then(|| view! { <span class="utrecht-data-badge">{move || t_string!(i18n, catalogue.free)}</span> })}
            </p>
            <p class="result-summary" lang="nl">{activity.summary.clone()}</p>
        </li>
    }
}

/// Never a dead end: what comes close, the same search more widely, and people to
/// talk to.
#[component]
fn NothingFound(loaded: Arc<Loaded>, filter: Memo<Filter>) -> impl IntoView {
    let i18n = use_i18n();
    let f = filter.get_untracked();
    let nearest = loaded.index().nearest(&loaded.catalogue, &f, 5);
    let wider = f.wijk.is_some().then(|| {
        let mut wide = f.clone();
        wide.wijk = None;
        format!("/activiteiten{}", filter_to_query(&wide))
    });
    let any_time = f.when.is_some().then(|| {
        let mut wide = f.clone();
        wide.when = None;
        format!("/activiteiten{}", filter_to_query(&wide))
    });
    let catalogue = &loaded.catalogue;
    let helpline = catalogue
        .activities
        .iter()
        .find(|a| a.kind == ActivityKind::Helpline);
    let buurtteam = catalogue
        .activities
        .iter()
        .find(|a| a.organisation_id == "buurtteams-hilversum");
    let link = |a: Option<&Activity>, text: fn(crate::i18n::Locale) -> &'static str| {
        a.map(|a| {
            let href = format!("/activiteiten/{}", a.id);
            view! { <li><A href=href>{move || text(i18n.get_locale())}</A></li> }
        })
    };
    view! {
        {(!nearest.is_empty()).then(|| view! {
            <h2>{move || t_string!(i18n, catalogue.empty.nearest)}</h2>
            <ResultList ids=nearest loaded=loaded.clone() class="results nearest" />
        })}
        <h2>{move || t_string!(i18n, catalogue.empty.next_step)}</h2>
        <ul class="next-steps">
            {wider.map(|href| view! { <li><A href=href>{move || t_string!(i18n, catalogue.empty.wider)}</A></li> })}
            {any_time.map(|href| view! { <li><A href=href>{move || t_string!(i18n, catalogue.empty.any_time)}</A></li> })}
            {link(helpline, |l| crate::i18n::td_string!(l, catalogue.empty.talk))}
            {link(buurtteam, |l| crate::i18n::td_string!(l, catalogue.empty.buurtteam))}
        </ul>
    }
}
