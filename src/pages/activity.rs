use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use omzien_core::edit::Currency;
use omzien_core::when::{self, Occurrence};
use omzien_core::{Activity, Catalogue, Contact, Organisation};

use super::catalogue::wijk_name;
use super::{with_catalogue, NoDataYet};
use crate::browser::{clock, intl};
use crate::components::icon::{Icon, IconView};
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
    let today = clock::today();
    let next = today
        .map(|today| when::next(a, today, 3))
        .unwrap_or_default();
    let stale = today
        .is_some_and(|today| catalogue.freshness.judge(a.updated_on, today) == Currency::Stale);
    let i18n = use_i18n();
    let organisation = catalogue.organisation(&a.organisation_id).cloned();
    let organiser_name = organisation.as_ref().map(|o| o.name.clone());
    let kind = a.kind;
    let organiser = Signal::derive({
        let name = organiser_name.clone();
        move || match &name {
            Some(name) => name.clone(),
            None => t_string!(i18n, catalogue.activity.the_organisation).to_owned(),
        }
    });
    let when = when_view(a, organisation.as_ref(), next.first(), organiser);
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

    // On a kiosk the QR code is what a visitor takes home: right under the summary.
    let kiosk = use_device().kiosk.is_some();
    let take_away = {
        let (a, contact) = (a.clone(), contact.clone());
        move || view! { <TakeAway activity=a contact=contact /> }
    };
    let (take_away_first, take_away_last) = if kiosk {
        (Some(take_away), None)
    } else {
        (None, Some(take_away))
    };

    view! {
        <h1 tabindex="-1" lang="nl" class="with-icon"><IconView icon=Icon::for_kind(kind) />{a.name.clone()}</h1>
        {crate::pages::in_dutch_notice()}
        <p class="lead" lang="nl">{a.summary.clone()}</p>
        {take_away_first.map(|f| f())}
        {a.example.then(|| view! {
            <p class="utrecht-alert utrecht-alert--warning notice example">
                <strong>{move || t_string!(i18n, catalogue.activity.example_strong)}</strong>
                {move || t_string!(i18n, catalogue.activity.example)}
            </p>
        })}
        {stale.then(|| view! {
            <p class="utrecht-alert utrecht-alert--info notice" data-testid="stale"><strong>{move || t_string!(i18n, catalogue.activity.stale)}</strong></p>
        })}
        {(!next.is_empty()).then(|| view! { <NextDates next=next.clone() /> })}
        {(!a.description.is_empty()).then(|| view! { <p class="description" lang="nl">{a.description.clone()}</p> })}
        <dl class="facts">
            <dt class="slip">{move || t_string!(i18n, catalogue.activity.what)}</dt>
            <dd class="slip">{move || words::activity::kind_label(i18n.get_locale(), kind)}</dd>
            <dt class="slip">{move || t_string!(i18n, catalogue.activity.when)}</dt>
            <dd class="slip">{when}</dd>
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
                <dd lang="nl"><A href=format!("/organisaties/{}", o.id)>{o.name}</A>{(!o.description.is_empty()).then(|| format!(". {}", o.description))}</dd>
            })}
            <dt>{move || t_string!(i18n, catalogue.activity.source)}</dt>
            <dd class="source" lang="nl">{a.source.clone()}</dd>
            {a.updated_on.map(|day| view! {
                <dt>{move || t_string!(i18n, catalogue.activity.updated_on)}</dt>
                <dd data-testid="updated-on">{move || intl::day_in_year(i18n.get_locale(), day)}</dd>
            })}
        </dl>
        {take_away_last.map(|f| f())}
        {a.sign_up_in_app.then(|| {
            let when = next.first().cloned().map(|o| Signal::derive(move || words::when::occurrence(i18n.get_locale(), &o)));
            view! { <SignUpForm activity_id=a.id.clone() activity_name=a.name.clone() organiser=organiser_name.clone() contact=a.sign_up_contact when=when /> }
        })}
    }
}

/// Phone, e-mail and website, as links. On a kiosk as plain text: a link there would
/// open a mail or phone app, or a website with no way back into Omzien.
#[component]
pub fn ContactView(contact: Contact) -> impl IntoView {
    let i18n = use_i18n();
    if contact.is_empty() {
        return view! { <span>{move || t_string!(i18n, catalogue.activity.no_contact_ask)}</span> }
            .into_any();
    }
    let tel = contact.tel_href();
    let source = contact.source.clone();
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
            {contact.phone.zip(tel).map(|(p, href)| item(|l| td_string!(l, catalogue.activity.phone), p, href))}
            {contact.email.map(|e| {
                let href = format!("mailto:{e}");
                item(|l| td_string!(l, catalogue.activity.email), e, href)
            })}
            {contact.website.map(|w| item(|l| td_string!(l, catalogue.activity.website), w.clone(), w))}
        </ul>
        {source.map(|source| view! {
            <p class="source">{move || t_string!(i18n, catalogue.activity.contact_source)}<span lang="nl">{source}</span></p>
        })}
    }
    .into_any()
}

/// The next dates, first thing on the page: what a visitor came to find out.
#[component]
fn NextDates(next: Vec<Occurrence>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="next-dates" aria-labelledby="volgende-keren">
            <h2 id="volgende-keren">{move || t_string!(i18n, catalogue.activity.next_dates)}</h2>
            <ul class="plain">
                {next.into_iter().map(|o| {
                    let place = o.location.as_ref().map(|l| l.name.clone());
                    let example = o.example;
                    view! {
                        <li>
                            <strong>{move || words::when::occurrence(i18n.get_locale(), &o)}</strong>
                            {place.map(|p| view! { ", " <span lang="nl">{p}</span> })}
                            {example.then(|| view! { " " <span class="utrecht-data-badge example">{move || t_string!(i18n, catalogue.activity.example_date)}</span> })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

/// "Wanneer": the schedule in words, else the next date, else what to do to find out:
/// sign up and be called, call the organiser, or ask the buurtteam. Never only "not
/// known".
fn when_view(
    a: &Activity,
    organisation: Option<&Organisation>,
    next: Option<&Occurrence>,
    organiser: Signal<String>,
) -> AnyView {
    let i18n = use_i18n();
    let schedule = a.schedule.describe_nl();
    if !schedule.is_empty() {
        return view! { <span lang="nl">{schedule}</span> }.into_any();
    }
    if let Some(o) = next.cloned() {
        return view! { <span>{move || words::when::occurrence(i18n.get_locale(), &o)}</span> }
            .into_any();
    }
    let phone_known =
        a.contact.phone.is_some() || organisation.is_some_and(|o| o.contact.phone.is_some());
    let sign_up_in_app = a.sign_up_in_app;
    let text = move || {
        let template = if sign_up_in_app {
            t_string!(i18n, catalogue.activity.when_sign_up)
        } else if phone_known {
            t_string!(i18n, catalogue.activity.when_call)
        } else {
            t_string!(i18n, catalogue.activity.when_ask)
        };
        words::fill(template, &[("organiser", &organiser.get())])
    };
    text.into_any()
}
