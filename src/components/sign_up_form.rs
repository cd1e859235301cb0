//! The sign-up form on an activity page. The rules are `omzien_core`'s, the same the
//! server applies; the form only shows them. "Saved" appears only once the sign-up is
//! durably in the outbox.

use crate::components::on_behalf::OnBehalf;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use omzien_core::signup::{ContactNeed, SignUpField, SignUpRequest, MAX_PARTY};
use omzien_core::wire::{Change, Mutation};

use crate::components::focus_by_id;
use crate::components::form_errors::FormErrors;
use crate::state::{new_id, AppData};

#[derive(Clone, Copy, PartialEq)]
enum Receipt {
    None,
    /// Saved; `true` when there was no connection at that moment.
    Saved {
        offline: bool,
    },
    Failed(&'static str),
}

#[component]
pub fn SignUpForm(activity_id: String, organiser: String, contact: ContactNeed) -> impl IntoView {
    let data = expect_context::<AppData>();
    let name = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let party = RwSignal::new(1u8);
    let note = RwSignal::new(String::new());
    let consent = RwSignal::new(false);
    let on_behalf = OnBehalf::new(data);
    let errors = FormErrors::new();
    let receipt = RwSignal::new(Receipt::None);
    let saving = RwSignal::new(false);

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if saving.get_untracked() {
            return;
        }
        let optional = |text: String| Some(text.trim().to_owned()).filter(|t| !t.is_empty());
        let request = SignUpRequest {
            activity_id: activity_id.clone(),
            first_name: name.get_untracked(),
            phone: optional(phone.get_untracked()),
            email: optional(email.get_untracked()),
            party_size: party.get_untracked(),
            note: optional(note.get_untracked()),
            channel: data.channel(on_behalf.chosen_untracked()),
            consent: consent.get_untracked(),
        };
        if let Err(found) = request.validate(contact) {
            errors.0.set(found);
            receipt.set(Receipt::None);
            focus_by_id("su-fouten");
            return;
        }
        errors.0.set(Vec::new());
        saving.set(true);
        let mutation = Mutation {
            id: new_id(),
            change: Change::SignUp(request),
        };
        spawn_local(async move {
            let offline = !data.online.get_untracked();
            match data.queue(mutation).await {
                Ok(()) => {
                    receipt.set(Receipt::Saved { offline });
                    for field in [name, phone, email, note] {
                        field.set(String::new());
                    }
                    party.set(1);
                    consent.set(false);
                }
                Err(message) => receipt.set(Receipt::Failed(message)),
            }
            saving.set(false);
            focus_by_id("su-bon");
        });
    };

