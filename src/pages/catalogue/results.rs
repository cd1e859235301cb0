//! The results: one list, or two labelled groups when a wijk is chosen (that wijk
//! first, then city-wide offers), and a next step when nothing is found.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use omzien_core::rank::Ranked;
use omzien_core::{when, Activity, ActivityKind, Catalogue, Filter};

use super::address::filter_to_query;
use super::place::wijk_name;
use crate::browser::clock;
use crate::components::focus_nth;
use crate::components::icon::{Icon, IconView};
use crate::i18n::{t_string, td_string, use_i18n, Locale};
use crate::state::catalogue::Loaded;
use crate::words;

/// Results drawn at a time. At 10,000 activities, drawing every match on each
/// keystroke would take seconds; nobody reads past the first few dozen anyway.
const PAGE: usize = 40;

/// What the results look like apart from which activities they hold: it changes far
/// less often than they do, so the lists inside stay and only their rows move.
#[derive(Clone, PartialEq)]
enum Shape {
    NothingFound,
    One,
    /// A wijk was chosen: whether each group has anything to show.
    Grouped {
        wijk: String,
        in_wijk: bool,
        others: bool,
    },
}

#[component]
pub(super) fn Results(
    loaded: Arc<Loaded>,
    ranked: Memo<Ranked>,
    filter: ReadSignal<Filter>,
) -> impl IntoView {
    let i18n = use_i18n();
    // How many results are drawn, for this filter: a new search starts at one page.
    let more = RwSignal::new((filter.get_untracked(), PAGE));
    let limit = Memo::new(move |_| {
        more.with(|(f, n)| {
            if filter.with(|now| now == f) {
                *n
            } else {
                PAGE
            }
        })
    });
    let show_more = move |_| {
        let shown = limit.get_untracked();
        more.set((filter.get_untracked(), shown + PAGE));
        focus_nth(".all-results li.result a", shown);
    };
    // The activities drawn: those in the chosen wijk, then the others.
    let shown = Memo::new(move |_| {
        let limit = limit.get();
        ranked.with(|r| {
            let in_wijk: Vec<usize> = r.in_wijk.iter().take(limit).copied().collect();
            let others: Vec<usize> = r
                .others
                .iter()
                .take(limit - in_wijk.len())
                .copied()
                .collect();
            (in_wijk, others)
        })
    });
    let shape = Memo::new(move |_| {
        if ranked.with(Ranked::is_empty) {
            return Shape::NothingFound;
        }
        match filter.with(|f| f.wijk.clone()) {
            None => Shape::One,
            Some(wijk) => shown.with(|(in_wijk, others)| Shape::Grouped {
                wijk,
                in_wijk: !in_wijk.is_empty(),
                others: !others.is_empty(),
            }),
        }
    });
    let list = {
        let loaded = loaded.clone();
        move |in_wijk: bool| {
            let loaded = loaded.clone();
            // Keyed by the activity and the language: a keystroke keeps the rows that
            // stay and draws only the new ones, and a row is drawn in one language, with
            // nothing in it that watches for another (a change of language draws them
            // all anew).
            let rows = move || {
                let locale = i18n.get_locale();
                shown.with(|(a, b)| {
                    let ids = if in_wijk { a } else { b };
                    ids.iter().map(|&i| (i, locale)).collect::<Vec<_>>()
                })
            };
            view! {
                <ul class="results">
                    <For each=rows key=|row| *row children=move |(i, locale)| {
                        loaded.catalogue.activities.get(i)
                            .map(|a| result_item(a, &loaded.catalogue, locale))
                    } />
                </ul>
            }
        }
    };
    let results = move || match shape.get() {
        Shape::NothingFound => {
            // Its suggestions follow the words, and its rows the language.
            filter.track();
            i18n.get_locale();
            view! { <NothingFound loaded=loaded.clone() filter=filter /> }.into_any()
        }
        Shape::One => list(false).into_any(),
        Shape::Grouped {
            wijk,
            in_wijk,
            others,
        } => {
            let name = loaded
                .catalogue
                .wijk(&wijk)
                .map(|w| w.name.clone())
                .unwrap_or(wijk);
            view! {
                <section class="result-group" aria-labelledby="in-wijk">
                    <h2 id="in-wijk">{move || words::fill(t_string!(i18n, catalogue.in_group.in_wijk), &[("wijk", &name)])}</h2>
                    {if in_wijk {
                        list(true).into_any()
                    } else {
                        view! { <p>{move || t_string!(i18n, catalogue.in_group.none_in_wijk)}</p> }.into_any()
                    }}
                </section>
                {others.then(|| view! {
                    <section class="result-group" aria-labelledby="in-stad">
                        <h2 id="in-stad">{move || t_string!(i18n, catalogue.in_group.city)}</h2>
                        {list(false)}
                    </section>
                })}
            }
            .into_any()
        }
    };
    view! {
        <section class="all-results" aria-label=move || t_string!(i18n, catalogue.results)>
            {results}
            {move || (ranked.with(|r| r.len()) > limit.get()).then(|| view! {
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
    let locale = use_i18n().get_locale_untracked();
    view! {
        <ul class=class>
            {ids.into_iter()
                .filter_map(|i| loaded.catalogue.activities.get(i))
                .map(|a| result_item(a, &loaded.catalogue, locale))
                .collect_view()}
        </ul>
    }
}

/// One result, in one language: its words are written once, with no reactive parts,
/// since a keystroke draws up to a page of these.
fn result_item(activity: &Activity, catalogue: &Catalogue, locale: Locale) -> impl IntoView {
    let href = format!("/activiteiten/{}", activity.id);
    let next = clock::today().and_then(|today| when::next(activity, today, 1).into_iter().next());
    let example = activity.example || next.as_ref().is_some_and(|o| o.example);
    let next = next.map(|o| {
        let text = words::fill(
            td_string!(locale, catalogue.next),
            &[("date", &words::when::occurrence(locale, &o))],
        );
        view! { <span class="result-next">{text}</span> }
    });
    let schedule =
        Some(activity.schedule.describe_nl()).filter(|w| !w.is_empty() && next.is_none());
    let place = words::activity::place_in(locale, wijk_name(catalogue, activity).as_deref());
    view! {
        <li class="result">
            // A plain link, which the router's click handler still takes: `<A>` would
            // recheck `aria-current` on every change of the address, for every row.
            <a href=href>
                <IconView icon=Icon::for_kind(activity.kind) />
                <span class="result-title" lang="nl">{activity.name.clone()}</span>
            </a>
            {example.then(|| view! { " " <span class="utrecht-data-badge example">{td_string!(locale, catalogue.example_badge)}</span> })}
            <p class="result-facts">
                {next}
                <span>{place}</span>
                {schedule.map(|when| view! { <span lang="nl">{when}</span> })}
                {(activity.free == Some(true)).then(|| view! { <span class="utrecht-data-badge">{td_string!(locale, catalogue.free)}</span> })}
            </p>
            <p class="result-summary" lang="nl">{activity.summary.clone()}</p>
        </li>
    }
}

/// Never a dead end: what comes close, the same search more widely, and people to
/// talk to.
#[component]
fn NothingFound(loaded: Arc<Loaded>, filter: ReadSignal<Filter>) -> impl IntoView {
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
