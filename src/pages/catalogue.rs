//! The catalogue: search and filters, kept in the URL so "back" and shared links keep
//! them (`/activiteiten?q=wandel&wijk=zuid&voor=seniors&soort=social&dag=TU&gratis=1`).

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::params::ParamsMap;
use leptos_router::NavigateOptions;
use omzien_core::{Activity, Catalogue, Filter, LonelinessType, TargetGroup, Weekday};

use super::{with_catalogue, NoDataYet};
use crate::browser::intl;
use crate::components::set_title;
use crate::i18n::{t, t_string, td_string, use_i18n, Locale};
use crate::state::contexts::use_catalogue;
use crate::words;

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

    view! {
        <h1 tabindex="-1">{move || t_string!(i18n, catalogue.title)}</h1>
        <p>{move || t_string!(i18n, catalogue.intro)}</p>
        {with_catalogue(move |loaded| {
            if loaded.catalogue.activities.is_empty() {
                return view! { <NoDataYet /> }.into_any();
            }
            let results = {
                let loaded = loaded.clone();
                move || {
                    let f = filter.get();
                    loaded.index.search(&loaded.catalogue, &f)
                }
            };
            let results = Memo::new(move |_| results());
            let catalogue = loaded.clone();
            view! {
                <FilterForm catalogue=loaded.clone() filter=filter set_filter=set_filter />
                <p role="status" class="result-count">{move || count_text(i18n, results.get().len())}</p>
                <ul class="results" aria-label=move || t_string!(i18n, catalogue.results)>
                    {move || {
                        results
                            .get()
                            .into_iter()
                            .filter_map(|i| catalogue.catalogue.activities.get(i).cloned())
                            .map(|a| view! { <ResultItem activity=a catalogue=catalogue.clone() /> })
                            .collect_view()
                    }}
                </ul>
            }
            .into_any()
        })}
    }
}

fn count_text(i18n: leptos_i18n::I18nContext<Locale>, n: usize) -> AnyView {
    let count = move || intl::number(i18n.get_locale(), n as f64);
    match n {
        0 => t!(i18n, catalogue.count_none).into_any(),
        1 => t!(i18n, catalogue.count_singular, count = count).into_any(),
        _ => t!(i18n, catalogue.count_plural, count = count).into_any(),
    }
}

#[component]
fn FilterForm(
    catalogue: std::sync::Arc<crate::state::catalogue::Loaded>,
    filter: Memo<Filter>,
    set_filter: Callback<Filter>,
) -> impl IntoView {
    let update = move |change: &dyn Fn(&mut Filter)| {
        let mut f = filter.get_untracked();
        change(&mut f);
        set_filter.run(f);
    };
    let i18n = use_i18n();
    let wijken: Vec<(String, Text)> = super::wijk_choices(&catalogue.catalogue)
        .into_iter()
        .map(|(id, name)| (id, Text::Content(name)))
        .collect();
    let groups: Vec<(String, Text)> = TargetGroup::ALL
        .into_iter()
        .filter(|g| *g != TargetGroup::Everyone)
        .map(|g| {
            (
                g.slug().to_owned(),
                Text::Ui(Box::new(move |l| words::activity::group_label(l, g))),
            )
        })
        .collect();
    let kinds: Vec<(String, Text)> = LonelinessType::ALL
        .into_iter()
        .map(|t| {
            (
                t.slug().to_owned(),
                Text::Ui(Box::new(move |l| words::activity::loneliness_label(l, t))),
            )
        })
        .collect();
    // Offer only choices that can find something: a day on which nothing is known to
    // happen, or "free" when no activity is known to be free, would be a dead end.
    let activities = &catalogue.catalogue.activities;
    let days: Vec<(String, Text)> = Weekday::ALL
        .into_iter()
        .filter(|d| activities.iter().any(|a| a.schedule.weekdays().contains(d)))
        .map(|d| {
            (
                d.code().to_owned(),
                Text::Ui(Box::new(move |l| words::activity::day_name(l, d))),
            )
        })
        .collect();
    let any_free = activities.iter().any(|a| a.free == Some(true));

    view! {
        <form class="filters" role="search" on:submit=|ev| ev.prevent_default()>
            <div class="field field-search">
                <label for="zoek">{move || t_string!(i18n, catalogue.filter.search)}</label>
                <input
                    id="zoek"
                    type="search"
                    autocomplete="off"
                    prop:value=move || filter.with(|f| f.query.clone())
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        update(&|f| f.query = text.clone());
                    }
                />
            </div>
            <Choice id="wijk" label=|l| td_string!(l, catalogue.filter.wijk) any=|l| td_string!(l, catalogue.filter.any_wijk) options=wijken
                selected=Signal::derive(move || filter.with(|f| f.wijk.clone().unwrap_or_default()))
                on_change=Callback::new(move |v: String| update(&|f| f.wijk = Some(v.clone()).filter(|v| !v.is_empty()))) />
            <Choice id="voor" label=|l| td_string!(l, catalogue.filter.for_whom) any=|l| td_string!(l, catalogue.filter.everyone) options=groups
                selected=Signal::derive(move || filter.with(|f| f.target_group.map(|g| g.slug().to_owned()).unwrap_or_default()))
                on_change=Callback::new(move |v: String| update(&|f| f.target_group = TargetGroup::from_slug(&v))) />
            <Choice id="soort" label=|l| td_string!(l, catalogue.filter.loneliness) any=|l| td_string!(l, catalogue.filter.any_loneliness) options=kinds
                selected=Signal::derive(move || filter.with(|f| f.loneliness.map(|t| t.slug().to_owned()).unwrap_or_default()))
                on_change=Callback::new(move |v: String| update(&|f| f.loneliness = LonelinessType::from_slug(&v))) />
            {(!days.is_empty()).then(|| view! {
                <Choice id="dag" label=|l| td_string!(l, catalogue.filter.day) any=|l| td_string!(l, catalogue.filter.any_day) options=days
                    selected=Signal::derive(move || filter.with(|f| f.day.map(|d| d.code().to_owned()).unwrap_or_default()))
                    on_change=Callback::new(move |v: String| update(&|f| f.day = Weekday::from_code(&v))) />
            })}
            {any_free.then(|| view! {
            <div class="field field-check">
                <input
                    id="gratis"
                    type="checkbox"
                    prop:checked=move || filter.with(|f| f.free_only)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        update(&|f| f.free_only = on);
                    }
                />
                <label for="gratis">{move || t_string!(i18n, catalogue.filter.free_only)}</label>
            </div>
            })}
            <Show when=move || !filter.with(Filter::is_empty)>
                <button type="button" class="secondary" on:click=move |_| set_filter.run(Filter::default())>
                    {move || t_string!(i18n, catalogue.filter.clear)}
                </button>
            </Show>
        </form>
    }
}

