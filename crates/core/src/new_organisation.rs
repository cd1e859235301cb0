//! An organisation not yet in the catalogue: an organiser from a new partner proposes
//! it, an editor publishes it (an editor's own is published at once). Until then
//! residents never see it, and no activity of it can be published. Online only: a new
//! partner is rare, and keeping it out of the outbox keeps residents' app small.

use serde::{Deserialize, Serialize};

use crate::form::{filled, Errors, Field, FieldError, Rule};
use crate::model::{Contact, Organisation};

pub const MAX_NAME: usize = 120;
pub const MAX_DESCRIPTION: usize = 1000;

/// `POST /api/v1/catalogue/organisations`
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NewOrganisation {
    pub name: String,
    /// Who they are, in a few sentences, for residents and partners.
    pub description: String,
    #[serde(default)]
    pub contact: Contact,
}

/// The answer: the organisation as stored, and the organisations the one who proposed
/// it now keeps (an organiser keeps her new organisation at once, so its first
/// activities can follow its publication without a new sign-in).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Proposed {
    pub organisation: Organisation,
    pub published: bool,
    pub keeps: Vec<String>,
}

/// An organisation waiting for an editor, in the queue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueuedOrganisation {
    pub organisation: Organisation,
    /// Who proposed it (an e-mail address), when the account still exists.
    pub by: Option<String>,
    /// When, RFC 3339, UTC.
    pub at: String,
}

impl NewOrganisation {
    /// A name, a description, and a way to reach them that can be right: residents and
    /// partners will call or write.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Errors::default();
        let name = self.name.trim();
        if name.is_empty() {
            errors.fail(
                Field::Organisation,
                Rule::Missing,
                "Schrijf de naam van de organisatie.",
            );
        } else if name.chars().count() > MAX_NAME {
            errors.fail(Field::Organisation, Rule::TooLong, "Deze naam is te lang.");
        }
        let description = self.description.trim();
        if description.is_empty() {
            errors.fail(
                Field::Description,
                Rule::Missing,
                "Vertel kort wat de organisatie doet.",
            );
        } else if description.chars().count() > MAX_DESCRIPTION {
            errors.fail(
                Field::Description,
                Rule::TooLong,
                "De beschrijving is te lang.",
            );
        }
        let c = &self.contact;
        c.check(&mut errors);
        if [&c.phone, &c.email, &c.website]
            .iter()
            .all(|f| filled(f).is_none())
        {
            errors.fail(
                Field::OrganisationContact,
                Rule::Missing,
                "Geef een telefoonnummer, e-mailadres of website.",
            );
        }
        errors.into_result()
    }

    /// The record to store under `id`: trimmed, without empty contact fields, its
    /// source saying where it came from (`source`, a sentence with the date).
    pub fn into_organisation(self, id: String, source: String) -> Organisation {
        let keep = |f: Option<String>| filled(&f).map(str::to_owned);
        Organisation {
            id,
            name: self.name.trim().to_owned(),
            description: self.description.trim().to_owned(),
            contact: Contact {
                phone: keep(self.contact.phone),
                email: keep(self.contact.email),
                website: keep(self.contact.website),
                source: None,
            },
            network_role: None,
            source,
        }
    }
}

/// The same name, as people would write it twice: case, accents, spaces and
/// punctuation aside ("Stichting  Senver" is "stichting senver"); letters of every
/// script count ("Альфа" is not "Омега").
pub fn same_name(a: &str, b: &str) -> bool {
    let key = |s: &str| -> String {
        crate::search::fold(s)
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    key(a) == key(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proposal() -> NewOrganisation {
        NewOrganisation {
            name: " Buurthuis De Lindenhof ".into(),
            description: "Een buurthuis met koffie en activiteiten.".into(),
            contact: Contact {
                phone: Some("035 123 45 67".into()),
                email: Some(String::new()),
                ..Contact::default()
            },
        }
    }

    fn fields(p: &NewOrganisation) -> Vec<(Field, Rule)> {
        p.validate()
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| (e.field, e.rule))
            .collect()
    }

    #[test]
    fn a_name_a_description_and_one_way_to_reach_them_is_enough() {
        assert_eq!(fields(&proposal()), vec![]);
    }

    #[test]
    fn what_is_missing_or_wrong_is_named() {
        let empty = NewOrganisation::default();
        assert_eq!(
            fields(&empty),
            vec![
                (Field::Organisation, Rule::Missing),
                (Field::Description, Rule::Missing),
                (Field::OrganisationContact, Rule::Missing),
            ]
        );
        let mut wrong = proposal();
        wrong.contact.website = Some("www.lindenhof.nl".into());
        wrong.contact.email = Some("geen adres".into());
        wrong.name = "x".repeat(MAX_NAME + 1);
        assert_eq!(
            fields(&wrong),
            vec![
                (Field::Organisation, Rule::TooLong),
                (Field::Email, Rule::Invalid),
                (Field::Website, Rule::Invalid),
            ]
        );
    }

    #[test]
    fn the_record_is_trimmed_and_says_where_it_came_from() {
        let o = proposal().into_organisation("buurthuis-de-lindenhof".into(), "bron".into());
        assert_eq!(o.name, "Buurthuis De Lindenhof");
        assert_eq!(o.contact.email, None, "an empty field is no address");
        assert_eq!(o.contact.phone.as_deref(), Some("035 123 45 67"));
        assert_eq!(
            o.network_role, None,
            "an editor gives a role, not the proposer"
        );
        assert_eq!(o.source, "bron");
    }

    #[test]
    fn names_are_the_same_whatever_the_case_accents_or_spaces() {
        assert!(same_name("Stichting  Senver", "stichting senver"));
        assert!(same_name("Café de Hoek", "Cafe De Hoek!"));
        assert!(!same_name("Senver", "Versa Welzijn"));
        assert!(!same_name("Stichting Альфа", "Stichting Омега"));
        assert!(same_name("Стіл", "стіл"));
        assert!(!same_name("جمعية الأمل", "جمعية النور"));
    }
}
