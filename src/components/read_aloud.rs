//! "Lees voor": reads the page's main content aloud with the browser's own speech
//! synthesis, in a Dutch voice. Where the browser has no Dutch voice the button is not
//! shown at all: an English voice reading Dutch helps nobody.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

#[component]
pub fn ReadAloud() -> impl IntoView {
    let has_dutch = RwSignal::new(dutch_voice().is_some());
    let speaking = RwSignal::new(false);
    // Voices often arrive a moment after the page: listen once for them.
    if let Some(synth) = synth() {
        let on_voices = Closure::<dyn Fn()>::new(move || has_dutch.set(dutch_voice().is_some()));
        let _ = synth
            .add_event_listener_with_callback("voiceschanged", on_voices.as_ref().unchecked_ref());
        on_voices.forget();
    }
    // Another page: stop reading the old one.
    let location = use_location();
    Effect::new(move |_| {
        location.pathname.track();
        if speaking.get_untracked() {
            stop();
            speaking.set(false);
        }
    });
    let toggle = move |_| {
        if speaking.get_untracked() {
            stop();
            speaking.set(false);
        } else if speak(move || speaking.set(false)) {
            speaking.set(true);
        }
    };
    view! {
        {move || has_dutch.get().then(|| view! {
            <button type="button" class="secondary read-aloud" aria-pressed=move || speaking.get().to_string() on:click=toggle>
                {move || if speaking.get() { "Stop met voorlezen" } else { "Lees voor" }}
            </button>
        })}
    }
}

fn synth() -> Option<web_sys::SpeechSynthesis> {
    let window = web_sys::window()?;
    js_sys::Reflect::has(&window, &"speechSynthesis".into())
        .unwrap_or(false)
        .then(|| window.speech_synthesis().ok())
        .flatten()
}

fn dutch_voice() -> Option<web_sys::SpeechSynthesisVoice> {
    synth()?
        .get_voices()
        .iter()
        .filter_map(|v| v.dyn_into::<web_sys::SpeechSynthesisVoice>().ok())
        .find(|v| v.lang().to_ascii_lowercase().starts_with("nl"))
}

/// Starts reading `main`; `done` runs when it ends by itself. False if it could not.
fn speak(done: impl Fn() + 'static) -> bool {
    let (Some(synth), Some(voice)) = (synth(), dutch_voice()) else {
        return false;
    };
    let Some(text) = document()
        .get_element_by_id("main")
        .and_then(|m| m.dyn_into::<web_sys::HtmlElement>().ok())
        .map(|m| m.inner_text())
    else {
        return false;
    };
    let Ok(utterance) = web_sys::SpeechSynthesisUtterance::new_with_text(&text) else {
        return false;
    };
    utterance.set_lang("nl-NL");
    // Through Reflect: a voice the browser refuses throws, and must not stop reading
    // (`lang` alone already asks for a Dutch voice).
    let _ = js_sys::Reflect::set(&utterance, &"voice".into(), &voice);
    let on_end = Closure::<dyn Fn()>::new(done);
    utterance.set_onend(Some(on_end.as_ref().unchecked_ref()));
    on_end.forget();
    synth.cancel();
    synth.speak(&utterance);
    true
}

fn stop() {
    if let Some(synth) = synth() {
        synth.cancel();
    }
}
