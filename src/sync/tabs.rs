//! Tabs of this app share one outbox in IndexedDB. Two things keep them from getting
//! in each other's way: one push at a time across all tabs (Web Locks), and a word to
//! the other tabs when the outbox changed (BroadcastChannel), so every tab shows the
//! same state. Both are in every current browser; where one is missing, the server's
//! at-most-once rule still keeps a double push harmless.

use futures::channel::oneshot;
use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

const PUSH_LOCK: &str = "omzien-push";
const CHANNEL: &str = "omzien-outbox";

/// Held while this tab pushes; the next tab's push starts when it is dropped.
pub struct PushLock {
    release: Option<Function>,
}

impl Drop for PushLock {
    fn drop(&mut self) {
        if let Some(release) = self.release.take() {
            let _ = release.call0(&JsValue::NULL);
        }
    }
}

/// Waits until no other tab is pushing, or `LOCK_WAIT` at most. The lock is held by a
/// promise that only this tab resolves (on drop); the browser frees it too when the
/// tab closes. Waiting longer than any push can take means something is stuck (a tab
/// frozen while holding it, a refused request): then this tab pushes anyway, which the
/// server's at-most-once rule makes safe.
pub async fn push_lock() -> PushLock {
    let unlocked = PushLock { release: None };
    let Some(window) = web_sys::window() else {
        return unlocked;
    };
    let locks = Reflect::get(&window.navigator(), &"locks".into()).unwrap_or(JsValue::UNDEFINED);
    let Ok(request) =
        Reflect::get(&locks, &"request".into()).and_then(|f| f.dyn_into::<Function>())
    else {
        return unlocked;
    };
    let (granted, on_grant) = oneshot::channel::<Function>();
    let mut granted = Some(granted);
    let callback = Closure::once_into_js(move |_lock: JsValue| -> Promise {
        Promise::new(&mut |resolve, _reject| {
            // Granted after this tab stopped waiting: hand the lock straight back.
            if let Some(Err(resolve)) = granted.take().map(|g| g.send(resolve)) {
                let _ = resolve.call0(&JsValue::NULL);
            }
        })
    });
    if let Err(error) = request.call2(&locks, &PUSH_LOCK.into(), &callback) {
        leptos::logging::warn!("Web Locks refused: {}", crate::js_error::describe(&error));
        return unlocked;
    }
    let timeout = gloo_timers::future::sleep(LOCK_WAIT);
    match futures::future::select(on_grant, Box::pin(timeout)).await {
        futures::future::Either::Left((Ok(release), _)) => PushLock {
            release: Some(release),
        },
        _ => {
            leptos::logging::warn!(
                "no push lock after {} s; pushing without it",
                LOCK_WAIT.as_secs()
            );
            unlocked
        }
    }
}

/// Longer than a push can take (its timeout is 20 s), with room for one waiting tab.
const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(45);

fn channel() -> Option<web_sys::BroadcastChannel> {
    web_sys::BroadcastChannel::new(CHANNEL).ok()
}

/// Tells the other tabs that the outbox changed.
pub fn announce_change() {
    if let Some(channel) = channel() {
        let _ = channel.post_message(&JsValue::TRUE);
        channel.close();
    }
}

/// Calls `changed` whenever another tab changed the outbox. For the page's lifetime.
pub fn on_change(changed: impl Fn() + 'static) {
    let Some(channel) = channel() else {
        return;
    };
    let listener = Closure::<dyn Fn(JsValue)>::new(move |_| changed());
    channel.set_onmessage(Some(listener.as_ref().unchecked_ref()));
    listener.forget();
    std::mem::forget(channel);
}
