//! `/melden`: a note for the meldpunt, one task per screen (`page`): the choice between
//! the two forms with the notes made on this device (`choice`), the form (`form`), the
//! receipt (`receipt`).

use leptos::prelude::*;

pub mod choice;
pub mod form;
pub mod page;
pub mod receipt;

/// `/melden`. The page, its forms and the sealing code (HPKE) are a wasm chunk of their
/// own, fetched the first time someone opens it: 17 KB (brotli) that nobody else needs
/// before the app can start. The service worker precaches the chunk, so the page still
/// opens offline (docs/benchmarks.md, "A shell that fits").
#[component]
pub fn ReportRoute() -> impl IntoView {
    view! { <Suspense fallback=|| ()>{Suspend::new(report_page())}</Suspense> }
}

#[lazy]
fn report_page() -> AnyView {
    view! { <page::ReportPage /> }.into_any()
}
