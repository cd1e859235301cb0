//! Sign-ups for activities: what a person fills in, the rules it must meet (used by
//! the form and by the server alike), and how a place is decided.

use serde::{Deserialize, Serialize};

use crate::form::{valid_email, valid_phone, Rule};
/// The sign-up form's name for the fields all forms share.
pub use crate::form::{Field as SignUpField, FieldError};

pub const MAX_NAME: usize = 50;
pub const MAX_NOTE: usize = 500;
pub use crate::form::{MAX_EMAIL, MAX_PHONE};
pub const MAX_PARTY: u8 = 10;
pub const MAX_ACTIVITY_ID: usize = 100;
/// A sign-up's cancel secret is 32 random bytes in hex (the app's `browser/random.rs`); the
/// server takes 32 to 128 visible ASCII characters, so no device makes a guessable one.
pub const MIN_CANCEL_SECRET: usize = 32;
pub const MAX_CANCEL_SECRET: usize = 128;

/// Whether `secret` is one a device may make: long enough that nobody guesses it,
/// short enough to hash cheaply, plain ASCII without spaces.
pub fn cancel_secret_is_well_formed(secret: &str) -> bool {
    (MIN_CANCEL_SECRET..=MAX_CANCEL_SECRET).contains(&secret.len())
        && secret.bytes().all(|b| b.is_ascii_graphic())
}

/// How the sign-up was made; "on behalf" needs the resident's recorded consent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// On the person's own device.
    #[serde(rename = "self")]
    Own,
    /// On a shared kiosk.
    Kiosk,
    /// By an outreach worker, with the resident's consent.
    OnBehalf,
}

/// How the organiser wants to reach the people who sign up. Asking only for what the
/// organiser uses keeps the personal data on the wire to the least that works.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactNeed {
    /// Either will do; one is enough.
    #[default]
    PhoneOrEmail,
    /// The organiser calls (e.g. to arrange a pick-up).
    Phone,
    Email,
}

impl ContactNeed {
    pub fn asks_phone(self) -> bool {
        self != ContactNeed::Email
    }

    pub fn asks_email(self) -> bool {
        self != ContactNeed::Phone
    }
}

impl Channel {
    pub const ALL: [Channel; 3] = [Self::Own, Self::Kiosk, Self::OnBehalf];

    /// As on the wire and in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Own => "self",
            Self::Kiosk => "kiosk",
            Self::OnBehalf => "on_behalf",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == text)
    }
}

/// What a person fills in. The least personal data that works: a first name and one
/// way to reach them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SignUpRequest {
    pub activity_id: String,
    pub first_name: String,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    pub party_size: u8,
    #[serde(default)]
    pub note: Option<String>,
    pub channel: Channel,
    /// The consent line was ticked.
    pub consent: bool,
    /// The optional box "Mijn naam mag naar de organisator": the activity's organisers
    /// may see the first name and contact detail on their list of sign-ups. Absent in
    /// what devices queued before the box existed, and then no.
    #[serde(default)]
    pub share_with_organiser: bool,
    /// A random secret the device made with the sign-up and keeps with it: whoever
    /// holds it may cancel the sign-up (`Change::CancelSignUp`). The server keeps only
    /// its SHA-256. Absent in what devices queued before it existed: such a sign-up is
    /// cancelled by its outreach worker or by phoning the organiser (docs/decisions.md).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancel_secret: Option<String>,
}

