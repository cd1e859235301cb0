//! "Weten": what loneliness is and what helps, as plain-Dutch pages from `data/info.json`,
//! stored on the device like the catalogue so they read offline.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use omzien_core::info::{Audience, InfoPage, InfoSection};

use super::{with_catalogue, NoDataYet};
use crate::components::cycle_diagram::CycleDiagram;
use crate::components::set_title;
use crate::pages::not_found::NotFound;

#[component]
pub fn InfoOverviewPage() -> impl IntoView {
    set_title("Over eenzaamheid");
    view! {
        <h1 tabindex="-1">"Over eenzaamheid"</h1>
        <p class="lead">"Wat is eenzaamheid, en wat helpt? Hier lees je het in gewone taal."</p>
        <p><A href="/zelftest" attr:class="button-link">"Doe de zelftest"</A></p>
        {with_catalogue(|loaded| {
            let mut pages = loaded.catalogue.info_pages.clone();
            if pages.is_empty() {
                return view! { <NoDataYet /> }.into_any();
            }
            pages.sort_by_key(|p| p.order);
            let (mine, others): (Vec<_>, Vec<_>) =
                pages.into_iter().partition(|p| p.audience == Audience::Everyone);
            view! {
                <h2>"Voor iedereen"</h2>
                {page_list(mine)}
                {(!others.is_empty()).then(|| view! {
                    <h2>"Maak je je zorgen om iemand anders?"</h2>
                    {page_list(others)}
                })}
            }
            .into_any()
        })}
    }
}

fn page_list(pages: Vec<InfoPage>) -> impl IntoView {
    view! {
        <ul class="info-list">
            {pages.into_iter().map(|p| {
                let href = format!("/weten/{}", p.id);
                view! {
                    <li>
                        <A href=href>{p.title}</A>
                        <p>{p.summary}</p>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

#[component]
pub fn InfoPageView() -> impl IntoView {
    let params = use_params_map();
    view! {
        <p class="back"><A href="/weten">"Terug naar Over eenzaamheid"</A></p>
        {with_catalogue(move |loaded| {
            let id = params.with(|p| p.get("id").unwrap_or_default());
            match loaded.catalogue.info_page(&id) {
                Some(page) => {
                    set_title(&page.title);
                    article(page.clone()).into_any()
                }
                None if loaded.catalogue.info_pages.is_empty() => view! {
                    <h1 tabindex="-1">"Over eenzaamheid"</h1>
                    <NoDataYet />
                }
                .into_any(),
                None => view! { <NotFound /> }.into_any(),
            }
        })}
    }
}

fn article(page: InfoPage) -> impl IntoView {
    let id = page.id.clone();
    view! {
        <article class="info-page">
            <h1 tabindex="-1">{page.title}</h1>
            <p class="lead">{page.summary}</p>
            {page.sections.into_iter().enumerate().map(|(i, s)| section(&id, i, s)).collect_view()}
            <p class="source">"Bron: "{page.source}"."</p>
        </article>
    }
}

fn section(page_id: &str, index: usize, s: InfoSection) -> impl IntoView {
    let cycle = (!s.cycle.is_empty()).then(|| {
        view! {
            <CycleDiagram
                id=format!("{page_id}-{index}")
                title=format!("{}: de stappen in een cirkel", s.heading)
                stages=s.cycle
            />
        }
    });
    view! {
        <section>
            <h2>{s.heading}</h2>
            {s.paragraphs.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}
            {(!s.list.is_empty()).then(|| view! {
                <ul>{s.list.into_iter().map(|item| view! { <li>{item}</li> }).collect_view()}</ul>
            })}
            {(!s.steps.is_empty()).then(|| view! {
                <ol class="steps">{s.steps.into_iter().map(|step| view! { <li>{step}</li> }).collect_view()}</ol>
            })}
            {cycle}
            {(!s.links.is_empty()).then(|| view! {
                <ul class="info-links">
                    {s.links.into_iter().map(|l| view! { <li><A href=l.href>{l.text}</A></li> }).collect_view()}
                </ul>
            })}
        </section>
    }
}
