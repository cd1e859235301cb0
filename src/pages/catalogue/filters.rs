//! The catalogue's choices: the period first ("Vandaag", "Deze week", "Dit weekend"),
//! then the words to search for, the wijk, for whom, the kind of loneliness, the day
//! and "free only".

use leptos::prelude::*;
use omzien_core::when::{Period, When};
use omzien_core::{Filter, LonelinessType, TargetGroup, Weekday};

use crate::browser::{clock, intl};
use crate::i18n::{t_string, td_string, use_i18n, Locale};
use crate::words;

#[component]
pub(super) fn FilterForm(
    catalogue: std::sync::Arc<crate::state::catalogue::Loaded>,
    filter: ReadSignal<Filter>,
    set_filter: Callback<Filter>,
    set_words: Callback<String>,
    commit_words: Callback<()>,
) -> impl IntoView {
    let update = move |change: &dyn Fn(&mut Filter)| {
        let mut f = filter.get_untracked();
        change(&mut f);
        set_filter.run(f);
    };
    let i18n = use_i18n();
    let wijken = wijk_options(&catalogue.catalogue);
    let groups = group_options();
    let kinds = loneliness_options();
    // Offer only choices that can find something: a day on which nothing is known to
    // happen, or "free" when no activity is known to be free, would be a dead end.
    let activities = &catalogue.catalogue.activities;
    let days: Vec<(String, Text)> = Weekday::ALL
        .into_iter()
        .filter(|d| {
            activities.iter().any(|a| {
                a.schedule.weekdays().contains(d)
                    || a.sessions.iter().any(|s| s.date.weekday() == *d)
            })
        })
        .map(|d| {
            (
                d.code().to_owned(),
                Text::Ui(Box::new(move |l| words::activity::day_name(l, d))),
            )
        })
        .collect();
    let any_free = activities.iter().any(|a| a.free == Some(true));

    let chosen_count = move || {
        filter.with(|f| {
            [
                f.wijk.is_some(),
                f.target_group.is_some(),
                f.loneliness.is_some(),
                f.day.is_some(),
                f.free_only,
            ]
            .into_iter()
            .filter(|on| *on)
            .count()
        })
    };
    // Open where the screen has room for the choices and the results (a kiosk upright,
    // a tablet); folded where they would push the results off the first screen.
    let open_at_start = web_sys::window()
        .map(|w| {
            let size = |v: Result<wasm_bindgen::JsValue, _>| {
                v.ok().and_then(|v| v.as_f64()).unwrap_or(0.0)
            };
            size(w.inner_height()) >= 1000.0 && size(w.inner_width()) >= 700.0
        })
        .unwrap_or(false);
    let wijk_names: Vec<(String, String)> = crate::pages::wijk_choices(&catalogue.catalogue);

    view! {
        <form class="filters" role="search" on:submit=move |ev| {
            ev.prevent_default();
            commit_words.run(());
        }>
            <PeriodChoice filter=filter set_filter=set_filter />
            <div class="utrecht-form-field field field-search">
                <label for="zoek">{move || t_string!(i18n, catalogue.filter.search)}</label>
                <input
                    id="zoek"
                    type="search"
                    autocomplete="off"
                    prop:value=move || filter.with(|f| f.query.clone())
                    on:input=move |ev| set_words.run(event_target_value(&ev))
                    on:change=move |_| commit_words.run(())
                />
            </div>
            <details class="more-filters" prop:open=open_at_start>
                <summary>{move || match chosen_count() {
                    0 => t_string!(i18n, catalogue.filter.more).to_owned(),
                    n => words::fill(t_string!(i18n, catalogue.filter.more_count), &[("count", &intl::number(i18n.get_locale(), n as f64))]),
                }}</summary>
                <div class="more-filters-body">
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
            <div class="utrecht-form-field field field-check">
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
                </div>
            </details>
            <Chips filter=filter set_filter=set_filter wijk_names=wijk_names />
            <Show when=move || !filter.with(Filter::is_empty)>
                <button type="button" class="secondary" on:click=move |_| set_filter.run(Filter::default())>
                    {move || t_string!(i18n, catalogue.filter.clear)}
                </button>
            </Show>
        </form>
    }
}

/// The wijken as choices, by name (Dutch content).
pub(crate) fn wijk_options(catalogue: &omzien_core::Catalogue) -> Vec<(String, Text)> {
    crate::pages::wijk_choices(catalogue)
        .into_iter()
        .map(|(id, name)| (id, Text::Content(name)))
        .collect()
}

/// The target groups as choices; "iedereen" is the choice of none.
pub(crate) fn group_options() -> Vec<(String, Text)> {
    TargetGroup::ALL
        .into_iter()
        .filter(|g| *g != TargetGroup::Everyone)
        .map(|g| {
            let words = Box::new(move |l| words::activity::group_label(l, g));
            (g.slug().to_owned(), Text::Ui(words))
        })
        .collect()
}

