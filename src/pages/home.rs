use leptos::prelude::*;
use leptos_router::components::A;

use omzien_core::info::MonthDay;

use super::catalogue::place_text;
use super::with_catalogue;
use crate::browser::intl;
use crate::components::set_title;
use crate::i18n::{t_string, use_i18n};
use crate::state::contexts::use_device;
use crate::words;

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| set_title(t_string!(i18n, home.title)));
    view! {
        <h1 tabindex="-1">{move || t_string!(i18n, home.title)}</h1>
        <p class="lead">{move || t_string!(i18n, home.lead)}</p>
        <nav class="periods" aria-labelledby="te-doen">
            <h2 id="te-doen">{move || t_string!(i18n, home.when.heading)}</h2>
            <ul>
                <li><A href="/activiteiten?wanneer=vandaag">{move || t_string!(i18n, catalogue.when.today)}</A></li>
                <li><A href="/activiteiten?wanneer=deze-week">{move || t_string!(i18n, catalogue.when.this_week)}</A></li>
                <li><A href="/activiteiten?wanneer=weekend">{move || t_string!(i18n, catalogue.when.weekend)}</A></li>
            </ul>
        </nav>
        {with_catalogue(|loaded| {
            let today = today();
            let campaigns = loaded.catalogue.campaigns.iter().filter(|c| c.is_on(today)).map(|c| {
                let activities: Vec<_> = c.activity_ids.iter().filter_map(|id| loaded.catalogue.activity(id)).collect();
                view! {
                    <section class="utrecht-alert utrecht-alert--warning campaign" data-testid="campaign" aria-labelledby=format!("campagne-{}", c.id)>
                        <h2 id=format!("campagne-{}", c.id) lang="nl">{c.name.clone()}</h2>
                        <p lang="nl">{c.summary.clone()}</p>
                        {(!activities.is_empty()).then(|| view! {
                            <ul class="campaign-activities">
                                {activities.into_iter().map(|a| {
                                    let href = format!("/activiteiten/{}", a.id);
                                    let place = place_text(&loaded.catalogue, a);
                                    let name = a.name.clone();
                                    view! { <li><A href=href attr:lang="nl">{name}</A>{format!(" ({place})")}</li> }
                                }).collect_view()}
                            </ul>
                        })}
                    </section>
                }
            }).collect_view();
            campaigns
        })}
        <ul class="tiles">
            <li>
                <A href="/activiteiten" attr:class="tile">
                    <span class="tile-title">{move || t_string!(i18n, home.search.title)}</span>
                    {with_catalogue(move |loaded| {
                        let n = loaded.catalogue.activities.len();
                        (n > 0).then(|| view! {
                            <span class="tile-text">
                                {move || words::fill(t_string!(i18n, home.search.text), &[("count", &intl::number(i18n.get_locale(), n as f64))])}
                            </span>
                        })
                    })}
                </A>
            </li>
            <li>
                <A href="/weten" attr:class="tile">
                    <span class="tile-title">{move || t_string!(i18n, home.info.title)}</span>
                    <span class="tile-text">{move || t_string!(i18n, home.info.text)}</span>
                </A>
            </li>
            <li>
                <A href="/zelftest" attr:class="tile">
                    <span class="tile-title">{move || t_string!(i18n, home.self_test.title)}</span>
                    <span class="tile-text">{move || t_string!(i18n, home.self_test.text)}</span>
                </A>
            </li>
            <li>
                <A href="/melden" attr:class="tile">
                    <span class="tile-title">{move || t_string!(i18n, home.report.title)}</span>
                    <span class="tile-text">{move || t_string!(i18n, home.report.text)}</span>
                </A>
            </li>
            <li>
                <A href="/wijken" attr:class="tile">
                    <span class="tile-title">{move || t_string!(i18n, home.wijken.title)}</span>
                    <span class="tile-text">{move || t_string!(i18n, home.wijken.text)}</span>
                </A>
            </li>
            {with_catalogue(move |loaded| {
                let helpline = loaded.catalogue.activities.iter().find(|a| a.kind == omzien_core::ActivityKind::Helpline).cloned();
                let contact = helpline.as_ref().and_then(|a| loaded.catalogue.organisation(&a.organisation_id)).map(|o| o.contact.clone());
                helpline.map(|a| {
                    let href = format!("/activiteiten/{}", a.id);
                    // The number itself, to tap: who needs to talk now should not have to
                    // look for it. Plain text on a kiosk, which cannot call.
                    let call = contact.and_then(|c| c.phone.clone().zip(c.tel_href())).map(|(phone, tel)| {
                        if use_device().kiosk.is_none() {
                            view! { <p class="tile-call">{move || t_string!(i18n, catalogue.activity.call)}<a href=tel>{phone}</a></p> }.into_any()
                        } else {
                            view! { <p class="tile-call">{move || t_string!(i18n, catalogue.activity.call)}{phone}</p> }.into_any()
                        }
                    });
                    view! {
                        <li class="tile-with-call">
                            <A href=href attr:class="tile">
                                <span class="tile-title">{move || t_string!(i18n, home.talk.title)}</span>
                                <span class="tile-text" lang="nl">{a.name}": "{a.summary}</span>
                            </A>
                            {call}
                        </li>
                    }
                })
            })}
        </ul>
    }
}

/// Today on this device's calendar. `?vandaag=MM-DD` stands in for it, so a campaign
/// can be checked (by its organisers, and by the tests) outside its dates.
fn today() -> MonthDay {
    let asked = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .and_then(|q| web_sys::UrlSearchParams::new_with_str(&q).ok())
        .and_then(|q| q.get("vandaag"))
        .and_then(|d| MonthDay::try_from(d).ok());
    asked.unwrap_or_else(|| {
        let now = js_sys::Date::new_0();
        MonthDay {
            month: now.get_month() as u8 + 1,
            day: now.get_date() as u8,
        }
    })
}
