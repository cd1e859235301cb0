//! "Weten": what loneliness is and what helps, as plain-Dutch pages from `data/info.json`,
//! stored on the device like the catalogue so they read offline. The pages stay in
//! Dutch (marked `lang="nl"`); the app's own words around them are translated.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use omzien_core::info::{Audience, InfoPage, InfoSection};

use super::{with_catalogue, NoDataYet};
use crate::components::cycle_diagram::CycleDiagram;
use crate::components::icon::{Icon, IconView};
use crate::components::set_title;
use crate::i18n::{t_string, td_string, use_i18n, Locale};
use crate::pages::not_found::NotFound;

#[component]
pub fn InfoOverviewPage() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| set_title(t_string!(i18n, info.title)));
    view! {
        <h1 tabindex="-1">{move || t_string!(i18n, info.title)}</h1>
        <p class="lead">{move || t_string!(i18n, info.lead)}</p>
        <p><A href="/zelftest" attr:class="button-link">{move || t_string!(i18n, info.take_self_test)}</A></p>
        // The pages themselves are Dutch: say so once, in the chosen language.
        {move || (i18n.get_locale() != Locale::nl).then(|| view! {
            <p class="hint">{t_string!(i18n, info.pages_in_dutch)}</p>
        })}
        {with_catalogue(move |loaded| {
            let locale = i18n.get_locale();
            let mut pages = loaded.catalogue.info_pages.clone();
            if pages.is_empty() {
                return view! { <NoDataYet /> }.into_any();
            }
            pages.sort_by_key(|p| p.order);
            let (mine, others): (Vec<_>, Vec<_>) =
                pages.into_iter().partition(|p| p.audience == Audience::Everyone);
            view! {
                <h2>{td_string!(locale, info.for_everyone)}</h2>
                {page_list(mine)}
                {(!others.is_empty()).then(|| view! {
                    <h2>{td_string!(locale, info.worried_about_someone)}</h2>
                    {page_list(others)}
                })}
                <p class="next-links">
                    <A href="/organisaties">{td_string!(locale, catalogue.organisations.link)}</A>
                    <A href="/activiteiten?voor=professionals">{td_string!(locale, catalogue.professionals.link)}</A>
                </p>
            }
            .into_any()
        })}
    }
}

fn page_list(pages: Vec<InfoPage>) -> impl IntoView {
    view! {
        <ul class="info-list" lang="nl">
            {pages.into_iter().map(|p| {
                let href = format!("/weten/{}", p.id);
                view! {
                    <li>
                        <A href=href><IconView icon=Icon::for_info_page(&p.id) />{p.title}</A>
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
    let i18n = use_i18n();
    view! {
        <p class="back"><A href="/weten">{move || t_string!(i18n, info.back)}</A></p>
        {with_catalogue(move |loaded| {
            let id = params.with(|p| p.get("id").unwrap_or_default());
            match loaded.catalogue.info_page(&id) {
                Some(page) => {
                    set_title(&page.title);
                    article(page.clone()).into_any()
                }
                None if loaded.catalogue.info_pages.is_empty() => view! {
                    <h1 tabindex="-1">{move || t_string!(i18n, info.title)}</h1>
                    <NoDataYet />
                }
                .into_any(),
                None => view! { <NotFound /> }.into_any(),
            }
        })}
    }
}

/// The page's own text is Dutch content, each element marked; the article itself
/// is not, as it also holds the app's translated words ("Bron", the cycle's caption).
fn article(page: InfoPage) -> impl IntoView {
    let i18n = use_i18n();
    let id = page.id.clone();
    view! {
        <article class="info-page">
            <h1 tabindex="-1" lang="nl" class="with-icon"><IconView icon=Icon::for_info_page(&page.id) />{page.title}</h1>
            {crate::pages::in_dutch_notice()}
            <p class="lead" lang="nl">{page.summary}</p>
            {page.sections.into_iter().enumerate().map(|(i, s)| section(&id, i, s)).collect_view()}
            // A source that ends in a full stop gets no second one.
            <p class="source">{move || t_string!(i18n, info.source_label)}<span lang="nl" dir="ltr">{page.source.clone()}</span>
                {(!page.source.trim_end().ends_with('.')).then_some(".")}</p>
        </article>
    }
}

fn section(page_id: &str, index: usize, s: InfoSection) -> impl IntoView {
    let cycle = (!s.cycle.is_empty()).then(|| {
        view! {
            <CycleDiagram
                id=format!("{page_id}-{index}")
                heading=s.heading.clone()
                stages=s.cycle
            />
        }
    });
    view! {
        <section>
            <h2 lang="nl">{s.heading}</h2>
            {s.paragraphs.into_iter().map(|p| view! { <p lang="nl">{p}</p> }).collect_view()}
            {(!s.list.is_empty()).then(|| view! {
                <ul lang="nl">{s.list.into_iter().map(|item| view! { <li>{item}</li> }).collect_view()}</ul>
            })}
            {(!s.steps.is_empty()).then(|| view! {
                <ol class="steps" lang="nl">{s.steps.into_iter().map(|step| view! { <li>{step}</li> }).collect_view()}</ol>
            })}
            {cycle}
            {(!s.links.is_empty()).then(|| view! {
                <ul class="info-links" lang="nl">
                    {s.links.into_iter().map(|l| view! { <li><A href=l.href>{l.text}</A></li> }).collect_view()}
                </ul>
            })}
        </section>
    }
}
