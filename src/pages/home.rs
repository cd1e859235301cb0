use leptos::prelude::*;
use leptos_router::components::A;

use omzien_core::info::MonthDay;

use super::catalogue::place_text;
use super::with_catalogue;
use crate::components::set_title;

#[component]
pub fn HomePage() -> impl IntoView {
    set_title("Samen tegen eenzaamheid in Hilversum");
    view! {
        <h1 tabindex="-1">"Samen tegen eenzaamheid in Hilversum"</h1>
        <p class="lead">
            "Voel je je soms alleen? Je bent niet de enige. "
            "Bijna de helft van de volwassenen in Hilversum voelt zich weleens eenzaam. "
            "Hier vind je activiteiten en hulp in jouw buurt."
        </p>
        {with_catalogue(|loaded| {
            let today = today();
            let campaigns = loaded.catalogue.campaigns.iter().filter(|c| c.is_on(today)).map(|c| {
                let activities: Vec<_> = c.activity_ids.iter().filter_map(|id| loaded.catalogue.activity(id)).collect();
                view! {
                    <section class="campaign" data-testid="campaign" aria-labelledby=format!("campagne-{}", c.id)>
                        <h2 id=format!("campagne-{}", c.id)>{c.name.clone()}</h2>
                        <p>{c.summary.clone()}</p>
                        {(!activities.is_empty()).then(|| view! {
                            <ul class="campaign-activities">
                                {activities.into_iter().map(|a| {
                                    let href = format!("/activiteiten/{}", a.id);
                                    let place = place_text(&loaded.catalogue, a);
                                    let name = a.name.clone();
                                    view! { <li><A href=href>{name}</A>{format!(" ({place})")}</li> }
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
                    <span class="tile-title">"Zoek een activiteit"</span>
                    {with_catalogue(|loaded| {
                        let n = loaded.catalogue.activities.len();
                        (n > 0).then(|| view! {
                            <span class="tile-text">{format!("{n} activiteiten en vormen van hulp, in jouw wijk en in heel Hilversum.")}</span>
                        })
                    })}
                </A>
            </li>
            <li>
                <A href="/weten" attr:class="tile">
                    <span class="tile-title">"Wat is eenzaamheid?"</span>
                    <span class="tile-text">"Wat het is, hoe het ontstaat en wat je vandaag al kunt doen."</span>
                </A>
            </li>
            <li>
                <A href="/zelftest" attr:class="tile">
                    <span class="tile-title">"Doe de zelftest"</span>
                    <span class="tile-text">"Zes korte vragen. Je ziet welke activiteiten bij je passen. Je antwoorden blijven bij jou."</span>
                </A>
            </li>
            <li>
                <A href="/melden" attr:class="tile">
                    <span class="tile-title">"Maak je je zorgen om iemand?"</span>
                    <span class="tile-text">"Of voel je je eenzaam en wil je graag contact? Meld het bij het meldpunt eenzaamheid."</span>
                </A>
            </li>
            <li>
                <A href="/wijken" attr:class="tile">
                    <span class="tile-title">"Hoe gaat het in jouw wijk?"</span>
                    <span class="tile-text">"Cijfers over eenzaamheid in de negen wijken van Hilversum."</span>
                </A>
            </li>
            {with_catalogue(|loaded| {
                let helpline = loaded.catalogue.activities.iter().find(|a| a.kind == omzien_core::ActivityKind::Helpline).cloned();
                helpline.map(|a| {
                    let href = format!("/activiteiten/{}", a.id);
                    view! {
                        <li>
                            <A href=href attr:class="tile">
                                <span class="tile-title">"Wil je nu met iemand praten?"</span>
                                <span class="tile-text">{a.name}": "{a.summary}</span>
                            </A>
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
