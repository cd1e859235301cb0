//! A horizontal bar chart in SVG. The SVG is an image with a title and a description
//! for screen readers; every chart is also given as a table next to it, which is the
//! accessible source of the numbers.

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

const WIDTH: f64 = 640.0;
const LABEL_W: f64 = 230.0;
const BAR_MAX: f64 = 330.0;
const ROW_H: f64 = 34.0;
const HEAD_H: f64 = 36.0;

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
    let mut y = 0.0;
    let mut rows = Vec::new();
    for group in groups {
        y += HEAD_H;
        rows.push(
            view! { <text class="chart-group" x="0" y=y - 10.0>{group.label}</text> }.into_any(),
        );
        for bar in group.bars {
            let width = bar
                .value
                .map_or(0.0, |v| (v / scale).clamp(0.0, 1.0) * BAR_MAX);
            let value = bar.value;
            let value_text = move || match value {
                Some(v) => percent(i18n.get_locale(), v),
                None => t_string!(i18n, wijken.no_figure).to_string(),
            };
            let class = if bar.highlight {
                "bar bar-highlight"
            } else {
                "bar"
            };
            rows.push(
                view! {
                    <g>
                        <text class="chart-label" x="0" y=y + 22.0>{bar.label.run()}</text>
                        <rect class=class x=LABEL_W y=y + 6.0 width=width height=ROW_H - 12.0 rx="3" />
                        <text class="chart-value" x=LABEL_W + width + 8.0 y=y + 22.0>{value_text}</text>
                    </g>
                }
                .into_any(),
            );
            y += ROW_H;
        }
    }
    let height = y + 8.0;
    view! {
        <svg
            class="bar-chart"
            role="img"
            aria-labelledby=labelled_by
            viewBox=format!("0 0 {WIDTH} {height}")
            preserveAspectRatio="xMinYMin meet"
            // Drawn left to right in every language: in a right-to-left page the labels
            // would otherwise run off the left edge of the drawing.
            direction="ltr"
        >
            <title id=title_id>{title.run()}</title>
            <desc id=desc_id>{description.run()}</desc>
            {rows}
        </svg>
    }
}
