pub mod accounts;
pub mod activity;
pub mod audit;
pub mod catalogue;
pub mod home;
pub mod info;
pub mod lazy;
pub mod monitoring;
pub mod monitoring_edit;
pub mod my_items;
pub mod my_sign_ups;
pub mod not_found;
pub mod offer;
pub mod organisation;
pub mod partners;
pub mod report;
pub mod self_test;
pub mod settings;
pub mod staff;
pub mod triage;
pub mod vertellen;
pub mod wijk;
pub mod wijken;

use std::sync::Arc;

use leptos::prelude::*;

use crate::components::Loading;
use crate::i18n::{t_string, use_i18n};
use crate::state::catalogue::{CatalogueState, Loaded};
use crate::state::contexts::use_catalogue;

/// Renders `view` with the catalogue once IndexedDB has answered.
pub fn with_catalogue<V: IntoView + 'static>(
    view: impl Fn(Arc<Loaded>) -> V + Send + Sync + 'static,
) -> impl IntoView {
    let catalogue = use_catalogue();
    move || match catalogue.loaded.get() {
        Some(loaded) => view(loaded).into_any(),
        None => view! { <Loading /> }.into_any(),
    }
}

/// The wijken as `(id, name)` in alphabetical order: the choices of every wijk list.
pub fn wijk_choices(catalogue: &omzien_core::Catalogue) -> Vec<(String, String)> {
    let mut wijken: Vec<(String, String)> = catalogue
        .wijken
        .iter()
        .map(|w| (w.id.clone(), w.name.clone()))
        .collect();
    wijken.sort_by(|a, b| a.1.cmp(&b.1));
    wijken
}

/// A wijk's name, or its id when the catalogue on this device does not know it.
pub fn wijk_name_by_id(catalogue: CatalogueState, id: &str) -> String {
    catalogue.loaded.with_untracked(|l| {
        l.as_ref()
            .and_then(|l| l.catalogue.wijk(id).map(|w| w.name.clone()))
            .unwrap_or_else(|| id.to_owned())
    })
}

/// On a page whose content stays Dutch, said once in the chosen language (not in
/// Dutch itself): the reader then knows why the text below is in another language.
pub fn in_dutch_notice() -> impl IntoView {
    let i18n = use_i18n();
    move || {
        (i18n.get_locale() != crate::i18n::Locale::nl).then(|| {
            view! { <p class="hint" data-testid="in-dutch">{t_string!(i18n, info.pages_in_dutch)}</p> }
        })
    }
}

/// Said when the device has no catalogue yet (first visit without a connection).
#[component]
pub fn NoDataYet() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="utrecht-alert utrecht-alert--info notice">
            <p><strong>{move || t_string!(i18n, common.no_data_yet.title)}</strong></p>
            <p>{move || t_string!(i18n, common.no_data_yet.body)}</p>
        </div>
    }
}
