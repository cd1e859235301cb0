use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use omzien_core::outbox::SignUpView;
use omzien_core::signup::Channel;
use omzien_core::wire::Mutation;

use crate::browser::intl;
use crate::browser::uuid::new_id;
use crate::components::set_title;
use crate::i18n::{t_string, use_i18n};
use crate::state::contexts::use_catalogue;
use crate::state::contexts::use_device;
use crate::state::contexts::use_outbox;
use crate::state::contexts::use_session;
use crate::words;

/// "Mijn aanmeldingen": every sign-up made on this device and where it stands.
#[component]
pub fn MySignUpsPage() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| set_title(t_string!(i18n, signup.mine.title)));
    let outbox = use_outbox();
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
                    {sign_ups.into_iter().rev().map(|s| view! { <SignUpItem sign_up=s /> }).collect_view()}
                </ul>
            }
            .into_any()
        }}
    }
}

#[component]
fn SignUpItem(sign_up: SignUpView) -> impl IntoView {
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
        let name = sign_up.first_name.clone();
        move || {
            session
                .live()
                .filter(|s| s.role.can_act_on_behalf())
                .map(|_| {
                    let name = name.clone();
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
            {move || problem.get().map(|p| view! { <p class="field-error">{p}</p> })}
        </li>
    }
}
