//! Kiosk mode on screen: a bar that says this is a shared device, with a button to end
//! the visit now, and the inactivity reset. After `idle_seconds` without a touch or a
//! key the visit ends (`Device::end_kiosk_visit`); the last `WARNING` seconds count
//! down visibly, and any touch or key gives the visitor the full time again.
//!
//! The timer only runs once someone has used the kiosk since it last started: an
//! untouched start page has nothing to wipe.

use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::browser::intl;
use crate::i18n::{t_string, td_string, use_i18n};
use crate::state::contexts::use_device;
use crate::words;

/// WCAG 2.2.1 asks for at least 20 seconds to say "I'm still here".
const WARNING: u32 = 20;

#[component]
pub fn KioskBar() -> impl IntoView {
    let device = use_device();
    let i18n = use_i18n();
    let Some(kiosk) = device.kiosk else {
        return ().into_any();
    };
    // Seconds left while the countdown shows; `None` otherwise.
    let left = RwSignal::new(None::<u32>);
    let last_use = Rc::new(Cell::new(None::<f64>));
    let ending = Rc::new(Cell::new(false));

    let used = last_use.clone();
    let on_use = Closure::<dyn FnMut()>::new(move || {
        used.set(Some(js_sys::Date::now()));
        if left.get_untracked().is_some() {
            left.set(None);
        }
    });
    let document = document();
    for event in ["pointerdown", "keydown", "wheel", "input"] {
        // Capture: a control that stops propagation still counts as use.
        let _ = document.add_event_listener_with_callback_and_bool(
            event,
            on_use.as_ref().unchecked_ref(),
            true,
        );
    }
    // Lives as long as the page, like the listeners.
    on_use.forget();

    let ticking = ending.clone();
    let tick = gloo_timers::callback::Interval::new(1_000, move || {
        let Some(since) = last_use.get() else { return };
        let idle = ((js_sys::Date::now() - since) / 1_000.0).max(0.0) as u32;
        if idle >= kiosk.idle_seconds {
            if !ticking.replace(true) {
                device.end_kiosk_visit();
            }
        } else if idle + WARNING >= kiosk.idle_seconds {
            left.set(Some(kiosk.idle_seconds - idle));
        }
    });
    tick.forget();

    let end_now = move |_| {
        if !ending.replace(true) {
            device.end_kiosk_visit();
        }
    };
    view! {
        <div class="kiosk-bar" data-testid="kiosk-bar">
            <p>{move || t_string!(i18n, common.kiosk.shared_device)}</p>
            <button type="button" class="secondary" on:click=end_now>{move || t_string!(i18n, common.kiosk.done)}</button>
        </div>
        // Announced once when it appears; the seconds change silently after that.
        <div role="alert" class="kiosk-warning-live">
            {move || left.get().is_some().then(|| t_string!(i18n, common.kiosk.still_there))}
        </div>
        {move || left.get().map(|seconds| view! {
            <div class="kiosk-warning" data-testid="kiosk-warning">
                <p>
                    <strong>{move || {
                        let locale = i18n.get_locale();
                        if seconds == 1 {
                            td_string!(locale, common.kiosk.one_second_left).to_owned()
                        } else {
                            words::fill(td_string!(locale, common.kiosk.seconds_left), &[("seconds", &intl::number(locale, seconds))])
                        }
                    }}</strong>
                    " "
                    {move || t_string!(i18n, common.kiosk.then_restart)}
                </p>
                <button type="button">{move || t_string!(i18n, common.kiosk.still_here)}</button>
            </div>
        })}
    }
    .into_any()
}
