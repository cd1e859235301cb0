//! The sign-up form on an activity page. The rules are `omzien_core`'s, the same the
//! server applies; the form only shows them. Once the sign-up is durably in the
//! outbox, a panel takes the form's place: for what, when, who will be in touch, and
//! where the sign-up stands, live.

use crate::components::on_behalf::OnBehalf;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use omzien_core::signup::{ContactNeed, SignUpField, SignUpRequest, MAX_PARTY};
use omzien_core::wire::{Change, Mutation};

use crate::browser::intl;
use crate::browser::random::new_secret;
use crate::browser::uuid::new_id;
use crate::components::field::{Check, Field};
use crate::components::focus_by_id;
use crate::components::form_errors::FormErrors;
use crate::i18n::{t_string, td_string, use_i18n};
use crate::state::contexts::use_device;
use crate::state::contexts::use_network;
use crate::state::contexts::use_outbox;
use crate::state::contexts::use_session;
use crate::words;

/// Phone and e-mail share a rule: one of them, or the one the organiser needs. Its
/// sentence stands above both.
const CONTACT: (SignUpField, &str) = (SignUpField::Contact, "su-contact-fout");

/// A sign-up that is in the outbox: its id, and whether there was no connection when
/// it was saved.
#[derive(Clone, PartialEq)]
struct Saved {
    id: String,
    offline: bool,
    /// Made by a worker for a resident: the panel speaks about the resident.
    behalf: bool,
}

