use leptos::prelude::*;

use omzien_core::schedule::MONTHS_NL;

use crate::state::AppData;

/// Says plainly whether there is a connection and how fresh the data is.
#[component]
pub fn NetStatus() -> impl IntoView {
    let data = expect_context::<AppData>();
    let updated = move || match data.updated_at.get() {
        Some(ms) => format!("Bijgewerkt: {}.", when_nl(ms)),
        None => "Nog niet bijgewerkt.".to_owned(),
    };
    view! {
        <div data-testid="net-status" class="net-status" role="status">
            <p>
                {move || {
                    if data.online.get() {
                        view! { <span class="dot dot-online" aria-hidden="true"></span> "Verbonden." }.into_any()
                    } else {
                        view! { <span class="dot dot-offline" aria-hidden="true"></span> "Geen verbinding. Alles wat hier staat, werkt ook zonder internet." }.into_any()
                    }
                }}
                " "
                {updated}
            </p>
            {move || data.problem.get().map(|p| view! { <p class="problem">{p}</p> })}
        </div>
    }
}

/// "vandaag om 10:42", "gisteren om 18:05" or "3 november om 09:00".
fn when_nl(ms: f64) -> String {
    let then = js_sys::Date::new(&ms.into());
    let now = js_sys::Date::new_0();
    let day = |d: &js_sys::Date| (d.get_full_year(), d.get_month(), d.get_date());
    let yesterday = js_sys::Date::new(&(js_sys::Date::now() - 86_400_000.0).into());
    let time = format!("{:02}:{:02}", then.get_hours(), then.get_minutes());
    if day(&then) == day(&now) {
        format!("vandaag om {time}")
    } else if day(&then) == day(&yesterday) {
        format!("gisteren om {time}")
    } else {
        let month = MONTHS_NL[then.get_month() as usize % 12];
        format!(
            "{} {month} {} om {time}",
            then.get_date(),
            then.get_full_year()
        )
    }
}