/// The kinds of loneliness as choices.
pub(crate) fn loneliness_options() -> Vec<(String, Text)> {
    LonelinessType::ALL
        .into_iter()
        .map(|t| {
            let words = Box::new(move |l| words::activity::loneliness_label(l, t));
            (t.slug().to_owned(), Text::Ui(words))
        })
        .collect()
}

/// Words in the chosen language.
type Words = fn(Locale) -> &'static str;
/// Takes one choice out of the filter.
type Undo = fn(&mut Filter);

/// A choice's words: the app's own (in the chosen language), or content (a wijk's
/// name, in Dutch).
pub(crate) enum Text {
    Ui(Box<dyn Fn(Locale) -> &'static str + Send + Sync>),
    Content(String),
}

#[component]
pub(crate) fn Choice(
    id: &'static str,
    label: fn(Locale) -> &'static str,
    any: fn(Locale) -> &'static str,
    options: Vec<(String, Text)>,
    selected: Signal<String>,
    on_change: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="utrecht-form-field field">
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

/// The period as a row of radio buttons: one press, visible at once, and the
/// arrow keys move between them.
#[component]
fn PeriodChoice(filter: ReadSignal<Filter>, set_filter: Callback<Filter>) -> impl IntoView {
    let i18n = use_i18n();
    let chosen = move || filter.with(|f| f.when.map(|w| w.period));
    let choose = move |period: Option<Period>| {
        let mut f = filter.get_untracked();
        f.when = period.and_then(|period| clock::today().map(|today| When { period, today }));
        set_filter.run(f);
    };
    let options: [(Option<Period>, Words); 4] = [
        (None, |l| td_string!(l, catalogue.when.any)),
        (Some(Period::Today), |l| td_string!(l, catalogue.when.today)),
        (Some(Period::ThisWeek), |l| {
            td_string!(l, catalogue.when.this_week)
        }),
        (Some(Period::Weekend), |l| {
            td_string!(l, catalogue.when.weekend)
        }),
    ];
    view! {
        <fieldset class="period">
            <legend>{move || t_string!(i18n, catalogue.when.label)}</legend>
            {options.into_iter().map(|(period, label)| {
                let id = period.map_or("wanneer-altijd", |p| match p {
                    Period::Today => "wanneer-vandaag",
                    Period::ThisWeek => "wanneer-week",
                    Period::Weekend => "wanneer-weekend",
                });
                view! {
                    <span class="period-option">
                        <input type="radio" name="wanneer" id=id
                            prop:checked=move || chosen() == period
                            on:change=move |_| choose(period) />
                        <label for=id>{move || label(i18n.get_locale())}</label>
                    </span>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// The choices made, each a button that takes it away again.
#[component]
fn Chips(
    filter: ReadSignal<Filter>,
    set_filter: Callback<Filter>,
    wijk_names: Vec<(String, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let remove = move |change: fn(&mut Filter)| {
        let mut f = filter.get_untracked();
        change(&mut f);
        set_filter.run(f);
    };
    // The filter without its words: typing leaves the chips alone.
    let chosen = Memo::new(move |_| {
        filter.with(|f| Filter {
            query: String::new(),
            ..f.clone()
        })
    });
    move || {
        let f = chosen.get();
        let locale = i18n.get_locale();
        // Each: its words, how to take it away, whether the words are Dutch content.
        let mut chips: Vec<(String, Undo, bool)> = Vec::new();
        if let Some(w) = &f.wijk {
            let name = wijk_names
                .iter()
                .find(|(id, _)| id == w)
                .map_or(w.clone(), |(_, n)| n.clone());
            chips.push((name, |f| f.wijk = None, true));
        }
        if let Some(g) = f.target_group {
            chips.push((
                words::activity::group_label(locale, g).to_owned(),
                |f| f.target_group = None,
                false,
            ));
        }
        if let Some(t) = f.loneliness {
            chips.push((
                words::activity::loneliness_label(locale, t).to_owned(),
                |f| f.loneliness = None,
                false,
            ));
        }
        if let Some(d) = f.day {
            chips.push((
                words::activity::day_name(locale, d).to_owned(),
                |f| f.day = None,
                false,
            ));
        }
        if f.free_only {
            chips.push((
                t_string!(i18n, catalogue.filter.free_only).to_owned(),
                |f| f.free_only = false,
                false,
            ));
        }
        (!chips.is_empty()).then(|| view! {
            <ul class="chips">
                {chips.into_iter().map(|(label, change, dutch)| view! {
                    <li>
                        <button type="button" class="chip" on:click=move |_| remove(change)>
                            <span lang=dutch.then_some("nl")>{label}</span>
                            <span aria-hidden="true">" ×"</span>
                            <span class="visually-hidden">" "{move || t_string!(i18n, catalogue.filter.remove)}</span>
                        </button>
                    </li>
                }).collect_view()}
            </ul>
        })
    }
}