impl SignUpRequest {
    /// Every broken rule, so the form can show them all at once. `need` is the
    /// activity's: a phone number where the organiser calls, and so on.
    pub fn validate(&self, need: ContactNeed) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut fail =
            |field, rule, message: &str| errors.push(FieldError::new(field, rule, message));
        if self.activity_id.trim().is_empty() || self.activity_id.len() > MAX_ACTIVITY_ID {
            fail(
                SignUpField::ActivityId,
                Rule::Missing,
                "Kies een activiteit.",
            );
        }
        let name = self.first_name.trim();
        if name.is_empty() {
            fail(SignUpField::FirstName, Rule::Missing, "Vul je voornaam in.");
        } else if name.chars().count() > MAX_NAME {
            fail(
                SignUpField::FirstName,
                Rule::TooLong,
                "Je voornaam is te lang. Gebruik hoogstens 50 tekens.",
            );
        } else if name.chars().any(|c| c.is_control() || c.is_ascii_digit()) {
            fail(
                SignUpField::FirstName,
                Rule::NotLetters,
                "Gebruik alleen letters in je voornaam.",
            );
        }
        let phone = self
            .phone
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty());
        let email = self
            .email
            .as_deref()
            .map(str::trim)
            .filter(|e| !e.is_empty());
        match need {
            ContactNeed::PhoneOrEmail if phone.is_none() && email.is_none() => fail(
                SignUpField::Contact,
                Rule::Missing,
                "Vul een telefoonnummer of e-mailadres in. Dan kan de organisatie je bereiken.",
            ),
            ContactNeed::Phone if phone.is_none() => fail(
                SignUpField::Phone,
                Rule::Missing,
                "Vul je telefoonnummer in. De organisatie belt je als dat nodig is.",
            ),
            ContactNeed::Email if email.is_none() => fail(
                SignUpField::Email,
                Rule::Missing,
                "Vul je e-mailadres in. De organisatie mailt je als dat nodig is.",
            ),
            _ => {}
        }
        // A field the activity does not ask for must stay empty: the organiser would
        // receive personal data it never needed.
        if !need.asks_phone() && phone.is_some() {
            fail(
                SignUpField::Phone,
                Rule::NotNeeded,
                "Voor deze activiteit is geen telefoonnummer nodig.",
            );
        }
        if !need.asks_email() && email.is_some() {
            fail(
                SignUpField::Email,
                Rule::NotNeeded,
                "Voor deze activiteit is geen e-mailadres nodig.",
            );
        }
        if phone.is_some_and(|p| !valid_phone(p)) {
            fail(
                SignUpField::Phone,
                Rule::Invalid,
                "Dit telefoonnummer klopt niet. Gebruik 10 cijfers, bijvoorbeeld 06 12345678.",
            );
        }
        if email.is_some_and(|e| !valid_email(e)) {
            fail(
                SignUpField::Email,
                Rule::Invalid,
                "Dit e-mailadres klopt niet. Het ziet er zo uit: naam@voorbeeld.nl.",
            );
        }
        if !(1..=MAX_PARTY).contains(&self.party_size) {
            fail(
                SignUpField::PartySize,
                Rule::OutOfRange,
                "Met hoeveel mensen kom je? Kies 1 tot en met 10.",
            );
        }
        if self
            .note
            .as_deref()
            .is_some_and(|n| n.chars().count() > MAX_NOTE)
        {
            fail(
                SignUpField::Note,
                Rule::TooLong,
                "Je bericht is te lang. Gebruik hoogstens 500 tekens.",
            );
        }
        if !self.consent {
            fail(
                SignUpField::Consent, Rule::Missing,
                "Zet een vinkje als je het goed vindt dat we je gegevens bewaren voor deze aanmelding.",
            );
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// Whether a party gets places or goes on the waiting list. `taken` counts the people
/// already confirmed; `capacity` `None` means there is no limit.
pub fn decide_place(capacity: Option<u32>, taken: u32, party_size: u8) -> Place {
    match capacity {
        Some(cap) if taken + u32::from(party_size) > cap => Place::WaitingList,
        _ => Place::Confirmed,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Place {
    Confirmed,
    WaitingList,
}

impl Place {
    /// As on the wire and in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Confirmed => "confirmed",
            Self::WaitingList => "waiting_list",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [Self::Confirmed, Self::WaitingList]
            .into_iter()
            .find(|p| p.as_str() == text)
    }
}

/// `GET /api/v1/catalogue/activities/{id}/sign-ups`: who comes ("Wie komt er?"), read
/// online only. Every sign-up that is not cancelled counts; a name travels only where
/// the resident shared it and only to an organiser of the activity's organisation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SignUpList {
    /// Whether names could be shown to this reader at all: editors, coordinators and
    /// admins see the same list without names, since residents agreed to the organiser.
    pub names_for_you: bool,
    /// Those with a place first, then the waiting list; each oldest first.
    pub sign_ups: Vec<ListedSignUp>,
}

/// One sign-up on the list. Without the resident's agreement the person fields are
/// `None`: the organiser still counts the people.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ListedSignUp {
    pub first_name: Option<String>,
    /// The contact detail the activity asked for, so the organiser can tell people
    /// when it moves or does not take place.
    pub phone: Option<String>,
    pub email: Option<String>,
    pub party_size: u8,
    pub place: Place,
    /// When the server received it (RFC 3339, UTC).
    pub signed_up_at: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request() -> SignUpRequest {
        SignUpRequest {
            activity_id: "senver-wandelen".into(),
            first_name: "Joke".into(),
            phone: Some("06 12345678".into()),
            email: None,
            party_size: 1,
            note: None,
            channel: Channel::Kiosk,
            consent: true,
            share_with_organiser: false,
            cancel_secret: None,
        }
    }

    fn fields(r: &SignUpRequest) -> Vec<SignUpField> {
        r.validate(ContactNeed::PhoneOrEmail)
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.field)
            .collect()
    }

    #[test]
    fn a_complete_sign_up_is_valid() {
        assert_eq!(request().validate(ContactNeed::PhoneOrEmail), Ok(()));
    }

    #[test]
    fn every_broken_rule_is_reported_with_its_field() {
        let r = SignUpRequest {
            first_name: "  ".into(),
            phone: None,
            party_size: 0,
            consent: false,
            ..request()
        };
        assert_eq!(
            fields(&r),
            vec![
                SignUpField::FirstName,
                SignUpField::Contact,
                SignUpField::PartySize,
                SignUpField::Consent
            ]
        );
        let messages = r.validate(ContactNeed::PhoneOrEmail).unwrap_err();
        assert!(messages.iter().all(|e| e.message.ends_with('.')));
    }

    #[test]
    fn phone_numbers_dutch_and_international() {
        for good in [
            "06 12345678",
            "035-1234567",
            "+31 6 12345678",
            "0031612345678",
            "(035) 123 45 67",
            "+44 20 7946 0958",
        ] {
            assert!(valid_phone(good), "{good}");
        }
        for bad in [
            "12345",
            "06-1234567a",
            "+31 6 1234+5678",
            "0612345678901",
            "6 12345678",
        ] {
            assert!(!valid_phone(bad), "{bad}");
        }
    }

    #[test]
    fn email_addresses() {
        for good in ["joke@example.nl", "a.b+c@mail.hilversum.nl"] {
            assert!(valid_email(good), "{good}");
        }
        for bad in [
            "joke",
            "joke@",
            "@example.nl",
            "joke@example",
            "jo ke@example.nl",
            "a@b@c.nl",
            "joke@.nl",
        ] {
            assert!(!valid_email(bad), "{bad}");
        }
    }

    #[test]
    fn email_alone_is_enough_contact() {
        let r = SignUpRequest {
            phone: None,
            email: Some("joke@example.nl".into()),
            ..request()
        };
        assert_eq!(r.validate(ContactNeed::PhoneOrEmail), Ok(()));
    }

    #[test]
    fn the_activity_decides_which_contact_is_asked() {
        let phone_only = request();
        let email_only = SignUpRequest {
            phone: None,
            email: Some("joke@voorbeeld.nl".into()),
            ..request()
        };
        let none = SignUpRequest {
            phone: None,
            ..request()
        };
        let both = SignUpRequest {
            email: Some("joke@voorbeeld.nl".into()),
            ..request()
        };
        let fields = |r: &SignUpRequest, need| match r.validate(need) {
            Ok(()) => vec![],
            Err(errors) => errors.into_iter().map(|e| e.field).collect::<Vec<_>>(),
        };
        use ContactNeed::*;
        assert_eq!(fields(&phone_only, Phone), vec![]);
        assert_eq!(
            fields(&email_only, Phone),
            vec![SignUpField::Phone, SignUpField::Email]
        );
        assert_eq!(fields(&none, Phone), vec![SignUpField::Phone]);
        assert_eq!(fields(&email_only, Email), vec![]);
        assert_eq!(fields(&none, Email), vec![SignUpField::Email]);
        assert_eq!(fields(&both, Email), vec![SignUpField::Phone]);
        assert_eq!(fields(&both, PhoneOrEmail), vec![]);
        assert_eq!(fields(&none, PhoneOrEmail), vec![SignUpField::Contact]);
    }

    #[test]
    fn long_fields_are_refused() {
        let r = SignUpRequest {
            first_name: "a".repeat(51),
            note: Some("b".repeat(501)),
            ..request()
        };
        assert_eq!(fields(&r), vec![SignUpField::FirstName, SignUpField::Note]);
    }

    #[test]
    fn places_run_out_into_the_waiting_list() {
        assert_eq!(decide_place(None, 1000, 10), Place::Confirmed);
        assert_eq!(decide_place(Some(10), 8, 2), Place::Confirmed);
        assert_eq!(decide_place(Some(10), 9, 2), Place::WaitingList);
        assert_eq!(decide_place(Some(0), 0, 1), Place::WaitingList);
    }

    #[test]
    fn channel_self_is_spelled_self_on_the_wire() {
        let json = serde_json_text(Channel::Own);
        assert_eq!(json, "\"self\"");
    }

    #[test]
    fn channels_spell_the_same_everywhere() {
        for c in Channel::ALL {
            assert_eq!(Channel::parse(c.as_str()), Some(c));
            assert_eq!(serde_json_text(c), format!("\"{}\"", c.as_str()));
        }
        for p in [Place::Confirmed, Place::WaitingList] {
            assert_eq!(Place::parse(p.as_str()), Some(p));
            let json = serde_json::to_string(&p).unwrap();
            assert_eq!(json, format!("\"{}\"", p.as_str()));
        }
    }

    #[test]
    fn a_cancel_secret_is_long_random_ascii() {
        assert!(cancel_secret_is_well_formed(&"0123456789abcdef".repeat(4)));
        assert!(cancel_secret_is_well_formed(&"a".repeat(MIN_CANCEL_SECRET)));
        assert!(!cancel_secret_is_well_formed(""));
        assert!(!cancel_secret_is_well_formed("1234"), "guessable");
        assert!(!cancel_secret_is_well_formed(
            &"a".repeat(MAX_CANCEL_SECRET + 1)
        ));
        assert!(!cancel_secret_is_well_formed(&format!(
            "{} b",
            "a".repeat(40)
        )));
        assert!(!cancel_secret_is_well_formed(&"é".repeat(20)));
    }

    #[test]
    fn a_sign_up_queued_before_the_share_box_parses_and_shares_nothing() {
        let old = r#"{"activity_id": "senver-wandelen", "first_name": "Joke",
            "phone": "06 12345678", "party_size": 1, "channel": "kiosk", "consent": true}"#;
        let parsed: SignUpRequest = serde_json::from_str(old).unwrap();
        assert!(!parsed.share_with_organiser);
        assert_eq!(parsed, request());
        let shared = SignUpRequest {
            share_with_organiser: true,
            ..request()
        };
        let text = serde_json::to_string(&shared).unwrap();
        assert!(text.contains(r#""share_with_organiser":true"#), "{text}");
        assert_eq!(
            serde_json::from_str::<SignUpRequest>(&text).unwrap(),
            shared
        );
    }

    fn serde_json_text(c: Channel) -> String {
        serde_json::to_string(&c).unwrap()
    }
}
