//! What happened to staff accounts: who made, turned off or turned on which account,
//! and when, newest first. Asked again whenever the list changes, so a click above
//! shows here at once.

use leptos::prelude::*;
use omzien_core::account::{AccountAction, AccountLog};
use omzien_core::staff::Role;

use crate::browser::intl;
use crate::components::Loading;
use crate::i18n::{t_string, td_string, use_i18n, Locale};
use crate::words;
use crate::words::staff::when;

#[component]
pub fn AccountLogTable(
    log: LocalResource<Result<AccountLog, String>>,
    organisations: Memo<Vec<(String, String)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Suspense fallback=|| view! { <Loading /> }>
            {move || Suspend::new(async move {
                match log.await {
                    Err(message) => view! { <p class="utrecht-alert utrecht-alert--error notice" role="alert">{message}</p> }.into_any(),
                    Ok(log) if log.entries.is_empty() => view! {
                        <p>{move || t_string!(i18n, staff.accounts.log.empty)}</p>
                    }.into_any(),
                    Ok(log) => view! { <Lines log=log organisations=organisations /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Lines(log: AccountLog, organisations: Memo<Vec<(String, String)>>) -> impl IntoView {
    let i18n = use_i18n();
    let count = log.entries.len();
    view! {
        <div class="table-wrap" role="region" aria-labelledby="acc-log-titel" tabindex="0">
            <table data-testid="account-log">
                <caption id="acc-log-titel">{move || {
                    let locale = i18n.get_locale();
                    if count == 1 {
                        td_string!(locale, staff.accounts.log.caption_one).to_owned()
                    } else {
                        words::fill(td_string!(locale, staff.accounts.log.caption), &[("count", &intl::number(locale, count as f64))])
                    }
                }}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || t_string!(i18n, staff.accounts.log.when)}</th>
                        <th scope="col">{move || t_string!(i18n, staff.accounts.log.who)}</th>
                        <th scope="col">{move || t_string!(i18n, staff.accounts.log.what)}</th>
                        <th scope="col">{move || t_string!(i18n, staff.accounts.log.account)}</th>
                    </tr>
                </thead>
                <tbody>
                    {log.entries.into_iter().map(|entry| {
                        let (action, detail) = (entry.action, entry.detail);
                        let what = move || {
                            let locale = i18n.get_locale();
                            let label = words::staff::account_action_label(locale, action);
                            match detail.as_deref().filter(|_| action == AccountAction::Add) {
                                Some(detail) => format!("{label}: {}", made_as(locale, detail, organisations)),
                                None => label.to_owned(),
                            }
                        };
                        let by = entry.by.map(|b| b.email);
                        let who = move || match &by {
                            Some(email) => email.clone(),
                            None => t_string!(i18n, staff.accounts.log.on_server).to_owned(),
                        };
                        view! {
                            <tr data-testid="account-log-line">
                                <td>{when(i18n.get_locale_untracked(), &entry.at)}</td>
                                <td>{who}</td>
                                <td>{what}</td>
                                <td>{entry.account.email}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// An added account's detail as the server writes it (`organiser: senver, versa`, or
/// just the role) in words: the role's name, and the organisations' names where this
/// device knows them. Anything else is shown as it came.
fn made_as(locale: Locale, detail: &str, organisations: Memo<Vec<(String, String)>>) -> String {
    let (role, kept) = detail.split_once(": ").unwrap_or((detail, ""));
    let Some(role) = Role::parse(role) else {
        return detail.to_owned();
    };
    let role = words::staff::role_label(locale, role);
    if kept.is_empty() {
        return role.to_owned();
    }
    let names = organisations.with(|known| {
        kept.split(", ")
            .map(|id| {
                known
                    .iter()
                    .find(|(k, _)| k == id)
                    .map_or(id, |(_, name)| name.as_str())
            })
            .collect::<Vec<_>>()
            .join(", ")
    });
    format!("{role} ({names})")
}
