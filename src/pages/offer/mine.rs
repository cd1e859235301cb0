//! `/medewerkers/aanbod`: "Mijn aanbod".

use leptos::prelude::*;
use leptos_router::components::A;
use omzien_core::edit::{Currency, OwnActivity};
use omzien_core::edits::{EditStatus, EditView};
use omzien_core::signup::{ListedSignUp, Place, SignUpList};
use omzien_core::staff::Role;
use omzien_core::wire::{Change, Mutation};
use omzien_core::Activity;

use super::closed;
use super::conflict::ConflictChoice;
use crate::api;
use crate::browser::{clock, intl, uuid};
use crate::components::set_title;
use crate::components::staff_only::{staff_access, StaffAccess};
use crate::components::Loading;
use crate::i18n::{t_string, td_string, use_i18n, Locale};
use crate::state::contexts::{use_catalogue, use_network, use_outbox, use_session};
use crate::store::StaffSession;
use crate::words;

#[component]
pub fn OfferPage() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| set_title(t_string!(i18n, offer.title)));
    let access = staff_access(Role::can_edit_activities);
    let session = use_session();
    view! {
        <p class="back"><A href="/medewerkers">{move || t_string!(i18n, offer.back)}</A></p>
        <h1 tabindex="-1">{move || t_string!(i18n, offer.title)}</h1>
        <p>{move || t_string!(i18n, offer.intro)}</p>
        {move || {
            let access = access.get();
            closed(&access).unwrap_or_else(|| {
                let online = matches!(access, StaffAccess::Open(_));
                let editor = session.live().is_some_and(|s| s.role.can_edit_catalogue());
                view! {
                    <p class="next-links">
                        <A href="/medewerkers/aanbod/nieuw">{move || t_string!(i18n, offer.new_activity)}</A>
                        " · " <A href="/medewerkers/organisatie-aanmelden">{move || t_string!(i18n, offer.new_organisation)}</A>
                        {editor.then(|| view! { " · " <A href="/medewerkers/redactie">{move || t_string!(i18n, offer.to_editors)}</A> })}
                    </p>
                    <Changes />
                    <Activities online=online />
                }
                .into_any()
            })
        }}
    }
}

/// What this device sent or will send, newest first: one line per activity.
#[component]
fn Changes() -> impl IntoView {
    let i18n = use_i18n();
    let outbox = use_outbox();
    let edits = Memo::new(move |_| outbox.shown.with(|o| o.edits()));
    move || {
        let list = edits.get();
        (!list.is_empty()).then(|| {
            view! {
                <section aria-labelledby="veranderd">
                    <h2 id="veranderd">{move || t_string!(i18n, offer.changes.heading)}</h2>
                    <ul class="plain cards" data-testid="changes">
                        {list.into_iter().map(|edit| view! { <li class="card"><ChangeLine edit=edit /></li> }).collect_view()}
                    </ul>
                </section>
            }
        })
    }
}

#[component]
fn ChangeLine(edit: EditView) -> impl IntoView {
    let i18n = use_i18n();
    // A confirmation or withdrawal carries only the id: the name is in the catalogue on the device.
    let name = use_catalogue()
        .loaded
        .get_untracked()
        .and_then(|l| {
            l.catalogue
                .activity(&edit.activity_id)
                .map(|a| a.name.clone())
        })
        .filter(|_| edit.name == edit.activity_id)
        .unwrap_or_else(|| edit.name.clone());
    let status = edit.status.clone();
    let text = move || {
        let locale = i18n.get_locale();
        match &status {
            EditStatus::WaitingToSend => td_string!(locale, offer.changes.waiting),
            EditStatus::Saved {
                published: true, ..
            } => td_string!(locale, offer.changes.live),
            EditStatus::Saved { .. } => td_string!(locale, offer.changes.for_editors),
            EditStatus::Confirmed => td_string!(locale, offer.changes.confirmed),
            EditStatus::Withdrawn => td_string!(locale, offer.changes.withdrawn),
            EditStatus::Conflict { .. } => td_string!(locale, offer.changes.conflict),
            EditStatus::Refused { .. } => td_string!(locale, offer.changes.refused),
        }
    };
    let errors = match &edit.status {
        EditStatus::Refused { errors, .. } => errors.clone(),
        _ => Vec::new(),
    };
    let conflict = match edit.status {
        EditStatus::Conflict { mine, current } => Some((mine, current)),
        _ => None,
    };
    view! {
        <p><strong lang="nl">{name}</strong></p>
        <p data-testid="change-status">{text}</p>
        {(!errors.is_empty()).then(|| view! {
            <ul>{errors.into_iter().map(|e| view! { <li>{move || words::fields::broken_rule(i18n.get_locale(), &e)}</li> }).collect_view()}</ul>
        })}
        {conflict.map(|(mine, current)| view! { <ConflictChoice mine=*mine current=*current /> })}
    }
}

