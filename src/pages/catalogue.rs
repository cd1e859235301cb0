//! The catalogue: search and filters, kept in the URL so "back" and shared links keep
//! them (`/activiteiten?q=wandel&wijk=zuid&voor=seniors&soort=social&dag=TU&gratis=1`).

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::params::ParamsMap;
use leptos_router::NavigateOptions;
use omzien_core::{Activity, Catalogue, Filter, LonelinessType, TargetGroup, Weekday};

use super::{with_catalogue, NoDataYet};
use crate::components::set_title;
use crate::state::AppData;

#[component]
pub fn CataloguePage() -> impl IntoView {
    set_title("Activiteiten");
    let data = expect_context::<AppData>();
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
    Effect::new(move |_| data.last_search.set(filter_to_query(&filter.get())));

    view! {
        <h1 tabindex="-1">"Activiteiten"</h1>
        <p>"Zoek iets wat bij je past. Alles wat je kiest, kun je weer uitzetten."</p>
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
                <p role="status" class="result-count">{move || count_text(results.get().len())}</p>
                <ul class="results" aria-label="Resultaten">
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

fn count_text(n: usize) -> String {
    match n {
        0 => "Geen activiteiten gevonden. Zet een keuze uit of zoek op een ander woord.".to_owned(),
        1 => "1 activiteit gevonden".to_owned(),
        n => format!("{n} activiteiten gevonden"),
    }
}

#[component]
fn FilterForm(
    catalogue: std::sync::Arc<crate::state::Loaded>,
    filter: Memo<Filter>,
    set_filter: Callback<Filter>,
) -> impl IntoView {
    let update = move |change: &dyn Fn(&mut Filter)| {
        let mut f = filter.get_untracked();
        change(&mut f);
        set_filter.run(f);
    };
    let wijken = super::wijk_choices(&catalogue.catalogue);
    let groups: Vec<(String, String)> = TargetGroup::ALL
        .into_iter()
        .filter(|g| *g != TargetGroup::Everyone)
        .map(|g| (g.slug().to_owned(), g.label().to_owned()))
        .collect();
    let kinds: Vec<(String, String)> = LonelinessType::ALL
        .into_iter()
        .map(|t| (t.slug().to_owned(), t.label().to_owned()))
        .collect();
    // Offer only choices that can find something: a day on which nothing is known to
    // happen, or "free" when no activity is known to be free, would be a dead end.
    let activities = &catalogue.catalogue.activities;
    let days: Vec<(String, String)> = Weekday::ALL
        .into_iter()
        .filter(|d| activities.iter().any(|a| a.schedule.weekdays().contains(d)))
        .map(|d| (d.code().to_owned(), capitalise(d.name_nl())))
        .collect();
    let any_free = activities.iter().any(|a| a.free == Some(true));

    view! {
        <form class="filters" role="search" on:submit=|ev| ev.prevent_default()>
            <div class="field field-search">
                <label for="zoek">"Zoek een activiteit"</label>
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
            <Choice id="wijk" label="Wijk" any="Alle wijken" options=wijken
                selected=Signal::derive(move || filter.with(|f| f.wijk.clone().unwrap_or_default()))
                on_change=Callback::new(move |v: String| update(&|f| f.wijk = Some(v.clone()).filter(|v| !v.is_empty()))) />
            <Choice id="voor" label="Voor wie" any="Iedereen" options=groups
                selected=Signal::derive(move || filter.with(|f| f.target_group.map(|g| g.slug().to_owned()).unwrap_or_default()))
                on_change=Callback::new(move |v: String| update(&|f| f.target_group = TargetGroup::from_slug(&v))) />
            <Choice id="soort" label="Soort eenzaamheid" any="Alle soorten" options=kinds
                selected=Signal::derive(move || filter.with(|f| f.loneliness.map(|t| t.slug().to_owned()).unwrap_or_default()))
                on_change=Callback::new(move |v: String| update(&|f| f.loneliness = LonelinessType::from_slug(&v))) />
            {(!days.is_empty()).then(|| view! {
                <Choice id="dag" label="Dag" any="Alle dagen" options=days
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
                <label for="gratis">"Alleen gratis"</label>
            </div>
            })}
            <Show when=move || !filter.with(Filter::is_empty)>
                <button type="button" class="secondary" on:click=move |_| set_filter.run(Filter::default())>
                    "Alles wissen"
                </button>
            </Show>
        </form>
    }
}

#[component]
fn Choice(
    id: &'static str,
    label: &'static str,
    any: &'static str,
    options: Vec<(String, String)>,
    selected: Signal<String>,
    on_change: Callback<String>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id on:change=move |ev| on_change.run(event_target_value(&ev))>
                <option value="" selected=move || selected.get().is_empty()>{any}</option>
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let v = value.clone();
                        view! { <option value=value selected=move || selected.get() == v>{text}</option> }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

#[component]
fn ResultItem(
    activity: Activity,
    catalogue: std::sync::Arc<crate::state::Loaded>,
) -> impl IntoView {
    let href = format!("/activiteiten/{}", activity.id);
    let when = activity.schedule.describe_nl();
    let place = place_text(&catalogue.catalogue, &activity);
    let organiser = catalogue
        .catalogue
        .organisation(&activity.organisation_id)
        .map(|o| o.name.clone())
        .unwrap_or_default();
    view! {
        <li class="result">
            <A href=href>
                <span class="result-title">{activity.name.clone()}</span>
            </A>
            <p class="result-summary">{activity.summary.clone()}</p>
            <p class="result-facts">
                <span>{organiser}</span>
                <span>{place}</span>
                {(!when.is_empty()).then(|| view! { <span>{when}</span> })}
                {(activity.free == Some(true)).then(|| view! { <span class="badge">"Gratis"</span> })}
            </p>
        </li>
    }
}

/// "Centrum", or "Heel Hilversum" for city-wide offers.
pub fn place_text(catalogue: &Catalogue, activity: &Activity) -> String {
    match activity.wijk.as_deref().and_then(|w| catalogue.wijk(w)) {
        Some(w) => format!("Wijk {}", w.name),
        None => "Heel Hilversum".to_owned(),
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
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
