//! Every account in a table, with a button to turn one off or on again. Turning off
//! asks once more in the row itself, since it ends that person's sessions at once;
//! turning on does not ask: it only gives back what she had.

use leptos::prelude::*;
use omzien_core::account::Account;

use crate::api;
use crate::browser::intl;
use crate::components::{focus_by_id, Loading};
use crate::i18n::{t_string, td_string, use_i18n};
use crate::store::StaffSession;
use crate::words;

/// What the last click did, to which e-mail address.
#[derive(Clone, Copy, PartialEq)]
enum Done {
    Disabled,
    Enabled,
}

#[component]
pub fn AccountList(
    accounts: LocalResource<Result<Vec<Account>, String>>,
    reload: RwSignal<u32>,
    session: StaffSession,
    organisations: Memo<Vec<(String, String)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let done = RwSignal::new(None::<(Done, String)>);
    let problem = RwSignal::new(None::<String>);
    let asking = RwSignal::new(None::<i64>);
    let token = session.token.clone();
    let disable = Action::new_local(move |(id, email): &(i64, String)| {
        let (token, id, email) = (token.clone(), *id, email.clone());
        async move {
            match api::users::disable(&token, id).await {
                Ok(()) => {
                    problem.set(None);
                    done.set(Some((Done::Disabled, email)));
                    asking.set(None);
                    reload.update(|n| *n += 1);
                    focus_by_id("acc-bericht");
                }
                Err(error) => {
                    problem.set(Some(words::for_staff(&error)));
                    focus_by_id("acc-probleem");
                }
            }
        }
    });
    let token = session.token.clone();
    let enable = Action::new_local(move |(id, email): &(i64, String)| {
        let (token, id, email) = (token.clone(), *id, email.clone());
        async move {
            match api::users::enable(&token, id).await {
                Ok(()) => {
                    problem.set(None);
                    done.set(Some((Done::Enabled, email)));
                    reload.update(|n| *n += 1);
                    focus_by_id("acc-bericht");
                }
                Err(error) => {
                    problem.set(Some(words::for_staff(&error)));
                    focus_by_id("acc-probleem");
                }
            }
        }
    });
    let me = session.user_id;
    view! {
        <p id="acc-bericht" tabindex="-1" role="status" data-testid="account-message">{move || done.get().map(|(what, email)| {
            let locale = i18n.get_locale();
            let text = match what {
                Done::Disabled => td_string!(locale, staff.accounts.disabled_done),
                Done::Enabled => td_string!(locale, staff.accounts.enable_done),
            };
            words::fill(text, &[("email", &email)])
        })}</p>
        <div id="acc-probleem" tabindex="-1" role="alert">
            {move || problem.get().map(|p| view! { <p class="utrecht-alert utrecht-alert--info notice">{p}</p> })}
        </div>
        <Suspense fallback=|| view! { <Loading /> }>
            {move || Suspend::new(async move {
                match accounts.await {
                    Err(message) => view! { <p class="utrecht-alert utrecht-alert--error notice" role="alert">{message}</p> }.into_any(),
                    Ok(list) => {
                        let count = list.len();
                        let rows = list.into_iter().map(|account| {
                            view! { <Row account=account me=me asking=asking disable=disable enable=enable organisations=organisations /> }
                        }).collect_view();
                        view! {
                            <div class="table-wrap" role="region" aria-labelledby="acc-titel" tabindex="0">
                                <table data-testid="accounts">
                                    <caption id="acc-titel">{move || {
                                        let locale = i18n.get_locale();
                                        if count == 1 {
                                            td_string!(locale, staff.accounts.caption_one).to_owned()
                                        } else {
                                            words::fill(td_string!(locale, staff.accounts.caption), &[("count", &intl::number(locale, count as f64))])
                                        }
                                    }}</caption>
                                    <thead>
                                        <tr>
                                            <th scope="col">{move || t_string!(i18n, staff.accounts.email)}</th>
                                            <th scope="col">{move || t_string!(i18n, staff.accounts.role)}</th>
                                            <th scope="col">{move || t_string!(i18n, staff.accounts.organisations)}</th>
                                            <th scope="col">{move || t_string!(i18n, staff.accounts.status)}</th>
                                            <th scope="col">{move || t_string!(i18n, staff.accounts.action)}</th>
                                        </tr>
                                    </thead>
                                    <tbody>{rows}</tbody>
                                </table>
                            </div>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn Row(
    account: Account,
    me: i64,
    asking: RwSignal<Option<i64>>,
    disable: Action<(i64, String), ()>,
    enable: Action<(i64, String), ()>,
    organisations: Memo<Vec<(String, String)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let Account {
        id,
        email,
        role,
        organisations: kept,
        disabled,
        failed_sign_ins,
        ..
    } = account;
    // Failed sign-ins of the last day from devices the account does not know: nobody
    // is locked out by them, but an admin may want to warn her or turn the account off.
    let failures = failed_sign_ins.map(|failed| {
        let attack = failed.under_attack.then(|| {
            view! { <strong class="warning">{move || t_string!(i18n, staff.accounts.under_attack)}</strong> }
        });
        let text = move || {
            let locale = i18n.get_locale();
            let since = words::staff::when(locale, &failed.since);
            let template = match (failed.count, failed.addresses) {
                (1, _) => td_string!(locale, staff.accounts.failed_sign_ins_one),
                (_, 1) => td_string!(locale, staff.accounts.failed_sign_ins_one_address),
                _ => td_string!(locale, staff.accounts.failed_sign_ins),
            };
            words::fill(
                template,
                &[
                    ("count", &intl::number(locale, failed.count)),
                    ("addresses", &intl::number(locale, failed.addresses)),
                    ("since", &since),
                ],
            )
        };
        view! {
            <p data-testid="failed-sign-ins">{text}</p>
            {attack}
        }
    });
    let names = move || {
        organisations.with(|known| {
            kept.iter()
                .map(|id| {
                    known
                        .iter()
                        .find(|(k, _)| k == id)
                        .map_or(id.as_str(), |(_, name)| name.as_str())
                })
                .collect::<Vec<_>>()
                .join(", ")
        })
    };
    let action = {
        let email = email.clone();
        move || {
            if id == me {
                return view! { <span>{move || t_string!(i18n, staff.accounts.you)}</span> }
                    .into_any();
            }
            if disabled {
                let chosen = email.clone();
                return view! {
                    <button type="button" class="secondary" id=format!("aan-{id}") prop:disabled=move || enable.pending().get()
                        on:click=move |_| { enable.dispatch((id, chosen.clone())); }>
                        {move || t_string!(i18n, staff.accounts.enable)}<span class="visually-hidden">{format!(": {email}")}</span>
                    </button>
                }
                .into_any();
            }
            if asking.get() != Some(id) {
                let ask_id = format!("uit-{id}");
                return view! {
                    <button type="button" class="secondary" id=ask_id on:click=move |_| {
                        asking.set(Some(id));
                        focus_by_id(&format!("uit-ja-{id}"));
                    }>
                        {move || t_string!(i18n, staff.accounts.disable)}<span class="visually-hidden">{format!(": {email}")}</span>
                    </button>
                }
                .into_any();
            }
            let (question, yes) = (format!("uit-vraag-{id}"), format!("uit-ja-{id}"));
            let sure = {
                let email = email.clone();
                move || {
                    words::fill(
                        td_string!(i18n.get_locale(), staff.accounts.disable_sure),
                        &[("email", &email)],
                    )
                }
            };
            let chosen = email.clone();
            view! {
                <p id=question.clone()>{sure}</p>
                <p class="form-buttons">
                    <button type="button" id=yes aria-describedby=question prop:disabled=move || disable.pending().get()
                        on:click=move |_| { disable.dispatch((id, chosen.clone())); }>
                        {move || t_string!(i18n, staff.accounts.disable_yes)}
                    </button>
                    <button type="button" class="secondary" on:click=move |_| {
                        asking.set(None);
                        focus_by_id(&format!("uit-{id}"));
                    }>{move || t_string!(i18n, staff.accounts.disable_no)}</button>
                </p>
            }
            .into_any()
        }
    };
    view! {
        <tr data-testid="account">
            <td>{email.clone()}</td>
            <td>{move || words::staff::role_label(i18n.get_locale(), role)}</td>
            <td lang="nl">{names}</td>
            <td>{move || if disabled { t_string!(i18n, staff.accounts.disabled) } else { t_string!(i18n, staff.accounts.active) }}{failures}</td>
            <td>{action}</td>
        </tr>
    }
}
