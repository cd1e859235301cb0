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
            let ids = move || shown.with(|(a, b)| if in_wijk { a.clone() } else { b.clone() });
            // Keyed by the activity: a keystroke keeps the rows that stay and draws only
            // the new ones.
            view! {
                <ul class="results">
                    <For each=ids key=|i| *i children=move |i| {
                        loaded.catalogue.activities.get(i).cloned()
                            .map(|a| view! { <ResultItem activity=a loaded=loaded.clone() /> })
                    } />
                </ul>
            }
        }
    };
    let results = move || match shape.get() {
        Shape::NothingFound => {
            // Its suggestions follow the words.
            filter.track();
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
            // A plain link, which the router's click handler still takes: `<A>` would
            // recheck `aria-current` on every change of the address, for every row.
            <a href=href>
                <IconView icon=Icon::for_kind(activity.kind) />
                <span class="result-title" lang="nl">{activity.name.clone()}</span>
            </a>
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
