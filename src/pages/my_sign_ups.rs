use std::collections::HashMap;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use omzien_core::outbox::SignUpView;
use omzien_core::signup::Channel;
use omzien_core::staff::MyItem;
use omzien_core::wire::Mutation;

use crate::api;
use crate::browser::intl;
use crate::browser::uuid::new_id;
use crate::components::set_title;
use crate::i18n::{t_string, use_i18n};
use crate::state::contexts::use_catalogue;
use crate::state::contexts::use_device;
use crate::state::contexts::use_network;
use crate::state::contexts::use_outbox;
use crate::state::contexts::use_session;
use crate::words;

/// "Mijn aanmeldingen": every sign-up made on this device and where it stands.
#[component]
pub fn MySignUpsPage() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| set_title(t_string!(i18n, signup.mine.title)));
    let outbox = use_outbox();
    let names = residents_names();
    view! {
        <h1 tabindex="-1">{move || t_string!(i18n, signup.mine.title)}</h1>
        <p>{move || t_string!(i18n, signup.mine.intro)}</p>
        {move || {
            let sign_ups = outbox.sign_ups.get();
            if sign_ups.is_empty() {
                return view! {
                    <p>{move || t_string!(i18n, signup.mine.empty)}</p>
                    <p><A href="/activiteiten">{move || t_string!(i18n, signup.mine.find)}</A></p>
                }
                .into_any();
            }
            view! {
                <ul class="my-sign-ups">
                    {sign_ups.into_iter().rev().map(|s| view! { <SignUpItem sign_up=s names=names /> }).collect_view()}
                </ul>
            }
            .into_any()
        }}
    }
}

/// The first names of the residents a worker signed up, by sign-up id, as the server
/// gives them to her alone (`GET /my/items`): once a sign-up is answered, this device
/// keeps no personal field of it. Asked only while a staff member who may act on behalf
/// is signed in here and online, never on a kiosk; empty otherwise.
fn residents_names() -> Signal<HashMap<String, String>> {
    let session = use_session();
    let network = use_network();
    let kiosk = use_device().kiosk.is_some();
    let token = Memo::new(move |_| {
        session
            .live()
            .filter(|s| s.role.can_act_on_behalf() && !kiosk && network.online.get())
            .map(|s| s.token)
    });
    let answer = LocalResource::new(move || {
        let token = token.get();
        async move {
            let Some(token) = token else {
                return HashMap::new();
            };
            match api::my_items::mine(&token).await {
                Ok(mine) => mine
                    .items
                    .into_iter()
                    .filter_map(|item| match item {
                        MyItem::SignUp {
                            id,
                            first_name: Some(name),
                            ..
                        } => Some((id, name)),
                        _ => None,
                    })
                    .collect(),
                Err(error) => {
                    // The names are a help, not the page: it shows without them.
                    leptos::logging::warn!("the worker's own items could not be read: {error}");
                    HashMap::new()
                }
            }
        }
    });
    Signal::derive(move || answer.get().unwrap_or_default())
}

#[component]
fn SignUpItem(sign_up: SignUpView, names: Signal<HashMap<String, String>>) -> impl IntoView {
    let catalogue = use_catalogue();
    let outbox = use_outbox();
    let i18n = use_i18n();
    let name = catalogue.loaded.with_untracked(|l| {
        l.as_ref()
            .and_then(|l| {
                l.catalogue
                    .activity(&sign_up.activity_id)
                    .map(|a| a.name.clone())
            })
            .unwrap_or_else(|| sign_up.activity_id.clone())
    });
    let href = format!("/activiteiten/{}", sign_up.activity_id);
    let party = sign_up.party_size;
    let people = move || {
        let template = if party == 1 {
            t_string!(i18n, signup.mine.people_singular)
        } else {
            t_string!(i18n, signup.mine.people_plural)
        };
        words::fill(
            template,
            &[("count", &intl::number(i18n.get_locale(), party))],
        )
    };
    // A worker's sign-up for a resident says for whom: to a staff member who may act on
    // behalf and is signed in on this device, never on a kiosk (a public screen), and
    // never for a resident's own sign-up.
    let kiosk = use_device().kiosk.is_some();
    let session = use_session();
    let for_whom = (sign_up.channel == Channel::OnBehalf && !kiosk).then(|| {
        let id = sign_up.id.clone();
        // Still waiting to be sent, the entry on this device holds the name itself.
        let waiting = Some(sign_up.first_name.trim().to_owned()).filter(|n| !n.is_empty());
        move || {
            session
                .live()
                .filter(|s| s.role.can_act_on_behalf())
                .and_then(|_| names.with(|n| n.get(&id).cloned()).or_else(|| waiting.clone()))
                .map(|name| {
                    view! {
                        <p data-testid="sign-up-for">{move || words::fill(t_string!(i18n, signup.mine.for_resident), &[("name", &name)])}</p>
                    }
                })
        }
    });
    let status = sign_up.status.clone();
    let status = move || words::sign_up::status_text(i18n.get_locale(), &status);
    let problem = RwSignal::new(None::<&'static str>);
    // It carries the secret made with the sign-up: the server takes a cancel only with
    // it (or the worker's session that made the sign-up).
    let change = sign_up.cancel();
    let cancel = move |_| {
        let mutation = Mutation {
            id: new_id(),
            change: change.clone(),
        };
        spawn_local(async move {
            if let Err(error) = outbox.queue(mutation).await {
                problem.set(Some(words::not_saved(error)));
            }
        });
    };
    view! {
        <li class="my-sign-up">
            <A href=href attr:lang="nl">{name}</A>
            {for_whom}
            <p>{people}</p>
            <p class="sign-up-status"><strong>{status}</strong></p>
            {sign_up.can_cancel().then(|| view! {
                <button type="button" class="secondary" on:click=cancel>{move || t_string!(i18n, signup.mine.cancel)}</button>
            })}
            {sign_up.cancel_by_phone().then(|| view! {
                <p>{move || t_string!(i18n, signup.mine.cancel_by_phone)}</p>
            })}
            {move || problem.get().map(|p| view! { <p class="utrecht-form-field-error-message field-error">{p}</p> })}
        </li>
    }
}