/// One activity as the list shows it: the counts and publication are the server's, and
/// unknown offline.
#[derive(Clone, Debug, PartialEq)]
struct Row {
    activity: Activity,
    currency: Currency,
    /// From the server; `None` offline.
    own: Option<OwnActivity>,
}

/// The list: from the server online (with counts and what waits for an editor), from
/// the catalogue on this device offline.
#[component]
fn Activities(online: bool) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let catalogue = use_catalogue();
    let rows = LocalResource::new(move || {
        let session = session.live();
        async move {
            let session = session?;
            if online {
                match api::catalogue::mine(&session.token).await {
                    Ok(mine) => {
                        return Some(Ok(mine
                            .activities
                            .into_iter()
                            .map(|own| Row {
                                activity: own.activity.clone(),
                                currency: own.currency,
                                own: Some(own),
                            })
                            .collect::<Vec<_>>()))
                    }
                    Err(error) if !error.sign_in_needed() => {
                        leptos::logging::warn!("own activities: {error}");
                    }
                    Err(error) => return Some(Err(words::for_staff(&error))),
                }
            }
            Some(Ok(on_device(&session, catalogue)))
        }
    });
    view! {
        <section aria-labelledby="activiteiten">
            <h2 id="activiteiten">{move || t_string!(i18n, offer.activities)}</h2>
            {(!online).then(|| view! { <p class="utrecht-alert utrecht-alert--info notice" data-testid="offer-offline">{move || t_string!(i18n, offer.offline)}</p> })}
            <Suspense fallback=|| view! { <Loading /> }>
                {move || Suspend::new(async move {
                    match rows.await {
                        None => ().into_any(),
                        Some(Err(message)) => view! { <p class="utrecht-alert utrecht-alert--error notice" role="alert">{message}</p> }.into_any(),
                        Some(Ok(rows)) if rows.is_empty() => view! { <p>{move || t_string!(i18n, offer.none)}</p> }.into_any(),
                        Some(Ok(rows)) => view! {
                            <ul class="plain cards" data-testid="own-activities">
                                {rows.into_iter().map(|row| view! { <li class="card"><ActivityLine row=row /></li> }).collect_view()}
                            </ul>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The catalogue on this device, as far as it is hers: published activities only.
fn on_device(
    session: &StaffSession,
    catalogue: crate::state::catalogue::CatalogueState,
) -> Vec<Row> {
    let Some(loaded) = catalogue.loaded.get_untracked() else {
        return Vec::new();
    };
    let today = clock::today();
    let every = session.role.can_edit_catalogue();
    let mut rows: Vec<Row> = loaded
        .catalogue
        .activities
        .iter()
        .filter(|a| every || session.organisations.contains(&a.organisation_id))
        .map(|a| Row {
            activity: a.clone(),
            currency: today.map_or(Currency::Current, |today| {
                loaded.catalogue.freshness.judge(a.updated_on, today)
            }),
            own: None,
        })
        .collect();
    rows.sort_by(|a, b| a.activity.name.cmp(&b.activity.name));
    rows
}

#[component]
fn ActivityLine(row: Row) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = use_outbox();
    let a = row.activity;
    let id = a.id.clone();
    let edit = format!("/medewerkers/aanbod/{}", a.id);
    let updated = a.updated_on;
    let published = row.own.as_ref().map(|o| o.published);
    let counts = row
        .own
        .as_ref()
        .filter(|_| a.sign_up_in_app)
        .map(|o| (o.signed_up, o.waiting, o.places_left));
    let ask = row.currency != Currency::Current;
    let confirmed = RwSignal::new(false);
    let confirm = Action::new_local(move |id: &String| {
        let mutation = Mutation {
            id: uuid::new_id(),
            change: Change::ConfirmActivity {
                activity_id: id.clone(),
            },
        };
        async move {
            match outbox.queue(mutation).await {
                Ok(()) => confirmed.set(true),
                Err(error) => leptos::logging::error!("confirming: {error}"),
            }
        }
    });
    view! {
        <h3 lang="nl">{a.name.clone()}</h3>
        <p>
            {move || published.map(|published| if published {
                t_string!(i18n, offer.published)
            } else {
                t_string!(i18n, offer.unpublished)
            })}
            {move || updated.map(|day| {
                let locale = i18n.get_locale();
                format!(" {}", words::fill(td_string!(locale, offer.updated_on), &[("date", &intl::day_in_year(locale, day))]))
            })}
        </p>
        {counts.map(|(signed_up, waiting, left)| view! {
            <p data-testid="counts">{move || counts_text(i18n.get_locale(), signed_up, waiting, left)}</p>
        })}
        {ask.then(|| view! {
            <div class="utrecht-alert utrecht-alert--info notice" data-testid="ask-confirm">
                {move || if confirmed.get() {
                    view! { <p role="status">{move || t_string!(i18n, offer.confirm_sent)}</p> }.into_any()
                } else {
                    let id = id.clone();
                    view! {
                        <p><strong>{move || t_string!(i18n, offer.still_right)}</strong>" "{move || t_string!(i18n, offer.still_right_explain)}</p>
                        <p><button type="button" class="secondary" on:click=move |_| { confirm.dispatch(id.clone()); }>{move || t_string!(i18n, offer.confirm)}</button></p>
                    }.into_any()
                }}
            </div>
        })}
        {a.sign_up_in_app.then(|| view! { <WhoComes activity_id=a.id.clone() name=a.name.clone() /> })}
        <p><A href=edit>{move || t_string!(i18n, offer.change)}<span class="visually-hidden" lang="nl">{format!(": {}", a.name)}</span></A></p>
    }
}

/// "Wie komt er?": read from the server each time it is opened and held only here, in
/// memory: names never go into IndexedDB. Closing it or losing the connection drops
/// what was read.
#[component]
fn WhoComes(activity_id: String, name: String) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let network = use_network();
    let open = RwSignal::new(false);
    // The sync loop sets the connection again each round; only a real change counts.
    let online = Memo::new(move |_| network.online.get());
    let region = format!("wie-{activity_id}");
    let load = Action::new_local(move |id: &String| {
        let (id, token) = (id.clone(), session.live_untracked().map(|s| s.token));
        async move {
            let Some(token) = token else {
                return Err(
                    td_string!(i18n.get_locale_untracked(), staff.errors.not_signed_in).to_owned(),
                );
            };
            let read = api::catalogue::sign_ups(&token, &id)
                .await
                .map_err(|error| words::for_staff(&error));
            // Closed while it was on its way: names are not kept once the list is shut.
            if !open.get_untracked() {
                return Err(String::new());
            }
            read
        }
    });
    let list = load.value();
    // Each opening reads the list afresh.
    Effect::new(move |_| {
        let wanted = open.get() && online.get();
        list.set(None);
        if wanted {
            load.dispatch(activity_id.clone());
        }
    });
    view! {
        <div class="who-comes" data-testid="who-comes">
            <p><button type="button" class="secondary" aria-expanded=move || open.get().to_string() aria-controls=region.clone()
                on:click=move |_| open.update(|o| *o = !*o)>
                {move || t_string!(i18n, offer.who.button)}<span class="visually-hidden" lang="nl">{format!(": {name}")}</span>
            </button></p>
            <div id=region>
                {move || open.get().then(|| {
                    if !online.get() {
                        return view! { <p class="utrecht-alert utrecht-alert--info notice" role="status">{move || t_string!(i18n, offer.who.offline)}</p> }.into_any();
                    }
                    match list.get() {
                        None => view! { <Loading /> }.into_any(),
                        Some(Err(message)) => view! { <p class="utrecht-alert utrecht-alert--error notice" role="alert">{message}</p> }.into_any(),
                        Some(Ok(list)) => who_list(list).into_any(),
                    }
                })}
            </div>
        </div>
    }
}

fn who_list(list: SignUpList) -> impl IntoView {
    let i18n = use_i18n();
    let (placed, waiting): (Vec<_>, Vec<_>) = list
        .sign_ups
        .into_iter()
        .partition(|s| s.place == Place::Confirmed);
    let none = placed.is_empty() && waiting.is_empty();
    let names_for_you = list.names_for_you;
    view! {
        {none.then(|| view! { <p>{move || t_string!(i18n, offer.who.none)}</p> })}
        {(!none).then(|| view! {
            <p class="hint">{move || if names_for_you {
                t_string!(i18n, offer.who.explain)
            } else {
                t_string!(i18n, offer.who.no_names)
            }}</p>
        })}
        {who_group(Place::Confirmed, placed)}
        {who_group(Place::WaitingList, waiting)}
    }
}

/// The named ones one by one, then how many people came without a name.
fn who_group(place: Place, sign_ups: Vec<ListedSignUp>) -> Option<impl IntoView> {
    let i18n = use_i18n();
    if sign_ups.is_empty() {
        return None;
    }
    let (named, nameless): (Vec<_>, Vec<_>) =
        sign_ups.into_iter().partition(|s| s.first_name.is_some());
    let nameless: u32 = nameless.iter().map(|s| u32::from(s.party_size)).sum();
    Some(view! {
        <h4>{move || match place {
            Place::Confirmed => t_string!(i18n, offer.who.with_place),
            Place::WaitingList => t_string!(i18n, offer.who.waiting_list),
        }}</h4>
        {(!named.is_empty()).then(|| view! {
            <ul data-testid="who-named">{named.into_iter().map(|s| view! { <li>{who_line(s)}</li> }).collect_view()}</ul>
        })}
        {(nameless > 0).then(|| view! {
            <p data-testid="who-nameless">{move || {
                let locale = i18n.get_locale();
                if nameless == 1 {
                    td_string!(locale, offer.who.nameless_one).to_owned()
                } else {
                    words::fill(td_string!(locale, offer.who.nameless), &[("count", &intl::number(locale, nameless))])
                }
            }}</p>
        })}
    })
}

/// "Joke, 2 personen, 06 12345678, aangemeld op 3 mrt 2026 14:05"
fn who_line(s: ListedSignUp) -> impl IntoView {
    let i18n = use_i18n();
    let rest = move || {
        let locale = i18n.get_locale();
        let people = if s.party_size == 1 {
            td_string!(locale, signup.mine.people_singular)
        } else {
            td_string!(locale, signup.mine.people_plural)
        };
        let mut parts = vec![words::fill(
            people,
            &[("count", &intl::number(locale, s.party_size))],
        )];
        parts.extend(s.phone.clone());
        parts.extend(s.email.clone());
        parts.push(words::fill(
            td_string!(locale, offer.who.signed_up_at),
            &[("at", &words::staff::when(locale, &s.signed_up_at))],
        ));
        format!(", {}", parts.join(", "))
    };
    view! { <strong>{s.first_name.clone()}</strong>{rest} }
}

fn counts_text(locale: Locale, signed_up: u32, waiting: u32, left: Option<u32>) -> String {
    let n = |v: u32| intl::number(locale, v);
    let mut text = words::fill(
        td_string!(locale, offer.signed_up),
        &[("signed_up", &n(signed_up)), ("waiting", &n(waiting))],
    );
    if let Some(left) = left {
        text.push(' ');
        text.push_str(&words::fill(
            td_string!(locale, offer.places_left),
            &[("left", &n(left))],
        ));
    }
    text
}
