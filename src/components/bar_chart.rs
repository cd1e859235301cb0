//! A horizontal bar chart, drawn with HTML and CSS rather than SVG: its words are real
//! text, so they follow the text size chosen in the settings and wrap on a phone, where
//! a scaled-down drawing made them 8–10 px. The chart is one image with a title and a
//! description for screen readers; every chart is also given as a table next to it,
//! which is the accessible source of the numbers.

use leptos::prelude::*;

use crate::browser::intl::percent;
use crate::i18n::{t_string, use_i18n};

#[derive(Clone)]
pub struct Bar {
    /// What the bar stands for: a wijk's name, or "Heel Hilversum" in the chosen language.
    pub label: ViewFn,
    /// A percentage; `None` is drawn as "no figure" (in the chosen language), never as 0.
    pub value: Option<f64>,
    /// The bar the page is about (the wijk), drawn darker.
    pub highlight: bool,
}

#[derive(Clone)]
pub struct BarGroup {
    pub label: String,
    pub bars: Vec<Bar>,
}

#[component]
pub fn BarChart(
    /// A unique id prefix, for the title and description ids.
    id: &'static str,
    #[prop(into)] title: ViewFn,
    #[prop(into)] description: ViewFn,
    groups: Vec<BarGroup>,
    /// The value the bars are scaled to (100 for percentages of everyone).
    #[prop(default = 100.0)]
    scale: f64,
) -> impl IntoView {
    let i18n = use_i18n();
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let labelled_by = format!("{title_id} {desc_id}");
    let rows: Vec<AnyView> = groups
        .into_iter()
        .flat_map(|group| {
            let head = view! { <p class="chart-group">{group.label}</p> }.into_any();
            let bars = group.bars.into_iter().map(move |bar| {
                let share = bar.value.map_or(0.0, |v| (v / scale).clamp(0.0, 1.0) * 100.0);
                let value = bar.value;
                let value_text = move || match value {
                    Some(v) => percent(i18n.get_locale(), v),
                    None => t_string!(i18n, wijken.no_figure).to_string(),
                };
                view! {
                    <div class="chart-row" class:chart-highlight=bar.highlight>
                        <span class="chart-label">{bar.label.run()}</span>
                        <span class="chart-track">
                            // A drawn bar: an attribute, where a style would break the CSP.
                            <svg class="bar" aria-hidden="true"><rect width=format!("{share:.2}%") height="100%" rx="3" /></svg>
                            <span class="chart-value">{value_text}</span>
                        </span>
                    </div>
                }
                .into_any()
            });
            std::iter::once(head).chain(bars)
        })
        .collect();
    view! {
        // Drawn left to right in every language, like the figures it shows.
        <div class="bar-chart" role="img" aria-labelledby=labelled_by dir="ltr">
            <span id=title_id class="visually-hidden">{title.run()}</span>
            <span id=desc_id class="visually-hidden">{description.run()}</span>
            {rows}
        </div>
    }
}
