//! "Neem mee": take an activity home. A QR code to its light page (`/a/{id}`, plain
//! HTML from the server that any phone opens, with the `.ics` link), the activity as an
//! `.ics` file for your own calendar, and a printed slip (`style/print.css`). The code
//! and the file are made on the device, so they work on a home visit without a
//! connection. On a kiosk the QR code is the way home: no file is ever saved onto the
//! library's own machine.

use leptos::prelude::*;
use omzien_core::ics::{self, CalendarRequest, NoCalendar, Stamp};
use omzien_core::qr::qr_svg;
use omzien_core::{Activity, Contact};
use wasm_bindgen::{JsCast, JsValue};

use crate::browser::js_error;
use crate::i18n::{t_string, td_string, use_i18n, Locale};
use crate::state::contexts::use_device;
use crate::words;

/// Why the calendar file could not be made.
#[derive(Clone, Copy)]
enum Problem {
    Failed,
    NoCalendar(NoCalendar),
}

fn problem_text(locale: Locale, problem: Problem) -> &'static str {
    match problem {
        Problem::Failed => td_string!(locale, catalogue.take_away.failed),
        Problem::NoCalendar(why) => words::activity::no_calendar_text(locale, why),
    }
}

#[component]
pub fn TakeAway(activity: Activity, contact: Contact) -> impl IntoView {
    let origin = window().location().origin().unwrap_or_default();
    let page_url = format!("{origin}/activiteiten/{}", activity.id);
    // Short, so the code has few, large modules: quick to scan from a kiosk's screen.
    let light_url = format!("{origin}/a/{}", activity.id);
    let kiosk = use_device().kiosk.is_some();
    let calendar = match now() {
        Some(now) => ics::calendar_check(&activity, now.amsterdam_date()),
        None => Err(NoCalendar::NotKnown),
    };
    let problem = RwSignal::new(None::<Problem>);
    let i18n = use_i18n();

    let qr = qr_svg(&light_url).map(|qr| {
        view! {
            <figure class="qr">
                <svg
                    class="qr-code"
                    role="img"
                    aria-label=move || t_string!(i18n, catalogue.take_away.qr_label)
                    viewBox=format!("0 0 {0} {0}", qr.side)
                    shape-rendering="crispEdges"
                >
                    <rect class="qr-light" width="100%" height="100%" />
                    <path class="qr-dark" d=qr.path />
                </svg>
                <figcaption>
                    <p>{move || t_string!(i18n, catalogue.take_away.qr_scan)}</p>
                    <p class="qr-url">{move || t_string!(i18n, catalogue.take_away.qr_type)}<span dir="ltr">{light_url.clone()}</span></p>
                </figcaption>
            </figure>
        }
    });

    // The button when the activity can go into a calendar; else, in words, why not.
    let (calendar_button, calendar_note) = match calendar {
        Ok(()) if kiosk => (None, None),
        Ok(()) => {
            let add = move |_| {
                problem.set(None);
                if let Err(why) = download_ics(&activity, &contact, &page_url) {
                    problem.set(Some(why));
                }
            };
            (
                Some(view! {
                    <button type="button" on:click=add>{move || t_string!(i18n, catalogue.take_away.add)}</button>
                }),
                None,
            )
        }
        Err(why) => (None, Some(why)),
    };
    let calendar_note = move || match calendar_note {
        None if kiosk => td_string!(i18n.get_locale(), catalogue.take_away.kiosk_hint),
        None => td_string!(i18n.get_locale(), catalogue.take_away.add_hint),
        Some(why) => words::activity::no_calendar_text(i18n.get_locale(), why),
    };

    view! {
        <section class="take-away" aria-labelledby="neem-mee-kop">
            <h2 id="neem-mee-kop">{move || t_string!(i18n, catalogue.take_away.heading)}</h2>
            {qr}
            <div class="take-away-actions">
                {calendar_button}
                <button type="button" class="secondary" on:click=|_| print()>
                    {move || t_string!(i18n, catalogue.take_away.print)}
                </button>
            </div>
            <p class="take-away-hint">{calendar_note}</p>
            <p role="status" class="utrecht-form-field-error-message field-error">{move || problem.get().map(|p| problem_text(i18n.get_locale(), p))}</p>
        </section>
    }
}

/// "Now", from the device's clock, for DTSTAMP and for "today" in Hilversum.
fn now() -> Option<Stamp> {
    Stamp::from_unix_seconds((js_sys::Date::now() / 1000.0) as i64)
}

fn print() {
    if let Err(error) = window().print() {
        leptos::logging::warn!("print: {}", js_error::describe(&error));
    }
}

/// Makes the `.ics` file here and hands it to the browser as a download (a Blob behind
/// an object URL): no server and no connection needed.
fn download_ics(activity: &Activity, contact: &Contact, page_url: &str) -> Result<(), Problem> {
    let now = now().ok_or(Problem::Failed)?;
    let request = CalendarRequest {
        activity,
        contact,
        page_url,
        now,
    };
    let text = ics::activity_ics(&request).map_err(Problem::NoCalendar)?;
    save(&text, &ics::file_name(activity)).map_err(|error| {
        leptos::logging::warn!("ics download: {}", js_error::describe(&error));
        Problem::Failed
    })
}

fn save(text: &str, file_name: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/calendar;charset=utf-8");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let link: web_sys::HtmlAnchorElement = document().create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    // The download has started from the URL; let it go once this task is over.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(10),
    );
    Ok(())
}
