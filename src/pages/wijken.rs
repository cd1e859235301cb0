use leptos::prelude::*;
use leptos_router::components::A;
use omzien_core::percent_nl;

use super::{with_catalogue, NoDataYet};
use crate::components::bar_chart::{Bar, BarChart, BarGroup};
use crate::components::set_title;

#[component]
pub fn WijkenPage() -> impl IntoView {
    set_title("Wijken");
    view! {
        <h1 tabindex="-1">"Eenzaamheid in de wijken"</h1>
        <p>"Hoeveel volwassenen voelen zich eenzaam in jouw wijk? Kies een wijk voor meer cijfers en de activiteiten in die wijk."</p>
        {with_catalogue(|loaded| {
            let mut wijken = loaded.catalogue.wijken.clone();
            if wijken.is_empty() {
                return view! { <NoDataYet /> }.into_any();
            }
            wijken.sort_by(|a, b| b.lonely.total_cmp(&a.lonely).then_with(|| a.name.cmp(&b.name)));
            let bars = wijken
                .iter()
                .map(|w| Bar { label: w.name.clone(), value: Some(w.lonely), highlight: false })
                .collect();
            let source = wijken.first().map(|w| w.source.clone()).unwrap_or_default();
            let year = wijken.first().map(|w| w.year).unwrap_or_default();
            view! {
                <BarChart
                    id="wijken"
                    title="Volwassenen die zich eenzaam voelen, per wijk".to_owned()
                    description=format!("Van hoog naar laag. De cijfers staan ook in de lijst hieronder. Jaar: {year}.")
                    groups=vec![BarGroup { label: "Eenzaam (18 jaar en ouder)".to_owned(), bars }]
                />
                <h2>"Kies een wijk"</h2>
                <ul class="wijk-list">
                    {wijken
                        .into_iter()
                        .map(|w| {
                            let href = format!("/wijken/{}", w.id);
                            view! {
                                <li>
                                    <A href=href>{w.name.clone()}</A>
                                    <span>{format!(": {} voelt zich eenzaam, {} ernstig eenzaam", percent_nl(w.lonely), percent_nl(w.severely_lonely))}</span>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
                <p class="source">"Bron: "{source}"."</p>
            }
            .into_any()
        })}
    }
}
