//! The note form of `/melden`. The rules are `omzien_core::note`'s, the same the server
//! applies. "Bewaard" appears only once the note is durably in the outbox.

use leptos::prelude::*;
use leptos::task::spawn_local;
use omzien_core::form::Field as Rule;
use omzien_core::note::{
    About, ConcernNoteRequest, NoteBody, NoteConsent, NoteKind, NoteRouting, ReporterContact,
    ReporterRole, Signal, Urgency,
};
use omzien_core::seal::SystemRng;
use omzien_core::wire::{Change, Mutation};

use super::receipt::Receipt;
use crate::browser::uuid::new_id;
use crate::components::field::{Check, Field};
use crate::components::focus_by_id;
use crate::components::form_errors::FormErrors;
use crate::components::on_behalf::OnBehalf;
use crate::i18n::{t_string, td_string, use_i18n};
use crate::pages::{wijk_choices, with_catalogue};
use crate::state::contexts::use_catalogue;
use crate::state::contexts::use_device;
use crate::state::contexts::use_network;
use crate::state::contexts::use_outbox;
use crate::state::contexts::use_session;
use crate::words;

/// Phone and e-mail share a rule: one of them when the meldpunt may get in touch. Its
/// sentence stands above both.
const CONTACT: (Rule, &str) = (Rule::ReporterContact, "mp-contact-fout");

