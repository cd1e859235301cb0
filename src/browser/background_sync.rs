//! Background Sync, where the browser has it (Chromium). When items wait, the page asks
//! the service worker to be woken once the connection is back; the worker then tells
//! the open pages to send (`public/sw.js`). The sending itself stays in this crate's
//! sync loop, and nothing depends on this: the loop also sends on start, on `online`,
//! when the page becomes visible and on a timer.

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The tag `public/sw.js` listens for.
const TAG: &str = "omzien-outbox";
/// What the service worker posts to the pages.
const SEND_NOW: &str = "SEND_OUTBOX";

/// Asks for a sync event when the connection is back. Silently nothing where the
/// browser has no Background Sync or no service worker.
pub async fn request() {
    let Some(container) = container() else {
        return;
    };
    let Ok(ready) = container.ready() else {
        return;
    };
    let Ok(registration) = JsFuture::from(ready).await else {
        return;
    };
    let sync = Reflect::get(&registration, &"sync".into()).unwrap_or(JsValue::UNDEFINED);
    let Ok(register) =
        Reflect::get(&sync, &"register".into()).and_then(|f| f.dyn_into::<Function>())
    else {
        return;
    };
    if let Ok(promise) = register.call1(&sync, &TAG.into()) {
        if let Err(error) = JsFuture::from(Promise::from(promise)).await {
            leptos::logging::warn!(
                "Background Sync refused: {}",
                crate::browser::js_error::describe(&error)
            );
        }
    }
}

/// Calls `send` when the service worker says the connection is back. For the page's
/// lifetime.
pub fn on_wake(send: impl Fn() + 'static) {
    let Some(container) = container() else {
        return;
    };
    let listener =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let kind = Reflect::get(&event.data(), &"type".into())
                .ok()
                .and_then(|t| t.as_string());
            if kind.as_deref() == Some(SEND_NOW) {
                send();
            }
        });
    let _ =
        container.add_event_listener_with_callback("message", listener.as_ref().unchecked_ref());
    listener.forget();
}

fn container() -> Option<web_sys::ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    // Absent on plain-http origins other than localhost.
    Reflect::has(&navigator, &"serviceWorker".into())
        .unwrap_or(false)
        .then(|| navigator.service_worker())
}