#[component]
/// `organiser`: the organisation's name, or `None` when the catalogue does not know it.
/// `when`: the next date in words, if one is known.
pub fn SignUpForm(
    activity_id: String,
    activity_name: String,
    organiser: Option<String>,
    contact: ContactNeed,
    when: Option<Signal<String>>,
) -> impl IntoView {
    let network = use_network();
    let outbox = use_outbox();
    let device = use_device();
    let i18n = use_i18n();
    // The organisation's name, or "de organisatie" in the chosen language.
    let organiser = move || match &organiser {
        Some(name) => name.clone(),
        None => td_string!(i18n.get_locale(), catalogue.activity.the_organisation).to_owned(),
    };
    let organiser = Signal::derive(organiser);
    let name = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let party = RwSignal::new(1u8);
    let note = RwSignal::new(String::new());
    let consent = RwSignal::new(false);
    let share = RwSignal::new(false);
    let on_behalf = OnBehalf::new(use_session());
    // Filled in by a worker for a resident, the questions speak about the resident
    // ("Met hoeveel mensen komt de bewoner?") instead of to the one holding the tablet.
    let say = move |own: &'static str, behalf: &'static str| {
        if on_behalf.chosen() {
            behalf
        } else {
            own
        }
    };
    let errors = FormErrors::about_resident(move || on_behalf.chosen());
    let saved = RwSignal::new(None::<Saved>);
    let failed = RwSignal::new(None::<&'static str>);
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
            channel: device.channel(on_behalf.chosen_untracked()),
            consent: consent.get_untracked(),
            share_with_organiser: share.get_untracked(),
            cancel_secret: new_secret(),
        };
        if let Err(found) = request.validate(contact) {
            errors.0.set(found);
            failed.set(None);
            focus_by_id("su-fouten");
            return;
        }
        errors.0.set(Vec::new());
        saving.set(true);
        let id = new_id();
        let behalf = on_behalf.chosen_untracked();
        let mutation = Mutation {
            id: id.clone(),
            change: Change::SignUp(request),
        };
        spawn_local(async move {
            let offline = !network.online.get_untracked();
            match outbox.queue(mutation).await {
                Ok(()) => {
                    failed.set(None);
                    saved.set(Some(Saved {
                        id,
                        offline,
                        behalf,
                    }));
                    for field in [name, phone, email, note] {
                        field.set(String::new());
                    }
                    party.set(1);
                    consent.set(false);
                    share.set(false);
                    saving.set(false);
                    focus_by_id("su-klaar");
                }
                Err(error) => {
                    failed.set(Some(words::not_saved(error)));
                    saving.set(false);
                    focus_by_id("su-bon");
                }
            }
        });
    };
    let status = move |id: &str| {
        let locale = i18n.get_locale();
        outbox.sign_ups.with(|all| {
            all.iter()
                .find(|s| s.id == id)
                .map(|s| words::sign_up::status_text(locale, &s.status))
        })
    };

    view! {
        <section class="sign-up" aria-labelledby="su-kop">
            <h2 id="su-kop">{move || t_string!(i18n, signup.heading)}</h2>
            <p>{move || words::fill(say(t_string!(i18n, signup.intro), t_string!(i18n, signup.behalf.intro)), &[("organiser", &organiser.get())])}</p>
            <div id="su-bon" tabindex="-1" role="status" class="receipt">
                {move || failed.get().map(|message| view! { <p class="utrecht-form-field-error-message field-error">{message}</p> })}
            </div>
            {move || saved.get().map(|Saved { id, offline, behalf }| {
                let name = activity_name.clone();
                let pick = move |own: &'static str, for_resident: &'static str| if behalf { for_resident } else { own };
                view! {
                    <div class="utrecht-alert utrecht-alert--ok sign-up-done" role="status">
                        <h3 id="su-klaar" tabindex="-1">{move || words::fill(pick(t_string!(i18n, signup.done.heading), t_string!(i18n, signup.behalf.done_heading)), &[("activity", &name)])}</h3>
                        {when.map(|when| view! {
                            <p><strong>{move || t_string!(i18n, catalogue.activity.when)}": "</strong>{move || when.get()}</p>
                        })}
                        <p>{move || words::fill(pick(t_string!(i18n, signup.done.contact), t_string!(i18n, signup.behalf.done_contact)), &[("organiser", &organiser.get())])}</p>
                        <p>
                            {move || pick(t_string!(i18n, signup.saved), t_string!(i18n, signup.behalf.saved))}
                            {offline.then(|| view! { " " {move || t_string!(i18n, signup.saved_offline)} })}
                        </p>
                        <p>
                            <strong>{move || t_string!(i18n, signup.done.status)}" "</strong>
                            <span class="sign-up-status">{move || status(&id)}</span>
                        </p>
                        <ul class="plain next-steps">
                            <li><A href="/activiteiten">{move || t_string!(i18n, signup.done.back)}</A></li>
                            <li><A href="/aanmeldingen">{move || t_string!(i18n, signup.my_sign_ups)}</A></li>
                            <li><button type="button" class="secondary" on:click=move |_| {
                                saved.set(None);
                                focus_by_id("su-naam");
                            }>{move || t_string!(i18n, signup.done.another)}</button></li>
                        </ul>
                    </div>
                }
            })}
            {errors.summary("su-fouten")}
            <form on:submit=submit novalidate=true hidden=move || saved.with(Option::is_some)>
                {on_behalf.checkbox("su-namens", Signal::derive(move || t_string!(i18n, signup.on_behalf).to_owned()))}
                <Field id="su-naam" errors=errors rule=SignUpField::FirstName label=move || say(t_string!(i18n, signup.first_name), t_string!(i18n, signup.behalf.first_name)) let:control>
                    <input id=control.id type="text" autocomplete="given-name" maxlength="50"
                        aria-invalid=control.invalid()
                        aria-describedby=control.described()
                        prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev)) />
                </Field>
                <p class="utrecht-form-field-description hint" id="su-contact-uitleg">{move || match contact {
                    ContactNeed::PhoneOrEmail => say(t_string!(i18n, signup.contact_phone_or_email), t_string!(i18n, signup.behalf.contact_phone_or_email)),
                    ContactNeed::Phone => say(t_string!(i18n, signup.contact_phone), t_string!(i18n, signup.behalf.contact_phone)),
                    ContactNeed::Email => say(t_string!(i18n, signup.contact_email), t_string!(i18n, signup.behalf.contact_email)),
                }}</p>
                {errors.line(CONTACT.0, CONTACT.1)}
                {contact.asks_phone().then(|| view! {
                    <Field id="su-telefoon" errors=errors rule=SignUpField::Phone label=move || say(t_string!(i18n, signup.phone), t_string!(i18n, signup.behalf.phone))
                        described_by="su-contact-uitleg" shared=CONTACT let:control>
                        <input id=control.id type="tel" autocomplete="tel" inputmode="tel" maxlength="30"
                            aria-invalid=control.invalid()
                            aria-describedby=control.described()
                            prop:value=move || phone.get()
                            on:input=move |ev| phone.set(event_target_value(&ev)) />
                    </Field>
                })}
                {contact.asks_email().then(|| view! {
                    <Field id="su-email" errors=errors rule=SignUpField::Email label=move || say(t_string!(i18n, signup.email), t_string!(i18n, signup.behalf.email))
                        described_by="su-contact-uitleg" shared=CONTACT let:control>
                        <input id=control.id type="email" autocomplete="email" maxlength="254"
                            aria-invalid=control.invalid()
                            aria-describedby=control.described()
                            prop:value=move || email.get()
                            on:input=move |ev| email.set(event_target_value(&ev)) />
                    </Field>
                })}
                <Field id="su-aantal" errors=errors rule=SignUpField::PartySize label=move || say(t_string!(i18n, signup.party), t_string!(i18n, signup.behalf.party)) let:control>
                    <select id=control.id aria-invalid=control.invalid() aria-describedby=control.described()
                        on:change=move |ev| party.set(event_target_value(&ev).parse().unwrap_or(1))>
                        {(1..=MAX_PARTY).map(|n| view! {
                            <option value=n.to_string() selected=move || party.get() == n>{move || intl::number(i18n.get_locale(), n)}</option>
                        }).collect_view()}
                    </select>
                </Field>
                <Field id="su-bericht" errors=errors rule=SignUpField::Note label=move || say(t_string!(i18n, signup.note), t_string!(i18n, signup.behalf.note)) let:control>
                    <textarea id=control.id rows="3" maxlength="500"
                        aria-invalid=control.invalid()
                        aria-describedby=control.described()
                        prop:value=move || note.get()
                        on:input=move |ev| note.set(event_target_value(&ev))></textarea>
                </Field>
                <Check id="su-toestemming" checked=consent errors=errors rule=SignUpField::Consent label=move || {
                    let template = if on_behalf.chosen() {
                        t_string!(i18n, signup.consent_behalf)
                    } else {
                        t_string!(i18n, signup.consent_self)
                    };
                    words::fill(template, &[("organiser", &organiser.get())])
                } />
                // Optional and off by default: the organiser counts everyone, and sees a
                // name only where the resident said so (`GET …/sign-ups`).
                <Check id="su-delen" checked=share errors=errors described_by="su-delen-uitleg" label=move || {
                    if on_behalf.chosen() {
                        t_string!(i18n, signup.share_name_behalf)
                    } else {
                        t_string!(i18n, signup.share_name)
                    }
                } />
                <p class="utrecht-form-field-description hint" id="su-delen-uitleg">{move || say(t_string!(i18n, signup.share_name_explain), t_string!(i18n, signup.behalf.share_name_explain))}</p>
                <button type="submit" prop:disabled=move || saving.get()>{move || t_string!(i18n, signup.submit)}</button>
            </form>
        </section>
    }
}
