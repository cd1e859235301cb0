//! Staff roles, the audit logs' actions and a new account's broken rules, in the
//! chosen language.

use omzien_core::account::{AccountAction, AccountProblem};
use omzien_core::staff::{AuditAction, Role};

use crate::browser::intl;
use crate::i18n::{td_string, Locale};

/// A staff role's name.
pub fn role_label(locale: Locale, role: Role) -> &'static str {
    match role {
        Role::Coordinator => td_string!(locale, staff.roles.coordinator),
        Role::OutreachWorker => td_string!(locale, staff.roles.outreach_worker),
        Role::Organiser => td_string!(locale, staff.roles.organiser),
        Role::Editor => td_string!(locale, staff.roles.editor),
        Role::Admin => td_string!(locale, staff.roles.admin),
        Role::Kartrekker => td_string!(locale, staff.roles.kartrekker),
        Role::PlaceManager => td_string!(locale, staff.roles.place_manager),
    }
}

/// A rule a new account breaks, for the admin.
pub fn account_problem(locale: Locale, problem: AccountProblem) -> &'static str {
    match problem {
        AccountProblem::EmailMissing => td_string!(locale, staff.accounts.errors.email_missing),
        AccountProblem::EmailInvalid => td_string!(locale, staff.accounts.errors.email_invalid),
        AccountProblem::PasswordLength => {
            td_string!(locale, staff.accounts.errors.password_length)
        }
        AccountProblem::OrganisationMissing => {
            td_string!(locale, staff.accounts.errors.organisation_missing)
        }
        AccountProblem::OrganisationNotForRole => {
            td_string!(locale, staff.accounts.errors.organisation_not_for_role)
        }
    }
}

pub fn action_label(locale: Locale, action: AuditAction) -> &'static str {
    match action {
        AuditAction::Read => td_string!(locale, staff.audit.actions.read),
        AuditAction::Status => td_string!(locale, staff.audit.actions.status),
        AuditAction::Assign => td_string!(locale, staff.audit.actions.assign),
        AuditAction::Referral => td_string!(locale, staff.audit.actions.referral),
    }
}

/// What was done to a staff account, in the accounts' log.
pub fn account_action_label(locale: Locale, action: AccountAction) -> &'static str {
    match action {
        AccountAction::Add => td_string!(locale, staff.accounts.log.actions.add),
        AccountAction::Disable => td_string!(locale, staff.accounts.log.actions.disable),
        AccountAction::Enable => td_string!(locale, staff.accounts.log.actions.enable),
    }
}

pub fn yes_no(locale: Locale, value: bool) -> &'static str {
    if value {
        td_string!(locale, triage.yes)
    } else {
        td_string!(locale, triage.no)
    }
}

/// A moment from the server (RFC 3339) as date and time in the chosen language, in this
/// device's time zone: "28 nov 2026 14:05" in Dutch.
pub fn when(locale: Locale, rfc3339: &str) -> String {
    let ms = js_sys::Date::parse(rfc3339);
    if ms.is_nan() {
        return rfc3339.to_owned();
    }
    intl::date_time(locale, ms)
}
