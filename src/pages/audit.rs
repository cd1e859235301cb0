//! `/medewerkers/logboek`: the audit log, for admins. Who opened or changed which note,
//! and when: newest first, the last 500 entries. The server keeps this log also after a
//! note itself has been deleted.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use omzien_core::staff::AuditLog;

use super::triage::{access, when};
use crate::api;
use crate::browser::intl;
use crate::components::set_title;
use crate::i18n::{t_string, td, td_string, use_i18n};
use crate::state::network::use_network;
use crate::state::session::use_session;
use crate::words;

#[component]
pub fn AuditPage() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| set_title(t_string!(i18n, staff.audit.title)));
    let session = use_session();
    let log = RwSignal::new(None::<Result<AuditLog, String>>);
    let access = access(session, use_network());
    Effect::new(move |_| {
        let (role, online) = access.get();
        let Some(token) = session.live().map(|s| s.token) else {
            return;
        };
        if !online || !role.is_some_and(|r| r.can_read_audit()) {
            return;
        }
        spawn_local(async move {
            log.set(Some(
                api::audit::log(&token)
                    .await
                    .map_err(|e| words::for_staff(&e)),
            ));
        });
    });
    view! {
        <p class="back"><A href="/medewerkers">{move || t_string!(i18n, staff.audit.back)}</A></p>
        <h1 tabindex="-1">{move || t_string!(i18n, staff.audit.title)}</h1>
        <p>{move || t_string!(i18n, staff.audit.intro)}</p>
        {move || {
            let (role, online) = access.get();
            match role {
                None => view! {
                    <p class="notice next-links">{move || t_string!(i18n, staff.audit.for_admins)}" "<A href="/medewerkers">{move || t_string!(i18n, staff.audit.sign_in_first)}</A>"."</p>
                }.into_any(),
                Some(role) if !role.can_read_audit() => view! {
                    <p class="notice">{move || t_string!(i18n, staff.audit.no_access)}</p>
                }.into_any(),
                Some(_) if !online => view! {
                    <p class="notice"><strong>{move || t_string!(i18n, staff.audit.offline)}</strong>" "{move || t_string!(i18n, staff.audit.offline_not_here)}</p>
                }.into_any(),
                Some(_) => match log.get() {
                    None => view! { <crate::components::Loading /> }.into_any(),
                    Some(Err(message)) => view! { <p class="notice" role="alert">{message}</p> }.into_any(),
                    Some(Ok(log)) if log.entries.is_empty() => view! {
                        <p>{move || t_string!(i18n, staff.audit.empty)}</p>
                    }.into_any(),
                    Some(Ok(log)) => view! { <AuditTable log=log /> }.into_any(),
                },
            }
        }}
    }
}

#[component]
fn AuditTable(log: AuditLog) -> impl IntoView {
    let i18n = use_i18n();
    let count = log.entries.len();
    view! {
        <div class="table-wrap" role="region" aria-labelledby="logboek-titel" tabindex="0">
            <table data-testid="audit-log">
                <caption id="logboek-titel">{move || {
                    let locale = i18n.get_locale();
                    if count == 1 {
                        td_string!(locale, staff.audit.caption_one).into_any()
                    } else {
                        td!(locale, staff.audit.caption, count = intl::number(locale, count as f64))
                            .into_any()
                    }
                }}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || t_string!(i18n, staff.audit.when)}</th>
                        <th scope="col">{move || t_string!(i18n, staff.audit.who)}</th>
                        <th scope="col">{move || t_string!(i18n, staff.audit.what)}</th>
                        <th scope="col">{move || t_string!(i18n, staff.audit.note)}</th>
                    </tr>
                </thead>
                <tbody>
                    {log.entries.into_iter().map(|entry| {
                        let (action, detail) = (entry.action, entry.detail);
                        let what = move || {
                            let label = words::staff::action_label(i18n.get_locale(), action);
                            match &detail {
                                Some(detail) => format!("{label}: {detail}"),
                                None => label.to_owned(),
                            }
                        };
                        let short = entry.note_id.chars().take(8).collect::<String>();
                        view! {
                            <tr>
                                <td>{when(crate::i18n::use_i18n().get_locale_untracked(), &entry.at)}</td>
                                <td>{entry.user.email}</td>
                                <td>{what}</td>
                                <td><span title=entry.note_id>{short}</span></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
