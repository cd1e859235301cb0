use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;
use wasm_bindgen::JsCast;

use super::kiosk::KioskBar;
use super::net_status::NetStatus;
use super::outbox_status::OutboxStatus;
use super::read_aloud::ReadAloud;
use super::update_notice::UpdateNotice;
use crate::i18n::{t, t_string, use_i18n};
use crate::lang::{self, LanguageSwitch};
use crate::state::contexts::use_device;

/// The frame of every page: skip link, header with navigation, main, status footer.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    lang::start();
    let i18n = use_i18n();
    focus_heading_on_navigation();
    view! {
        // The NL Design System's page parts (skip link, page header, page content, page
        // footer); their look comes from the theme's tokens (style/theme.css).
        <a class="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#main" on:click=skip_to_main>{t!(i18n, common.skip_link)}</a>
        <header class="utrecht-page-header site-header">
          <div class="utrecht-page-header__content site-header-content">
            <A href="/" attr:class="brand">
                // The app's own icon; the link's name is the word beside it.
                <img class="brand-logo" src="/icons/icon.svg" alt="" width="40" height="40" />
                "Omzien"
            </A>
            <nav aria-label=move || t_string!(i18n, common.main_menu)>
                <ul>
                    <li><A href="/" exact=true>{t!(i18n, common.nav_home)}</A></li>
                    <li><A href="/activiteiten">{t!(i18n, common.nav_activities)}</A></li>
                    <li><A href="/wijken">{t!(i18n, common.nav_wijken)}</A></li>
                    <li><A href="/weten">{t!(i18n, common.nav_info)}</A></li>
                </ul>
            </nav>
          </div>
        </header>
        <KioskBar />
        <div class="page-tools">
            <LanguageSwitch />
            <ReadAloud />
            <A href="/instellingen" attr:class="tool-link">{t!(i18n, common.text_and_colour)}</A>
        </div>
        <UpdateNotice />
        <main id="main" tabindex="-1" class="utrecht-page-content">{children()}</main>
        <footer class="utrecht-page-footer site-footer">
          <div class="utrecht-page-footer__content site-footer-content">
            <NetStatus />
            <OutboxStatus />
            // Who runs the service: the programme it belongs to, as its agenda says.
            <p class="about">{t!(i18n, common.footer_about)}</p>
            // Not on a kiosk: a visitor has no business there, and staff know the address.
            {use_device().kiosk.is_none().then(|| view! {
                <p class="staff-link"><A href="/medewerkers">{t!(i18n, common.staff_link)}</A></p>
            })}
          </div>
        </footer>
    }
}

/// The router takes over in-page links and only scrolls; a skip link must also move
/// keyboard focus, or the next Tab starts from the top again.
fn skip_to_main(event: leptos::ev::MouseEvent) {
    event.prevent_default();
    if let Some(main) = document().get_element_by_id("main") {
        if let Ok(main) = main.dyn_into::<web_sys::HtmlElement>() {
            let _ = main.focus();
            main.scroll_into_view();
        }
    }
}

/// After a client-side navigation, move focus to the new page's heading so screen
/// reader and keyboard users start at the top of the new content, as after a page load.
fn focus_heading_on_navigation() {
    let location = use_location();
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        if previous.is_some_and(|p| p != path) {
            focus_heading_when_drawn(HEADING_WAIT_FRAMES);
        }
        path
    });
}

/// About two seconds: a page in a wasm chunk of its own (`pages::lazy`) has no heading
/// until its chunk is in, the first time from the service worker or the network.
const HEADING_WAIT_FRAMES: u32 = 120;

fn focus_heading_when_drawn(frames_left: u32) {
    request_animation_frame(move || match document().query_selector("main h1") {
        Ok(Some(heading)) => {
            if let Ok(heading) = heading.dyn_into::<web_sys::HtmlElement>() {
                let _ = heading.focus();
            }
        }
        _ if frames_left > 0 => focus_heading_when_drawn(frames_left - 1),
        _ => {}
    });
}
