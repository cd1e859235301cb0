//! The residents' pages whose code is a wasm chunk of its own (Leptos `#[lazy]`), cut
//! from the main module by `wasm-split-cli` in scripts/build-web. The start page and
//! the catalogue stay in the main module: they are what a first visit and a kiosk open
//! first. An activity (with the sign-up form and the take-away) is a chunk since
//! 2026-12-07: it is opened from the list, by when the service worker has it. The rest arrives the first time it is opened, from the service
//! worker's precache after the first visit, so every page still opens offline
//! (docs/benchmarks.md, "A shell that fits").

use std::future::Future;

use leptos::prelude::*;

use super::activity::ActivityPage;
use super::info::{InfoOverviewPage, InfoPageView};
use super::my_sign_ups::MySignUpsPage;
use super::organisation::{OrganisationPage, OrganisationsPage};
use super::report::page::ReportPage;
use super::self_test::SelfTestPage;
use super::settings::SettingsPage;
use super::wijk::WijkPage;
use super::wijken::WijkenPage;

/// A page from a chunk, drawn when its code is in (at once once it has been loaded).
fn lazy_page<F>(page: F) -> impl IntoView
where
    F: Future<Output = AnyView> + Send + 'static,
{
    view! { <Suspense fallback=|| ()>{Suspend::new(page)}</Suspense> }
}

macro_rules! lazy_route {
    ($route:ident, $chunk:ident, $page:ident) => {
        #[component]
        pub fn $route() -> impl IntoView {
            lazy_page($chunk())
        }

        #[lazy]
        fn $chunk() -> AnyView {
            view! { <$page /> }.into_any()
        }
    };
}

lazy_route!(ActivityRoute, activity_page, ActivityPage);
// `/melden`: the note forms and the sealing code (HPKE), the largest piece.
lazy_route!(ReportRoute, report_page, ReportPage);
lazy_route!(SelfTestRoute, self_test_page, SelfTestPage);
lazy_route!(SettingsRoute, settings_page, SettingsPage);
lazy_route!(WijkenRoute, wijken_page, WijkenPage);
lazy_route!(WijkRoute, wijk_page, WijkPage);
lazy_route!(OrganisationsRoute, organisations_page, OrganisationsPage);
lazy_route!(OrganisationRoute, organisation_page, OrganisationPage);
lazy_route!(MySignUpsRoute, my_sign_ups_page, MySignUpsPage);
lazy_route!(InfoOverviewRoute, info_overview_page, InfoOverviewPage);
lazy_route!(InfoPageRoute, info_page, InfoPageView);
