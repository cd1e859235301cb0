use leptos::prelude::*;

use crate::browser::intl;
use crate::i18n::{t_string, td_string, use_i18n, Locale};
use crate::state::contexts::use_catalogue;
use crate::state::contexts::use_network;
use crate::words;

/// Says plainly whether there is a connection and how fresh the data is.
#[component]
pub fn NetStatus() -> impl IntoView {
    let catalogue = use_catalogue();
    let network = use_network();
    let i18n = use_i18n();
    let updated = move || match catalogue.updated_at.get() {
        Some(ms) => {
            let locale = i18n.get_locale();
            words::fill(
                td_string!(locale, common.net.updated),
                &[("when", &when(locale, ms))],
            )
        }
        None => t_string!(i18n, common.net.not_updated).to_owned(),
    };
    view! {
        <div data-testid="net-status" class="net-status" role="status">
            <p>
                {move || {
                    if network.online.get() {
                        view! { <span class="dot dot-online" aria-hidden="true"></span> {move || t_string!(i18n, common.net.connected)} }.into_any()
                    } else {
                        view! { <span class="dot dot-offline" aria-hidden="true"></span> {move || t_string!(i18n, common.net.offline)} }.into_any()
                    }
                }}
                " "
                {updated}
            </p>
            {move || network.problem.get().map(|p| view! { <p class="problem">{move || words::problem(i18n.get_locale(), p)}</p> })}
        </div>
    }
}

/// "vandaag om 10:42", "gisteren om 18:05" or "3 november 2026 om 09:00".
fn when(locale: Locale, ms: f64) -> String {
    let then = js_sys::Date::new(&ms.into());
    let now = js_sys::Date::new_0();
    let day = |d: &js_sys::Date| (d.get_full_year(), d.get_month(), d.get_date());
    let yesterday = js_sys::Date::new(&(js_sys::Date::now() - 86_400_000.0).into());
    let time = intl::time(locale, ms);
    if day(&then) == day(&now) {
        words::fill(td_string!(locale, common.net.today_at), &[("time", &time)])
    } else if day(&then) == day(&yesterday) {
        words::fill(
            td_string!(locale, common.net.yesterday_at),
            &[("time", &time)],
        )
    } else {
        let date = intl::date(locale, ms);
        words::fill(
            td_string!(locale, common.net.day_at),
            &[("date", &date), ("time", &time)],
        )
    }
}
