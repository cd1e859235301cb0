//! A horizontal bar chart in SVG. The SVG is an image with a title and a description
//! for screen readers; every chart is also given as a table next to it, which is the
//! accessible source of the numbers.

use leptos::prelude::*;
use omzien_core::percent_nl;

#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    /// A percentage; `None` is drawn as "geen cijfer", never as 0.
    pub value: Option<f64>,
    /// The bar the page is about (the wijk), drawn darker.
    pub highlight: bool,
}

#[derive(Clone, Debug, PartialEq)]
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
    title: String,
    description: String,
    groups: Vec<BarGroup>,
    /// The value the bars are scaled to (100 for percentages of everyone).
    #[prop(default = 100.0)]
    scale: f64,
) -> impl IntoView {
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
            let value_text = bar.value.map_or("geen cijfer".to_owned(), percent_nl);
            let class = if bar.highlight {
                "bar bar-highlight"
            } else {
                "bar"
            };
            rows.push(
                view! {
                    <g>
                        <text class="chart-label" x="0" y=y + 22.0>{bar.label}</text>
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
        >
            <title id=title_id>{title}</title>
            <desc id=desc_id>{description}</desc>
            {rows}
        </svg>
    }
}
