use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use omzien_core::{Activity, Catalogue, Contact};

use super::catalogue::wijk_name;
use super::{with_catalogue, NoDataYet};
use crate::components::set_title;
use crate::components::sign_up_form::SignUpForm;
use crate::components::take_away::TakeAway;
use crate::i18n::{t_string, td_string, use_i18n};
use crate::pages::not_found::NotFound;
use crate::state::contexts::use_catalogue;
use crate::state::contexts::use_device;
use crate::words;

#[component]
pub fn ActivityPage() -> impl IntoView {
    let params = use_params_map();
    let catalogue = use_catalogue();
    let back = move || format!("/activiteiten{}", catalogue.last_search.get());
    let i18n = use_i18n();
    view! {
        <p class="back"><A href=back>{move || t_string!(i18n, catalogue.activity.back)}</A></p>
        {with_catalogue(move |loaded| {
            let id = params.with(|p| p.get("id").unwrap_or_default());
            match loaded.catalogue.activity(&id) {
                Some(activity) => {
                    set_title(&activity.name);
                    details(&loaded.catalogue, activity).into_any()
                }
                None if loaded.catalogue.activities.is_empty() => view! {
                    <h1 tabindex="-1">{move || t_string!(i18n, catalogue.activity.heading)}</h1>
                    <NoDataYet />
                }
                .into_any(),
                None => view! { <NotFound /> }.into_any(),
            }
        })}
    }
}

