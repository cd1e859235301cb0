//! `/medewerkers/accounts`: staff accounts, for admins. Every account with its role,
//! organisations and whether it is on; turning one off (not her own) or on again; a
//! form for a new one (`new`); and the log of what happened to accounts (`log`).
//! Online only: accounts never rest on a device.

mod list;
mod log;
mod new;

use leptos::prelude::*;
use leptos_router::components::A;
use omzien_core::staff::Role;

use crate::api;
use crate::components::set_title;
use crate::components::staff_only::{Closed, StaffOnly};
use crate::i18n::{t_string, td_string, use_i18n};
use crate::state::contexts::use_catalogue;
use crate::store::StaffSession;
use crate::words;

const CLOSED: Closed = Closed {
    for_whom: |l| td_string!(l, staff.accounts.for_admins),
    sign_in_first: |l| td_string!(l, staff.accounts.sign_in_first),
    no_access: |l| td_string!(l, staff.accounts.no_access),
    offline: |l| td_string!(l, staff.accounts.offline),
    offline_more: |l| td_string!(l, staff.accounts.offline_more),
    offline_test_id: None,
};

#[component]
pub fn AccountsPage() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| set_title(t_string!(i18n, staff.accounts.title)));
    view! {
        <p class="back"><A href="/medewerkers">{move || t_string!(i18n, staff.accounts.back)}</A></p>
        <h1 tabindex="-1">{move || t_string!(i18n, staff.accounts.title)}</h1>
        <p>{move || t_string!(i18n, staff.accounts.intro)}</p>
        <StaffOnly need=Role::can_manage_accounts words=CLOSED let:session>
            <Accounts session=session />
        </StaffOnly>
    }
}

/// The list, the form and the log share one reload: a new account shows in the list,
/// and every change in the log, at once.
#[component]
fn Accounts(session: StaffSession) -> impl IntoView {
    let i18n = use_i18n();
    let reload = RwSignal::new(0u32);
    let token = session.token.clone();
    let accounts = LocalResource::new(move || {
        reload.track();
        let token = token.clone();
        async move {
            api::users::list(&token)
                .await
                .map(|a| a.accounts)
                .map_err(|e| words::for_staff(&e))
        }
    });
    let token = session.token.clone();
    let log = LocalResource::new(move || {
        reload.track();
        let token = token.clone();
        async move {
            api::users::log(&token)
                .await
                .map_err(|e| words::for_staff(&e))
        }
    });
    let organisations = organisation_names();
    view! {
        <section aria-labelledby="acc-lijst">
            <h2 id="acc-lijst">{move || t_string!(i18n, staff.accounts.list_heading)}</h2>
            <list::AccountList accounts=accounts reload=reload session=session.clone() organisations=organisations />
        </section>
        <section aria-labelledby="acc-nieuw">
            <h2 id="acc-nieuw">{move || t_string!(i18n, staff.accounts.add_heading)}</h2>
            <new::NewAccountForm token=session.token reload=reload organisations=organisations />
        </section>
        <section aria-labelledby="acc-log">
            <h2 id="acc-log">{move || t_string!(i18n, staff.accounts.log.heading)}</h2>
            <p>{move || t_string!(i18n, staff.accounts.log.intro)}</p>
            <log::AccountLogTable log=log organisations=organisations />
        </section>
    }
}

/// The catalogue's organisations on this device as `(id, name)`, by name.
fn organisation_names() -> Memo<Vec<(String, String)>> {
    let catalogue = use_catalogue();
    Memo::new(move |_| {
        catalogue.loaded.with(|loaded| {
            let mut names: Vec<(String, String)> = loaded
                .iter()
                .flat_map(|l| l.catalogue.organisations.iter())
                .map(|o| (o.id.clone(), o.name.clone()))
                .collect();
            names.sort_by(|a, b| a.1.cmp(&b.1));
            names
        })
    })
}