/// The form for a note of this kind; `saved` once it is kept, `back` to the choice.
#[component]
pub fn NoteForm(
    kind: NoteKind,
    saved: impl Fn(Receipt) + Copy + 'static,
    back: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let network = use_network();
    let outbox = use_outbox();
    let catalogue = use_catalogue();
    let device = use_device();
    let i18n = use_i18n();
    let about = match kind {
        NoteKind::Worried => About::SomeoneElse,
        NoteKind::WantsContact => About::Own,
    };
    let worried = about == About::SomeoneElse;
    let person_hint = RwSignal::new(String::new());
    let wijk = RwSignal::new(String::new());
    let signals = RwSignal::new(Vec::<Signal>::new());
    let story = RwSignal::new(String::new());
    let urgency = RwSignal::new(Urgency::Normal);
    let role = RwSignal::new(ReporterRole::Resident);
    let name = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let may_contact = RwSignal::new(false);
    let may_name = RwSignal::new(false);
    let may_share = RwSignal::new(false);
    let agreed = RwSignal::new(false);
    let on_behalf = OnBehalf::new(use_session());
    let errors = FormErrors::about_resident(move || on_behalf.chosen());
    let failed = RwSignal::new(None::<&'static str>);
    let saving = RwSignal::new(false);

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if saving.get_untracked() {
            return;
        }
        let optional = |text: RwSignal<String>| {
            Some(text.get_untracked().trim().to_owned()).filter(|t| !t.is_empty())
        };
        let body = NoteBody {
            signals: signals.get_untracked(),
            story: optional(story),
            person_hint: optional(person_hint),
            reporter: ReporterContact {
                name: optional(name),
                phone: optional(phone),
                email: optional(email),
            },
            consent: NoteConsent {
                agreed: agreed.get_untracked(),
                may_contact_reporter: may_contact.get_untracked(),
                may_name_reporter: worried && may_name.get_untracked(),
                may_share_with_partners: may_share.get_untracked(),
            },
        };
        let request = ConcernNoteRequest {
            routing: NoteRouting {
                kind,
                about,
                wijk: wijk.get_untracked(),
                urgency: urgency.get_untracked(),
                reporter_role: if worried {
                    role.get_untracked()
                } else {
                    ReporterRole::Resident
                },
                channel: device.channel(on_behalf.chosen_untracked()),
            },
            body: Some(body.tidied()),
            sealed: None,
        };
        if let Err(found) = request.validate() {
            errors.0.set(found);
            failed.set(None);
            focus_by_id("mp-fouten");
            return;
        }
        errors.0.set(Vec::new());
        let may_contact = request.consent().is_some_and(|c| c.may_contact_reporter);
        // Sealed here, before anything is stored: the outbox, IndexedDB and the push
        // only ever see the ciphertext (omzien_core::seal).
        let locale = i18n.get_locale_untracked();
        let Some(key) = catalogue
            .loaded
            .with_untracked(|l| l.as_ref().and_then(|l| l.catalogue.meldpunt_key.clone()))
        else {
            failed.set(Some(td_string!(locale, report.form.no_key)));
            return;
        };
        let id = new_id();
        let request = match request.sealed_to(&key, &id, &mut SystemRng) {
            Ok(sealed) => sealed,
            Err(_) => {
                failed.set(Some(td_string!(locale, report.form.seal_failed)));
                return;
            }
        };
        saving.set(true);
        let mutation = Mutation {
            id,
            change: Change::ConcernNote(Box::new(request)),
        };
        spawn_local(async move {
            let offline = !network.online.get_untracked();
            match outbox.queue(mutation).await {
                Ok(()) => saved(Receipt {
                    kind,
                    offline,
                    may_contact,
                }),
                Err(error) => {
                    failed.set(Some(words::not_saved(error)));
                    saving.set(false);
                }
            }
        });
    };

    // Filled in by a worker for a resident, the questions speak about the resident
    // ("Naam van de bewoner") instead of to the one holding the tablet.
    let say = move |own: &'static str, behalf: &'static str| {
        if on_behalf.chosen() {
            behalf
        } else {
            own
        }
    };
    let wijk_label = move || {
        if worried {
            t_string!(i18n, report.form.wijk_worried)
        } else {
            say(
                t_string!(i18n, report.form.wijk_own),
                t_string!(i18n, report.form.behalf.wijk_own),
            )
        }
    };
    let story_label = move || {
        if worried {
            say(
                t_string!(i18n, report.form.story_worried),
                t_string!(i18n, report.form.behalf.story_worried),
            )
        } else {
            say(
                t_string!(i18n, report.form.story_own),
                t_string!(i18n, report.form.behalf.story_own),
            )
        }
    };

    view! {
        <h1 id="mp-kop" tabindex="-1">{move || words::note::kind(i18n.get_locale(), kind)}</h1>
        <p>{move || if worried {
            say(t_string!(i18n, report.form.intro_worried), t_string!(i18n, report.form.behalf.intro_worried))
        } else {
            say(t_string!(i18n, report.form.intro_own), t_string!(i18n, report.form.behalf.intro_own))
        }}</p>
        {errors.summary("mp-fouten")}
        {move || failed.get().map(|m| view! { <p class="utrecht-form-field-error-message field-error" role="alert">{m}</p> })}
        <form class="note-form" on:submit=submit novalidate=true>
            {on_behalf.checkbox("mp-namens", td_string!(i18n.get_locale_untracked(), report.form.on_behalf))}
            {worried.then(|| view! {
                <Field id="mp-wie" errors=errors rule=Rule::PersonHint label=move || t_string!(i18n, report.form.who)
                    hint=move || t_string!(i18n, report.form.who_hint) let:control>
                    <input id=control.id type="text" maxlength="200" autocomplete="off"
                        aria-invalid=control.invalid()
                        aria-describedby=control.described()
                        prop:value=move || person_hint.get()
                        on:input=move |ev| person_hint.set(event_target_value(&ev)) />
                </Field>
            })}
            {with_catalogue(move |loaded| {
                let wijken = wijk_choices(&loaded.catalogue);
                // A first visit without a connection: the wijken are not on the device
                // yet, and a note needs one. Say so instead of a list that is empty.
                if wijken.is_empty() {
                    return view! {
                        <div class="utrecht-alert utrecht-alert--info notice" data-testid="mp-geen-wijken">
                            <p><strong>{move || t_string!(i18n, report.form.no_wijken)}</strong></p>
                            <p>{move || t_string!(i18n, report.form.no_wijken_help)}</p>
                        </div>
                    }
                    .into_any();
                }
                view! {
                    <Field id="mp-wijk" errors=errors rule=Rule::Wijk label=wijk_label let:control>
                        <select id=control.id
                            aria-invalid=control.invalid()
                            aria-describedby=control.described()
                            on:change=move |ev| wijk.set(event_target_value(&ev))>
                            <option value="">{move || t_string!(i18n, report.form.choose_wijk)}</option>
                            {wijken.into_iter().map(|(id, name)| {
                                let selected = wijk.get_untracked() == id;
                                view! { <option value=id selected=selected lang="nl">{name}</option> }
                            }).collect_view()}
                        </select>
                    </Field>
                }
                .into_any()
            })}
            {worried.then(|| view! {
                <fieldset class="question"
                    aria-describedby=errors.described(None, &[(Rule::Signals, "mp-signalen-fout")])>
                    <legend>{move || say(t_string!(i18n, report.form.signals), t_string!(i18n, report.form.behalf.signals))}</legend>
                    {errors.line(Rule::Signals, "mp-signalen-fout")}
                    {Signal::ALL.into_iter().enumerate().map(|(i, signal)| {
                        let id = format!("mp-signaal-{i}");
                        view! {
                            <div class="utrecht-form-field field field-check">
                                <input id=id.clone() type="checkbox"
                                    prop:checked=move || signals.with(|s| s.contains(&signal))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        signals.update(|s| {
                                            s.retain(|x| *x != signal);
                                            if on { s.push(signal); }
                                        });
                                    } />
                                <label for=id>{move || words::note::signal(i18n.get_locale(), signal)}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
            })}
            <Field id="mp-verhaal" errors=errors rule=Rule::Story label=story_label let:control>
                <textarea id=control.id rows="4" maxlength="1000"
                    aria-invalid=control.invalid()
                    aria-describedby=control.described()
                    prop:value=move || story.get()
                    on:input=move |ev| story.set(event_target_value(&ev))></textarea>
            </Field>
            <fieldset class="question" aria-describedby="mp-112">
                <legend>{move || t_string!(i18n, report.form.urgency)}</legend>
                <p id="mp-112" class="utrecht-form-field-description hint"><strong>{move || t_string!(i18n, report.emergency)}</strong></p>
                <div class="answers">
                    {Urgency::ALL.into_iter().map(|u| {
                        let id = format!("mp-haast-{}", u.as_str());
                        view! {
                            <label class="answer" for=id.clone()>
                                <input type="radio" id=id.clone() name="mp-haast"
                                    prop:checked=move || urgency.get() == u
                                    on:change=move |_| urgency.set(u) />
                                <span>{move || words::note::urgency(i18n.get_locale(), u)}</span>
                            </label>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
            {worried.then(|| view! {
                <fieldset class="question">
                    <legend>{move || say(t_string!(i18n, report.form.role), t_string!(i18n, report.form.behalf.role))}</legend>
                    <div class="answers">
                        {ReporterRole::ALL.into_iter().map(|r| {
                            let id = format!("mp-rol-{}", r.as_str());
                            view! {
                                <label class="answer" for=id.clone()>
                                    <input type="radio" id=id.clone() name="mp-rol"
                                        prop:checked=move || role.get() == r
                                        on:change=move |_| role.set(r) />
                                    <span>{move || words::note::role(i18n.get_locale(), r)}</span>
                                </label>
                            }
                        }).collect_view()}
                    </div>
                </fieldset>
            })}
            <fieldset class="question">
                <legend>{move || if worried {
                    say(t_string!(i18n, report.form.contact_worried), t_string!(i18n, report.form.behalf.contact_worried))
                } else {
                    say(t_string!(i18n, report.form.contact_own), t_string!(i18n, report.form.behalf.contact_own))
                }}</legend>
                <p class="utrecht-form-field-description hint" id="mp-contact-uitleg">{move || if worried {
                    say(t_string!(i18n, report.form.contact_hint_worried), t_string!(i18n, report.form.behalf.contact_hint_worried))
                } else {
                    say(t_string!(i18n, report.form.contact_hint_own), t_string!(i18n, report.form.behalf.contact_hint_own))
                }}</p>
                <Check id="mp-mag-bellen" checked=may_contact errors=errors rule=Rule::MayContactReporter
                    label=move || say(t_string!(i18n, report.form.may_contact), t_string!(i18n, report.form.behalf.may_contact)) />
                <Field id="mp-naam" errors=errors rule=Rule::ReporterName label=move || say(t_string!(i18n, report.form.name), t_string!(i18n, report.form.behalf.name)) let:control>
                    <input id=control.id type="text" autocomplete="name" maxlength="50"
                        aria-invalid=control.invalid()
                        aria-describedby=control.described()
                        prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev)) />
                </Field>
                {errors.line(CONTACT.0, CONTACT.1)}
                <Field id="mp-telefoon" errors=errors rule=Rule::ReporterPhone label=move || say(t_string!(i18n, report.form.phone), t_string!(i18n, report.form.behalf.phone))
                    described_by="mp-contact-uitleg" shared=CONTACT let:control>
                    <input id=control.id type="tel" autocomplete="tel" inputmode="tel" maxlength="30"
                        aria-invalid=control.invalid()
                        aria-describedby=control.described()
                        prop:value=move || phone.get()
                        on:input=move |ev| phone.set(event_target_value(&ev)) />
                </Field>
                <Field id="mp-email" errors=errors rule=Rule::ReporterEmail label=move || say(t_string!(i18n, report.form.email), t_string!(i18n, report.form.behalf.email))
                    described_by="mp-contact-uitleg" shared=CONTACT let:control>
                    <input id=control.id type="email" autocomplete="email" maxlength="254"
                        aria-invalid=control.invalid()
                        aria-describedby=control.described()
                        prop:value=move || email.get()
                        on:input=move |ev| email.set(event_target_value(&ev)) />
                </Field>
            </fieldset>
            <fieldset class="question">
                <legend>{move || say(t_string!(i18n, report.form.use_question), t_string!(i18n, report.form.behalf.use_question))}</legend>
                <p class="utrecht-form-field-description hint" id="mp-uitleg">{move || say(t_string!(i18n, report.form.use_hint), t_string!(i18n, report.form.behalf.use_hint))}</p>
                {worried.then(|| view! {
                    <Check id="mp-mag-noemen" checked=may_name errors=errors rule=Rule::MayNameReporter
                        label=move || say(t_string!(i18n, report.form.may_name), t_string!(i18n, report.form.behalf.may_name)) />
                })}
                <Check id="mp-delen" checked=may_share errors=errors label=move || say(t_string!(i18n, report.form.may_share), t_string!(i18n, report.form.behalf.may_share)) />
                <Check id="mp-akkoord" checked=agreed errors=errors rule=Rule::NoteConsent described_by="mp-uitleg"
                    label=move || if on_behalf.chosen() {
                        t_string!(i18n, report.form.agree_on_behalf)
                    } else {
                        t_string!(i18n, report.form.agree)
                    } />
            </fieldset>
            <div class="form-buttons">
                <button type="submit" prop:disabled=move || saving.get()>{move || t_string!(i18n, report.form.send)}</button>
                <button type="button" class="secondary" on:click=move |_| back()>{move || t_string!(i18n, report.form.back)}</button>
            </div>
        </form>
    }
}
