//! Tabs of this app share one outbox and one staff session in IndexedDB. Two things
//! keep them from getting in each other's way: one push at a time across all tabs (Web
//! Locks), and a word to the other tabs when the outbox or the session changed
//! (BroadcastChannel), so every tab shows the same state. Both are in every current
//! browser; where one is missing, the server's at-most-once rule still keeps a double
//! push harmless, and a tab learns of a sign-in when it reloads.

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
        leptos::logging::warn!(
            "Web Locks refused: {}",
            crate::browser::js_error::describe(&error)
        );
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

/// What changed in IndexedDB. The word says only *what* to read again: a session's
/// token never travels over the channel, each tab reads it from its own store.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum News {
    /// The outbox: an item was queued or answered.
    Outbox,
    /// The staff session: someone signed in or out, or the server ended the session.
    Session,
}

impl News {
    fn as_str(self) -> &'static str {
        match self {
            News::Outbox => "outbox",
            News::Session => "session",
        }
    }

    /// An older version of the app posted `true` for an outbox change; anything not
    /// known is read as that, which costs one extra read of the outbox at most.
    fn from_message(data: &JsValue) -> News {
        match data.as_string().as_deref() {
            Some("session") => News::Session,
            _ => News::Outbox,
        }
    }
}

thread_local! {
    // One channel object per tab, for sending and listening both: a message is not
    // delivered to the object that posted it, so a tab does not hear its own news.
    static TABS: Option<web_sys::BroadcastChannel> = web_sys::BroadcastChannel::new(CHANNEL).ok();
}

/// Tells the other tabs that something changed in IndexedDB.
pub fn announce(news: News) {
    TABS.with(|channel| {
        if let Some(channel) = channel {
            if let Err(error) = channel.post_message(&JsValue::from_str(news.as_str())) {
                leptos::logging::warn!(
                    "telling the other tabs failed: {}",
                    crate::browser::js_error::describe(&error)
                );
            }
        }
    });
}

/// Calls `heard` whenever another tab announces news. One listener per page, for the
/// page's lifetime.
pub fn on_news(heard: impl Fn(News) + 'static) {
    TABS.with(|channel| {
        let Some(channel) = channel else {
            return;
        };
        let listener =
            Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
                heard(News::from_message(&event.data()))
            });
        channel.set_onmessage(Some(listener.as_ref().unchecked_ref()));
        listener.forget();
    });
}
