//! "Tekst en kleur": the seniors' display settings. They take effect at once and are
//! remembered on this device (`store::display`).

use leptos::prelude::*;

use crate::components::set_title;
use crate::i18n::{t_string, use_i18n};
use crate::state::contexts::use_device;
use crate::store::display::{Display, TextSize};
use crate::words;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| set_title(t_string!(i18n, common.text_and_colour)));
    let display = RwSignal::new(Display::load());
    let kiosk = use_device().kiosk.is_some();
    let choose = move |change: &dyn Fn(&mut Display)| {
        let mut d = display.get_untracked();
        change(&mut d);
        d.save();
        display.set(d);
    };
    view! {
        <h1 tabindex="-1">{move || t_string!(i18n, common.text_and_colour)}</h1>
        <p class="lead">{move || if kiosk {
            t_string!(i18n, common.settings.lead_kiosk)
        } else {
            t_string!(i18n, common.settings.lead)
        }}</p>
        <form class="settings" on:submit=|e| e.prevent_default()>
            <fieldset class="question">
                <legend>{move || t_string!(i18n, common.settings.text_size)}</legend>
                <div class="answers">
                    {TextSize::ALL.into_iter().map(|size| {
                        let id = format!("tekst-{}", size.word());
                        view! {
                            <label class="answer" for=id.clone()>
                                <input type="radio" id=id.clone() name="tekst"
                                    prop:checked=move || display.get().text == size
                                    on:change=move |_| choose(&|d| d.text = size) />
                                <span>{move || words::display::size_label(i18n.get_locale(), size)}</span>
                            </label>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
            <fieldset class="question">
                <legend>{move || t_string!(i18n, common.settings.colours)}</legend>
                <div class="answers">
                    <label class="answer" for="contrast-normaal">
                        <input type="radio" id="contrast-normaal" name="contrast"
                            prop:checked=move || !display.get().high_contrast
                            on:change=move |_| choose(&|d| d.high_contrast = false) />
                        <span>{move || t_string!(i18n, common.settings.colours_normal)}</span>
                    </label>
                    <label class="answer" for="contrast-hoog">
                        <input type="radio" id="contrast-hoog" name="contrast"
                            prop:checked=move || display.get().high_contrast
                            on:change=move |_| choose(&|d| d.high_contrast = true) />
                        <span>{move || t_string!(i18n, common.settings.colours_high_contrast)}</span>
                    </label>
                </div>
            </fieldset>
        </form>
        <h2>{move || t_string!(i18n, common.settings.read_aloud)}</h2>
        <p>{move || t_string!(i18n, common.settings.read_aloud_help)}</p>
    }
}
