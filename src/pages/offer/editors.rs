//! `/medewerkers/redactie`: what editors (redacteuren, coordinators and admins) do with the
//! catalogue: publish new activities, see which records nobody confirmed in time, and
//! `/medewerkers/aanbod/:id/geschiedenis`: an activity's history, with revert. Online
//! only: these act on the server's records at once.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use omzien_core::edit::{HistoryAction, Queued, StaleList};
use omzien_core::new_organisation::QueuedOrganisation;
use omzien_core::staff::Role;

use super::conflict::field_label;
use crate::api;
use crate::browser::intl;
use crate::components::staff_only::{Closed, StaffOnly};
use crate::components::{set_title, Loading};
use crate::i18n::{t_string, td_string, use_i18n, Locale};
use crate::pages::activity::ContactView;
use crate::words;
use crate::words::staff::when;

const CLOSED: Closed = Closed {
    for_whom: |l| td_string!(l, offer.editors.for_whom),
    sign_in_first: |l| td_string!(l, offer.sign_in_first),
    no_access: |l| td_string!(l, offer.editors.no_access),
    offline: |l| td_string!(l, offer.editors.offline),
    offline_more: |l| td_string!(l, offer.editors.offline_more),
    offline_test_id: None,
};

#[component]
pub fn EditorsPage() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| set_title(t_string!(i18n, offer.editors.title)));
    view! {
        <p class="back"><A href="/medewerkers/aanbod">{move || t_string!(i18n, offer.editors.back)}</A></p>
        <h1 tabindex="-1">{move || t_string!(i18n, offer.editors.title)}</h1>
        <p>{move || t_string!(i18n, offer.editors.intro)}</p>
        <StaffOnly need=Role::can_edit_catalogue words=CLOSED let:session>
            <QueueView token=session.token.clone() />
            <StaleView token=session.token.clone() />
            <LogView token=session.token />
        </StaffOnly>
    }
}

