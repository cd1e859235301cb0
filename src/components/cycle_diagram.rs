//! A cycle of stages (the downward spiral) as a ring of numbered circles with arrows.
//! The words are in the numbered list under it, which is also what assistive
//! technology reads: the drawing adds the shape, the list carries the meaning.
//! The stages and the heading are content (Dutch, from `data/`); the rest is the app's.

use leptos::prelude::*;

use crate::i18n::{t_string, use_i18n};
use crate::words;

const SIZE: f64 = 240.0;
const RING: f64 = 88.0;
const DOT: f64 = 22.0;

#[component]
pub fn CycleDiagram(
    id: String,
    /// The heading of the section the cycle belongs to (content, Dutch).
    heading: String,
    stages: Vec<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let n = stages.len().max(1) as f64;
    let centre = SIZE / 2.0;
    // Stage 1 at the top, clockwise.
    let point = |i: f64, radius: f64| {
        let angle = std::f64::consts::TAU * i / n - std::f64::consts::FRAC_PI_2;
        (centre + radius * angle.cos(), centre + radius * angle.sin())
    };
    let arrows = (0..stages.len())
        .map(|i| {
            // An arc from just after circle i to just before circle i + 1.
            let gap = (DOT + 6.0) / RING / std::f64::consts::TAU * n;
            let (x1, y1) = point(i as f64 + gap, RING);
            let (x2, y2) = point(i as f64 + 1.0 - gap, RING);
            let path = format!("M {x1:.1} {y1:.1} A {RING} {RING} 0 0 1 {x2:.1} {y2:.1}");
            view! { <path d=path class="cycle-arrow" marker-end=format!("url(#{id}-pijl)") /> }
        })
        .collect_view();
    let dots = (0..stages.len())
        .map(|i| {
            let (x, y) = point(i as f64, RING);
            view! {
                <circle cx=format!("{x:.1}") cy=format!("{y:.1}") r=DOT.to_string() class="cycle-dot" />
                <text x=format!("{x:.1}") y=format!("{y:.1}") class="cycle-number" text-anchor="middle" dominant-baseline="central">{(i + 1).to_string()}</text>
            }
        })
        .collect_view();
    let list_id = format!("{id}-stappen");
    view! {
        <figure class="cycle" aria-labelledby=format!("{id}-titel")>
            <figcaption id=format!("{id}-titel")>
                // The heading keeps its own language inside the app's words around it.
                {move || words::split(t_string!(i18n, wijken.cycle.title), "heading").0}
                <span lang="nl" dir="ltr">{heading}</span>
                {move || words::split(t_string!(i18n, wijken.cycle.title), "heading").1}
            </figcaption>
            <svg viewBox=format!("0 0 {SIZE} {SIZE}") width="240" height="240" aria-hidden="true" focusable="false">
                <defs>
                    <marker id=format!("{id}-pijl") viewBox="0 0 10 10" refX="8" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path d="M 0 0 L 10 5 L 0 10 z" class="cycle-arrow-head" />
                    </marker>
                </defs>
                {arrows}
                {dots}
            </svg>
            <ol id=list_id class="cycle-stages" lang="nl">
                {stages.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}
            </ol>
            <p class="hint">{move || t_string!(i18n, wijken.cycle.hint)}</p>
        </figure>
    }
}
