//! Staff accounts as admins manage them: the wire types of `/api/v1/users` and the
//! rules a new account must keep. One set of rules for the app's form, the server's
//! endpoint and `omzien-server user add`, so the three cannot disagree.

use serde::{Deserialize, Serialize};

use crate::form::valid_email;
use crate::staff::{Role, StaffRef, MAX_PASSWORD, MIN_PASSWORD};

/// E-mail addresses are kept and compared trimmed and in lower case.
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// `POST /api/v1/users`: a new staff account with a first password, which the admin
/// hands over herself. Only its argon2id hash is stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewAccount {
    pub email: String,
    pub role: Role,
    /// Only for an organiser, and then one or more: organisation ids in the catalogue.
    #[serde(default)]
    pub organisations: Vec<String>,
    pub password: String,
}

/// A rule a new account breaks. Whether the e-mail is free and the organisations
/// exist is the server's check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccountProblem {
    EmailMissing,
    EmailInvalid,
    /// Fewer than [`MIN_PASSWORD`] or more than [`MAX_PASSWORD`] characters.
    PasswordLength,
    /// An organiser without an organisation.
    OrganisationMissing,
    /// Organisations for a role that keeps every activity, or none.
    OrganisationNotForRole,
}

impl AccountProblem {
    /// In words for the admin (Dutch, B1).
    pub fn message_nl(self) -> &'static str {
        match self {
            Self::EmailMissing => "Vul het e-mailadres in.",
            Self::EmailInvalid => "Dit e-mailadres klopt niet. Kijk of er een @ en een punt in staan.",
            Self::PasswordLength => {
                "Het eerste wachtwoord moet 12 tot 1024 tekens lang zijn."
            }
            Self::OrganisationMissing => {
                "Kies de organisatie of organisaties waarvan deze organisator de activiteiten bijhoudt."
            }
            Self::OrganisationNotForRole => {
                "Alleen een organisator hoort bij een organisatie. Haal de vinkjes weg of kies de rol organisator."
            }
        }
    }

    /// In words for whoever runs `omzien-server user add` (its messages are English).
    pub fn message_en(self) -> &'static str {
        match self {
            Self::EmailMissing | Self::EmailInvalid => "that is not an e-mail address",
            Self::PasswordLength => "the password must be 12 to 1024 characters long",
            Self::OrganisationMissing => {
                "an organiser keeps the activities of one or more organisations: name them with --organisation"
            }
            Self::OrganisationNotForRole => {
                "only an organiser is linked to organisations (other roles keep every activity or none)"
            }
        }
    }

    /// The question of the form this is about.
    pub fn field(self) -> AccountField {
        match self {
            Self::EmailMissing | Self::EmailInvalid => AccountField::Email,
            Self::PasswordLength => AccountField::Password,
            Self::OrganisationMissing | Self::OrganisationNotForRole => AccountField::Organisations,
        }
    }
}

/// The questions of the new-account form. Not `form::Field`: these never travel in a
/// push answer, and every variant there costs the residents' bundle bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccountField {
    Email,
    Organisations,
    Password,
}

impl NewAccount {
    /// Every rule broken, in the order of the form (e-mail, organisations, password).
    pub fn problems(&self) -> Vec<AccountProblem> {
        let mut found = Vec::new();
        let email = normalise_email(&self.email);
        if email.is_empty() {
            found.push(AccountProblem::EmailMissing);
        } else if !valid_email(&email) {
            found.push(AccountProblem::EmailInvalid);
        }
        match (
            self.role.keeps_organisations(),
            self.organisations.is_empty(),
        ) {
            (true, true) => found.push(AccountProblem::OrganisationMissing),
            (false, false) => found.push(AccountProblem::OrganisationNotForRole),
            _ => {}
        }
        // In characters, as people count them; a long passphrase is welcome.
        let length = self.password.chars().count();
        if !(MIN_PASSWORD..=MAX_PASSWORD).contains(&length) {
            found.push(AccountProblem::PasswordLength);
        }
        found
    }
}

/// One staff account as an admin sees it: never a password or its hash.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub id: i64,
    pub email: String,
    pub role: Role,
    /// An organiser's organisations (empty for other roles).
    #[serde(default)]
    pub organisations: Vec<String>,
    pub disabled: bool,
    /// RFC 3339, UTC.
    pub created_at: String,
    /// Failed sign-ins on this account within the last day from devices where it never
    /// signed in; absent when there were none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failed_sign_ins: Option<FailedSignIns>,
}

/// What an admin sees of the failed sign-ins on an account: its owner mistyping, or
/// someone guessing her password. Nobody is locked out by them (the server slows down
/// the addresses they come from); the admin may want to warn the owner or disable the
/// account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FailedSignIns {
    /// How many within the last day.
    pub count: u32,
    /// From how many client addresses.
    pub addresses: u32,
    /// The first of them, RFC 3339, UTC.
    pub since: String,
    /// So many from so many addresses that someone is guessing: the server also warns
    /// in its log when an account gets here.
    pub under_attack: bool,
}

/// `GET /api/v1/users`: every account, by e-mail.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Accounts {
    pub accounts: Vec<Account>,
}

