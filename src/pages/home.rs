use leptos::prelude::*;
use leptos_router::components::A;

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
