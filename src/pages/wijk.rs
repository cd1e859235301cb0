use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use omzien_core::{Catalogue, Comparison, Wijk};

use super::{with_catalogue, NoDataYet};
use crate::browser::intl::percent;
use crate::components::bar_chart::{Bar, BarChart, BarGroup};
use crate::components::set_title;
use crate::i18n::{t_string, td_string, use_i18n, Locale};
use crate::pages::not_found::NotFound;
use crate::words;

#[component]
pub fn WijkPage() -> impl IntoView {
    let params = use_params_map();
    let i18n = use_i18n();
    view! {
        <p class="back"><A href="/wijken">{move || t_string!(i18n, wijken.wijk.back)}</A></p>
        {with_catalogue(move |loaded| {
            // Read here so the whole page is drawn again in a new language.
            let locale = i18n.get_locale();
            let id = params.with(|p| p.get("id").unwrap_or_default());
            match loaded.catalogue.wijk(&id) {
                Some(wijk) => {
                    // "Wijk Centrum": the word, then the name (no interpolation in plain strings).
                    set_title(&format!("{} {}", td_string!(locale, wijken.wijk.page_title), wijk.name));
                    wijk_view(locale, &loaded.catalogue, wijk).into_any()
                }
                None if loaded.catalogue.wijken.is_empty() => view! {
                    <h1 tabindex="-1">{td_string!(locale, wijken.wijk.heading_no_data)}</h1>
                    <NoDataYet />
                }
                .into_any(),
                None => view! { <NotFound /> }.into_any(),
            }
        })}
    }
}

/// One row of the comparison: an area, its two figures, and the year they are from.
struct Row {
    area: ViewFn,
    lonely: Option<f64>,
    severe: Option<f64>,
    year: u16,
    highlight: bool,
}

fn rows(
    locale: Locale,
    wijk: &Wijk,
    lonely: Option<&Comparison>,
    severe: Option<&Comparison>,
) -> Vec<Row> {
    let year = lonely.map(|c| c.year).unwrap_or_default();
    let pick = |c: Option<&Comparison>, f: fn(&Comparison) -> Option<f64>| c.and_then(f);
    vec![
        Row {
            area: {
                let name = wijk.name.clone();
                ViewFn::from(move || {
                    words::fill(td_string!(locale, wijken.area.wijk), &[("name", &name)])
                })
            },
            lonely: Some(wijk.lonely),
            severe: Some(wijk.severely_lonely),
            year: wijk.year,
            highlight: true,
        },
        Row {
            area: ViewFn::from(move || td_string!(locale, wijken.area.hilversum)),
            lonely: pick(lonely, |c| c.hilversum),
            severe: pick(severe, |c| c.hilversum),
            year,
            highlight: false,
        },
        Row {
            area: ViewFn::from(move || td_string!(locale, wijken.area.region)),
            lonely: pick(lonely, |c| c.region),
            severe: pick(severe, |c| c.region),
            year,
            highlight: false,
        },
        Row {
            area: ViewFn::from(move || td_string!(locale, wijken.area.netherlands)),
            lonely: pick(lonely, |c| c.netherlands),
            severe: pick(severe, |c| c.netherlands),
            year,
            highlight: false,
        },
    ]
}