/// Drawn again only when the activity changes, not when the language does (a sign-up
/// being typed would be lost): every translated text below follows the language itself.
fn details(catalogue: &Catalogue, a: &Activity) -> impl IntoView {
    let i18n = use_i18n();
    let organisation = catalogue.organisation(&a.organisation_id).cloned();
    let organiser_name = organisation.as_ref().map(|o| o.name.clone());
    let kind = a.kind;
    let when = Some(a.schedule.describe_nl()).filter(|w| !w.is_empty());
    let when = match when {
        Some(when) => view! { <dd class="slip" lang="nl">{when}</dd> }.into_any(),
        None => view! { <dd class="slip">{move || t_string!(i18n, catalogue.activity.when_unknown)}</dd> }
            .into_any(),
    };
    let wijk = wijk_name(catalogue, a);
    let place_in_wijk = move || words::activity::place_in(i18n.get_locale(), wijk.as_deref());
    let place = match &a.location {
        Some(l) => {
            let address = [l.address.clone(), l.postal_code.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ");
            if address.is_empty() {
                let name = l.name.clone();
                view! {
                    <dd class="slip"><span lang="nl">{name}</span>" ("{place_in_wijk}")"</dd>
                }
                .into_any()
            } else {
                let text = format!("{}, {address}, {}", l.name, l.city);
                view! { <dd class="slip" lang="nl">{text}</dd> }.into_any()
            }
        }
        None => view! { <dd class="slip">{place_in_wijk}</dd> }.into_any(),
    };
    let groups = a.target_groups.clone();
    let for_whom = move || {
        let locale = i18n.get_locale();
        groups
            .iter()
            .map(|&g| words::activity::group_label(locale, g))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let helps = a.loneliness_types.clone();
    let cost = match (a.free, &a.cost_note) {
        (_, Some(note)) => view! { <dd lang="nl">{note.clone()}</dd> }.into_any(),
        (Some(true), None) => {
            view! { <dd>{move || t_string!(i18n, catalogue.activity.cost_free)}</dd> }.into_any()
        }
        (Some(false), None) => {
            view! { <dd>{move || t_string!(i18n, catalogue.activity.cost_contribution)}</dd> }
                .into_any()
        }
        (None, None) => {
            view! { <dd>{move || t_string!(i18n, catalogue.activity.cost_unknown)}</dd> }.into_any()
        }
    };
    let join = match (a.sign_up_required, &a.how_to_join) {
        (_, Some(how)) => view! { <dd lang="nl">{how.clone()}</dd> }.into_any(),
        (Some(true), None) => {
            view! { <dd>{move || t_string!(i18n, catalogue.activity.join_required)}</dd> }
                .into_any()
        }
        (Some(false), None) => {
            view! { <dd>{move || t_string!(i18n, catalogue.activity.join_not_required)}</dd> }
                .into_any()
        }
        (None, None) => {
            view! { <dd>{move || t_string!(i18n, catalogue.activity.join_ask)}</dd> }.into_any()
        }
    };
    let contact = if a.contact.is_empty() {
        organisation
            .as_ref()
            .map(|o| o.contact.clone())
            .unwrap_or_default()
    } else {
        a.contact.clone()
    };

    view! {
        <h1 tabindex="-1" lang="nl">{a.name.clone()}</h1>
        <p class="lead" lang="nl">{a.summary.clone()}</p>
        {a.example.then(|| view! {
            <p class="notice example">
                <strong>{move || t_string!(i18n, catalogue.activity.example_strong)}</strong>
                {move || t_string!(i18n, catalogue.activity.example)}
            </p>
        })}
        {(!a.description.is_empty()).then(|| view! { <p class="description" lang="nl">{a.description.clone()}</p> })}
        <dl class="facts">
            <dt class="slip">{move || t_string!(i18n, catalogue.activity.what)}</dt>
            <dd class="slip">{move || words::activity::kind_label(i18n.get_locale(), kind)}</dd>
            <dt class="slip">{move || t_string!(i18n, catalogue.activity.when)}</dt>
            {when}
            <dt class="slip">{move || t_string!(i18n, catalogue.activity.location)}</dt>
            {place}
            <dt>{move || t_string!(i18n, catalogue.activity.for_whom)}</dt>
            <dd>{for_whom}</dd>
            <dt>{move || t_string!(i18n, catalogue.activity.helps)}</dt>
            <dd><ul class="plain">{helps.into_iter().map(|h| view! { <li>{move || words::activity::loneliness_label(i18n.get_locale(), h)}</li> }).collect_view()}</ul></dd>
            <dt>{move || t_string!(i18n, catalogue.activity.cost)}</dt>
            {cost}
            <dt>{move || t_string!(i18n, catalogue.activity.join)}</dt>
            {join}
            {a.accessibility.clone().map(|text| view! {
                <dt>{move || t_string!(i18n, catalogue.activity.accessibility)}</dt>
                <dd lang="nl">{text}</dd>
            })}
            <dt class="slip">{move || t_string!(i18n, catalogue.activity.contact)}</dt>
            <dd class="slip"><ContactView contact=contact.clone() /></dd>
            {organisation.map(|o| view! {
                <dt>{move || t_string!(i18n, catalogue.activity.organisation)}</dt>
                <dd lang="nl">{o.name}{(!o.description.is_empty()).then(|| format!(". {}", o.description))}</dd>
            })}
            <dt>{move || t_string!(i18n, catalogue.activity.source)}</dt>
            <dd class="source" lang="nl">{a.source.clone()}</dd>
        </dl>
        <TakeAway activity=a.clone() contact=contact />
        {a.sign_up_in_app.then(|| view! { <SignUpForm activity_id=a.id.clone() organiser=organiser_name.clone() contact=a.sign_up_contact /> })}
    }
}

/// Phone, e-mail and website, as links. On a kiosk as plain text: a link there would
/// open a mail or phone app, or a website with no way back into Omzien.
#[component]
fn ContactView(contact: Contact) -> impl IntoView {
    let i18n = use_i18n();
    if contact.is_empty() {
        return view! { <span>{move || t_string!(i18n, catalogue.activity.no_contact)}</span> }
            .into_any();
    }
    let links = use_device().kiosk.is_none();
    let item = move |label: fn(crate::i18n::Locale) -> &'static str, text: String, href: String| {
        let label = move || label(i18n.get_locale());
        if links {
            view! { <li>{label}<a href=href>{text}</a></li> }.into_any()
        } else {
            view! { <li>{label}{text}</li> }.into_any()
        }
    };
    view! {
        <ul class="plain">
            {contact.phone.map(|p| {
                let href = format!("tel:{}", p.replace([' ', '-'], ""));
                item(|l| td_string!(l, catalogue.activity.phone), p, href)
            })}
            {contact.email.map(|e| {
                let href = format!("mailto:{e}");
                item(|l| td_string!(l, catalogue.activity.email), e, href)
            })}
            {contact.website.map(|w| item(|l| td_string!(l, catalogue.activity.website), w.clone(), w))}
        </ul>
    }
    .into_any()
}