#[component]
fn QueueView(token: String) -> impl IntoView {
    let i18n = use_i18n();
    let reload = RwSignal::new(0u32);
    let queue = LocalResource::new({
        let token = token.clone();
        move || {
            reload.track();
            let token = token.clone();
            async move {
                api::catalogue::queue(&token)
                    .await
                    .map_err(|e| words::for_staff(&e))
            }
        }
    });
    let message = RwSignal::new(None::<String>);
    let publish = Action::new_local(move |(what, id, name): &(Waiting, String, String)| {
        let (token, what, id, name) = (token.clone(), *what, id.clone(), name.clone());
        async move {
            let done = match what {
                Waiting::Activity => api::catalogue::publish(&token, &id).await,
                Waiting::Organisation => api::catalogue::publish_organisation(&token, &id).await,
            };
            match done {
                Ok(()) => {
                    let locale = i18n.get_locale_untracked();
                    message.set(Some(words::fill(
                        td_string!(locale, offer.editors.published),
                        &[("name", &name)],
                    )));
                    reload.update(|n| *n += 1);
                }
                Err(error) => message.set(Some(words::for_staff(&error))),
            }
        }
    });
    view! {
        <section aria-labelledby="wachtrij">
            <h2 id="wachtrij">{move || t_string!(i18n, offer.editors.queue)}</h2>
            <p role="status" data-testid="publish-message">{move || message.get()}</p>
            <Suspense fallback=|| view! { <Loading /> }>
                {move || Suspend::new(async move {
                    match queue.await {
                        Err(message) => view! { <p class="utrecht-alert utrecht-alert--error notice" role="alert">{message}</p> }.into_any(),
                        Ok(queue) if queue.activities.is_empty() && queue.organisations.is_empty() => view! { <p>{move || t_string!(i18n, offer.editors.queue_empty)}</p> }.into_any(),
                        Ok(queue) => view! {
                            {(!queue.organisations.is_empty()).then(|| view! {
                                <h3>{move || t_string!(i18n, offer.editors.new_organisations)}</h3>
                                <ul class="plain cards" data-testid="queue-organisations">
                                    {queue.organisations.into_iter().map(|q| view! { <li class="card"><QueuedOrganisationLine queued=q publish=publish /></li> }).collect_view()}
                                </ul>
                            })}
                            {(!queue.activities.is_empty()).then(|| view! {
                                <h3>{move || t_string!(i18n, offer.editors.new_activities)}</h3>
                                <ul class="plain cards" data-testid="queue">
                                    {queue.activities.into_iter().map(|q| view! { <li class="card"><QueuedLine queued=q publish=publish /></li> }).collect_view()}
                                </ul>
                            })}
                        }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// What waits for publication: the server has an endpoint for each.
#[derive(Clone, Copy)]
enum Waiting {
    Activity,
    Organisation,
}

/// "Gestuurd door … op …".
#[component]
fn SentBy(by: Option<String>, at: String) -> impl IntoView {
    let i18n = use_i18n();
    let by = by.unwrap_or_default();
    view! {
        <p>{move || {
            let locale = i18n.get_locale();
            words::fill(td_string!(locale, offer.editors.sent_by), &[("by", &by), ("at", &when(locale, &at))])
        }}</p>
    }
}

/// "Publiceren", its hidden name saying what.
#[component]
fn PublishButton(
    what: Waiting,
    id: String,
    name: String,
    publish: Action<(Waiting, String, String), ()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let label = format!(": {name}");
    view! {
        <p class="form-buttons">
            <button type="button" prop:disabled=move || publish.pending().get()
                on:click=move |_| { publish.dispatch((what, id.clone(), name.clone())); }>
                {move || t_string!(i18n, offer.editors.publish)}<span class="visually-hidden" lang="nl">{label}</span>
            </button>
        </p>
    }
}

#[component]
fn QueuedOrganisationLine(
    queued: QueuedOrganisation,
    publish: Action<(Waiting, String, String), ()>,
) -> impl IntoView {
    let o = queued.organisation;
    view! {
        <h4 lang="nl">{o.name.clone()}</h4>
        <p lang="nl">{o.description.clone()}</p>
        <ContactView contact=o.contact.clone() />
        <SentBy by=queued.by at=queued.at />
        <PublishButton what=Waiting::Organisation id=o.id.clone() name=o.name.clone() publish=publish />
    }
}

#[component]
fn QueuedLine(queued: Queued, publish: Action<(Waiting, String, String), ()>) -> impl IntoView {
    let i18n = use_i18n();
    let a = queued.activity;
    let edit = format!("/medewerkers/aanbod/{}", a.id);
    view! {
        <h4 lang="nl">{a.name.clone()}</h4>
        <p lang="nl">{a.summary.clone()}</p>
        <SentBy by=queued.by at=queued.at />
        <PublishButton what=Waiting::Activity id=a.id.clone() name=a.name.clone() publish=publish />
        <p class="next-links"><A href=edit>{move || t_string!(i18n, offer.editors.look)}</A></p>
    }
}

#[component]
fn StaleView(token: String) -> impl IntoView {
    let i18n = use_i18n();
    let stale = LocalResource::new(move || {
        let token = token.clone();
        async move {
            api::catalogue::stale(&token)
                .await
                .map_err(|e| words::for_staff(&e))
        }
    });
    view! {
        <section aria-labelledby="verouderd">
            <h2 id="verouderd">{move || t_string!(i18n, offer.editors.stale)}</h2>
            <p>{move || t_string!(i18n, offer.editors.stale_explain)}</p>
            <Suspense fallback=|| view! { <Loading /> }>
                {move || Suspend::new(async move {
                    match stale.await {
                        Err(message) => view! { <p class="utrecht-alert utrecht-alert--error notice" role="alert">{message}</p> }.into_any(),
                        Ok(list) if list.organisations.is_empty() => view! { <p>{move || t_string!(i18n, offer.editors.stale_none)}</p> }.into_any(),
                        Ok(list) => stale_list(list, i18n.get_locale_untracked()).into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

fn stale_list(list: StaleList, locale: Locale) -> impl IntoView {
    view! {
        <div data-testid="stale-list">
            {list.organisations.into_iter().map(|o| view! {
                <h3 lang="nl">{o.name}</h3>
                <ul>
                    {o.activities.into_iter().map(|(id, name, day)| {
                        let href = format!("/medewerkers/aanbod/{id}/geschiedenis");
                        let since = day.map(|d| format!(" ({})", intl::day_in_year(locale, d)));
                        view! { <li><A href=href><span lang="nl">{name}</span></A>{since}</li> }
                    }).collect_view()}
                </ul>
            }).collect_view()}
        </div>
    }
}

/// The newest changes by anyone: an organiser's edit goes live at once, and this is
/// where editors see it (and find a withdrawn activity to put back).
#[component]
fn LogView(token: String) -> impl IntoView {
    let i18n = use_i18n();
    let log = LocalResource::new(move || {
        let token = token.clone();
        async move {
            api::catalogue::log(&token)
                .await
                .map_err(|e| words::for_staff(&e))
        }
    });
    view! {
        <section aria-labelledby="logboek">
            <h2 id="logboek">{move || t_string!(i18n, offer.editors.log)}</h2>
            <Suspense fallback=|| view! { <Loading /> }>
                {move || Suspend::new(async move {
                    match log.await {
                        Err(message) => view! { <p class="utrecht-alert utrecht-alert--error notice" role="alert">{message}</p> }.into_any(),
                        Ok(log) if log.changes.is_empty() => view! { <p>{move || t_string!(i18n, offer.editors.log_empty)}</p> }.into_any(),
                        Ok(log) => view! {
                            <ul data-testid="log">
                                {log.changes.into_iter().map(|c| {
                                    let href = format!("/medewerkers/aanbod/{}/geschiedenis", c.activity_id);
                                    let by = c.by.unwrap_or_default();
                                    let line = move || {
                                        let locale = i18n.get_locale();
                                        format!(": {} ({}, {})", action_label(locale, c.action), by, when(locale, &c.at))
                                    };
                                    view! { <li><A href=href><span lang="nl">{c.name}</span></A>{line}</li> }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
pub fn HistoryPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    Effect::new(move |_| set_title(t_string!(i18n, offer.history.title)));
    view! {
        <p class="back"><A href="/medewerkers/redactie">{move || t_string!(i18n, offer.history.back)}</A></p>
        <h1 tabindex="-1">{move || t_string!(i18n, offer.history.title)}</h1>
        <p>{move || t_string!(i18n, offer.history.intro)}</p>
        <StaffOnly need=Role::can_edit_catalogue words=CLOSED let:session>
            {move || view! { <Changes id=id.get() token=session.token.clone() /> }}
        </StaffOnly>
    }
}

#[component]
fn Changes(id: String, token: String) -> impl IntoView {
    let i18n = use_i18n();
    let reload = RwSignal::new(0u32);
    let history = LocalResource::new({
        let (id, token) = (id.clone(), token.clone());
        move || {
            reload.track();
            let (id, token) = (id.clone(), token.clone());
            async move {
                api::catalogue::history(&token, &id)
                    .await
                    .map_err(|e| words::for_staff(&e))
            }
        }
    });
    let message = RwSignal::new(None::<String>);
    let revert = Action::new_local(move |to: &i64| {
        let (token, id, to) = (token.clone(), id.clone(), *to);
        async move {
            match api::catalogue::revert(&token, &id, to).await {
                Ok(activity) => {
                    let locale = i18n.get_locale_untracked();
                    message.set(Some(words::fill(
                        td_string!(locale, offer.history.reverted),
                        &[("revision", &intl::number(locale, activity.revision))],
                    )));
                    reload.update(|n| *n += 1);
                }
                Err(error) => message.set(Some(words::for_staff(&error))),
            }
        }
    });
    view! {
        <p role="status" data-testid="revert-message">{move || message.get()}</p>
        <Suspense fallback=|| view! { <Loading /> }>
            {move || Suspend::new(async move {
                match history.await {
                    Err(message) => view! { <p class="utrecht-alert utrecht-alert--error notice" role="alert">{message}</p> }.into_any(),
                    Ok(history) if history.changes.is_empty() => view! { <p>{move || t_string!(i18n, offer.history.empty)}</p> }.into_any(),
                    Ok(history) => {
                        let versions: Vec<_> = history.changes.iter().map(|c| c.activity.clone()).collect();
                        view! {
                            <ol class="plain cards" data-testid="history">
                                {history.changes.into_iter().enumerate().map(|(n, change)| {
                                    // What this change did, against the version before it.
                                    let before = versions.get(n + 1);
                                    let changed: Vec<String> = before
                                        .map(|b| omzien_core::edits::differences(&change.activity, b).into_iter().map(|d| d.field).collect())
                                        .unwrap_or_default();
                                    let (action, by, at, entry) = (change.action, change.by.unwrap_or_default(), change.at, change.id);
                                    let revision = change.activity.revision;
                                    view! {
                                        <li class="card">
                                            <p><strong>{move || action_label(i18n.get_locale(), action)}</strong>
                                               {move || format!(" · {} · {}", when(i18n.get_locale(), &at), by)}</p>
                                            {(!changed.is_empty()).then(|| view! {
                                                <p>{move || {
                                                    let locale = i18n.get_locale();
                                                    let fields: Vec<String> = changed.iter().map(|f| field_label(locale, f)).collect();
                                                    words::fill(td_string!(locale, offer.history.changed), &[("fields", &fields.join(", "))])
                                                }}</p>
                                            })}
                                            // The newest is what residents see, unless it is a
                                            // withdrawal: then its version can come back.
                                            {(n > 0 || action == HistoryAction::Withdraw).then(|| view! {
                                                <p><button type="button" class="secondary" prop:disabled=move || revert.pending().get()
                                                    on:click=move |_| { revert.dispatch(entry); }>
                                                    {move || words::fill(t_string!(i18n, offer.history.revert), &[("revision", &intl::number(i18n.get_locale(), revision))])}
                                                </button></p>
                                            })}
                                        </li>
                                    }
                                }).collect_view()}
                            </ol>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

fn action_label(locale: Locale, action: HistoryAction) -> &'static str {
    match action {
        HistoryAction::Create => td_string!(locale, offer.history.create),
        HistoryAction::Edit => td_string!(locale, offer.history.edit),
        HistoryAction::Publish => td_string!(locale, offer.history.publish),
        HistoryAction::Revert => td_string!(locale, offer.history.revert_done),
        HistoryAction::Confirm => td_string!(locale, offer.history.confirm),
        HistoryAction::Withdraw => td_string!(locale, offer.history.withdraw),
    }
}
