use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use omzien_core::{Activity, Catalogue, Contact};

use super::catalogue::place_text;
use super::{with_catalogue, NoDataYet};
use crate::components::set_title;
use crate::components::sign_up_form::SignUpForm;
use crate::components::take_away::TakeAway;
use crate::pages::not_found::NotFound;
use crate::state::AppData;

#[component]
pub fn ActivityPage() -> impl IntoView {
    let params = use_params_map();
    let data = expect_context::<AppData>();
    let back = move || format!("/activiteiten{}", data.last_search.get());
    view! {
        <p class="back"><A href=back>"Terug naar alle activiteiten"</A></p>
        {with_catalogue(move |loaded| {
            let id = params.with(|p| p.get("id").unwrap_or_default());
            match loaded.catalogue.activity(&id) {
                Some(activity) => {
                    set_title(&activity.name);
                    details(&loaded.catalogue, activity).into_any()
                }
                None if loaded.catalogue.activities.is_empty() => view! {
                    <h1 tabindex="-1">"Activiteit"</h1>
                    <NoDataYet />
                }
                .into_any(),
                None => view! { <NotFound /> }.into_any(),
            }
        })}
    }
}

fn details(catalogue: &Catalogue, a: &Activity) -> impl IntoView {
    let organisation = catalogue.organisation(&a.organisation_id).cloned();
    let organiser_name = organisation
        .as_ref()
        .map(|o| o.name.clone())
        .unwrap_or_else(|| "de organisatie".to_owned());
    let when = Some(a.schedule.describe_nl())
        .filter(|w| !w.is_empty())
        .unwrap_or_else(|| "Nog niet bekend. Vraag het aan de organisatie.".to_owned());
    let place = match &a.location {
        Some(l) => {
            let address = [l.address.clone(), l.postal_code.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ");
            if address.is_empty() {
                format!("{} ({})", l.name, place_text(catalogue, a))
            } else {
                format!("{}, {address}, {}", l.name, l.city)
            }
        }
        None => place_text(catalogue, a),
    };
    let for_whom = a
        .target_groups
        .iter()
        .map(|g| g.label())
        .collect::<Vec<_>>()
        .join(", ");
    let helps = a
        .loneliness_types
        .iter()
        .map(|t| t.label())
        .collect::<Vec<_>>();
    let cost = match (a.free, &a.cost_note) {
        (_, Some(note)) => note.clone(),
        (Some(true), None) => "Gratis".to_owned(),
        (Some(false), None) => "Je betaalt een bijdrage. Vraag de organisatie hoeveel.".to_owned(),
        (None, None) => "Niet bekend".to_owned(),
    };
    let join = match (a.sign_up_required, &a.how_to_join) {
        (_, Some(how)) => how.clone(),
        (Some(true), None) => "Je moet je eerst aanmelden bij de organisatie.".to_owned(),
        (Some(false), None) => "Je hoeft je niet aan te melden. Je kunt gewoon komen.".to_owned(),
        (None, None) => "Vraag het aan de organisatie.".to_owned(),
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
        <h1 tabindex="-1">{a.name.clone()}</h1>
        <p class="lead">{a.summary.clone()}</p>
        {a.example.then(|| view! {
            <p class="notice example">
                <strong>"Let op: "</strong>
                "niet alle gegevens hieronder zijn zeker. Vraag de organisatie wat nu klopt."
            </p>
        })}
        {(!a.description.is_empty()).then(|| view! { <p class="description">{a.description.clone()}</p> })}
        <dl class="facts">
            <dt class="slip">"Wat"</dt>
            <dd class="slip">{a.kind.label()}</dd>
            <dt class="slip">"Wanneer"</dt>
            <dd class="slip">{when}</dd>
            <dt class="slip">"Waar"</dt>
            <dd class="slip">{place}</dd>
            <dt>"Voor wie"</dt>
            <dd>{for_whom}</dd>
            <dt>"Helpt als je dit voelt"</dt>
            <dd><ul class="plain">{helps.into_iter().map(|h| view! { <li>{h}</li> }).collect_view()}</ul></dd>
            <dt>"Kosten"</dt>
            <dd>{cost}</dd>
            <dt>"Meedoen"</dt>
            <dd>{join}</dd>
            {a.accessibility.clone().map(|text| view! { <dt>"Toegankelijkheid"</dt><dd>{text}</dd> })}
            <dt class="slip">"Contact"</dt>
            <dd class="slip"><ContactView contact=contact.clone() /></dd>
            {organisation.map(|o| view! {
                <dt>"Organisatie"</dt>
                <dd>{o.name}{(!o.description.is_empty()).then(|| format!(". {}", o.description))}</dd>
            })}
            <dt>"Bron"</dt>
            <dd class="source">{a.source.clone()}</dd>
        </dl>
        <TakeAway activity=a.clone() contact=contact />
        {a.sign_up_in_app.then(|| view! { <SignUpForm activity_id=a.id.clone() organiser=organiser_name.clone() contact=a.sign_up_contact /> })}
    }
}

/// Phone, e-mail and website, as links. On a kiosk as plain text: a link there would
/// open a mail or phone app, or a website with no way back into Omzien.
#[component]
fn ContactView(contact: Contact) -> impl IntoView {
    if contact.is_empty() {
        return view! { <span>"De contactgegevens staan nog niet in Omzien."</span> }.into_any();
    }
    let links = expect_context::<AppData>().kiosk.is_none();
    let item = move |label: &'static str, text: String, href: String| {
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
                item("Telefoon: ", p, href)
            })}
            {contact.email.map(|e| {
                let href = format!("mailto:{e}");
                item("E-mail: ", e, href)
            })}
            {contact.website.map(|w| item("Website: ", w.clone(), w))}
        </ul>
    }
    .into_any()
}
