//! `/medewerkers/namens`: an outreach worker's own queue. What she sent on behalf of
//! residents (`GET /api/v1/my/items`) and where each item stands now: a sign-up with
//! the resident's first name, a note with what the meldpunt did with it. The server
//! answers only with her own items; a note's body (and so any name in it) stays the
//! meldpunt's. On a kiosk the list is not offered at all: no name on a public screen.

use leptos::prelude::*;
use leptos_router::components::A;
use omzien_core::signup::Place;
use omzien_core::staff::{MyItem, MyItems, Role};

use crate::api;
use crate::components::set_title;
use crate::components::staff_only::{Closed, StaffOnly};
use crate::i18n::{t_string, td_string, use_i18n};
use crate::pages::wijk_name_by_id;
use crate::state::contexts::{use_catalogue, use_device};
use crate::words;
use crate::words::staff::when;

const CLOSED: Closed = Closed {
    for_whom: |l| td_string!(l, staff.my_items.for_whom),
    sign_in_first: |l| td_string!(l, staff.audit.sign_in_first),
    no_access: |l| td_string!(l, staff.my_items.no_access),
    offline: |l| td_string!(l, staff.audit.offline),
    offline_more: |l| td_string!(l, staff.my_items.offline_more),
    offline_test_id: Some("my-items-offline"),
};

#[component]
pub fn MyItemsPage() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| set_title(t_string!(i18n, staff.my_items.title)));
    let kiosk = use_device().kiosk.is_some();
    view! {
        <h1 tabindex="-1">{move || t_string!(i18n, staff.my_items.title)}</h1>
        {if kiosk {
            view! { <p class="utrecht-alert utrecht-alert--info notice" data-testid="my-items-kiosk">{move || t_string!(i18n, staff.my_items.not_on_kiosk)}</p> }.into_any()
        } else {
            view! {
                <p>{move || t_string!(i18n, staff.my_items.intro)}</p>
                <StaffOnly need=Role::can_act_on_behalf words=CLOSED let:session>
                    <Queue token=session.token />
                </StaffOnly>
            }
            .into_any()
        }}
        <p class="next-links"><A href="/medewerkers">{move || t_string!(i18n, staff.home.back)}</A></p>
    }
}

#[component]
fn Queue(token: String) -> impl IntoView {
    let i18n = use_i18n();
    let items = LocalResource::new(move || {
        let token = token.clone();
        async move {
            api::my_items::mine(&token)
                .await
                .map_err(|error| words::for_staff(&error))
        }
    });
    move || {
        match items.get() {
        None => view! { <p class="loading">{move || t_string!(i18n, staff.my_items.loading)}</p> }
            .into_any(),
        Some(Err(message)) => view! { <p class="utrecht-form-field-error-message field-error" role="alert">{message}</p> }.into_any(),
        Some(Ok(MyItems { items })) if items.is_empty() => {
            view! { <p data-testid="my-items-empty">{move || t_string!(i18n, staff.my_items.empty)}</p> }
                .into_any()
        }
        Some(Ok(MyItems { items })) => view! {
            <p class="hint">{move || t_string!(i18n, staff.my_items.notes_without_names)}</p>
            <ul class="my-items" data-testid="my-items" aria-label=move || t_string!(i18n, staff.my_items.title)>
                {items.into_iter().map(item).collect_view()}
            </ul>
        }
        .into_any(),
    }
    }
}

fn item(item: MyItem) -> impl IntoView {
    let i18n = use_i18n();
    let catalogue = use_catalogue();
    match item {
        MyItem::SignUp {
            activity_id,
            first_name,
            place,
            cancelled,
            received_at,
            ..
        } => {
            let activity = catalogue.loaded.with_untracked(|l| {
                l.as_ref()
                    .and_then(|l| l.catalogue.activity(&activity_id).map(|a| a.name.clone()))
                    .unwrap_or_else(|| activity_id.clone())
            });
            let status = move || {
                let locale = i18n.get_locale();
                match (cancelled, place) {
                    (true, _) => td_string!(locale, signup.status.cancelled),
                    (false, Place::Confirmed) => td_string!(locale, signup.status.confirmed),
                    (false, Place::WaitingList) => td_string!(locale, signup.status.waiting_list),
                }
            };
            view! {
                <li class="my-item">
                    <p><strong>{move || t_string!(i18n, staff.my_items.sign_up)}" "</strong><span lang="nl">{activity}</span></p>
                    {first_name.map(|name| view! {
                        <p data-testid="my-item-name">{move || words::fill(t_string!(i18n, staff.my_items.for_resident), &[("name", &name)])}</p>
                    })}
                    <p>{move || words::fill(t_string!(i18n, staff.my_items.status), &[("status", status())])}
                        " · "{move || words::fill(t_string!(i18n, staff.my_items.sent), &[("when", &when(i18n.get_locale(), &received_at))])}</p>
                </li>
            }
            .into_any()
        }
        MyItem::ConcernNote {
            kind,
            wijk,
            urgency,
            status,
            received_at,
            ..
        } => {
            let wijk = wijk_name_by_id(catalogue, &wijk);
            view! {
                <li class="my-item">
                    <p><strong>{move || t_string!(i18n, staff.my_items.note)}" "</strong>
                        {move || format!("{} – {}", words::note::kind(i18n.get_locale(), kind), wijk)}</p>
                    <p>{move || {
                        let locale = i18n.get_locale();
                        words::fill(td_string!(locale, staff.my_items.note_status), &[
                            ("status", words::note::status_words(locale, status)),
                            ("urgency", words::note::urgency(locale, urgency)),
                        ])
                    }}
                        " · "{move || words::fill(t_string!(i18n, staff.my_items.sent), &[("when", &when(i18n.get_locale(), &received_at))])}</p>
                </li>
            }
            .into_any()
        }
    }
}
