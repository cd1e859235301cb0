use leptos::prelude::*;
use leptos_router::components::A;

use super::{with_catalogue, NoDataYet};
use crate::browser::intl::percent;
use crate::components::bar_chart::{Bar, BarChart, BarGroup};
use crate::components::set_title;
use crate::i18n::{t_string, td_string, use_i18n};
use crate::words;

#[component]
pub fn WijkenPage() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| set_title(t_string!(i18n, wijken.overview.page_title)));
    view! {
        <h1 tabindex="-1">{move || t_string!(i18n, wijken.overview.heading)}</h1>
        <p>{move || t_string!(i18n, wijken.overview.intro)}</p>
        {with_catalogue(move |loaded| {
            // Read here so the chart and the list are drawn again in a new language.
            let locale = i18n.get_locale();
            let mut wijken = loaded.catalogue.wijken.clone();
            if wijken.is_empty() {
                return view! { <NoDataYet /> }.into_any();
            }
            wijken.sort_by(|a, b| b.lonely.total_cmp(&a.lonely).then_with(|| a.name.cmp(&b.name)));
            let bars = wijken
                .iter()
                .map(|w| {
                    let name = w.name.clone();
                    Bar { label: ViewFn::from(move || name.clone()), value: Some(w.lonely), highlight: false }
                })
                .collect();
            let source = wijken.first().map(|w| w.source.clone()).unwrap_or_default();
            let year = wijken.first().map(|w| w.year).unwrap_or_default();
            view! {
                <BarChart
                    id="wijken"
                    title=move || td_string!(locale, wijken.overview.chart_title)
                    description=move || words::fill(td_string!(locale, wijken.overview.chart_description), &[("year", &year.to_string())])
                    groups=vec![BarGroup { label: td_string!(locale, wijken.overview.chart_group).to_string(), bars }]
                />
                <h2>{td_string!(locale, wijken.overview.choose)}</h2>
                <ul class="wijk-list">
                    {wijken
                        .into_iter()
                        .map(|w| {
                            let href = format!("/wijken/{}", w.id);
                            let figures = words::fill(
                                td_string!(locale, wijken.overview.list_figures),
                                &[("lonely", &percent(locale, w.lonely)), ("severe", &percent(locale, w.severely_lonely))],
                            );
                            view! {
                                <li>
                                    <A href=href attr:lang="nl">{w.name.clone()}</A>
                                    <span>{figures}</span>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
                <p class="source">{td_string!(locale, wijken.source_label)}<span lang="nl" dir="ltr">{source}</span>"."</p>
            }
            .into_any()
        })}
    }
}
