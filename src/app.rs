//! The app's map: every route in one place.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::layout::Layout;
use crate::pages::{activity::ActivityPage, catalogue::CataloguePage, home::HomePage};
use crate::pages::{not_found::NotFound, wijk::WijkPage, wijken::WijkenPage};
use crate::state::{start_sync, AppData};

#[component]
pub fn App() -> impl IntoView {
    let data = AppData::new();
    provide_context(data);
    start_sync(data);

    view! {
        <Router>
            <Layout>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/activiteiten") view=CataloguePage />
                    <Route path=path!("/activiteiten/:id") view=ActivityPage />
                    <Route path=path!("/wijken") view=WijkenPage />
                    <Route path=path!("/wijken/:id") view=WijkPage />
                </Routes>
            </Layout>
        </Router>
    }
}