/// A choice's words: the app's own (in the chosen language), or content (a wijk's
/// name, in Dutch).
enum Text {
    Ui(Box<dyn Fn(Locale) -> &'static str + Send + Sync>),
    Content(String),
}

#[component]
fn Choice(
    id: &'static str,
    label: fn(Locale) -> &'static str,
    any: fn(Locale) -> &'static str,
    options: Vec<(String, Text)>,
    selected: Signal<String>,
    on_change: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="field">
            <label for=id>{move || label(i18n.get_locale())}</label>
            <select id=id on:change=move |ev| on_change.run(event_target_value(&ev))>
                <option value="" selected=move || selected.get().is_empty()>{move || any(i18n.get_locale())}</option>
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let v = value.clone();
                        match text {
                            Text::Ui(words) => view! {
                                <option value=value selected=move || selected.get() == v>{move || words(i18n.get_locale())}</option>
                            }.into_any(),
                            Text::Content(name) => view! {
                                <option value=value selected=move || selected.get() == v lang="nl">{name}</option>
                            }.into_any(),
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

#[component]
fn ResultItem(
    activity: Activity,
    catalogue: std::sync::Arc<crate::state::catalogue::Loaded>,
) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/activiteiten/{}", activity.id);
    let when = activity.schedule.describe_nl();
    let wijk = wijk_name(&catalogue.catalogue, &activity);
    let place = move || words::activity::place_in(i18n.get_locale(), wijk.as_deref());
    let organiser = catalogue
        .catalogue
        .organisation(&activity.organisation_id)
        .map(|o| o.name.clone())
        .unwrap_or_default();
    view! {
        <li class="result">
            <A href=href>
                <span class="result-title" lang="nl">{activity.name.clone()}</span>
            </A>
            <p class="result-summary" lang="nl">{activity.summary.clone()}</p>
            <p class="result-facts">
                <span lang="nl">{organiser}</span>
                <span>{place}</span>
                {(!when.is_empty()).then(|| view! { <span lang="nl">{when}</span> })}
                {(activity.free == Some(true)).then(|| view! { <span class="badge">{move || t_string!(i18n, catalogue.free)}</span> })}
            </p>
        </li>
    }
}

/// "Wijk Centrum", or "Heel Hilversum" for city-wide offers, in the chosen language (the
/// wijk's name stays as it is). Reads the language tracked: called while drawing, the
/// part that shows it is drawn again when the language changes.
pub fn place_text(catalogue: &Catalogue, activity: &Activity) -> String {
    words::activity::place_in(
        use_i18n().get_locale(),
        wijk_name(catalogue, activity).as_deref(),
    )
}

/// The name of the activity's wijk, if it has one.
pub fn wijk_name(catalogue: &Catalogue, activity: &Activity) -> Option<String> {
    activity
        .wijk
        .as_deref()
        .and_then(|w| catalogue.wijk(w))
        .map(|w| w.name.clone())
}

fn filter_from_query(q: &ParamsMap) -> Filter {
    Filter {
        query: q.get("q").unwrap_or_default(),
        wijk: q.get("wijk").filter(|w| !w.is_empty()),
        target_group: q.get("voor").and_then(|v| TargetGroup::from_slug(&v)),
        loneliness: q.get("soort").and_then(|v| LonelinessType::from_slug(&v)),
        day: q.get("dag").and_then(|v| Weekday::from_code(&v)),
        free_only: q.get("gratis").is_some_and(|v| v == "1"),
    }
}

fn filter_to_query(f: &Filter) -> String {
    let Ok(params) = web_sys::UrlSearchParams::new() else {
        return String::new();
    };
    let pairs = [
        ("q", Some(f.query.clone()).filter(|q| !q.is_empty())),
        ("wijk", f.wijk.clone()),
        ("voor", f.target_group.map(|g| g.slug().to_owned())),
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
