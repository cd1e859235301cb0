use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use omzien_core::{percent_nl, Catalogue, Comparison, Wijk};

use super::{with_catalogue, NoDataYet};
use crate::components::bar_chart::{Bar, BarChart, BarGroup};
use crate::components::set_title;
use crate::pages::not_found::NotFound;

#[component]
pub fn WijkPage() -> impl IntoView {
    let params = use_params_map();
    view! {
        <p class="back"><A href="/wijken">"Terug naar alle wijken"</A></p>
        {with_catalogue(move |loaded| {
            let id = params.with(|p| p.get("id").unwrap_or_default());
            match loaded.catalogue.wijk(&id) {
                Some(wijk) => {
                    set_title(&format!("Wijk {}", wijk.name));
                    wijk_view(&loaded.catalogue, wijk).into_any()
                }
                None if loaded.catalogue.wijken.is_empty() => view! {
                    <h1 tabindex="-1">"Wijk"</h1>
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
    area: String,
    lonely: Option<f64>,
    severe: Option<f64>,
    year: u16,
    highlight: bool,
}

fn rows(wijk: &Wijk, lonely: Option<&Comparison>, severe: Option<&Comparison>) -> Vec<Row> {
    let year = lonely.map(|c| c.year).unwrap_or_default();
    let pick = |c: Option<&Comparison>, f: fn(&Comparison) -> Option<f64>| c.and_then(f);
    vec![
        Row {
            area: format!("Wijk {}", wijk.name),
            lonely: Some(wijk.lonely),
            severe: Some(wijk.severely_lonely),
            year: wijk.year,
            highlight: true,
        },
        Row {
            area: "Heel Hilversum".to_owned(),
            lonely: pick(lonely, |c| c.hilversum),
            severe: pick(severe, |c| c.hilversum),
            year,
            highlight: false,
        },
        Row {
            area: "Regio Gooi en Vechtstreek".to_owned(),
            lonely: pick(lonely, |c| c.region),
            severe: pick(severe, |c| c.region),
            year,
            highlight: false,
        },
        Row {
            area: "Nederland".to_owned(),
            lonely: pick(lonely, |c| c.netherlands),
            severe: pick(severe, |c| c.netherlands),
            year,
            highlight: false,
        },
    ]
}

fn wijk_view(catalogue: &Catalogue, wijk: &Wijk) -> impl IntoView {
    let lonely = catalogue.figures.adults("Eenzaam");
    let severe = catalogue.figures.adults("Sterk eenzaam");
    let rows = rows(wijk, lonely, severe);
    let group = |label: &str, value: fn(&Row) -> Option<f64>| BarGroup {
        label: label.to_owned(),
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
        group("Eenzaam", |r| r.lonely),
        group("Ernstig eenzaam", |r| r.severe),
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
    let sources: Vec<String> = std::iter::once(format!(
        "Wijk {} ({}): {}",
        wijk.name, wijk.year, wijk.source
    ))
    .chain(lonely.map(|c| format!("Hilversum, regio en Nederland ({}): {}", c.year, c.source)))
    .collect();

    view! {
        <h1 tabindex="-1">{wijk.name.clone()}</h1>
        <p class="lead">
            {format!(
                "In {} voelt {} van de volwassenen zich eenzaam. {} voelt zich ernstig eenzaam.",
                wijk.name,
                percent_nl(wijk.lonely),
                percent_nl(wijk.severely_lonely)
            )}
        </p>
        <h2>"Vergeleken met Hilversum, de regio en Nederland"</h2>
        <BarChart
            id="wijk-vergelijking"
            title=format!("Eenzaamheid in {} vergeleken", wijk.name)
            description="Percentage volwassenen dat zich eenzaam en ernstig eenzaam voelt. De cijfers staan ook in de tabel hieronder.".to_owned()
            groups=groups
        />
        // A data table keeps its columns at 320 px; it scrolls inside its own box, so the
        // page itself never scrolls sideways (WCAG 1.4.10). Focusable, to scroll by keyboard.
        <div class="table-scroll" role="region" aria-labelledby="vergelijking-caption" tabindex="0">
        <table class="figures">
            <caption id="vergelijking-caption">{format!("Eenzaamheid onder volwassenen (18 jaar en ouder): {} vergeleken", wijk.name)}</caption>
            <thead>
                <tr>
                    <th scope="col">"Gebied"</th>
                    <th scope="col">"Eenzaam"</th>
                    <th scope="col">"Ernstig eenzaam"</th>
                    <th scope="col">"Jaar"</th>
                </tr>
            </thead>
            <tbody>
                {rows
                    .iter()
                    .map(|r| {
                        let cell = |v: Option<f64>| v.map_or("geen cijfer".to_owned(), percent_nl);
                        view! {
                            <tr class:highlight=r.highlight>
                                <th scope="row">{r.area.clone()}</th>
                                <td>{cell(r.lonely)}</td>
                                <td>{cell(r.severe)}</td>
                                <td>{r.year}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
        </div>
        <p class="note">
            "Let op: de wijkcijfers komen uit een ander onderzoek en jaar dan de cijfers voor heel Hilversum, de regio en Nederland. "
            "Vergelijk ze daarom voorzichtig. Voor heel Hilversum heet ‘ernstig eenzaam’ in de bron ‘sterk eenzaam’."
        </p>
        <h2>"Activiteiten in " {wijk.name.clone()}</h2>
        {if here.is_empty() {
            view! { <p>"Er staan nog geen activiteiten alleen voor deze wijk in Omzien."</p> }.into_any()
        } else {
            view! {
                <ul class="plain-links">
                    {here.into_iter().map(|a| {
                        let href = format!("/activiteiten/{}", a.id);
                        view! { <li><A href=href>{a.name}</A></li> }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        <p>
            <A href=catalogue_link>
                {format!("Bekijk alle activiteiten voor {} (ook de {city_wide} voor heel Hilversum)", wijk.name)}
            </A>
        </p>
        <h2>"Bron"</h2>
        <ul class="source">{sources.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul>
    }
}
