//! `/medewerkers/verwijzen`: "Waarheen verwijzen?" — the partners by kind of help and
//! wijk, for a coordinator at the meldpunt or an outreach worker on a home visit. All of
//! it is public catalogue data on the device, so it works offline; it sits with the
//! staff pages because it speaks to those who refer. `?wijk=…` chooses the wijk at
//! the start (the meldpunt's referral links here with the note's wijk).

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use omzien_core::partners::{by_kind_of_help, Partner};
use omzien_core::{ActivityKind, Catalogue, Filter, LonelinessType, TargetGroup};

use super::activity::ContactView;
use super::catalogue::{group_options, loneliness_options, wijk_options, Choice, Text};
use super::organisation::role_label;
use super::with_catalogue;
use crate::components::set_title;
use crate::components::staff_only::{staff_access, StaffAccess};
use crate::i18n::{t_string, td_string, use_i18n, Locale};
use crate::words;

#[component]
pub fn PartnersPage() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| set_title(t_string!(i18n, staff.partners.title)));
    // Every staff member refers; offline is no reason to close: the data is on the device.
    let access = staff_access(|_| true);
    let asked = use_query_map().with_untracked(|q| q.get("wijk"));
    let filter = RwSignal::new(Filter::default());
    // The wijk from the address once the catalogue says it exists: an unknown one would
    // show "Alle wijken" while hiding every wijk's own offer.
    let catalogue = crate::state::contexts::use_catalogue();
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        catalogue.loaded.with(|l| {
            let Some(l) = l else { return false };
            let known = asked.clone().filter(|w| l.catalogue.wijk(w).is_some());
            filter.update(|f| f.wijk = known);
            true
        })
    });
    let kind = RwSignal::new(None::<ActivityKind>);
    view! {
        <p class="back"><A href="/medewerkers">{move || t_string!(i18n, staff.title)}</A></p>
        <h1 tabindex="-1">{move || t_string!(i18n, staff.partners.title)}</h1>
        <p class="lead">{move || t_string!(i18n, staff.partners.intro)}</p>
        {move || match access.get() {
            StaffAccess::SignedOut => view! {
                <p class="utrecht-alert utrecht-alert--info notice next-links">{move || t_string!(i18n, staff.partners.for_whom)}" "
                <A href="/medewerkers">{move || t_string!(i18n, staff.partners.sign_in_first)}</A>"."</p>
            }.into_any(),
            _ => with_catalogue(move |loaded| {
                let catalogue = (*loaded.catalogue).clone();
                let counted = catalogue.clone();
                view! {
                    <GuideFilters catalogue=catalogue.clone() filter=filter kind=kind />
                    // One live region, its words changing: a screen reader may miss one
                    // that is drawn anew with each choice.
                    <p role="status" data-testid="partner-count">{move || count(&counted, &filter.get(), kind.get(), i18n.get_locale())}</p>
                    {move || guide(&catalogue, &filter.get(), kind.get(), i18n.get_locale())}
                }
            }).into_any(),
        }}
    }
}

#[component]
fn GuideFilters(
    catalogue: Catalogue,
    filter: RwSignal<Filter>,
    kind: RwSignal<Option<ActivityKind>>,
) -> impl IntoView {
    let wijken = wijk_options(&catalogue);
    let kinds = kind_choices(&catalogue);
    let groups = group_options();
    let lonely = loneliness_options();
    view! {
        <form class="filters" role="search" on:submit=|ev| ev.prevent_default()>
            <Choice id="vw-hulp" label=|l| td_string!(l, staff.partners.kind) any=|l| td_string!(l, staff.partners.any_kind) options=kinds
                selected=Signal::derive(move || kind.get().map(|k| k.slug().to_owned()).unwrap_or_default())
                on_change=Callback::new(move |v: String| kind.set(ActivityKind::from_slug(&v))) />
            <Choice id="vw-wijk" label=|l| td_string!(l, catalogue.filter.wijk) any=|l| td_string!(l, catalogue.filter.any_wijk) options=wijken
                selected=Signal::derive(move || filter.with(|f| f.wijk.clone().unwrap_or_default()))
                on_change=Callback::new(move |v: String| filter.update(|f| f.wijk = Some(v).filter(|v| !v.is_empty()))) />
            <Choice id="vw-voor" label=|l| td_string!(l, catalogue.filter.for_whom) any=|l| td_string!(l, catalogue.filter.everyone) options=groups
                selected=Signal::derive(move || filter.with(|f| f.target_group.map(|g| g.slug().to_owned()).unwrap_or_default()))
                on_change=Callback::new(move |v: String| filter.update(|f| f.target_group = TargetGroup::from_slug(&v))) />
            <Choice id="vw-soort" label=|l| td_string!(l, catalogue.filter.loneliness) any=|l| td_string!(l, catalogue.filter.any_loneliness) options=lonely
                selected=Signal::derive(move || filter.with(|f| f.loneliness.map(|t| t.slug().to_owned()).unwrap_or_default()))
                on_change=Callback::new(move |v: String| filter.update(|f| f.loneliness = LonelinessType::from_slug(&v))) />
        </form>
    }
}

