use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use omzien_core::outbox::SignUpView;
use omzien_core::wire::{Change, Mutation};

use crate::components::set_title;
use crate::state::{new_id, AppData};

/// "Mijn aanmeldingen": every sign-up made on this device and where it stands.
#[component]
pub fn MySignUpsPage() -> impl IntoView {
    set_title("Mijn aanmeldingen");
    let data = expect_context::<AppData>();
    view! {
        <h1 tabindex="-1">"Mijn aanmeldingen"</h1>
        <p>"Hier zie je de aanmeldingen die je op dit apparaat hebt gedaan."</p>
        {move || {
            let sign_ups = data.sign_ups.get();
            if sign_ups.is_empty() {
                return view! {
                    <p>"Je hebt je op dit apparaat nog nergens aangemeld."</p>
                    <p><A href="/activiteiten">"Zoek een activiteit"</A></p>
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
    let data = expect_context::<AppData>();
    let name = data.loaded.with_untracked(|l| {
        l.as_ref()
            .and_then(|l| {
                l.catalogue
                    .activity(&sign_up.activity_id)
                    .map(|a| a.name.clone())
            })
            .unwrap_or_else(|| sign_up.activity_id.clone())
    });
    let href = format!("/activiteiten/{}", sign_up.activity_id);
    let people = match sign_up.party_size {
        1 => "1 persoon".to_owned(),
        n => format!("{n} personen"),
    };
    let problem = RwSignal::new(None::<&'static str>);
    let id = sign_up.id.clone();
    let cancel = move |_| {
        let mutation = Mutation {
            id: new_id(),
            change: Change::CancelSignUp {
                sign_up_id: id.clone(),
            },
        };
        spawn_local(async move {
            if let Err(message) = data.queue(mutation).await {
                problem.set(Some(message));
            }
        });
    };
    view! {
        <li class="my-sign-up">
            <A href=href>{name}</A>
            <p>{people}</p>
            <p class="sign-up-status"><strong>{sign_up.status.words_nl()}</strong></p>
            {sign_up.status.can_cancel().then(|| view! {
                <button type="button" class="secondary" on:click=cancel>"Afmelden"</button>
            })}
            {move || problem.get().map(|p| view! { <p class="field-error">{p}</p> })}
        </li>
    }
}
