//! "Lees voor": reads the page's main content aloud with the browser's own speech
//! synthesis, in a voice of the language chosen on the page. Where the browser has no
//! voice for that language the button is not shown at all: an English voice reading
//! Dutch helps nobody.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::i18n::{t_string, use_i18n, Locale};

#[component]
pub fn ReadAloud() -> impl IntoView {
    let i18n = use_i18n();
    // Voices often arrive a moment after the page: count their arrivals, so the
    // button is looked for again.
    let voices_changed = RwSignal::new(0u32);
    let has_voice = move || {
        voices_changed.track();
        voice(i18n.get_locale()).is_some()
    };
    let speaking = RwSignal::new(false);
    if let Some(synth) = synth() {
        let on_voices = Closure::<dyn Fn()>::new(move || voices_changed.update(|n| *n += 1));
        let _ = synth
            .add_event_listener_with_callback("voiceschanged", on_voices.as_ref().unchecked_ref());
        on_voices.forget();
    }
    // Another page or another language: stop reading the old one.
    let location = use_location();
    Effect::new(move |_| {
        location.pathname.track();
        i18n.get_locale();
        if speaking.get_untracked() {
            stop();
            speaking.set(false);
        }
    });
    let toggle = move |_| {
        if speaking.get_untracked() {
            stop();
            speaking.set(false);
        } else if speak(i18n.get_locale_untracked(), move || speaking.set(false)) {
            speaking.set(true);
        }
    };
    view! {
        {move || has_voice().then(|| view! {
            <button type="button" class="secondary read-aloud" aria-pressed=move || speaking.get().to_string() on:click=toggle>
                <span aria-hidden=move || speaking.get().then_some("true")>{move || t_string!(i18n, common.read_aloud.start)}</span>
                <span aria-hidden=move || (!speaking.get()).then_some("true")>{move || t_string!(i18n, common.read_aloud.stop)}</span>
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

/// A voice for the language: its `lang` ("nl-NL", "en_GB") starts with the language's
/// code.
fn voice(locale: Locale) -> Option<web_sys::SpeechSynthesisVoice> {
    let code = locale.as_str();
    synth()?
        .get_voices()
        .iter()
        .filter_map(|v| v.dyn_into::<web_sys::SpeechSynthesisVoice>().ok())
        .find(|v| {
            let lang = v.lang().to_ascii_lowercase();
            lang.strip_prefix(code)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(['-', '_']))
        })
}

/// Starts reading `main` in the language; `done` runs when it ends by itself. False if
/// it could not.
fn speak(locale: Locale, done: impl Fn() + 'static) -> bool {
    let (Some(synth), Some(voice)) = (synth(), voice(locale)) else {
        return false;
    };
    let Some(text) = content_text() else {
        return false;
    };
    let Ok(utterance) = web_sys::SpeechSynthesisUtterance::new_with_text(&text) else {
        return false;
    };
    utterance.set_lang(&voice.lang().replace('_', "-"));
    // Through Reflect: a voice the browser refuses throws, and must not stop reading
    // (`lang` alone already asks for a voice of the language).
    let _ = js_sys::Reflect::set(&utterance, &"voice".into(), &voice);
    let on_end = Closure::<dyn Fn()>::new(done);
    utterance.set_onend(Some(on_end.as_ref().unchecked_ref()));
    on_end.forget();
    synth.cancel();
    synth.speak(&utterance);
    true
}

/// What is read aloud of `main`: its content, without navigation, form labels and
/// controls, which are for eyes and hands ("Terug naar …", every label of a form).
const NOT_READ: &str = "nav, label, button, select, input, textarea, svg, template, .back, \
    [hidden], [aria-hidden=\"true\"], details:not([open]) > :not(summary)";
/// Each ends with a full stop, so the voice pauses between them and words of two blocks
/// do not run together (a copy outside the page has no layout to say where lines end).
const BLOCKS: &str = "p, h1, h2, h3, h4, li, dt, dd, th, td, legend, figcaption, div, section";

fn content_text() -> Option<String> {
    let main = document().get_element_by_id("main")?;
    let copy: web_sys::Element = main.clone_node_with_deep(true).ok()?.dyn_into().ok()?;
    let skipped = copy.query_selector_all(NOT_READ).ok()?;
    for i in 0..skipped.length() {
        if let Some(node) = skipped.item(i) {
            if let Some(parent) = node.parent_node() {
                let _ = parent.remove_child(&node);
            }
        }
    }
    // Innermost blocks first, so a block around them sees their full stop.
    let blocks = copy.query_selector_all(BLOCKS).ok()?;
    for i in (0..blocks.length()).rev() {
        if let Some(block) = blocks
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        {
            let text = block.text_content().unwrap_or_default();
            let ended = text.trim_end().ends_with(['.', '!', '?', ':', ';']);
            let _ = block.insert_adjacent_text("beforeend", if ended { " " } else { ". " });
        }
    }
    copy.text_content()
}

fn stop() {
    if let Some(synth) = synth() {
        synth.cancel();
    }
}
