//! `/medewerkers/organisatie-aanmelden`: an organiser from a partner not yet in Omzien
//! proposes it (an editor adds one, published at once). Online only: the answer says
//! whether the name is taken, and a new partner is rare enough to wait for signal.

use leptos::prelude::*;
use leptos_router::components::A;
use omzien_core::form::Field as Rule;
use omzien_core::model::Contact;
use omzien_core::new_organisation::{NewOrganisation, Proposed};
use omzien_core::staff::Role;

use super::closed;
use crate::api;
use crate::components::field::Field;
use crate::components::form_errors::FormErrors;
use crate::components::staff_only::{staff_access, StaffAccess};
use crate::components::{focus_by_id, set_title};
use crate::i18n::{t_string, td_string, use_i18n, Locale};
use crate::state::contexts::use_session;
use crate::words;

/// The contact rule's sentence, above phone, e-mail and website.
const CONTACT: (Rule, &str) = (Rule::OrganisationContact, "org-contact-fout");

#[component]
pub fn NewOrganisationPage() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| set_title(t_string!(i18n, offer.organisation.title)));
    let access = staff_access(Role::can_edit_activities);
    // Outside the form: keeping the new organisation in the session redraws the form.
    let made = RwSignal::new(None::<Proposed>);
    view! {
        <p class="back"><A href="/medewerkers/aanbod">{move || t_string!(i18n, offer.back)}</A></p>
        <h1 tabindex="-1">{move || t_string!(i18n, offer.organisation.title)}</h1>
        <p>{move || t_string!(i18n, offer.organisation.intro)}</p>
        {move || made.get().map(|answer| view! {
            <div id="org-gemaakt" tabindex="-1" role="status" class="receipt" data-testid="organisation-made">
                <p><strong>{move || words::fill(t_string!(i18n, offer.organisation.sent), &[("name", &answer.organisation.name)])}</strong></p>
                <p>{move || if answer.published { t_string!(i18n, offer.organisation.published) } else { t_string!(i18n, offer.organisation.waits) }}</p>
                <p class="next-links"><A href="/medewerkers/aanbod">{move || t_string!(i18n, offer.form.to_list)}</A></p>
            </div>
        })}
        {move || {
            let access = access.get();
            closed(&access).unwrap_or_else(|| match access {
                StaffAccess::Open(session) => view! { <ProposalForm token=session.token made=made /> }.into_any(),
                _ => view! {
                    <p class="utrecht-alert utrecht-alert--info notice" data-testid="organisation-offline"><strong>{move || t_string!(i18n, offer.offline)}</strong>" "
                    {move || t_string!(i18n, offer.organisation.offline)}</p>
                }.into_any(),
            })
        }}
    }
}

#[component]
fn ProposalForm(token: String, made: RwSignal<Option<Proposed>>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let website = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let refused = RwSignal::new(None::<String>);

    let send = Action::new_local(move |proposal: &NewOrganisation| {
        let (token, proposal) = (token.clone(), proposal.clone());
        async move {
            match api::catalogue::propose_organisation(&token, &proposal).await {
                Ok(answer) => {
                    for field in [name, description, phone, email, website] {
                        field.set(String::new());
                    }
                    refused.set(None);
                    let keeps = answer.keeps.clone();
                    made.set(Some(answer));
                    focus_by_id("org-gemaakt");
                    // Last: the new session redraws this form.
                    session.keep_organisations(keeps).await;
                }
                Err(error) => {
                    // A 409 names the organisation that is there already.
                    let message = words::for_staff(&error);
                    refused.set(Some(message));
                    focus_by_id("org-fout");
                }
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if send.pending().get_untracked() {
            return;
        }
        let given = |s: RwSignal<String>| Some(s.get_untracked()).filter(|t| !t.trim().is_empty());
        let proposal = NewOrganisation {
            name: name.get_untracked(),
            description: description.get_untracked(),
            contact: Contact {
                phone: given(phone),
                email: given(email),
                website: given(website),
                source: None,
            },
        };
        made.set(None);
        refused.set(None);
        match proposal.validate() {
            Err(found) => {
                errors.0.set(found);
                focus_by_id("org-fout-lijst");
            }
            Ok(()) => {
                errors.0.set(Vec::new());
                send.dispatch(proposal);
            }
        }
    };
    let text_input = move |id: &'static str,
                           rule: Rule,
                           label: fn(Locale) -> &'static str,
                           value: RwSignal<String>,
                           kind: &'static str| {
        view! {
            <Field id=id errors=errors rule=rule label=move || label(i18n.get_locale()) shared=CONTACT let:control>
                <input id=control.id type=kind aria-invalid=control.invalid() aria-describedby=control.described()
                    prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
            </Field>
        }
    };

    view! {
        {errors.summary("org-fout-lijst")}
        <div id="org-fout" tabindex="-1" role="alert" class="utrecht-alert utrecht-alert--error error-summary" class:shown=move || refused.with(Option::is_some)>
            {move || refused.get().map(|message| view! { <p class="utrecht-form-field-error-message field-error">{message}</p> })}
        </div>
        <form class="staff-form" on:submit=submit novalidate=true>
            <Field id="org-naam" errors=errors rule=Rule::Organisation label=move || t_string!(i18n, offer.organisation.name) let:control>
                <input id=control.id type="text" maxlength="120" aria-invalid=control.invalid() aria-describedby=control.described()
                    prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
            </Field>
            <Field id="org-beschrijving" errors=errors rule=Rule::Description label=move || t_string!(i18n, offer.organisation.description)
                hint=move || t_string!(i18n, offer.organisation.description_hint) let:control>
                <textarea id=control.id rows="4" maxlength="1000" aria-invalid=control.invalid() aria-describedby=control.described()
                    prop:value=move || description.get() on:input=move |ev| description.set(event_target_value(&ev))></textarea>
            </Field>
            <fieldset>
                <legend>{move || t_string!(i18n, offer.fields.contact)}</legend>
                <p>{move || t_string!(i18n, offer.organisation.contact_hint)}</p>
                {errors.line(CONTACT.0, CONTACT.1)}
                {text_input("org-telefoon", Rule::Phone, |l| td_string!(l, offer.form.phone), phone, "tel")}
                {text_input("org-email", Rule::Email, |l| td_string!(l, offer.form.email), email, "email")}
                {text_input("org-website", Rule::Website, |l| td_string!(l, offer.form.website), website, "url")}
            </fieldset>
            <div class="form-buttons">
                <button type="submit" prop:disabled=move || send.pending().get()>{move || t_string!(i18n, offer.organisation.submit)}</button>
            </div>
        </form>
    }
}
