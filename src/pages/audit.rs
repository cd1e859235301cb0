//! `/medewerkers/logboek`: the audit log, for admins. Who opened or changed which note,
//! and when: newest first, the last 500 entries. The server keeps this log also after a
//! note itself has been deleted.

use leptos::prelude::*;
use leptos_router::components::A;
use omzien_core::staff::{AuditLog, Role};

use crate::api;
use crate::browser::intl;
use crate::components::set_title;
use crate::components::staff_only::{Closed, StaffOnly};
use crate::components::Loading;
use crate::i18n::{t_string, td_string, use_i18n};
use crate::words;
use crate::words::staff::when;

/// What the page says to whoever may not read the log, or not now.
const CLOSED: Closed = Closed {
    for_whom: |l| td_string!(l, staff.audit.for_admins),
    sign_in_first: |l| td_string!(l, staff.audit.sign_in_first),
    no_access: |l| td_string!(l, staff.audit.no_access),
    offline: |l| td_string!(l, staff.audit.offline),
    offline_more: |l| td_string!(l, staff.audit.offline_not_here),
    offline_test_id: None,
};

#[component]
pub fn AuditPage() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| set_title(t_string!(i18n, staff.audit.title)));
    view! {
        <p class="back"><A href="/medewerkers">{move || t_string!(i18n, staff.audit.back)}</A></p>
        <h1 tabindex="-1">{move || t_string!(i18n, staff.audit.title)}</h1>
        <p>{move || t_string!(i18n, staff.audit.intro)}</p>
        <StaffOnly need=Role::can_read_audit words=CLOSED let:session>
            <Entries token=session.token />
        </StaffOnly>
    }
}

/// The log, asked for each time the page opens to an admin online.
#[component]
fn Entries(token: String) -> impl IntoView {
    let i18n = use_i18n();
    let log = LocalResource::new(move || {
        let token = token.clone();
        async move {
            api::audit::log(&token)
                .await
                .map_err(|e| words::for_staff(&e))
        }
    });
    view! {
        <Suspense fallback=|| view! { <Loading /> }>
            {move || Suspend::new(async move {
                match log.await {
                    Err(message) => view! { <p class="utrecht-alert utrecht-alert--error notice" role="alert">{message}</p> }.into_any(),
                    Ok(log) if log.entries.is_empty() => view! {
                        <p>{move || t_string!(i18n, staff.audit.empty)}</p>
                    }.into_any(),
                    Ok(log) => view! { <AuditTable log=log /> }.into_any(),
                }
            })}
        </Suspense>
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
                        td_string!(locale, staff.audit.caption_one).to_owned()
                    } else {
                        words::fill(td_string!(locale, staff.audit.caption), &[("count", &intl::number(locale, count as f64))])
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
                                <td>{when(i18n.get_locale_untracked(), &entry.at)}</td>
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
