//! The form for a new account: e-mail, role, an organiser's organisations, a first
//! password. Checked with core's rules first (the server checks the same ones, and
//! whether the e-mail is free and the organisations exist); each broken rule stands
//! under its question, linked with `aria-describedby`, and all of them in the summary.

use leptos::prelude::*;
use omzien_core::account::{AccountField, AccountProblem, NewAccount};
use omzien_core::staff::{Role, MAX_PASSWORD};

use crate::api::{self, ApiError};
use crate::components::focus_by_id;
use crate::i18n::{t_string, td_string, use_i18n};
use crate::words;

/// What the form has to say about the last try.
#[derive(Clone, Default, PartialEq)]
struct Said {
    broken: Vec<AccountProblem>,
    /// The server has an account with this e-mail already.
    taken: bool,
    /// Any other refusal, already in words.
    refused: Option<String>,
}

impl Said {
    fn any(&self) -> bool {
        !self.broken.is_empty() || self.taken || self.refused.is_some()
    }

    fn about(&self, field: AccountField) -> Vec<AccountProblem> {
        self.broken
            .iter()
            .copied()
            .filter(|p| p.field() == field)
            .collect()
    }
}

#[component]
pub fn NewAccountForm(
    token: String,
    reload: RwSignal<u32>,
    organisations: Memo<Vec<(String, String)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let email = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Organiser);
    let chosen = RwSignal::new(Vec::<String>::new());
    let password = RwSignal::new(String::new());
    let said = RwSignal::new(Said::default());
    let made = RwSignal::new(None::<String>);

    let add = Action::new_local(move |account: &NewAccount| {
        let (token, account) = (token.clone(), account.clone());
        async move {
            match api::users::add(&token, &account).await {
                Ok(account) => {
                    said.set(Said::default());
                    made.set(Some(account.email));
                    email.set(String::new());
                    password.set(String::new());
                    chosen.set(Vec::new());
                    reload.update(|n| *n += 1);
                    focus_by_id("acc-gemaakt");
                }
                Err(error) => {
                    let taken = matches!(error, ApiError::Server { status: 409, .. });
                    said.set(Said {
                        taken,
                        refused: (!taken).then(|| words::for_staff(&error)),
                        ..Said::default()
                    });
                    focus_by_id("acc-fout");
                }
            }
        }
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if add.pending().get_untracked() {
            return;
        }
        let role = role.get_untracked();
        let account = NewAccount {
            email: email.get_untracked(),
            role,
            organisations: if role.keeps_organisations() {
                chosen.get_untracked()
            } else {
                Vec::new()
            },
            password: password.get_untracked(),
        };
        let broken = account.problems();
        made.set(None);
        if broken.is_empty() {
            add.dispatch(account);
        } else {
            said.set(Said {
                broken,
                ..Said::default()
            });
            focus_by_id("acc-fout");
        }
    };

    // The sentences about one question, under the id its control names.
    let line = move |field: AccountField, id: &'static str| {
        move || {
            let locale = i18n.get_locale();
            let mut sentences: Vec<&str> = said
                .with(|s| s.about(field))
                .into_iter()
                .map(|p| words::staff::account_problem(locale, p))
                .collect();
            if field == AccountField::Email && said.with(|s| s.taken) {
                sentences.push(td_string!(locale, staff.accounts.errors.email_taken));
            }
            (!sentences.is_empty())
                .then(|| view! { <p id=id class="utrecht-form-field-error-message field-error">{sentences.join(" ")}</p> })
        }
    };
    let broken = move |field: AccountField| {
        said.with(|s| !s.about(field).is_empty() || (field == AccountField::Email && s.taken))
    };
    let invalid = move |field: AccountField| move || broken(field).then_some("true");
    let described = move |hint: Option<&'static str>, field: AccountField, error: &'static str| {
        move || {
            let ids: Vec<&str> = hint
                .into_iter()
                .chain(broken(field).then_some(error))
                .collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };

    view! {
        {move || made.get().map(|address| view! {
            <div id="acc-gemaakt" tabindex="-1" role="status" class="receipt" data-testid="account-made">
                <p><strong>{move || words::fill(td_string!(i18n.get_locale(), staff.accounts.added), &[("email", &address)])}</strong></p>
                <p>{move || t_string!(i18n, staff.accounts.added_more)}</p>
            </div>
        })}
        <p>{move || t_string!(i18n, staff.accounts.add_explain)}</p>
        <div id="acc-fout" tabindex="-1" role="alert" class="utrecht-alert utrecht-alert--error error-summary" class:shown=move || said.with(Said::any)>
            {move || said.with(Said::any).then(|| {
                let locale = i18n.get_locale();
                let s = said.get();
                let mut sentences: Vec<String> = s.broken.iter().map(|p| words::staff::account_problem(locale, *p).to_owned()).collect();
                if s.taken {
                    sentences.insert(0, td_string!(locale, staff.accounts.errors.email_taken).to_owned());
                }
                sentences.extend(s.refused);
                view! {
                    <p><strong>{td_string!(locale, errors.check_this)}</strong></p>
                    <ul>{sentences.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
                }
            })}
        </div>
        <form class="staff-form" on:submit=submit novalidate=true>
            <div class="utrecht-form-field field">
                <label for="acc-email">{move || t_string!(i18n, staff.accounts.new_email)}</label>
                {line(AccountField::Email, "acc-email-fout")}
                <input id="acc-email" type="email" autocomplete="off" maxlength="254"
                    aria-invalid=invalid(AccountField::Email)
                    aria-describedby=described(None, AccountField::Email, "acc-email-fout")
                    prop:value=move || email.get()
                    on:input=move |ev| {
                        email.set(event_target_value(&ev));
                        said.update(|s| s.taken = false);
                    } />
            </div>
            <div class="utrecht-form-field field">
                <label for="acc-rol">{move || t_string!(i18n, staff.accounts.new_role)}</label>
                <select id="acc-rol" on:change=move |ev| {
                    if let Some(r) = Role::parse(&event_target_value(&ev)) {
                        role.set(r);
                    }
                }>
                    {Role::ALL.into_iter().map(|r| view! {
                        <option value=r.as_str() selected=move || role.get() == r>{move || words::staff::role_label(i18n.get_locale(), r)}</option>
                    }).collect_view()}
                </select>
            </div>
            {move || role.get().keeps_organisations().then(|| view! { <Organisations organisations=organisations chosen=chosen line=line(AccountField::Organisations, "acc-organisaties-fout") invalid=invalid(AccountField::Organisations) described=described(Some("acc-organisaties-uitleg"), AccountField::Organisations, "acc-organisaties-fout") /> })}
            <div class="utrecht-form-field field">
                <label for="acc-wachtwoord">{move || t_string!(i18n, staff.accounts.password)}</label>
                <p class="hint" id="acc-wachtwoord-uitleg">{move || t_string!(i18n, staff.accounts.password_hint)}</p>
                {line(AccountField::Password, "acc-wachtwoord-fout")}
                <input id="acc-wachtwoord" type="password" autocomplete="new-password" maxlength=MAX_PASSWORD.to_string()
                    aria-invalid=invalid(AccountField::Password)
                    aria-describedby=described(Some("acc-wachtwoord-uitleg"), AccountField::Password, "acc-wachtwoord-fout")
                    prop:value=move || password.get()
                    on:input=move |ev| password.set(event_target_value(&ev)) />
            </div>
            <div class="form-buttons">
                <button type="submit" prop:disabled=move || add.pending().get()>{move || t_string!(i18n, staff.accounts.add)}</button>
            </div>
        </form>
    }
}

/// An organiser's organisations: a checkbox each, from the catalogue on this device.
#[component]
fn Organisations<L, V, I, D>(
    organisations: Memo<Vec<(String, String)>>,
    chosen: RwSignal<Vec<String>>,
    line: L,
    invalid: I,
    described: D,
) -> impl IntoView
where
    L: Fn() -> Option<V> + Send + Sync + 'static,
    V: IntoView + 'static,
    I: Fn() -> Option<&'static str> + Copy + Send + Sync + 'static,
    D: Fn() -> Option<String> + Copy + Send + Sync + 'static,
{
    let i18n = use_i18n();
    view! {
        <fieldset>
            <legend>{move || t_string!(i18n, staff.accounts.new_organisations)}</legend>
            <p class="hint" id="acc-organisaties-uitleg">{move || t_string!(i18n, staff.accounts.new_organisations_hint)}</p>
            {line}
            {move || organisations.with(Vec::is_empty).then(|| view! { <p class="utrecht-alert utrecht-alert--info notice">{move || t_string!(i18n, staff.accounts.no_organisations)}</p> })}
            {move || organisations.get().into_iter().map(|(id, name)| {
                let control = format!("acc-org-{id}");
                let (checked, toggled) = (id.clone(), id.clone());
                view! {
                    <div class="utrecht-form-field field field-check">
                        <input id=control.clone() type="checkbox" aria-invalid=invalid aria-describedby=described
                            prop:checked=move || chosen.with(|c| c.contains(&checked))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                chosen.update(|c| {
                                    c.retain(|x| *x != toggled);
                                    if on {
                                        c.push(toggled.clone());
                                    }
                                });
                            } />
                        <label for=control lang="nl">{name}</label>
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
}