/// The kinds of help the catalogue has at all: a kind nobody offers is a dead end.
pub fn kind_choices(catalogue: &Catalogue) -> Vec<(String, Text)> {
    ActivityKind::ALL
        .into_iter()
        .filter(|k| catalogue.activities.iter().any(|a| a.kind == *k))
        .map(|k| {
            let words = Box::new(move |l| words::activity::kind_label(l, k));
            (k.slug().to_owned(), Text::Ui(words))
        })
        .collect()
}

/// "N partners, M activities": partners counted once, however many kinds they offer.
fn count(
    catalogue: &Catalogue,
    filter: &Filter,
    only: Option<ActivityKind>,
    locale: Locale,
) -> String {
    let kinds = by_kind_of_help(catalogue, filter, only);
    let mut partners: Vec<&str> = kinds
        .iter()
        .flat_map(|k| k.partners.iter().map(|p| p.organisation_id))
        .collect();
    partners.sort_unstable();
    partners.dedup();
    let activities: usize = kinds
        .iter()
        .flat_map(|k| &k.partners)
        .map(|p| p.activities.len())
        .sum();
    words::fill(
        td_string!(locale, staff.partners.count),
        &[
            ("partners", &partners.len().to_string()),
            ("activities", &activities.to_string()),
        ],
    )
}

fn guide(
    catalogue: &Catalogue,
    filter: &Filter,
    only: Option<ActivityKind>,
    locale: Locale,
) -> impl IntoView {
    let kinds = by_kind_of_help(catalogue, filter, only);
    view! {
        {kinds.is_empty().then(|| view! { <p>{td_string!(locale, staff.partners.none)}</p> })}
        {kinds.into_iter().map(|k| view! {
            <section class="help-kind" data-testid="help-kind">
                <h2>{words::activity::kind_label(locale, k.kind)}</h2>
                <ul class="plain cards">
                    {k.partners.iter().map(|p| view! { <li class="card">{partner(catalogue, p, locale)}</li> }).collect_view()}
                </ul>
            </section>
        }).collect_view()}
    }
}

fn partner(catalogue: &Catalogue, p: &Partner, locale: Locale) -> impl IntoView {
    let where_words = |wijk: &Option<String>| match wijk {
        None => td_string!(locale, staff.partners.city_wide).to_owned(),
        Some(id) => {
            let name = catalogue.wijk(id).map_or(id.as_str(), |w| &w.name);
            words::fill(
                td_string!(locale, staff.partners.in_wijk),
                &[("wijk", name)],
            )
        }
    };
    view! {
        <h3 lang="nl">{p.name().to_owned()}</h3>
        {p.organisation.and_then(|o| o.network_role).map(|r| view! { <p class="utrecht-data-badge">{role_label(locale, r)}</p> })}
        <ul class="info-list" data-testid="partner-activities">
            {p.activities.iter().map(|a| view! {
                <li>
                    <a href=format!("/activiteiten/{}", a.id) lang="nl">{a.name.clone()}</a>" ("{where_words(&a.wijk)}")"
                    {a.example.then(|| view! { " " <span class="utrecht-data-badge example">{td_string!(locale, catalogue.example_badge)}</span> })}
                </li>
            }).collect_view()}
        </ul>
        {p.organisation.map(|o| view! {
            <ContactView contact=o.contact.clone() />
            <p><a href=format!("/organisaties/{}", o.id)>{td_string!(locale, staff.partners.organisation)}<span class="visually-hidden" lang="nl">": "{o.name.clone()}</span></a></p>
        })}
    }
}