    view! {
        <section class="sign-up" aria-labelledby="su-kop">
            <h2 id="su-kop">"Aanmelden"</h2>
            <p>"Vul je gegevens in. " {organiser.clone()} " neemt contact met je op als dat nodig is."</p>
            <div id="su-bon" tabindex="-1" role="status" class="receipt">
                {move || match receipt.get() {
                    Receipt::None => None,
                    Receipt::Saved { offline } => Some(view! {
                        <p><strong>"Je aanmelding is bewaard."</strong></p>
                        <p>
                            {if offline {
                                "Er is nu geen verbinding. We versturen hem zodra er weer verbinding is."
                            } else {
                                "We versturen hem nu. Je ziet hieronder of het gelukt is."
                            }}
                        </p>
                        <p><A href="/aanmeldingen">"Mijn aanmeldingen"</A></p>
                    }.into_any()),
                    Receipt::Failed(message) => Some(view! { <p class="field-error">{message}</p> }.into_any()),
                }}
            </div>
            {errors.summary("su-fouten")}
            <form on:submit=submit novalidate=true>
                {on_behalf.checkbox("su-namens", "Ik meld een bewoner aan, namens hem of haar")}
                <div class="field">
                    <label for="su-naam">"Voornaam"</label>
                    {errors.line(SignUpField::FirstName, "su-naam-fout")}
                    <input id="su-naam" type="text" autocomplete="given-name" maxlength="50"
                        aria-invalid=errors.invalid(&[SignUpField::FirstName])
                        aria-describedby=errors.described(None, &[(SignUpField::FirstName, "su-naam-fout")])
                        prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev)) />
                </div>
                <p class="hint" id="su-contact-uitleg">{match contact {
                    ContactNeed::PhoneOrEmail => "Vul een telefoonnummer of een e-mailadres in. Eén van de twee is genoeg.",
                    ContactNeed::Phone => "De organisatie belt je als dat nodig is.",
                    ContactNeed::Email => "De organisatie mailt je als dat nodig is.",
                }}</p>
                {errors.line(SignUpField::Contact, "su-contact-fout")}
                {contact.asks_phone().then(|| view! {
                    <div class="field">
                        <label for="su-telefoon">"Telefoonnummer"</label>
                        {errors.line(SignUpField::Phone, "su-telefoon-fout")}
                        <input id="su-telefoon" type="tel" autocomplete="tel" inputmode="tel" maxlength="30"
                            aria-invalid=errors.invalid(&[SignUpField::Phone, SignUpField::Contact])
                            aria-describedby=errors.described(Some("su-contact-uitleg"), &[(SignUpField::Contact, "su-contact-fout"), (SignUpField::Phone, "su-telefoon-fout")])
                            prop:value=move || phone.get()
                            on:input=move |ev| phone.set(event_target_value(&ev)) />
                    </div>
                })}
                {contact.asks_email().then(|| view! {
                    <div class="field">
                        <label for="su-email">"E-mailadres"</label>
                        {errors.line(SignUpField::Email, "su-email-fout")}
                        <input id="su-email" type="email" autocomplete="email" maxlength="254"
                            aria-invalid=errors.invalid(&[SignUpField::Email, SignUpField::Contact])
                            aria-describedby=errors.described(Some("su-contact-uitleg"), &[(SignUpField::Contact, "su-contact-fout"), (SignUpField::Email, "su-email-fout")])
                            prop:value=move || email.get()
                            on:input=move |ev| email.set(event_target_value(&ev)) />
                    </div>
                })}
                <div class="field">
                    <label for="su-aantal">"Met hoeveel mensen kom je?"</label>
                    {errors.line(SignUpField::PartySize, "su-aantal-fout")}
                    <select id="su-aantal" aria-describedby=errors.described(None, &[(SignUpField::PartySize, "su-aantal-fout")])
                        on:change=move |ev| party.set(event_target_value(&ev).parse().unwrap_or(1))>
                        {(1..=MAX_PARTY).map(|n| view! {
                            <option value=n.to_string() selected=move || party.get() == n>{n.to_string()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="su-bericht">"Bericht (mag leeg blijven)"</label>
                    {errors.line(SignUpField::Note, "su-bericht-fout")}
                    <textarea id="su-bericht" rows="3" maxlength="500"
                        aria-invalid=errors.invalid(&[SignUpField::Note])
                        aria-describedby=errors.described(None, &[(SignUpField::Note, "su-bericht-fout")])
                        prop:value=move || note.get()
                        on:input=move |ev| note.set(event_target_value(&ev))></textarea>
                </div>
                {errors.line(SignUpField::Consent, "su-toestemming-fout")}
                <div class="field field-check">
                    <input id="su-toestemming" type="checkbox"
                        aria-invalid=errors.invalid(&[SignUpField::Consent])
                        aria-describedby=errors.described(None, &[(SignUpField::Consent, "su-toestemming-fout")])
                        prop:checked=move || consent.get()
                        on:change=move |ev| consent.set(event_target_checked(&ev)) />
                    <label for="su-toestemming">
                        {move || if on_behalf.chosen() {
                            format!("De bewoner vindt het goed dat Omzien zijn of haar gegevens doorgeeft aan {organiser}. Alleen voor deze activiteit.")
                        } else {
                            format!("Ik vind het goed dat Omzien mijn gegevens doorgeeft aan {organiser}. Alleen voor deze activiteit.")
                        }}
                    </label>
                </div>
                <button type="submit" prop:disabled=move || saving.get()>"Aanmelden"</button>
            </form>
        </section>
    }
}
