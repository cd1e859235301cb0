//! The organisations that work together against loneliness (pillar 5): who they are,
//! their role in the network, what they offer and how to reach them. From the
//! catalogue on the device, so this works offline too.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use omzien_core::model::NetworkRole;
use omzien_core::{Catalogue, Organisation};

use super::activity::ContactView;
use super::{with_catalogue, NoDataYet};
use crate::components::set_title;
use crate::i18n::{t_string, td_string, use_i18n, Locale};
use crate::pages::not_found::NotFound;

#[component]
pub fn OrganisationsPage() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| set_title(t_string!(i18n, catalogue.organisations.title)));
    view! {
        <h1 tabindex="-1">{move || t_string!(i18n, catalogue.organisations.title)}</h1>
        <p class="lead">{move || t_string!(i18n, catalogue.organisations.lead)}</p>
        {with_catalogue(move |loaded| {
            let all: Vec<Organisation> = loaded.catalogue.organisations.clone();
            if all.is_empty() {
                return view! { <NoDataYet /> }.into_any();
            }
            let locale = i18n.get_locale();
            // By role, the network's heart first; then those the agenda gives no role.
            let groups = NetworkRole::ALL
                .into_iter()
                .map(|r| (role_label(locale, r), Some(r)))
                .chain([(td_string!(locale, catalogue.organisations.other), None)]);
            let views: Vec<_> = groups
                .filter_map(|(heading, role)| {
                    let mut these: Vec<(String, String)> = all
                        .iter()
                        .filter(|o| o.network_role == role)
                        .map(|o| (o.id.clone(), o.name.clone()))
                        .collect();
                    these.sort_by(|a, b| a.1.cmp(&b.1));
                    (!these.is_empty()).then(|| view! {
                        <h2>{heading}</h2>
                        {role.map(|r| view! { <p>{role_explain(locale, r)}</p> })}
                        <ul class="info-list" lang="nl">
                            {these.into_iter().map(|(id, name)| view! {
                                <li><A href=format!("/organisaties/{id}")>{name}</A></li>
                            }).collect_view()}
                        </ul>
                    })
                })
                .collect();
            views.into_any()
        })}
    }
}

#[component]
pub fn OrganisationPage() -> impl IntoView {
    let params = use_params_map();
    let i18n = use_i18n();
    view! {
        <p class="back"><A href="/organisaties">{move || t_string!(i18n, catalogue.organisations.back)}</A></p>
        {with_catalogue(move |loaded| {
            let id = params.with(|p| p.get("id").unwrap_or_default());
            match loaded.catalogue.organisation(&id) {
                Some(o) => {
                    set_title(&o.name);
                    details(&loaded.catalogue, o).into_any()
                }
                None if loaded.catalogue.organisations.is_empty() => view! {
                    <h1 tabindex="-1">{move || t_string!(i18n, catalogue.organisations.title)}</h1>
                    <NoDataYet />
                }
                .into_any(),
                None => view! { <NotFound /> }.into_any(),
            }
        })}
    }
}

fn details(catalogue: &Catalogue, o: &Organisation) -> impl IntoView {
    let i18n = use_i18n();
    let mut offer: Vec<(String, String)> = catalogue
        .activities
        .iter()
        .filter(|a| a.organisation_id == o.id)
        .map(|a| (a.id.clone(), a.name.clone()))
        .collect();
    offer.sort_by(|a, b| a.1.cmp(&b.1));
    let role = o.network_role;
    view! {
        <h1 tabindex="-1" lang="nl">{o.name.clone()}</h1>
        {crate::pages::in_dutch_notice()}
        {(!o.description.is_empty()).then(|| view! { <p class="lead" lang="nl">{o.description.clone()}</p> })}
        <dl class="facts">
            {role.map(|r| view! {
                <dt>{move || t_string!(i18n, catalogue.organisations.role)}</dt>
                <dd data-testid="network-role">{move || {
                    let locale = i18n.get_locale();
                    format!("{}. {}", role_label(locale, r), role_explain(locale, r))
                }}</dd>
            })}
            <dt>{move || t_string!(i18n, catalogue.activity.contact)}</dt>
            <dd><ContactView contact=o.contact.clone() /></dd>
            <dt>{move || t_string!(i18n, catalogue.activity.source)}</dt>
            <dd class="source" lang="nl">{o.source.clone()}</dd>
        </dl>
        <h2>{move || t_string!(i18n, catalogue.organisations.offer)}</h2>
        {if offer.is_empty() {
            view! { <p>{move || t_string!(i18n, catalogue.organisations.no_offer)}</p> }.into_any()
        } else {
            view! {
                <ul class="info-list" lang="nl" data-testid="organisation-offer">
                    {offer.into_iter().map(|(id, name)| view! {
                        <li><A href=format!("/activiteiten/{id}")>{name}</A></li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

pub fn role_label(locale: Locale, role: NetworkRole) -> &'static str {
    match role {
        NetworkRole::Kartrekker => td_string!(locale, catalogue.organisations.roles.kartrekker),
        NetworkRole::Kerngroep => td_string!(locale, catalogue.organisations.roles.kerngroep),
        NetworkRole::Schilpartner => td_string!(locale, catalogue.organisations.roles.schilpartner),
        NetworkRole::Signalerend => td_string!(locale, catalogue.organisations.roles.signalerend),
    }
}

fn role_explain(locale: Locale, role: NetworkRole) -> &'static str {
    match role {
        NetworkRole::Kartrekker => td_string!(locale, catalogue.organisations.explain.kartrekker),
        NetworkRole::Kerngroep => td_string!(locale, catalogue.organisations.explain.kerngroep),
        NetworkRole::Schilpartner => {
            td_string!(locale, catalogue.organisations.explain.schilpartner)
        }
        NetworkRole::Signalerend => td_string!(locale, catalogue.organisations.explain.signalerend),
    }
}