/// What was done to a staff account, as `account_audit` keeps it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountAction {
    Add,
    Disable,
    /// Turned on again after it was disabled.
    Enable,
}

impl AccountAction {
    pub const ALL: [AccountAction; 3] = [Self::Add, Self::Disable, Self::Enable];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Add => "add",
            Self::Disable => "disable",
            Self::Enable => "enable",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == text)
    }
}

/// One line of the accounts' log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountLogEntry {
    /// RFC 3339, UTC.
    pub at: String,
    /// The admin who did it; `None` when it was done on the server's machine
    /// (`omzien-server user …`), where nobody is signed in.
    #[serde(default)]
    pub by: Option<StaffRef>,
    pub account: StaffRef,
    pub action: AccountAction,
    /// For an added account: its role, and an organiser's organisations.
    #[serde(default)]
    pub detail: Option<String>,
}

/// `GET /api/v1/users/log?limit=`: newest first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountLog {
    pub entries: Vec<AccountLogEntry>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(email: &str, role: Role, organisations: &[&str], password: &str) -> NewAccount {
        NewAccount {
            email: email.to_owned(),
            role,
            organisations: organisations.iter().map(|o| (*o).to_owned()).collect(),
            password: password.to_owned(),
        }
    }

    const GOOD: &str = "een lang genoeg wachtwoord";

    #[test]
    fn an_organiser_names_organisations_and_nobody_else_does() {
        assert_eq!(
            account("anja@senver.example", Role::Organiser, &["senver"], GOOD).problems(),
            []
        );
        assert_eq!(
            account("anja@senver.example", Role::Organiser, &[], GOOD).problems(),
            [AccountProblem::OrganisationMissing]
        );
        for role in Role::ALL.into_iter().filter(|r| *r != Role::Organiser) {
            assert_eq!(
                account("x@hilversum.example", role, &["senver"], GOOD).problems(),
                [AccountProblem::OrganisationNotForRole],
                "{role:?}"
            );
            assert_eq!(
                account("x@hilversum.example", role, &[], GOOD).problems(),
                []
            );
        }
    }

    #[test]
    fn every_broken_rule_at_once_in_the_forms_order() {
        let found = account("  ", Role::Organiser, &[], "kort").problems();
        assert_eq!(
            found,
            [
                AccountProblem::EmailMissing,
                AccountProblem::OrganisationMissing,
                AccountProblem::PasswordLength
            ]
        );
        let found = account("geen-adres", Role::Admin, &[], GOOD).problems();
        assert_eq!(found, [AccountProblem::EmailInvalid]);
        assert_eq!(found[0].field(), AccountField::Email);
    }

    #[test]
    fn passwords_count_characters_between_the_bounds() {
        let at = |n: usize| account("a@b.nl", Role::Admin, &[], &"é".repeat(n)).problems();
        assert_eq!(at(MIN_PASSWORD - 1), [AccountProblem::PasswordLength]);
        assert_eq!(at(MIN_PASSWORD), []);
        assert_eq!(at(MAX_PASSWORD), []);
        assert_eq!(at(MAX_PASSWORD + 1), [AccountProblem::PasswordLength]);
    }

    #[test]
    fn emails_are_compared_trimmed_and_in_lower_case() {
        assert_eq!(normalise_email(" Anna@Hilversum.NL "), "anna@hilversum.nl");
        assert_eq!(
            account(" Anna@Hilversum.NL ", Role::Admin, &[], GOOD).problems(),
            []
        );
    }

    #[test]
    fn every_problem_has_words_and_a_field() {
        for p in [
            AccountProblem::EmailMissing,
            AccountProblem::EmailInvalid,
            AccountProblem::PasswordLength,
            AccountProblem::OrganisationMissing,
            AccountProblem::OrganisationNotForRole,
        ] {
            assert!(p.message_nl().ends_with('.'), "{p:?}");
            assert!(!p.message_en().is_empty());
        }
    }

    #[test]
    fn an_account_never_carries_a_password() {
        let json = serde_json::to_string(&Account {
            id: 1,
            email: "a@b.nl".into(),
            role: Role::Editor,
            organisations: vec![],
            disabled: false,
            created_at: "2026-01-01T00:00:00.000Z".into(),
            failed_sign_ins: None,
        })
        .unwrap();
        assert!(!json.contains("password"), "{json}");
        assert!(json.contains(r#""role":"editor""#), "{json}");
    }

    #[test]
    fn account_actions_read_back_as_stored() {
        for a in AccountAction::ALL {
            assert_eq!(AccountAction::parse(a.as_str()), Some(a));
            let json = serde_json::to_string(&a).unwrap();
            assert_eq!(json, format!("\"{}\"", a.as_str()));
        }
        assert_eq!(AccountAction::parse("delete"), None);
    }

    #[test]
    fn a_log_line_from_the_command_line_has_no_admin() {
        let line: AccountLogEntry = serde_json::from_str(
            r#"{"at": "2026-01-01T00:00:00.000Z", "account": {"id": 2, "email": "bo@example.nl"}, "action": "enable"}"#,
        )
        .unwrap();
        assert_eq!(line.by, None);
        assert_eq!(line.action, AccountAction::Enable);
        assert_eq!(line.detail, None);
    }
}
