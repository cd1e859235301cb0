//! The app's map: every route of both bundles (`crate::bundle`) in one place.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::layout::Layout;
use crate::i18n::I18nContextProvider;
use crate::pages::accounts::AccountsPage;
use crate::pages::audit::AuditPage;
use crate::pages::lazy::{
    ActivityRoute, InfoOverviewRoute, InfoPageRoute, MySignUpsRoute, OrganisationRoute,
    OrganisationsRoute, ReportRoute, SelfTestRoute, SettingsRoute, WijkRoute, WijkenRoute,
};
use crate::pages::monitoring::MonitoringPage;
use crate::pages::my_items::MyItemsPage;
use crate::pages::not_found::ElsewhereOrNotFound;
use crate::pages::offer::editors::{EditorsPage, HistoryPage};
use crate::pages::offer::form::EditActivityPage;
use crate::pages::offer::mine::OfferPage;
use crate::pages::offer::organisation::NewOrganisationPage;
use crate::pages::partners::PartnersPage;
use crate::pages::staff::StaffPage;
use crate::pages::triage::keys::{provide_unlocked, KeysPage};
use crate::pages::triage::list::TriagePage;
use crate::pages::triage::note::TriageNotePage;
use crate::pages::vertellen::StoriesPage;
use crate::pages::{catalogue::CataloguePage, home::HomePage};
use crate::sync::start::start;

#[component]
pub fn App() -> impl IntoView {
    start().provide();

    view! {
        <I18nContextProvider>
        <Router>
            <Layout>
                <Routes fallback=ElsewhereOrNotFound>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/activiteiten") view=CataloguePage />
                    <Route path=path!("/activiteiten/:id") view=ActivityRoute />
                    <Route path=path!("/organisaties") view=OrganisationsRoute />
                    <Route path=path!("/organisaties/:id") view=OrganisationRoute />
                    <Route path=path!("/wijken") view=WijkenRoute />
                    <Route path=path!("/wijken/:id") view=WijkRoute />
                    <Route path=path!("/aanmeldingen") view=MySignUpsRoute />
                    <Route path=path!("/weten") view=InfoOverviewRoute />
                    <Route path=path!("/weten/:id") view=InfoPageRoute />
                    <Route path=path!("/zelftest") view=SelfTestRoute />
                    <Route path=path!("/instellingen") view=SettingsRoute />
                    <Route path=path!("/melden") view=ReportRoute />
                </Routes>
            </Layout>
        </Router>
        </I18nContextProvider>
    }
}

#[component]
pub fn StaffApp() -> impl IntoView {
    start().provide();
    provide_unlocked();

    view! {
        <I18nContextProvider>
        <Router>
            <Layout>
                <Routes fallback=ElsewhereOrNotFound>
                    <Route path=path!("/medewerkers") view=StaffPage />
                    <Route path=path!("/medewerkers/namens") view=MyItemsPage />
                    <Route path=path!("/medewerkers/logboek") view=AuditPage />
                    <Route path=path!("/medewerkers/accounts") view=AccountsPage />
                    <Route path=path!("/medewerkers/aanbod") view=OfferPage />
                    <Route path=path!("/medewerkers/aanbod/:id") view=EditActivityPage />
                    <Route path=path!("/medewerkers/aanbod/:id/geschiedenis") view=HistoryPage />
                    <Route path=path!("/medewerkers/organisatie-aanmelden") view=NewOrganisationPage />
                    <Route path=path!("/medewerkers/redactie") view=EditorsPage />
                    <Route path=path!("/medewerkers/verwijzen") view=PartnersPage />
                    <Route path=path!("/medewerkers/meldpunt-sleutel") view=KeysPage />
                    <Route path=path!("/medewerkers/verhalen") view=StoriesPage />
                    <Route path=path!("/meldpunt") view=TriagePage />
                    <Route path=path!("/meldpunt/:id") view=TriageNotePage />
                    <Route path=path!("/monitoring") view=MonitoringPage />
                </Routes>
            </Layout>
        </Router>
        </I18nContextProvider>
    }
}
