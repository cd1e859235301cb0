//! The app's map: every route in one place.
//!
//! Omzien ships as two wasm bundles built from this one crate, so that residents do not
//! download what only staff use (sign-in, triage, kiosk setup): `omzien` (`src/main.rs`)
//! serves everything else, `medewerkers` (`src/bin/medewerkers.rs`) the staff paths.
//! `public/boot.js` starts the one that owns the address, by the same rule as
//! `is_staff_path`; a link to the other app's path loads it as a fresh page.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::layout::Layout;
use crate::i18n::I18nContextProvider;
use crate::pages::audit::AuditPage;
use crate::pages::info::{InfoOverviewPage, InfoPageView};
use crate::pages::my_sign_ups::MySignUpsPage;
use crate::pages::not_found::ElsewhereOrNotFound;
use crate::pages::report::ReportPage;
use crate::pages::self_test::SelfTestPage;
use crate::pages::settings::SettingsPage;
use crate::pages::staff::StaffPage;
use crate::pages::triage::{TriageNotePage, TriagePage};
use crate::pages::{activity::ActivityPage, catalogue::CataloguePage, home::HomePage};
use crate::pages::{wijk::WijkPage, wijken::WijkenPage};
use crate::state::start_sync;

/// Whether this bundle is the staff one. Set per binary through `start`/`start_staff`;
/// a `static` rather than a cfg so that one build of the library serves both.
pub static STAFF: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// The staff bundle's paths. `public/boot.js` (`STAFF_PATHS`) must say the same.
pub fn is_staff_path(path: &str) -> bool {
    ["/medewerkers", "/meldpunt"].iter().any(|p| {
        path == *p
            || path
                .strip_prefix(p)
                .is_some_and(|rest| rest.starts_with('/'))
    })
}

#[component]
pub fn App() -> impl IntoView {
    provide_context(start_sync());

    view! {
        <I18nContextProvider>
        <Router>
            <Layout>
                <Routes fallback=ElsewhereOrNotFound>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/activiteiten") view=CataloguePage />
                    <Route path=path!("/activiteiten/:id") view=ActivityPage />
                    <Route path=path!("/wijken") view=WijkenPage />
                    <Route path=path!("/wijken/:id") view=WijkPage />
                    <Route path=path!("/aanmeldingen") view=MySignUpsPage />
                    <Route path=path!("/weten") view=InfoOverviewPage />
                    <Route path=path!("/weten/:id") view=InfoPageView />
                    <Route path=path!("/zelftest") view=SelfTestPage />
                    <Route path=path!("/instellingen") view=SettingsPage />
                    <Route path=path!("/melden") view=ReportPage />
                </Routes>
            </Layout>
        </Router>
        </I18nContextProvider>
    }
}

#[component]
pub fn StaffApp() -> impl IntoView {
    provide_context(start_sync());

    view! {
        <I18nContextProvider>
        <Router>
            <Layout>
                <Routes fallback=ElsewhereOrNotFound>
                    <Route path=path!("/medewerkers") view=StaffPage />
                    <Route path=path!("/medewerkers/logboek") view=AuditPage />
                    <Route path=path!("/meldpunt") view=TriagePage />
                    <Route path=path!("/meldpunt/:id") view=TriageNotePage />
                </Routes>
            </Layout>
        </Router>
        </I18nContextProvider>
    }
}
