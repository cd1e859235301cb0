//! "Tekst en kleur": the seniors' display settings. They take effect at once and are
//! remembered on this device (`store::display`).

use leptos::prelude::*;

use crate::components::set_title;
use crate::state::AppData;
use crate::store::display::{Display, TextSize};

#[component]
pub fn SettingsPage() -> impl IntoView {
    set_title("Tekst en kleur");
    let display = RwSignal::new(Display::load());
    let kiosk = expect_context::<AppData>().kiosk.is_some();
    let choose = move |change: &dyn Fn(&mut Display)| {
        let mut d = display.get_untracked();
        change(&mut d);
        d.save();
        display.set(d);
    };
    view! {
        <h1 tabindex="-1">"Tekst en kleur"</h1>
        <p class="lead">{if kiosk {
            "Maak Omzien makkelijker te lezen. Je keuze geldt meteen. Dit apparaat is voor iedereen: als je klaar bent, vergeet het je keuze weer."
        } else {
            "Maak Omzien makkelijker te lezen. Je keuze geldt meteen, en dit apparaat onthoudt hem."
        }}</p>
        <form class="settings" on:submit=|e| e.prevent_default()>
            <fieldset class="question">
                <legend>"Hoe groot wil je de letters?"</legend>
                <div class="answers">
                    {TextSize::ALL.into_iter().map(|size| {
                        let id = format!("tekst-{}", size.word());
                        view! {
                            <label class="answer" for=id.clone()>
                                <input type="radio" id=id.clone() name="tekst"
                                    prop:checked=move || display.get().text == size
                                    on:change=move |_| choose(&|d| d.text = size) />
                                <span>{size.label()}</span>
                            </label>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
            <fieldset class="question">
                <legend>"Welke kleuren?"</legend>
                <div class="answers">
                    <label class="answer" for="contrast-normaal">
                        <input type="radio" id="contrast-normaal" name="contrast"
                            prop:checked=move || !display.get().high_contrast
                            on:change=move |_| choose(&|d| d.high_contrast = false) />
                        <span>"Gewone kleuren"</span>
                    </label>
                    <label class="answer" for="contrast-hoog">
                        <input type="radio" id="contrast-hoog" name="contrast"
                            prop:checked=move || display.get().high_contrast
                            on:change=move |_| choose(&|d| d.high_contrast = true) />
                        <span>"Hoog contrast: zwart op wit"</span>
                    </label>
                </div>
            </fieldset>
        </form>
        <h2>"Voorlezen"</h2>
        <p>"Bovenaan elke pagina staat de knop Lees voor. Dan leest het apparaat de pagina hardop voor. Zie je de knop niet? Dan heeft dit apparaat geen Nederlandse stem."</p>
    }
}