fn wijk_view(locale: Locale, catalogue: &Catalogue, wijk: &Wijk) -> impl IntoView {
    let lonely = catalogue.figures.adults("Eenzaam");
    let severe = catalogue.figures.adults("Sterk eenzaam");
    let rows = rows(locale, wijk, lonely, severe);
    let group = |label: String, value: fn(&Row) -> Option<f64>| BarGroup {
        label,
        bars: rows
            .iter()
            .map(|r| Bar {
                label: r.area.clone(),
                value: value(r),
                highlight: r.highlight,
            })
            .collect(),
    };
    let groups = vec![
        group(td_string!(locale, wijken.lonely).to_string(), |r| r.lonely),
        group(
            td_string!(locale, wijken.severely_lonely).to_string(),
            |r| r.severe,
        ),
    ];
    let here: Vec<_> = catalogue
        .activities
        .iter()
        .filter(|a| a.wijk.as_deref() == Some(wijk.id.as_str()))
        .cloned()
        .collect();
    let city_wide = catalogue
        .activities
        .iter()
        .filter(|a| a.wijk.is_none())
        .count();
    let catalogue_link = format!("/activiteiten?wijk={}", wijk.id);
    // Each source: what it covers (the app's words), then its name (Dutch content).
    let sources: Vec<(String, String)> = std::iter::once((
        words::fill(
            td_string!(locale, wijken.wijk.source_wijk),
            &[("name", &wijk.name), ("year", &wijk.year.to_string())],
        ),
        wijk.source.clone(),
    ))
    .chain(lonely.map(|c| {
        (
            words::fill(
                td_string!(locale, wijken.wijk.source_comparison),
                &[("year", &c.year.to_string())],
            ),
            c.source.clone(),
        )
    }))
    .collect();
    let name = wijk.name.clone();
    let lonely_text = percent(locale, wijk.lonely);
    let severe_text = percent(locale, wijk.severely_lonely);
    let city_wide = crate::browser::intl::number(locale, city_wide as f64);
    let no_figure = td_string!(locale, wijken.no_figure).to_string();

    view! {
        <h1 tabindex="-1" lang="nl">{name.clone()}</h1>
        <p class="lead">
            {words::fill(
                td_string!(locale, wijken.wijk.lead),
                &[("name", &name), ("lonely", &lonely_text), ("severe", &severe_text)],
            )}
        </p>
        <h2>{td_string!(locale, wijken.wijk.compared_heading)}</h2>
        <BarChart
            id="wijk-vergelijking"
            title={
                let name = name.clone();
                move || words::fill(td_string!(locale, wijken.wijk.chart_title), &[("name", &name)])
            }
            description=move || td_string!(locale, wijken.wijk.chart_description)
            groups=groups
        />
        // On a phone, or with large text, each row of the table becomes a small card with
        // its numbers named (CSS), so no column hides in a sideways scroll. The roles keep it
        // a table for screen readers whatever the CSS does with it. Focusable, to scroll by
        // keyboard where it still must (WCAG 1.4.10).
        <div class="table-scroll" role="region" aria-labelledby="vergelijking-caption" tabindex="0">
        <table class="figures stacks" role="table">
            <caption id="vergelijking-caption">{words::fill(td_string!(locale, wijken.wijk.table_caption), &[("name", &name)])}</caption>
            <thead role="rowgroup">
                <tr role="row">
                    <th scope="col" role="columnheader">{td_string!(locale, wijken.wijk.column_area)}</th>
                    <th scope="col" role="columnheader">{td_string!(locale, wijken.lonely)}</th>
                    <th scope="col" role="columnheader">{td_string!(locale, wijken.severely_lonely)}</th>
                    <th scope="col" role="columnheader">{td_string!(locale, wijken.wijk.column_year)}</th>
                </tr>
            </thead>
            <tbody role="rowgroup">
                {rows
                    .iter()
                    .map(|r| {
                        let cell = |v: Option<f64>| v.map_or_else(|| no_figure.clone(), |v| percent(locale, v));
                        view! {
                            <tr role="row" class:highlight=r.highlight>
                                <th scope="row" role="rowheader">{r.area.run()}</th>
                                <td role="cell" data-label=td_string!(locale, wijken.lonely)>{cell(r.lonely)}</td>
                                <td role="cell" data-label=td_string!(locale, wijken.severely_lonely)>{cell(r.severe)}</td>
                                <td role="cell" data-label=td_string!(locale, wijken.wijk.column_year)>{r.year}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
        </div>
        <p class="note">
            {td_string!(locale, wijken.wijk.note)}
        </p>
        <h2>{words::fill(td_string!(locale, wijken.wijk.activities_heading), &[("name", &name)])}</h2>
        {if here.is_empty() {
            view! { <p>{td_string!(locale, wijken.wijk.no_activities)}</p> }.into_any()
        } else {
            view! {
                <ul class="plain-links">
                    {here.into_iter().map(|a| {
                        let href = format!("/activiteiten/{}", a.id);
                        view! { <li><A href=href attr:lang="nl">{a.name}</A></li> }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        <p>
            <A href=catalogue_link>
                {words::fill(
                    td_string!(locale, wijken.wijk.all_activities),
                    &[("name", &name), ("count", &city_wide)],
                )}
            </A>
        </p>
        <h2>{td_string!(locale, wijken.wijk.source_heading)}</h2>
        <ul class="source">
            {sources
                .into_iter()
                .map(|(what, name)| view! { <li>{what}<span lang="nl" dir="ltr">{name}</span></li> })
                .collect_view()}
        </ul>
    }
}
